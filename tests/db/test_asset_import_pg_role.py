"""An administrator's asset import on a secured PostgreSQL database, connected as their own
role (not the owner): the bulk path's COPY and driver statements work under the app role's
grants, and the database's witness is the record of the rows (connected as an app login role
the app writes no row entries of its own: one audit entry per change,
tests/db/test_audit_once.py)."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from oneaqita.models import Role
from oneaqita.transfer import import_file
from tests.db.pg_security_setup import Secured, secured_database
from tests.import_files import write_csv

pytestmark = pytest.mark.pg


@pytest.fixture
def secured() -> Iterator[Secured]:
    yield from secured_database()


def test_an_administrator_imports_and_updates_assets_as_their_own_role(
    secured: Secured, tmp_path: Path
) -> None:
    rows = [["code", "kind", "owner", "district", "parent"], ["TP-R", "処理場", "052019", "", ""]]
    rows += [[f"R-{i:04d}", "管路", "052019", "中央処理区", "TP-R"] for i in range(1200)]
    moved = [rows[0], rows[1], *([*r[:3], "北部処理区", r[4]] for r in rows[2:])]
    admin = secured.app_database(Role.ADMIN)
    try:
        actor = secured.actors[Role.ADMIN]
        first = import_file(admin, actor, "assets", write_csv(tmp_path / "a.csv", rows))
        assert first.written and first.added == 1201, first.lines()[:3]
        again = import_file(admin, actor, "assets", write_csv(tmp_path / "b.csv", moved))
        assert again.written and (again.updated, again.unchanged) == (1200, 1), again.lines()[:3]
    finally:
        admin.dispose()
    login = secured.logins[Role.ADMIN]
    with secured.owner.engine.connect() as conn:
        counts = dict(
            conn.execute(
                text(
                    "SELECT action, count(*) FROM audit_log WHERE entity = 'assets' "
                    "AND actor = :a AND action IN ('create', 'update') GROUP BY action"
                ),
                {"a": login},
            ).all()
        )
        witnessed = conn.execute(
            text("SELECT count(*) FROM audit_log WHERE entity = 'assets' AND action LIKE 'db_%'")
        ).scalar_one()
        moved_count = conn.execute(
            text("SELECT count(*) FROM assets WHERE district = '北部処理区' AND version = 2")
        ).scalar_one()
    assert counts == {}  # the triggers' entries are the record
    assert witnessed > 0 and moved_count == 1200
