"""`figures schedule --every 6h`: refresh on a schedule in the foreground (APScheduler).

One job, run at start and then every interval; a run still going when the next is due is not
doubled (max_instances=1, coalesce), and a refresh started elsewhere (cron, another terminal)
holds the store's lock, so this run is skipped and logged rather than run twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import signal
import threading
from collections.abc import Callable
from typing import Any

log = logging.getLogger("figures.schedule")

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([smhdw])")


def parse_every(text: str) -> dt.timedelta:
    """`90s`, `30m`, `6h`, `1d`, `1h30m`, or plain seconds; at least one second."""
    raw = text.strip().lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", raw):
        seconds = float(raw)
    else:
        compact = raw.replace(" ", "")
        parts = _PART.findall(compact)
        if not parts or "".join(n + u for n, u in parts) != compact:
            raise ValueError(
                f"cannot read the interval {text!r}: use a number and a unit, e.g. 30m, 6h, 1d"
            )
        seconds = sum(float(n) * _UNITS[u] for n, u in parts)
    if seconds < 1:
        raise ValueError(f"the interval {text!r} is shorter than one second")
    return dt.timedelta(seconds=seconds)


def run_schedule(
    job: Callable[[], Any],
    *,
    every: dt.timedelta,
    max_runs: int | None = None,
    run_now: bool = True,
) -> int:
    """Run `job` every `every` until interrupted (Ctrl-C, SIGTERM) or after `max_runs` runs.

    Returns the number of runs. A job that raises is logged and the schedule goes on.
    """
    from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, JobExecutionEvent
    from apscheduler.schedulers.blocking import BlockingScheduler
    from apscheduler.triggers.interval import IntervalTrigger

    scheduler = BlockingScheduler(timezone=dt.UTC)
    runs = 0
    lock = threading.Lock()

    def done(event: JobExecutionEvent) -> None:
        nonlocal runs
        with lock:
            runs += 1
            finished = max_runs is not None and runs >= max_runs
        if event.exception is not None:
            log.error("scheduled refresh failed: %s", event.exception)
        if finished:
            scheduler.shutdown(wait=False)

    scheduler.add_listener(done, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    start = dt.datetime.now(dt.UTC)
    scheduler.add_job(
        job,
        IntervalTrigger(seconds=every.total_seconds(), timezone=dt.UTC),
        id="refresh",
        name="figures refresh",
        max_instances=1,
        coalesce=True,
        misfire_grace_time=None,
        next_run_time=start if run_now else start + every,
    )

    def stop(signum: int, _frame: Any) -> None:
        log.info("received signal %d, stopping after the current run", signum)
        scheduler.shutdown(wait=False)

    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, stop)
    log.info("refreshing every %s; next run at %s", every, "once started" if run_now else every)
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        scheduler.shutdown(wait=False)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return runs


def scheduled_refresh(run: Callable[[], Any]) -> Callable[[], None]:
    """Wrap one refresh for the scheduler: log its outcome, skip (not fail) when locked."""
    from extract.store import RefreshLocked

    def job() -> None:
        started = dt.datetime.now(dt.UTC)
        try:
            report = run()
        except RefreshLocked as exc:
            log.warning("refresh skipped: %s", exc)
            return
        lines = report.lines() if hasattr(report, "lines") else [str(report)]
        for line in lines:
            log.info("%s", line)
        log.info("refresh started %s finished", started.isoformat(timespec="seconds"))

    return job
