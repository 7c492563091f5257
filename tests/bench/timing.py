"""Repetitions, medians and the tables the benchmarks print at the end of the run.

The machines are shared and noisy (2 cores), so nothing here is a time limit: every figure is
the median of REPS repetitions, set against a baseline measured in the same run, in the same
repetition loop (the cases of one comparison take turns, so a noisy moment hits all of them).
"""

import gc
import os
import platform
import sqlite3
import statistics
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

REPS = int(os.environ.get("ONEAQITA_BENCH_REPS", "7"))
WARMUP = 1


@dataclass
class Timed:
    """What a case returns when it times itself (to leave its own set-up out)."""

    seconds: float
    result: Any = None


@dataclass
class Sample:
    times_ms: list[float]
    result: Any  # what the last repetition returned, for correctness checks

    @property
    def median(self) -> float:
        return statistics.median(self.times_ms)


def interleaved(*cases: Callable[[], Any], reps: int = REPS, warmup: int = WARMUP) -> list[Sample]:
    """Runs the cases in turns, `warmup` unrecorded rounds then `reps` recorded ones. A case is
    timed as a whole, unless it returns a Timed, which then says how long it took."""
    times: list[list[float]] = [[] for _ in cases]
    results: list[Any] = [None] * len(cases)
    for round_no in range(warmup + reps):
        order = list(range(len(cases)))
        if round_no % 2:
            order.reverse()  # neither case always runs on the other's warm cache
        for i in order:
            gc.collect()
            t0 = time.perf_counter()
            out = cases[i]()
            elapsed = time.perf_counter() - t0
            if isinstance(out, Timed):
                elapsed, out = out.seconds, out.result
            results[i] = out
            if round_no >= warmup:
                times[i].append(elapsed * 1000)
    return [Sample(t, r) for t, r in zip(times, results, strict=True)]


def ms(value: float) -> str:
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


def ratio(ours: float, baseline: float) -> str:
    return f"{ours / baseline:.2f}" if baseline > 0 else "—"


def mib(nbytes: float) -> str:
    return f"{nbytes / 2**20:,.1f} MiB"


def rss_bytes() -> int:
    """The process's resident set now (Linux /proc; elsewhere the peak, from getrusage)."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        import resource

        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def peak_rss_bytes() -> int:
    """The process's peak resident set so far (Linux: VmHWM of /proc/self/status, which a
    forked child does not inherit from its parent as ru_maxrss does; elsewhere getrusage)."""
    try:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        import resource
        import sys

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak if sys.platform == "darwin" else peak * 1024


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *cells: Any) -> None:
        self.rows.append([str(c) for c in cells])

    def render(self) -> list[str]:
        widths = [
            max(_width(r[i]) for r in [self.columns, *self.rows]) for i in range(len(self.columns))
        ]

        def line(cells: list[str]) -> str:
            out = []
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True)):
                pad = " " * (w - _width(cell))
                out.append(cell + pad if i == 0 else pad + cell)
            return "  ".join(out).rstrip()

        rule = "  ".join("-" * w for w in widths)
        return [
            self.title,
            line(self.columns),
            rule,
            *(line(r) for r in self.rows),
            *(f"  {n}" for n in self.notes),
        ]


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


TABLES: list[Table] = []
CONTEXT: dict[str, str] = {}


def publish(table: Table) -> None:
    """Kept for the end-of-run summary (printed with or without -s)."""
    TABLES.append(table)


def summary_lines() -> list[str]:
    if not TABLES:
        return []
    lines = [
        f"python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"{os.cpu_count()} CPUs, {REPS} repetitions (+{WARMUP} warm-up), medians in ms, "
        "ratio = ours / baseline (below 1: ours is faster)",
        *(f"{k}: {v}" for k, v in CONTEXT.items()),
    ]
    for table in TABLES:
        lines += ["", *table.render()]
    return lines
