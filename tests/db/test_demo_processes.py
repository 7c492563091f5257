"""The demo is the same in every process: nothing it draws may depend on the order of a set,
on hash() (salted per process by PYTHONHASHSEED, or an address: hash(None) before 3.12) or
on the clock."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCALE = "0.02"  # tiny, yet with office work: its draws once hung on hash(None)


def _digest_in_a_process(path: Path, hash_seed: str) -> dict[str, tuple[int, str]]:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-m", "tests.db.demo_digest", str(path), "1", SCALE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    rows = [line.split() for line in run.stdout.splitlines()]
    return {table: (int(count), digest) for table, count, digest in rows}


def test_two_processes_with_other_hash_seeds_write_the_same_demo(tmp_path: Path) -> None:
    one = _digest_in_a_process(tmp_path / "one.sqlite3", "1")
    two = _digest_in_a_process(tmp_path / "two.sqlite3", "2")
    assert one["work_orders"][0] > 0 and one["time_entries"][0] > 0
    differing = {t: (one[t], two.get(t)) for t in one if one[t] != two.get(t)}
    assert differing == {}
    assert one.keys() == two.keys()
