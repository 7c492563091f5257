"""Fixtures the import tests share: an administrator, and the bodies imported from a file."""

from pathlib import Path

import pytest

from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.transfer import import_file
from tests.import_files import write_csv
from tests.logins import actor_for, as_cli_user


@pytest.fixture(autouse=True)
def _cli_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line runs as tests.logins.CLI_LOGIN (add_login gives it its password);
    never as the machine's login."""
    as_cli_user(monkeypatch)
    monkeypatch.setenv("LOGNAME", "admin")  # must change nothing


@pytest.fixture
def admin(db: Database) -> Actor:
    """The first user of the fresh database, so its administrator."""
    return actor_for(db, "import-admin")


@pytest.fixture
def bodies(db: Database, admin: Actor, tmp_path: Path) -> Database:
    """The database with tests.db.test_import_files.ORGS imported."""
    from tests.db.test_import_files import ORGS

    assert import_file(db, admin, "organizations", write_csv(tmp_path / "o.csv", ORGS)).ok
    return db
