"""Fixtures the import tests share: an administrator, and the bodies imported from a file."""

from pathlib import Path

import pytest

from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.users import desktop_actor
from oneaqita.transfer import import_file
from tests.import_files import write_csv


@pytest.fixture
def admin(db: Database) -> Actor:
    """The first user of the fresh database, so its administrator."""
    return desktop_actor(db, "import-admin")


@pytest.fixture
def bodies(db: Database, admin: Actor, tmp_path: Path) -> Database:
    """The database with tests.db.test_import_files.ORGS imported."""
    from tests.db.test_import_files import ORGS

    assert import_file(db, admin, "organizations", write_csv(tmp_path / "o.csv", ORGS)).ok
    return db
