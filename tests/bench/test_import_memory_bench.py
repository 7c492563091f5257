"""Peak memory of an import against the size of its file: 20,000 and 200,000 people, as CSV
and as XLSX (shared strings, as Excel writes them), read and parsed (``parsing``, every row
taken and dropped) and imported with check_only on SQLite (read, parse, store, roll back).

Run: .venv/bin/pytest -m bench tests/bench/test_import_memory_bench.py -s

Each measurement runs in a new interpreter: peak RSS is VmHWM of /proc/self/status (Linux;
ru_maxrss of getrusage would carry the forking pytest's own peak across exec), elsewhere
getrusage; "work" is the peak less the RSS once everything is imported, before the file is
opened. The
rows stream, so the peak should not grow with the file: ratio = 200k / 20k. Repetitions:
ONEAQITA_BENCH_MEMORY_REPS (default 3), medians shown. Assertions are about results (every
row read, every row counted), never about memory.
"""

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench.import_setup import people_file
from tests.bench.timing import Table, publish, ratio
from tests.import_files import write_shared_strings_xlsx

pytestmark = pytest.mark.bench

SIZES = (20_000, 200_000)
REPS = int(os.environ.get("ONEAQITA_BENCH_MEMORY_REPS", "3"))
ROOT = Path(__file__).resolve().parents[2]

_CHILD = r"""
import json, resource, sys
from pathlib import Path
from oneaqita.transfer import import_file
from oneaqita.transfer.parsing import parsing
from tests.bench.import_setup import fresh_database
from tests.bench.conftest import PG_URL

def peak():
    try:
        with open("/proc/self/status") as f:
            return next(int(l.split()[1]) for l in f if l.startswith("VmHWM:"))
    except OSError:
        kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return kib if sys.platform != "darwin" else kib // 1024

mode, path = sys.argv[1], Path(sys.argv[2])
if mode == "read":
    before = peak()
    with parsing("people", path) as (p, rows):
        n = sum(1 for _ in rows)
    assert p.report.ok, [str(e) for e in p.report.errors[:3]]
else:
    with fresh_database("SQLite", PG_URL) as (db, actor):
        before = peak()
        report = import_file(db, actor, "people", path, check_only=True)
        assert report.ok, report.lines()[:3]
        n = report.added
print(json.dumps({"rows": n, "before_kib": before, "peak_kib": peak()}))
"""


def _measure(mode: str, path: Path) -> dict[str, int]:
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, mode, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _files(folder: Path, rows: int) -> dict[str, Path]:
    csv_path = people_file(folder / f"people-{rows}.csv", rows)
    import csv

    with csv_path.open(encoding="utf-8-sig", newline="") as f:
        xlsx_path = write_shared_strings_xlsx(folder / f"people-{rows}.xlsx", csv.reader(f))
    return {"CSV": csv_path, "XLSX": xlsx_path}


def _mib(kib: float) -> str:
    return f"{kib / 1024:,.1f}"


def test_peak_memory_does_not_grow_with_the_file(tmp_path: Path) -> None:
    files = {rows: _files(tmp_path, rows) for rows in SIZES}
    table = Table(
        "peak RSS of importing people (MiB, median; work = peak less the RSS before the file)",
        ["case", *(f"{r // 1000}k peak" for r in SIZES), *(f"{r // 1000}k work" for r in SIZES),
         "ratio peak", "ratio work"],
    )  # fmt: skip
    for mode, label in (("read", "read + parse"), ("check", "import --check, SQLite")):
        for fmt in ("CSV", "XLSX"):
            peaks, works = [], []
            for rows in SIZES:
                runs = [_measure(mode, files[rows][fmt]) for _ in range(REPS)]
                assert all(r["rows"] == rows for r in runs), runs
                peaks.append(statistics.median(r["peak_kib"] for r in runs))
                works.append(statistics.median(r["peak_kib"] - r["before_kib"] for r in runs))
            table.add(f"{label}, {fmt}", *map(_mib, peaks), *map(_mib, works),
                      ratio(peaks[1], peaks[0]), ratio(works[1], works[0]))  # fmt: skip
    table.notes.append(f"medians of {REPS}, each in a new interpreter")
    publish(table)
