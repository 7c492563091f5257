"""A plain (non-editable) install works away from the checkout: the wheel carries the Alembic
migrations and the fonts, translations and style sheets, and the code finds them there.

Builds the wheel offline from a copy of the checkout, installs it without dependencies into a
fresh virtual environment that borrows this environment's site-packages for PySide6,
SQLAlchemy and the rest, then runs the CLI from an empty folder. About ten seconds.
"""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from oneaqita.db.migrate import MIGRATIONS_DIR
from ui.resource_paths import FONT_FILE, I18N_DIR, STYLE_FILE

ROOT = Path(__file__).resolve().parents[2]

# What the build must not see: local environments, earlier build output, caches, the tests.
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*cache", ".hypothesis", "tests"
)

REPORT_PATHS = """
import json, oneaqita
from oneaqita.db.migrate import MIGRATIONS_DIR
from oneaqita.bundled import FONT_FILE as CORE_FONT
from ui.resource_paths import FONT_FILE, I18N_DIR, STYLE_FILE
print(json.dumps({
    "core_font": str(CORE_FONT),
    "package": oneaqita.__file__,
    "migrations": str(MIGRATIONS_DIR),
    "font": str(FONT_FILE),
    "translations": sorted(str(p) for p in I18N_DIR.glob("*.qm")),
    "style": str(STYLE_FILE),
}))
"""


PIP = [sys.executable, "-m", "pip"]
OFFLINE = ["--no-deps", "--no-index", "--quiet"]


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, f"{' '.join(args)}\n{done.stdout}\n{done.stderr}"
    return done.stdout


def _build_wheel(tmp: Path) -> Path:
    source = tmp / "source"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCE)
    # No build isolation, no index: the build backend is this environment's setuptools
    # (the test extra asks for one with bdist_wheel built in).
    _run(
        [*PIP, "wheel", *OFFLINE, "--no-build-isolation", "-w", str(tmp / "dist"), str(source)], tmp
    )
    (wheel,) = (tmp / "dist").glob("oneaqita-*.whl")
    return wheel


def _install_into_fresh_venv(wheel: Path, tmp: Path) -> Path:
    target = tmp / "venv"
    venv.create(target, system_site_packages=False, with_pip=False)
    python = target / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    _run([*PIP, "--python", str(python), "install", *OFFLINE, str(wheel)], tmp)
    # The dependencies come from this environment, after the venv's own site-packages, so
    # `oneaqita` and `ui` are the wheel's copies. A path line does not run the .pth files of
    # that folder, so an editable install of the checkout there stays out of the way.
    ask = "import sysconfig; print(sysconfig.get_path('purelib'))"
    site_packages = Path(_run([str(python), "-c", ask], tmp).strip())
    borrowed = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (site_packages / "borrowed_dependencies.pth").write_text("\n".join(sorted(borrowed)) + "\n")
    return python


def test_installed_wheel_migrates_and_finds_its_resources(tmp_path: Path) -> None:
    python = _install_into_fresh_venv(_build_wheel(tmp_path), tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "ONEAQITA"))}
    venv_dir = (tmp_path / "venv").resolve()

    paths = json.loads(_run([str(python), "-c", REPORT_PATHS], cwd=elsewhere, env=env))
    assert Path(paths["package"]).resolve().is_relative_to(venv_dir), paths["package"]
    for name in ("migrations", "font", "core_font", "style"):
        found = Path(paths[name])
        assert found.resolve().is_relative_to(venv_dir), f"{name}: {found}"
        assert found.exists(), f"{name}: {found}"
    checkout_qm = sorted(p.name for p in I18N_DIR.glob("*.qm"))
    assert checkout_qm and [Path(p).name for p in paths["translations"]] == checkout_qm
    assert all(Path(p).resolve().is_relative_to(venv_dir) for p in paths["translations"])
    assert Path(paths["font"]).name == FONT_FILE.name
    assert Path(paths["style"]).name == STYLE_FILE.name

    db_file = tmp_path / "x.sqlite3"
    _run(
        [str(python), "-m", "oneaqita.cli", "db", "upgrade", "--db", f"sqlite:///{db_file}"],
        cwd=elsewhere,
        env=env,
    )
    engine = create_engine(f"sqlite:///{db_file}")
    try:
        with engine.connect() as conn:
            revision = MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()
    # Every revision of the checkout shipped: the installed copy reached the checkout's head.
    assert revision == ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()
