"""Dashboard speed with 100,000 figures, side by side with the seed store as a baseline.

    python benchmarks/dashboard.py                       # Reuters-21578 from ../shared/corpora
    python benchmarks/dashboard.py --figures 20000 --rounds 30
    python benchmarks/dashboard.py --db sqlite:///data/bench_dashboard.db --no-browser

The big store is the Reuters-21578 extraction, repeated under new document ids until it holds
`--figures` figures; it is kept (`--db`) and reused while it still holds enough figures.

Measured, for the big store and for the seed store (the baseline), with ratios:
- first render in headless Chromium (navigation until the explorer rows and the chart's markers
  are drawn), when a chromium binary exists;
- callback latency p50/p95 over real HTTP, as Dash runs each callback: series search (the
  explorer) and series selection (the URL/selection sync, then the chart, the table and the
  explorer, one after another: the browser runs the last three at once, so this is an upper
  bound).
The issue's bar: first render under 2 s, selection p95 under 300 ms at 100,000 figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# This script is named like the package it measures: keep its own folder off the import path.
HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != HERE]

from dashboard.app import create_app  # noqa: E402
from extract.documents import Document  # noqa: E402
from extract.reuters import read_reuters_file  # noqa: E402
from extract.store import Store  # noqa: E402

DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpora" / "reuters21578"
DEFAULT_DB = f"sqlite:///{HERE.parent / 'data' / 'bench_dashboard.db'}"
SEARCHES = ("trade", "gdp", "oil", "profit", "deficit", "dlrs", "pct", "bank", "japan", "tonnes")


# --- the store --------------------------------------------------------------------------------


def reuters_documents(corpus: Path, copy: int) -> Iterator[Document]:
    for path in sorted(corpus.glob("reut2-*.sgm")):
        for story in read_reuters_file(path):
            if not story.body.strip():
                continue
            doc = story.to_document(path.name)
            if copy == 0:
                yield doc
            else:  # the same story again under another id: a bigger store, same text shape
                yield Document.make(
                    doc.text,
                    source=f"{doc.source}#copy{copy}",
                    doc_id=f"{doc.doc_id}-copy{copy}",
                    title=doc.title,
                    published=doc.published,
                )


def build_store(url: str, corpus: Path, figures: int) -> Store:
    store = Store.open(url)
    have = store.status().n_figures
    if have >= figures:
        print(f"reusing {url}: {have:,} figures")
        return store
    if not corpus.is_dir():
        sys.exit(f"error: {corpus}: no Reuters-21578 corpus here (give --corpus)")
    started = time.perf_counter()
    copy = 0
    while store.status().n_figures < figures:
        batch: list[Document] = []
        for doc in reuters_documents(corpus, copy):
            batch.append(doc)
            if len(batch) == 500:
                store.ingest(batch, source_id="bench")
                batch = []
                if store.status().n_figures >= figures:
                    break
        if batch and store.status().n_figures < figures:
            store.ingest(batch, source_id="bench")
        copy += 1
    status = store.status()
    print(
        f"built {url}: {status.n_documents:,} documents, {status.n_figures:,} figures "
        f"in {time.perf_counter() - started:.1f}s"
    )
    return store


def seed_store(tmp: Path) -> Store:
    store = Store.open(f"sqlite:///{tmp / 'seed.db'}")
    from dashboard.queries import seed_store as fill

    fill(store)
    return store


# --- serving and calling callbacks over HTTP ----------------------------------------------------


class Served:
    def __init__(self, store: Store) -> None:
        from werkzeug.serving import make_server

        started = time.perf_counter()
        self.app = create_app(store)
        self.create_seconds = time.perf_counter() - started
        self.data = self.app.server.config["FIGURES_DATA"]
        self.server = make_server("127.0.0.1", 0, self.app.server, threaded=True)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_port}/"
        self.callbacks = self.app.callback_map

    def close(self) -> None:
        self.server.shutdown()
        self.thread.join(timeout=10)

    def call(self, output_part: str, values: dict[str, Any], changed: str) -> dict:
        """POST one callback exactly as the Dash renderer does; the decoded response."""
        name = next(k for k in self.callbacks if output_part in k)
        spec = self.callbacks[name]
        outputs = [
            {"id": o.split(".")[0], "property": o.split(".")[1]}
            for o in name.strip(".").split("...")
        ]

        def fill(items: list[dict]) -> list[dict]:
            return [{**i, "value": values.get(f"{i['id']}.{i['property']}")} for i in items]

        body = {
            "output": name,
            "outputs": outputs if name.startswith("..") else outputs[0],
            "inputs": fill(spec["inputs"]),
            "state": fill(spec["state"]),
            "changedPropIds": [changed],
        }
        request = urllib.request.Request(
            self.url + "_dash-update-component",
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            raw = response.read()
        return json.loads(raw) if raw else {}


def timed(fn: Any) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure_callbacks(served: Served, rounds: int, rng: random.Random) -> dict[str, list[float]]:
    summary = served.data.summary()
    keys = summary["series_key"].head(200).tolist()
    base = {
        "search.value": "",
        "filter-entity.value": None,
        "filter-unit-kind.value": None,
        "filter-publisher.value": None,
        "filter-period.start_date": None,
        "filter-period.end_date": None,
        "range.start_date": None,
        "range.end_date": None,
        "transform.value": "level",
        "log.value": [],
        "url.search": "",
    }
    out: dict[str, list[float]] = {"search": [], "selection": [], "chart": []}
    for i in range(rounds):
        word = SEARCHES[i % len(SEARCHES)]
        values = {**base, "search.value": word, "selected.value": []}
        out["search"].append(
            timed(lambda v=values: served.call("explorer.rowData", v, "search.value"))
        )
        chosen = rng.sample(keys, k=min(len(keys), 1 + i % 2))
        before = chosen[:-1]
        click = {"rowId": chosen[-1], "colId": "label"}

        def select(
            before: list[str] = before, chosen: list[str] = chosen, click: dict = click
        ) -> None:
            v = {**base, "selected.value": before, "explorer.cellClicked": click}
            served.call("url.search", v, "explorer.cellClicked")
            v = {**base, "selected.value": chosen}
            served.call("chart.figure", v, "selected.value")
            served.call("table.rowData", v, "selected.value")
            served.call("explorer.rowData", v, "selected.value")

        out["selection"].append(timed(select))
        values = {**base, "selected.value": chosen}
        out["chart"].append(
            timed(lambda v=values: served.call("chart.figure", v, "selected.value"))
        )
    return out


# --- first render in a real browser --------------------------------------------------------------


def first_render(served: Served, repeats: int) -> tuple[list[float], list[float]] | None:
    """Seconds from navigation to (explorer rows drawn, chart markers drawn), per page load."""
    chromium = os.environ.get("FIGURES_CHROMIUM") or shutil.which("chromium")
    if not chromium:
        return None
    from playwright.sync_api import sync_playwright

    rows_at: list[float] = []
    chart_at: list[float] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"],
        )
        # The first load warms the server and the OS's file cache and is not counted. Each page
        # is a new browser context (`new_page`): a cold HTTP cache, as a first visit.
        for _ in range(repeats + 1):
            page = browser.new_page(viewport={"width": 1500, "height": 1100})
            started = time.perf_counter()
            page.goto(served.url)
            page.wait_for_selector("#explorer .ag-row", timeout=120_000)
            rows_at.append(time.perf_counter() - started)
            page.wait_for_function(
                "() => { const g = document.querySelector('#chart .js-plotly-plot');"
                " return g && g._fullData && g._fullData.some(t => t.mode === 'markers'); }",
                timeout=120_000,
            )
            chart_at.append(time.perf_counter() - started)
            page.close()
        browser.close()
    return rows_at[1:], chart_at[1:]


# --- report ---------------------------------------------------------------------------------------


def run(store: Store, label: str, args: argparse.Namespace) -> dict[str, float]:
    served = Served(store)
    try:
        status = store.status()
        print(f"\n{label}: {status.n_documents:,} documents, {status.n_figures:,} figures")
        result = {"create_app_s": served.create_seconds}
        served.call("status.children", {}, "status-interval.n_intervals")  # warm
        lat = measure_callbacks(served, args.rounds, random.Random(7))
        for name, values in lat.items():
            result[f"{name}_p50_ms"] = statistics.median(values) * 1000
            result[f"{name}_p95_ms"] = pct(values, 0.95) * 1000
        if not args.no_browser:
            renders = first_render(served, args.renders)
            if renders:
                result["explorer_drawn_median_s"] = statistics.median(renders[0])
                result["first_render_median_s"] = statistics.median(renders[1])
                result["first_render_max_s"] = max(renders[1])
        for key, value in result.items():
            print(f"  {key:24s} {value:10.3f}")
        return result
    finally:
        served.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=DEFAULT_DB, help="store for the big run (kept)")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--figures", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=60, help="callback calls per measure")
    parser.add_argument("--renders", type=int, default=5, help="browser page loads")
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()

    big = build_store(args.db, args.corpus, args.figures)
    with tempfile.TemporaryDirectory() as tmp:
        small = seed_store(Path(tmp))
        base = run(small, "baseline: seed store", args)
        result = run(big, f"{args.figures:,}-figure store", args)
        small.close()
    big.close()
    print("\nratio (big / baseline):")
    for key, value in result.items():
        if base.get(key):
            print(f"  {key:24s} {value / base[key]:8.2f}x")
    print("\nbar: first render < 2 s, selection p95 < 300 ms")
    ok_render = result.get("first_render_median_s", 0.0) < 2.0
    ok_select = result["selection_p95_ms"] < 300
    print(
        f"  first render median {result.get('first_render_median_s', float('nan')):.2f}s "
        f"{'OK' if ok_render else 'OVER'}; selection p95 {result['selection_p95_ms']:.0f} ms "
        f"{'OK' if ok_select else 'OVER'}"
    )


if __name__ == "__main__":
    main()
