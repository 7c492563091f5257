"""Set up a virtual environment from this project's own files, then run the app or the tests.

    python3 bootstrap.py run     # installs, then opens oneaqita on its demo database
    python3 bootstrap.py test    # installs with the test extras, then runs the whole suite

Works the same on Windows (`py bootstrap.py run`); needs Python 3.11+ and nothing else.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")

# Shared libraries the Qt wheels load on Debian/Ubuntu that a minimal system may lack.
DEBIAN_QT_LIBS = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libX11.so.6": "libx11-6",
    "libbrotlidec.so.1": "libbrotli1",
}
# Programs the tests read the produced PDFs back with (tests/pdf_tools.py).
DEBIAN_TEST_TOOLS = {"pdftotext": "poppler-utils", "pdffonts": "poppler-utils"}


def _missing_debian_packages(testing: bool = False) -> list[str]:
    if not sys.platform.startswith("linux") or not shutil.which("ldconfig"):
        return []
    known = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    missing = {pkg for lib, pkg in DEBIAN_QT_LIBS.items() if lib not in known}
    if testing:
        missing |= {pkg for tool, pkg in DEBIAN_TEST_TOOLS.items() if shutil.which(tool) is None}
    return sorted(missing)


def ensure_system_libraries(testing: bool = False) -> None:
    missing = _missing_debian_packages(testing)
    if not missing:
        return
    command = ["apt-get", "install", "-y", "--no-install-recommends", *missing]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(command, check=True, env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    else:
        sys.exit("These system packages are needed first:\n    sudo " + " ".join(command))


def lock_file(extras: str) -> Path:
    """The exact versions and hashes to install (refreshed as the README says)."""
    return ROOT / "requirements" / ("test.lock" if extras == "test" else "app.lock")


def ensure_environment(extras: str) -> None:
    """Create .venv, install the locked versions and then the project itself (editable, no
    dependencies of its own choosing) when pyproject.toml or the lock file has changed."""
    if not PYTHON.exists():
        venv.create(VENV, with_pip=True)
    lock = lock_file(extras)
    digest = hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + lock.read_bytes() + extras.encode()
    ).hexdigest()
    stamp = VENV / f".installed-{extras or 'app'}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    pip = [str(PYTHON), "-m", "pip"]
    subprocess.run([*pip, "install", "-q", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "-q", "--require-hashes", "-r", str(lock)], check=True)
    subprocess.run([*pip, "install", "-q", "--no-deps", "-e", "."], check=True, cwd=ROOT)
    stamp.write_text(digest)


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("run", "test"):
        print(__doc__)
        return 2
    ensure_system_libraries(testing=argv[0] == "test")
    if argv[0] == "run":
        ensure_environment("")
        return subprocess.run([str(PYTHON), "-m", "ui", "--demo", *argv[1:]]).returncode
    ensure_environment("test")
    return subprocess.run([str(PYTHON), "-m", "pytest", *argv[1:]], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
