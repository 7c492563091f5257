"""The store step every use case that writes one record shares: finding the row an edit
dialog saves onto (by id or by key, at the version the user saw), and storing a record's
checked values on it (add / update / leave unchanged), flushed and audited.

For set-based use cases (an import's chunk of assets) the same steps in bulk are in
db/bulk.py: the stored rows of many keys (``KeyedRead``), new rows in one executemany or COPY
(``BulkInsert``), changed rows checked against and bumping their version
(``VersionedUpdate``)."""

from collections.abc import Callable, Mapping
from typing import Any, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from oneaqita.errors import ConcurrentEdit, NotFound
from oneaqita.services.changes import Entity
from oneaqita.services.records import UpsertOutcome
from oneaqita.services.unit_of_work import UnitOfWork


class _Row(Protocol):
    id: int


M = TypeVar("M", bound=_Row)


def holder_of(
    session: Session, column: InstrumentedAttribute[Any], value: object, own_id: int | None
) -> Any | None:
    """The row other than `own_id` that already holds `value` in the unique `column` (for a
    message that names it, before the database's own unique key refuses the write)."""
    stmt = select(column.class_).where(column == value)
    if own_id is not None:
        stmt = stmt.where(column.class_.id != own_id)
    return session.scalars(stmt.limit(1)).first()


def row_to_edit(
    uow: UnitOfWork,
    model: type[M],
    key_column: InstrumentedAttribute[Any],
    key: object,
    row_id: int | None,
    expected_version: int,
    what: tuple[str, str],
) -> M:
    """The stored row an edit saves onto: by `row_id` when given (so that its key can change),
    else by `key` in `key_column`. NotFound when there is none (`what`: the record's name in
    Japanese and English), ConcurrentEdit when it is no longer at `expected_version`."""
    if row_id is not None:
        row = uow.session.get(model, row_id)
    else:
        row = uow.session.scalar(select(model).where(key_column == key))
    if row is None:
        ref = row_id if row_id is not None else key
        raise NotFound(f"{what[0]} {ref} が見つかりません。", f"{what[1]} {ref} not found.")
    if getattr(row, "version") != expected_version:  # noqa: B009 - every model has one
        raise ConcurrentEdit()
    return row


def store_values(
    uow: UnitOfWork,
    entity: Entity,
    model: Callable[..., M],
    row: M | None,
    values: Mapping[str, Any],
    snapshot: Callable[[M], dict[str, Any]],
    on_update: Callable[[UnitOfWork, M, frozenset[str]], None] | None = None,
) -> tuple[int, UpsertOutcome]:
    """Add a row of `model` with `values` (row None), or set `values` on `row`, or leave it
    unchanged when it already holds them. Each write is flushed and audited with the row's
    `snapshot` before and after; `on_update` gets the unit of work, an updated row and the names
    of the values that changed, after the flush, to refresh what is derived from them."""
    session = uow.session
    if row is None:
        row = model(**values)
        session.add(row)
        session.flush()
        uow.audit("create", entity, row.id, None, snapshot(row))
        return row.id, UpsertOutcome.ADDED
    changed = frozenset(k for k, v in values.items() if getattr(row, k) != v)
    if not changed:
        return row.id, UpsertOutcome.UNCHANGED
    before = snapshot(row)
    for k in changed:
        setattr(row, k, values[k])
    session.flush()
    if on_update is not None:
        on_update(uow, row, changed)
    uow.audit("update", entity, row.id, before, snapshot(row))
    return row.id, UpsertOutcome.UPDATED
