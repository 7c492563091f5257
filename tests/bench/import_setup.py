"""What the import benchmark imports, and the fresh databases it imports into."""

import contextlib
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, text

from oneaqita.db.engine import make_engine
from oneaqita.db.migrate import upgrade
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.transfer import import_file
from tests.import_files import write_csv
from tests.logins import actor_for

ORGS = [
    ["団体コード", "種別", "名称"],
    ["050008", "県", "秋田県"],
    ["052019", "市", "秋田市"],
    ["052027", "市", "能代市"],
    ["P001", "協力会社", "株式会社みちのく管路"],
]
HOMES = ["050008", "052019", "秋田市", "052027", "P001"]  # by code and by name
QUALIFICATIONS = ["技術士;測量士", "", "下水道管理技術認定", "", "第三種電気主任技術者;技術士"]


def people_file(path: Path, rows: int, mail_domain: str = "example.jp") -> Path:
    """A people file of ``rows`` people with every column, as an export writes it."""
    header = ["職員番号", "氏名", "カナ", "所属団体", "メール", "電話番号", "資格"]
    body = [
        [
            f"E{i:06d}",
            f"佐藤 花子{i}",
            "サトウ ハナコ",
            HOMES[i % len(HOMES)],
            f"p{i}@{mail_domain}",
            f"018-{i % 1000:03d}-{i % 10000:04d}",
            QUALIFICATIONS[i % len(QUALIFICATIONS)],
        ]
        for i in range(rows)
    ]
    return write_csv(path, [header, *body])


@contextlib.contextmanager
def fresh_database(backend: str, pg_url: str) -> Iterator[tuple[Database, Actor]]:
    """A migrated, empty database with the organizations of ORGS and an administrator;
    dropped afterwards. ``backend`` is "SQLite" or "PostgreSQL"."""
    if backend == "SQLite":
        with tempfile.TemporaryDirectory() as folder:
            db = Database(make_engine(f"sqlite:///{folder}/import-bench.sqlite3"))
            try:
                yield _filled(db, Path(folder))
            finally:
                db.dispose()
        return
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    name = f"oneaqita_import_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    db = Database(make_engine(admin.url.set(database=name).render_as_string(hide_password=False)))
    try:
        with tempfile.TemporaryDirectory() as folder:
            yield _filled(db, Path(folder))
    finally:
        db.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _filled(db: Database, folder: Path) -> tuple[Database, Actor]:
    upgrade(db.engine)
    actor = actor_for(db, "bench-admin")
    report = import_file(db, actor, "organizations", write_csv(folder / "orgs.csv", ORGS))
    assert report.ok, report.lines()
    return db, actor


def pg_reachable(url: str) -> bool:
    engine = create_engine(url)
    try:
        with engine.connect():
            return True
    except Exception:  # noqa: BLE001 - any failure to connect means "no server"
        return False
    finally:
        engine.dispose()
