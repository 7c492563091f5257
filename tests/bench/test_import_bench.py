"""Importing people in bulk (10,000 rows by default) through import_file, on SQLite and
PostgreSQL: the set-based path the people kind uses (upsert_people, one chunk of rows per few
statements) against the row-by-row path every kind had before (upsert_person once per row,
about 6.5 statements a row), measured in the same run on fresh databases of the same content.

Run: .venv/bin/pytest -m bench tests/bench/test_import_bench.py -s

ONEAQITA_BENCH_IMPORT_ROWS sets the rows, ONEAQITA_BENCH_IMPORT_REPS the repetitions (default
3: the row-by-row path takes most of a minute a repetition). No warm-up round: each repetition
starts on a new database anyway. Assertions are about results (both paths store the same
people and the same number of audit entries), never about times.
"""

import gc
import os
import time
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import func, select

from oneaqita.models import AuditEntry
from oneaqita.transfer import KINDS, export_kind, import_file
from tests.bench.conftest import PG_URL
from tests.bench.import_setup import fresh_database, people_file, pg_reachable
from tests.bench.timing import Sample, Table, ms, publish, ratio

pytestmark = pytest.mark.bench

ROWS = int(os.environ.get("ONEAQITA_BENCH_IMPORT_ROWS", "10000"))
REPS = int(os.environ.get("ONEAQITA_BENCH_IMPORT_REPS", "3"))
STEPS = ("add", "unchanged", "update")


@pytest.mark.parametrize("backend", ["SQLite", "PostgreSQL"])
def test_import_people_set_based_against_row_by_row(
    backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if backend == "PostgreSQL" and not pg_reachable(PG_URL):
        pytest.skip(f"PostgreSQL not reachable at {PG_URL}")
    first = people_file(tmp_path / "people.csv", ROWS)
    changed = people_file(tmp_path / "changed.csv", ROWS, "example.com")  # every e-mail differs
    files = {
        "add": (first, "added"),
        "unchanged": (first, "unchanged"),
        "update": (changed, "updated"),
    }
    paths = {"set-based": KINDS["people"], "row by row": replace(KINDS["people"], upsert_many=None)}
    times: dict[tuple[str, str], list[float]] = {(p, s): [] for p in paths for s in STEPS}
    exported: dict[str, tuple[str, int]] = {}
    for rep in range(REPS):
        for name in list(paths) if rep % 2 == 0 else list(reversed(paths)):
            monkeypatch.setitem(KINDS, "people", paths[name])
            with fresh_database(backend, PG_URL) as (db, actor):
                for step in STEPS:
                    path, counted = files[step]
                    gc.collect()
                    t0 = time.perf_counter()
                    report = import_file(db, actor, "people", path)
                    times[name, step].append((time.perf_counter() - t0) * 1000)
                    assert report.ok and getattr(report, counted) == ROWS, report.lines()[:3]
                if rep == 0:
                    export_kind(db, actor, "people", tmp_path / f"{name}.csv")
                    with db.read() as s:
                        audited = s.scalar(select(func.count(AuditEntry.id))) or 0
                    exported[name] = ((tmp_path / f"{name}.csv").read_text("utf-8-sig"), audited)
    assert exported["set-based"] == exported["row by row"]  # same people, same audit trail
    table = Table(
        f"import {ROWS:,} people, {backend} (ms; ratio = set-based / row by row)",
        ["step", "set-based", "row by row", "ratio"],
    )
    for step in STEPS:
        ours, before = (
            Sample(times["set-based", step], None),
            Sample(times["row by row", step], None),
        )
        table.add(f"{step} ({files[step][1]})", ms(ours.median), ms(before.median),
                  ratio(ours.median, before.median))  # fmt: skip
    table.notes.append(f"medians of {REPS}, each on a new database")
    publish(table)
