"""Backfill of the Reuters-21578 corpus through `refresh` on a Dask LocalCluster: 1 worker vs
2 workers (and in-process extraction as a baseline), each into a fresh store, in one run,
printing documents per second and the speed-up.

The bar (issue 3): 2 workers at least 1.6 times faster than 1.

    python benchmarks/dask_backfill.py                  # all 22 files from ../shared/corpora
    python benchmarks/dask_backfill.py --files 4        # a quicker look
    python benchmarks/dask_backfill.py --corpus /path/to/reuters21578 --batch-size 100

Cluster start-up is outside the timings (a real backfill keeps its cluster); everything else
(reading the SGML, planning, shipping documents, writing the store) is inside.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from extract.refresh import dask_client, dask_extractor, refresh
from extract.sources import load_sources
from extract.store import Store

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpora" / "reuters21578"


def backfill(work: Path, config: Path, label: str, workers: int | None, batch: int) -> float:
    db = f"sqlite:///{work / f'{label}.db'}"
    with dask_client(None, workers) as client:
        extractor = dask_extractor(client) if client is not None else None
        if client is not None:  # warm the workers: imports and lazily loaded tables
            client.run(_warm)
        with Store.open(db) as store:
            started = time.perf_counter()
            report = refresh(store, load_sources(config), extractor=extractor, batch_size=batch)
            seconds = time.perf_counter() - started
            n_docs, n_figs = store.counts()
    total = report.total
    assert total.failed == 0 and total.new == n_docs, report.lines()
    print(
        f"{label:<12} {seconds:8.2f}s  {n_docs / seconds:8.1f} docs/s  "
        f"({n_docs} documents, {n_figs} figures)"
    )
    return seconds


def _warm() -> None:
    from extract.documents import Document
    from extract.pipeline import extract_document

    extract_document(Document.make("Exports rose 1.5 pct to 2 billion dlrs in 1986.", source="w"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--files", type=int, default=22, help="Reuters .sgm files to use")
    parser.add_argument("--batch-size", type=int, default=100)
    parser.add_argument("--no-baseline", action="store_true", help="skip in-process extraction")
    args = parser.parse_args()
    sgm = sorted(args.corpus.glob("reut2-*.sgm"))[: args.files]
    if not sgm:
        print(f"no reut2-*.sgm files in {args.corpus}; give --corpus", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="figures-bench-dask-"))
    try:
        folder = work / "corpus"
        folder.mkdir()
        for path in sgm:
            shutil.copy(path, folder / path.name)
        config = work / "sources.toml"
        config.write_text(f'[sources.reuters]\nkind = "folder"\npath = "{folder}"\n')
        print(f"corpus: {len(sgm)} Reuters-21578 files, batch size {args.batch_size}")
        if not args.no_baseline:
            _warm()
            backfill(work, config, "in-process", None, args.batch_size)
        one = backfill(work, config, "1 worker", 1, args.batch_size)
        two = backfill(work, config, "2 workers", 2, args.batch_size)
        speedup = one / two
        verdict = "PASS" if speedup >= 1.6 else "FAIL"
        print(f"speed-up 2 workers vs 1 = {speedup:.2f}x  (bar: at least 1.6x) -> {verdict}")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
