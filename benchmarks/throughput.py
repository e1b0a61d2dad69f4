"""Sentences per second and peak memory: this extractor side by side with quantulum3.

Both systems read the same fixed sample of Reuters-21578 stories (bodies from reut2-000..015; the
later files are held out for evaluation). Each system runs in its own fresh subprocess so its
peak resident memory (VmHWM, or `ru_maxrss` off Linux) is its own: the worker reads the sample as
plain JSON, notes the memory the data alone takes, then imports and runs one system.

- figures: `extract.extract_document` per story, its own sentence splitting included;
- quantulum3: `quantulum3.parser.parse` on each sentence of the same stories, split beforehand
  by `extract.context` (the splitting is not timed, which favours quantulum3 slightly).

Before timing, each worker makes one untimed pass over a short fixed text that is not in the
sample, so one-time set-up (quantulum3's at import, figures' on first use) is out of the rate for
both; it is reported as "warm-up s".

Usage:
    python benchmarks/throughput.py                 # default sample of 2000 stories
    python benchmarks/throughput.py --limit 200     # a quick look
    python benchmarks/throughput.py --json          # machine-readable results on stdout
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "reuters21578"
DEVELOPMENT_FILES = tuple(f"reut2-{k:03d}.sgm" for k in range(16))
DEFAULT_LIMIT = 2000
SYSTEMS = ("figures", "quantulum3")


def rss_mib() -> float:
    """Peak resident memory of this process so far, in MiB.

    Linux's VmHWM belongs to the current program image: `ru_maxrss` would carry over the peak of
    the parent process that forked the worker, hiding the worker's own footprint.
    """
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text(encoding="ascii", errors="replace").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def sample_documents(corpus: Path, limit: int) -> list[dict[str, Any]]:
    """A fixed, evenly spread sample of stories with a body (the same on every run), each with
    the sentences both systems read."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    from extract.context import build_context
    from extract.reuters import read_reuters_file

    stories = []
    for name in DEVELOPMENT_FILES:
        path = corpus / name
        if path.is_file():
            stories.extend(s for s in read_reuters_file(path) if s.body.strip())
    step = max(1, len(stories) // max(1, limit))
    out = []
    for story in stories[::step][:limit]:
        doc = story.to_document(str(corpus / "reut2"))
        out.append(
            {
                "doc_id": doc.doc_id,
                "text": doc.text,
                "source": doc.source,
                "title": doc.title,
                "published": doc.published.isoformat() if doc.published else None,
                "sentences": [s.raw for s in build_context(doc.text).sentences],
            }
        )
    return out


WARM_UP_TEXT = (
    "Exports rose 5.2 pct to 1.2 billion dlrs in January from a year earlier, the Commerce "
    "Department said. Analysts at Chase Manhattan Bank expect a 0.4 pct rise in February."
)


def warm_up(system: str) -> None:
    """One untimed pass over a fixed text that is not in the sample.

    quantulum3 builds its unit catalogue and patterns at import; figures compiles its period
    grammar and entity gazetteer on first use (so `figures --help` starts fast). Without a warm-up
    that one-time cost would fall inside the timed loop for figures only. Its duration is reported
    as "warm-up s", so nothing is hidden.
    """
    if system == "figures":
        from extract import extract_figures

        extract_figures(WARM_UP_TEXT, published="1987-03-02")
    else:
        from quantulum3 import parser

        for sentence in WARM_UP_TEXT.split(". "):
            parser.parse(sentence)


def worker(system: str, sample: Path) -> dict[str, Any]:
    """Run one system over the sample in this fresh process; report its rates and memory.

    The worker reads plain JSON, so nothing of either system is loaded before the memory the data
    alone takes is noted.
    """
    docs = json.loads(sample.read_text(encoding="utf-8"))
    n_sentences = sum(len(d["sentences"]) for d in docs)
    data_mib = rss_mib()
    t0 = time.perf_counter()
    if system == "figures":
        from extract import Document, extract_document

        documents = [
            Document.make(
                d["text"],
                source=d["source"],
                doc_id=d["doc_id"],
                title=d["title"],
                published=d["published"],
            )
            for d in docs
        ]

        def step(k: int) -> int:
            return len(extract_document(documents[k]))

    elif system == "quantulum3":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser

        def step(k: int) -> int:
            return sum(len(parser.parse(raw.replace("\n", " "))) for raw in docs[k]["sentences"])

    else:
        raise SystemExit(f"unknown system {system!r}: choose from {', '.join(SYSTEMS)}")
    import_s = time.perf_counter() - t0
    t_warm = time.perf_counter()
    warm_up(system)
    warm_up_s = time.perf_counter() - t_warm
    t1, c1 = time.perf_counter(), time.process_time()
    found = sum(step(k) for k in range(len(docs)))
    seconds, cpu_seconds = time.perf_counter() - t1, time.process_time() - c1
    return {
        "system": system,
        "documents": len(docs),
        "sentences": n_sentences,
        "characters": sum(len(d["text"]) for d in docs),
        "figures": found,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "import_seconds": import_s,
        "warm_up_seconds": warm_up_s,
        "sentences_per_second": n_sentences / seconds if seconds else float("inf"),
        "sentences_per_cpu_second": n_sentences / cpu_seconds if cpu_seconds else float("inf"),
        "documents_per_second": len(docs) / seconds if seconds else float("inf"),
        "peak_rss_mib": rss_mib(),
        "data_rss_mib": data_mib,
    }


def run_worker(system: str, sample: Path) -> dict[str, Any]:
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        system,
        "--sample",
        str(sample),
    ]
    paths = [str(REPO), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"the {system} worker failed:\n{proc.stderr.strip()}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def report(results: dict[str, dict[str, Any]], corpus: Path) -> str:
    first = next(iter(results.values()))
    lines = [
        f"Throughput on {first['documents']} Reuters-21578 stories, "
        f"{first['sentences']:,} sentences, {first['characters'] / 1e6:.2f} M characters "
        f"(reut2-000..015 under {corpus})",
        "each system in its own process; per CPU s counts only that process's CPU time (steady "
        "on a busy machine); peak MiB is its peak resident memory, over data what it added to "
        "the memory of the sample alone",
        "",
        f"{'system':<12}{'sentences/s':>12}{'per CPU s':>11}{'docs/s':>8}{'figures':>9}"
        f"{'run s':>8}{'CPU s':>8}{'import s':>9}{'warm-up s':>10}{'peak MiB':>9}"
        f"{'over data':>10}",
    ]
    for name, r in results.items():
        lines.append(
            f"{name:<12}{r['sentences_per_second']:>12,.1f}{r['sentences_per_cpu_second']:>11,.1f}"
            f"{r['documents_per_second']:>8,.1f}{r['figures']:>9,}{r['seconds']:>8.2f}"
            f"{r['cpu_seconds']:>8.2f}{r['import_seconds']:>9.2f}"
            f"{r.get('warm_up_seconds', 0.0):>10.2f}{r['peak_rss_mib']:>9.1f}"
            f"{r['peak_rss_mib'] - r['data_rss_mib']:>10.1f}"
        )
    ratios = ratio(results)
    if ratios:
        lines += [
            "",
            f"figures / quantulum3: {ratios['sentences_per_second']:.2f}x sentences per second "
            f"(wall), {ratios['sentences_per_cpu_second']:.2f}x per CPU second, "
            f"{ratios['peak_rss_mib']:.2f}x peak memory",
        ]
    return "\n".join(lines)


def ratio(results: dict[str, dict[str, Any]]) -> dict[str, float]:
    if not {"figures", "quantulum3"} <= set(results):
        return {}
    ours, base = results["figures"], results["quantulum3"]
    return {
        "sentences_per_second": ours["sentences_per_second"] / base["sentences_per_second"],
        "sentences_per_cpu_second": ours["sentences_per_cpu_second"]
        / base["sentences_per_cpu_second"],
        "peak_rss_mib": ours["peak_rss_mib"] / base["peak_rss_mib"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--limit",
        type=int,
        default=DEFAULT_LIMIT,
        help=f"stories in the fixed sample (default {DEFAULT_LIMIT})",
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        help="folder holding reut2-000.sgm ... (default ../shared/corpora/reuters21578)",
    )
    parser.add_argument(
        "--systems",
        default=",".join(SYSTEMS),
        help="comma-separated systems to run (default: figures,quantulum3)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="run the systems in turn this many times and keep each one's fastest run, so a "
        "burst of load on a shared machine does not decide the ratio (default 3)",
    )
    parser.add_argument("--worker", choices=SYSTEMS, help=argparse.SUPPRESS)
    parser.add_argument("--sample", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.limit < 1:
        parser.error("--limit must be at least 1")
    if args.worker:
        if args.sample is None:
            parser.error("--worker needs --sample")
        print(json.dumps(worker(args.worker, args.sample)))
        return 0
    if not (args.corpus / DEVELOPMENT_FILES[0]).is_file():
        print(
            f"Reuters-21578 not found: no {DEVELOPMENT_FILES[0]} in {args.corpus}. "
            "Pass --corpus DIR to point at the reut2-*.sgm files; nothing was measured.",
            file=sys.stderr,
        )
        return 0
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = [s for s in systems if s not in SYSTEMS]
    if unknown or not systems:
        parser.error(f"--systems: choose from {', '.join(SYSTEMS)}")
    with tempfile.TemporaryDirectory(prefix="figures-bench-") as tmp:
        sample = Path(tmp) / "sample.json"
        sample.write_text(json.dumps(sample_documents(args.corpus, args.limit)), encoding="utf-8")
        results: dict[str, dict[str, Any]] = {}
        for _ in range(max(1, args.rounds)):
            for s in systems:  # interleaved: both systems see the same stretches of load
                run = run_worker(s, sample)
                best = results.get(s)
                if best is None or run["cpu_seconds"] < best["cpu_seconds"]:
                    results[s] = run
    if args.json:
        out = {"corpus": str(args.corpus), "systems": results, "ratio": ratio(results)}
        print(json.dumps(out, indent=2))
    else:
        print(report(results, args.corpus))
    return 0


if __name__ == "__main__":
    sys.exit(main())
