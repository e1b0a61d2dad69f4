"""Every development gold file is valid and follows the annotation conventions.

The loader already rejects what can never be right (surfaces not found, unknown enums, bad dates,
inconsistent ranges); these tests add the conventions of tests/data/gold/README.md that hold for
every figure: units agree with their kind, periods with their basis, a change's sign with the
text's direction where the text is explicit, and Reuters/PhraseBank documents with their corpus.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from extract.evaluate import GOLD_COLUMNS, GoldSet, read_gold, surface_pattern

GOLD_DIR = Path(__file__).parent / "data" / "gold"
BLIND_DIR = Path(__file__).parent / "data" / "gold-blind"
# The blind validation set (never tuned on at first, see its README) follows the same format.
GOLD_FILES = sorted(GOLD_DIR.glob("*.figures.csv")) + sorted(BLIND_DIR.glob("*.figures.csv"))
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"
REUTERS_DIR = CORPORA / "reuters21578"
PHRASEBANK_DIR = CORPORA / "financial_phrasebank"
HELD_OUT_FROM_NEWID = 16001  # reut2-016.sgm onwards is kept for the final evaluation

# A direction word right before the figure (fillers allowed) or right after it.
_FALL_WORDS = (
    "fell fall falls falling fallen down declin\\w* decreas\\w* drop\\w* lower shr[ai]nk\\w* "
    "slipp\\w* reduc\\w* contract\\w* los[st]"
).split()
_RISE_WORDS = (
    "rose rise rises rising risen up increas\\w* grew grow\\w* gain\\w* higher jump\\w* "
    "climb\\w* expand\\w* improv\\w* advanc\\w*"
).split()
_FILLERS = (
    "by a an of only revised provisional preliminary confirmed estimated real seasonally "
    "adjusted further another some"
).split()
_FALL = "|".join(_FALL_WORDS)
_RISE = "|".join(_RISE_WORDS)
_BEFORE = re.compile(rf"\b(?P<dir>{_FALL}|{_RISE})\s+(?:(?:{'|'.join(_FILLERS)})\s+)*$", re.I)
_AFTER = re.compile(
    r"^\s+(?:[\w-]+\s+)?(?P<dir>fall|drop|decline|decrease|reduction|rise|increase|gain|growth"
    r"|improvement)\b",
    re.I,
)


_WRITTEN_NEGATIVE = re.compile(r"\s*(?:[-−]|minus\b|negative\b)", re.I)
_TAKEN_FROM = re.compile(
    r"\b(?:subtract\w*|cut\w*|shav\w*|knock\w*|trim\w*|reduc\w*|lower\w*|wip\w*|took|take[sn]?)\b"
    r"[^.;]*\Z",
    re.I,
)


def _direction(word: str) -> int:
    return -1 if re.fullmatch(_FALL, word, re.I) else 1


@pytest.fixture(scope="module", params=GOLD_FILES, ids=[f.name for f in GOLD_FILES])
def gold_set(request) -> GoldSet:
    return read_gold(request.param)


def _rows(gs: GoldSet) -> list[dict]:
    return gs.gold.to_dict(orient="records")


def test_there_is_gold_to_evaluate():
    names = {f.name for f in GOLD_FILES}
    assert {"reuters-a.figures.csv", "seed.figures.csv"} <= names


def test_file_is_valid_and_complete(gold_set):
    # read_gold has located every surface and checked enums, dates, ranges and columns
    assert len(gold_set.gold) > 0
    assert list(gold_set.gold.columns[: len(GOLD_COLUMNS)]) == list(GOLD_COLUMNS)
    annotated = set(gold_set.gold["doc_id"])
    assert annotated <= {d.doc_id for d in gold_set.documents}


def test_units_agree_with_unit_kind(gold_set):
    expected = {
        "percent": r"%",
        "percentage_point": r"pp",
        "basis_point": r"bp",
        "index_point": r"point",
        "currency": r"[A-Z]{3}(?:/[A-Za-z0-9]+)?",
    }
    bad = []
    for r in _rows(gold_set):
        pattern = expected.get(r["unit_kind"])
        unit = r["unit"]
        if pattern and not re.fullmatch(pattern, unit):
            bad.append(f"{r['doc_id']} {r['surface']!r}: unit {unit!r} for {r['unit_kind']}")
        if r["unit_kind"] == "count" and (not unit or unit != unit.lower() or unit[0] in "%$"):
            bad.append(f"{r['doc_id']} {r['surface']!r}: a count's unit is its noun: {unit!r}")
    assert not bad, "\n".join(bad)


def test_periods_agree_with_their_basis(gold_set):
    bad = []
    for r in _rows(gold_set):
        start, end, basis = r["period_start"], r["period_end"], r["period_basis"]
        where = f"{r['doc_id']} {r['surface']!r}"
        if basis == "unknown" and (start or end):
            bad.append(f"{where}: basis unknown but a period is given")
        if basis == "publication" and (start is not None or end != r["published"]):
            bad.append(f"{where}: 'as of publication' means no start and end = published")
        if basis in ("explicit", "relative") and end is None:
            bad.append(f"{where}: basis {basis} needs a period_end")
    assert not bad, "\n".join(bad)


def test_values_are_signed_as_the_conventions_say(gold_set):
    """Levels (deficits, losses included) are positive; changes follow the text's direction."""
    docs = {d.doc_id: d.text for d in gold_set.documents}
    bad = []
    for r in _rows(gold_set):
        where = f"{r['doc_id']} {r['surface']!r} = {r['value']}"
        if r["kind"] == "level" and r["value"] < 0 and not _WRITTEN_NEGATIVE.match(r["surface"]):
            # a negative rate or price is written so ("-0.1%", "minus $37.63"); a deficit or a
            # loss is a positive level
            bad.append(f"{where}: a level is never negative unless the text writes it so")
        if r["kind"] != "change" or r["value"] == 0:
            continue
        text = docs[r["doc_id"]]
        start, end = r["char_start"], r["char_end"]
        before = _BEFORE.search(text[max(0, start - 60) : start])
        after = _AFTER.match(text[end : end + 40])
        cue = before or after
        if cue is None or (after and _TAKEN_FROM.search(text[max(0, start - 40) : start])):
            continue  # "subtracting 0.3 percentage point from growth": a cut, not the growth
        sign = _direction(cue.group("dir"))
        if sign * r["value"] < 0:
            bad.append(f"{where}: the text says {cue.group('dir')!r}")
    assert not bad, "\n".join(bad)


def test_snippets_and_keywords_help_find_the_figure(gold_set):
    docs = {d.doc_id: d.text for d in gold_set.documents}
    bad = []
    for r in _rows(gold_set):
        where = f"{r['doc_id']} {r['surface']!r}"
        snippet = r["sentence_snippet"]
        if not snippet:
            bad.append(f"{where}: sentence_snippet is empty")
            continue
        spans = [m.span() for m in surface_pattern(snippet).finditer(docs[r["doc_id"]])]
        near = any(s - 300 <= r["char_start"] and r["char_end"] <= e + 300 for s, e in spans)
        if not near:
            bad.append(f"{where}: no occurrence of the snippet {snippet!r} is near the figure")
        if not r["measure"]:
            bad.append(f"{where}: measure is empty")
        if not re.fullmatch(r"[^|\s][^|]*(?:\|[^|\s][^|]*)*", r["measure_keyword"]):
            bad.append(f"{where}: measure_keyword {r['measure_keyword']!r} is malformed")
    assert not bad, "\n".join(bad)


def test_documents_follow_the_corpus_conventions(gold_set):
    bad = []
    for doc in gold_set.documents:
        corpus = gold_set.corpus_of[doc.doc_id]
        if corpus == "reuters21578":
            m = re.fullmatch(r"reuters-(\d+)", doc.doc_id)
            if not m:
                bad.append(f"{doc.doc_id}: a Reuters id is reuters-<NEWID>")
            elif int(m.group(1)) >= HELD_OUT_FROM_NEWID:
                bad.append(f"{doc.doc_id}: stories from reut2-016.sgm on are held out")
            if doc.published is None:
                bad.append(f"{doc.doc_id}: a Reuters story has its <DATE>")
        elif corpus == "phrasebank":
            digest = hashlib.sha1(doc.text.encode("utf-8")).hexdigest()[:10]
            if doc.doc_id != f"fpb-{digest}":
                bad.append(f"{doc.doc_id}: a PhraseBank id is fpb-<sha1(sentence)[:10]>")
            if doc.published is not None:
                bad.append(f"{doc.doc_id}: PhraseBank sentences have no date")
    assert not bad, "\n".join(bad)


def test_every_document_has_figures(gold_set):
    annotated = set(gold_set.gold["doc_id"])
    reuters = [
        d.doc_id for d in gold_set.documents if gold_set.corpus_of[d.doc_id] == "reuters21578"
    ]
    assert not [d for d in reuters if d not in annotated], "stories without figures were chosen"


def test_part_a_covers_its_brief():
    gs = read_gold(GOLD_DIR / "reuters-a.figures.csv")
    assert len(gs.documents) >= 35
    assert len(gs.gold) >= 150
    topics = {}
    for line in (GOLD_DIR / "reuters-a.documents.jsonl").read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        topics[obj["id"]] = set(obj["topics"])
    wanted = {"trade", "money-supply", "gnp", "cpi"}
    assert all(t & wanted for t in topics.values())
    assert all(any(w in t for t in topics.values()) for w in wanted)


def test_seed_keeps_the_original_gold_values_and_periods():
    seed = read_gold(GOLD_DIR / "seed.figures.csv").gold
    original = pd.read_csv(Path(__file__).parent / "data" / "seed_figures.csv", dtype=str)
    original = original.fillna("")
    assert len(seed) == len(original) == 18
    for (_, old), new in zip(original.iterrows(), seed.to_dict(orient="records"), strict=True):
        assert new["surface"] == old["surface"]
        assert new["value"] == float(old["value"])
        for col in ("unit", "kind", "qualifier", "modality", "measure_keyword", "entities"):
            assert new[col] == old[col], col
        for col in ("period_start", "period_end"):
            assert (new[col].isoformat() if new[col] else "") == old[col], col


@pytest.mark.skipif(not REUTERS_DIR.is_dir(), reason="../shared/corpora is not available")
def test_reuters_documents_are_the_corpus_stories():
    from extract.reuters import read_reuters_file

    wanted: dict[str, dict] = {}
    for path in GOLD_DIR.glob("*.documents.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            obj = json.loads(line)
            if obj["corpus"] == "reuters21578":
                wanted[obj["id"]] = obj
    found = 0
    for k in range(16):
        for story in read_reuters_file(REUTERS_DIR / f"reut2-{k:03d}.sgm"):
            obj = wanted.get(f"reuters-{story.newid}")
            if obj is None:
                continue
            found += 1
            assert obj["text"] == story.text, obj["id"]
            assert obj["title"] == " ".join(story.title.split()), obj["id"]
            assert obj["published"] == story.date.date().isoformat(), obj["id"]
            assert obj["topics"] == list(story.topics), obj["id"]
            assert obj["url"] is None
    assert found == len(wanted), "some Reuters gold stories are not in reut2-000..015"


@pytest.mark.skipif(not PHRASEBANK_DIR.is_dir(), reason="../shared/corpora is not available")
def test_phrasebank_documents_are_corpus_sentences():
    sentences = set()
    for path in PHRASEBANK_DIR.glob("Sentences_*.txt"):
        for line in path.read_text(encoding="latin-1").splitlines():
            sentences.add(line.rsplit("@", 1)[0])
    docs = []
    for path in GOLD_DIR.glob("*.documents.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            obj = json.loads(line)
            if obj["corpus"] == "phrasebank":
                docs.append(obj)
    missing = [d["id"] for d in docs if d["text"] not in sentences]
    assert not missing, f"not PhraseBank sentences: {missing[:5]}"
