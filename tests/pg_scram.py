"""A PostgreSQL cluster of the tests' own that checks passwords (SCRAM-SHA-256).

The shared test server trusts local connections, so a wrong password would pass there. This
one is made by ``initdb`` from /usr/lib/postgresql/*/bin into a temporary folder with
``--auth=scram-sha-256``, listens on a free port of 127.0.0.1, and is stopped after the session.
Tests are skipped (with the reason) when initdb is not installed. As root (initdb refuses root)
the server runs as the ``postgres`` account through runuser.
"""

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

SUPERUSER = "scram_owner"
SUPERUSER_PASSWORD = "owner-password-1"


@dataclass(frozen=True)
class ScramServer:
    port: int

    def url(self, user: str = SUPERUSER, password: str | None = SUPERUSER_PASSWORD,
            database: str = "postgres") -> str:  # fmt: skip
        return URL.create(
            "postgresql+psycopg", user, password, "127.0.0.1", self.port, database
        ).render_as_string(hide_password=False)

    def execute(self, *statements: str, database: str = "postgres") -> None:
        engine = create_engine(self.url(database=database), isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                for statement in statements:
                    conn.execute(text(statement))
        finally:
            engine.dispose()

    def new_database(self) -> str:
        name = f"scram_{uuid.uuid4().hex[:10]}"
        self.execute(f'CREATE DATABASE "{name}"')
        return name


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_server_user() -> tuple[list[str], int | None]:
    """The command prefix that runs the server binaries, and the uid that must own its files."""
    if os.name != "posix" or os.geteuid() != 0:
        return [], None
    runuser = shutil.which("runuser")
    try:
        uid = pwd.getpwnam("postgres").pw_uid
    except KeyError:
        uid = None
    if runuser is None or uid is None:
        pytest.skip("running as root without a postgres account and runuser: no initdb")
    return [runuser, "-u", "postgres", "--"], uid


@pytest.fixture(scope="session")
def scram_server() -> Iterator[ScramServer]:
    bin_dir = _bin_dir()
    if bin_dir is None:
        pytest.skip("initdb not found (/usr/lib/postgresql/*/bin): no password-checking server")
    prefix, owner = _as_server_user()
    root = Path(tempfile.mkdtemp(prefix="oneaqita-scram-"))
    data, pwfile, log = root / "data", root / "pw", root / "log"
    pwfile.write_text(SUPERUSER_PASSWORD + "\n", encoding="utf-8")
    if owner is not None:
        os.chown(root, owner, -1)
        os.chown(pwfile, owner, -1)
    port = _free_port()
    run = [*prefix, str(bin_dir / "initdb"), "-D", str(data), "-U", SUPERUSER]
    run += ["--auth=scram-sha-256", f"--pwfile={pwfile}", "-E", "UTF8", "--no-locale"]
    subprocess.run(run, check=True, capture_output=True, timeout=120)
    with (data / "postgresql.conf").open("a", encoding="utf-8") as conf:
        conf.write(
            f"\nport = {port}\nlisten_addresses = '127.0.0.1'\n"
            f"unix_socket_directories = '{root}'\npassword_encryption = 'scram-sha-256'\n"
            "fsync = off\nshared_buffers = 16MB\n"
        )
    ctl = [*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log), "-w"]
    subprocess.run([*ctl, "start"], check=True, capture_output=True, timeout=60)
    try:
        yield ScramServer(port)
    finally:
        subprocess.run([*ctl, "stop", "-m", "fast"], capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)
