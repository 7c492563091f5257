"""The store step every use case that writes one record shares: finding the row an edit
dialog saves onto (by id or by key, at the version the user saw), and storing a record's
checked values on it (add / update / leave unchanged), flushed and audited.

For set-based use cases (an import's chunk of rows) the same steps in bulk, in Core
statements without ORM objects: the stored rows of many keys (``stored_rows``, IN lists of
at most IN_LIST literals), new rows in one executemany (``insert_rows``), changed rows in
one executemany that checks and bumps each row's version (``update_versioned``)."""

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol, TypeVar

from sqlalchemy import Column, ColumnElement, Table, bindparam, insert, select, update
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


# Keys written into one IN list (below SQLite's and PostgreSQL's limits on a statement).
IN_LIST = 500


def key_in(
    column: Column[Any] | InstrumentedAttribute[Any], keys: Sequence[Any]
) -> ColumnElement[bool]:
    """``column IN (...)`` with the keys written into the statement: a chunk's list of
    parameters would be prepared by psycopg after a few runs, and PostgreSQL's generic plan
    then compares every row with every parameter (a seq scan of a table not yet analysed,
    ~120 ms a chunk at 20,000 assets) instead of hashing the list or using the index."""
    return column.in_(bindparam("keys", list(keys), expanding=True, literal_execute=True))


def stored_rows(
    session: Session, table: Table, key: str, keys: Sequence[Any], columns: Sequence[str]
) -> dict[Any, dict[str, Any]]:
    """The stored rows (``columns`` of them, as dicts) whose ``key`` column is one of
    ``keys``, by key; one query per IN_LIST keys."""
    found: dict[Any, dict[str, Any]] = {}
    wanted = [table.c[name] for name in columns]
    at = list(columns).index(key) if key in columns else None
    if at is None:
        wanted.append(table.c[key])
    names = list(columns)
    for i in range(0, len(keys), IN_LIST):
        stmt = select(*wanted).where(key_in(table.c[key], keys[i : i + IN_LIST]))
        for row in session.execute(stmt):
            found[row[-1 if at is None else at]] = dict(zip(names, row, strict=False))
    return found


def insert_rows(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (the same keys each) in one executemany; the columns' defaults fill
    the rest (a version starts at 1)."""
    if rows:
        session.execute(insert(table), list(rows))


def update_versioned(
    session: Session, table: Table, rows: Sequence[tuple[int, int, Mapping[str, Any]]]
) -> None:
    """Set the values of each (id, version read, values) row (the same keys each) in one
    executemany, bumping its version (and ``updated_at``, the column's onupdate); a row no
    longer at the version read raises ConcurrentEdit, as the ORM's version check does."""
    if not rows:
        return
    names = list(rows[0][2])
    stmt = (
        update(table)
        .where(table.c.id == bindparam("b_id"), table.c.version == bindparam("b_version"))
        .values({name: bindparam(f"v_{name}") for name in names} | {"version": bindparam("b_next")})
    )
    params = [
        {"b_id": row_id, "b_version": version, "b_next": version + 1}
        | {f"v_{name}": values[name] for name in names}
        for row_id, version, values in rows
    ]
    result = session.execute(stmt, params)
    rowcount = getattr(result, "rowcount", len(rows))
    if session.connection().dialect.supports_sane_multi_rowcount and rowcount != len(rows):
        raise ConcurrentEdit()
