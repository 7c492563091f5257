"""The lock files that bootstrap.py installs from agree with pyproject.toml.

Every requirement of the project (and of its test extra) must be pinned in the lock with a
version the requirement admits, and every pin must carry hashes: otherwise a fresh machine
would install something other than what the suite last passed with, or refuse to install.
"""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==([^\s;\\]+)")


def _pins(lock: Path) -> dict[str, str]:
    pins: dict[str, str] = {}
    entries = re.split(r"\n(?=\S)", lock.read_text(encoding="utf-8"))
    for entry in entries:
        match = _PIN.match(entry)
        if match is None:
            continue
        assert "--hash=sha256:" in entry, f"{lock.name}: {match.group(1)} has no hash"
        pins[canonicalize_name(match.group(1))] = match.group(3)
    return pins


def _requirements(extra: str | None) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = list(project["dependencies"])
    if extra:
        wanted += project["optional-dependencies"][extra]
    return [Requirement(r) for r in wanted]


@pytest.mark.parametrize(("lock", "extra"), [("app.lock", None), ("test.lock", "test")])
def test_every_requirement_is_pinned_to_a_version_it_admits(lock: str, extra: str | None) -> None:
    pins = _pins(ROOT / "requirements" / lock)
    for requirement in _requirements(extra):
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{lock} lacks {requirement.name}: refresh it (README)"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{lock} pins {name}=={pins[name]}, which {requirement} does not admit: refresh it"
        )


def test_the_app_lock_installs_the_same_versions_as_the_test_lock() -> None:
    app = _pins(ROOT / "requirements" / "app.lock")
    test = _pins(ROOT / "requirements" / "test.lock")
    differing = {name: (v, test.get(name)) for name, v in app.items() if test.get(name) != v}
    assert not differing, f"app.lock and test.lock disagree: {differing}"


def test_the_parser_reads_a_pin_with_markers_and_extras(tmp_path: Path) -> None:
    lock = tmp_path / "x.lock"
    lock.write_text(
        "psycopg[binary]==3.3.9 ; sys_platform == 'win32' \\\n"
        "    --hash=sha256:00\n"
        "    # via oneaqita\n"
        "tzdata==2026.6 \\\n    --hash=sha256:11\n",
        encoding="utf-8",
    )
    assert _pins(lock) == {"psycopg": "3.3.9", "tzdata": "2026.6"}
