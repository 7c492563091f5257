"""The core (oneaqita/) never imports Qt or the UI: it runs on the command line, in reports and
in other processes without a display (ruff's banned-api rule says the same at lint time)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

IMPORT_EVERYTHING = """
import importlib, json, pkgutil, sys
import oneaqita
for info in pkgutil.walk_packages(oneaqita.__path__, "oneaqita."):
    if not info.name.endswith("__main__"):
        importlib.import_module(info.name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "ui"))
print(json.dumps(loaded))
"""


def test_importing_every_core_module_loads_no_qt_and_no_ui() -> None:
    done = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERYTHING],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def test_ruff_bans_qt_and_ui_imports_in_the_core(tmp_path: Path) -> None:
    probe = ROOT / "oneaqita" / "_qt_probe_for_test.py"
    probe.write_text("from PySide6.QtCore import QObject\nimport ui.app\n", encoding="utf-8")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "ruff", "check", "--no-cache", "--select", "TID251", str(probe)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        probe.unlink()
    assert done.returncode == 1
    assert done.stdout.count("TID251") == 2
