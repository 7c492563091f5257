"""Streaming bulk inserts: rows are buffered per table and written with the project's bulk
path (db/bulk.py BulkInsert: the driver's executemany on SQLite, COPY on PostgreSQL), the
columns' Python-side defaults (version, created_at, a status) filled in as SQLAlchemy's INSERT
would fill them.

Nothing in the demo holds a whole table in memory: a stage adds rows one by one, and all
buffers are written whenever the first table's (the parent's) buffer holds `batch_rows`
rows. They are written in the order their tables were registered, parents first, and only
when a parent row is added, after the children of earlier parents: so a child row never
reaches the database before the row its foreign key points at.
"""

from collections.abc import Callable
from typing import Any

from sqlalchemy import Column, Connection, Table

from oneaqita.db.bulk import BulkInsert
from oneaqita.models import Base

BATCH_ROWS = 5_000
# Committing now and then keeps the SQLite write-ahead log (and PostgreSQL's open
# transaction) from growing with the whole data set at scale 25.
COMMIT_ROWS = 100_000

Row = dict[str, Any]


_STATEMENTS: dict[tuple[str, tuple[str, ...]], tuple[BulkInsert, tuple[Column[Any], ...]]] = {}


def table_of(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


class BulkInserter:
    def __init__(
        self,
        conn: Connection,
        tables: list[Table],
        on_flush: Callable[[], None] | None = None,
        batch_rows: int = BATCH_ROWS,
    ) -> None:
        self._conn = conn
        self._tables = tables
        self._buffers: dict[str, list[Row]] = {t.name: [] for t in tables}
        self._on_flush = on_flush
        self._batch_rows = batch_rows
        self._uncommitted = 0
        self.counts: dict[str, int] = {t.name: 0 for t in tables}

    def add(self, table: Table, row: Row) -> None:
        buffer = self._buffers[table.name]
        buffer.append(row)
        if table is self._tables[0] and len(buffer) >= self._batch_rows:
            self.flush()

    def flush(self) -> None:
        for table in self._tables:
            rows = self._buffers[table.name]
            if rows:
                _write(self._conn, table, rows)
                self.counts[table.name] += len(rows)
                self._uncommitted += len(rows)
                self._buffers[table.name] = []
        if self._uncommitted >= COMMIT_ROWS:
            self._conn.commit()
            self._uncommitted = 0
        if self._on_flush is not None:
            self._on_flush()

    def close(self) -> None:
        """Writes what is left and commits the stage."""
        self.flush()
        self._conn.commit()
        self._uncommitted = 0


def _write(conn: Connection, table: Table, rows: list[Row]) -> None:
    """One bulk statement for `rows` (each with the same keys, as the stages build them)."""
    keys = tuple(rows[0])
    found = _STATEMENTS.get((table.name, keys))
    if found is None:
        defaulted = tuple(
            c for c in table.c if c.name not in keys and c.default is not None and not c.primary_key
        )
        statement = BulkInsert(table, [*keys, *(c.name for c in defaulted)])
        found = _STATEMENTS[(table.name, keys)] = (statement, defaulted)
    statement, defaulted = found
    # A callable default (utcnow) is called once per batch: the rows of a batch share it.
    extra = tuple(_default(c) for c in defaulted)
    statement.run(conn, [(*(row[k] for k in keys), *extra) for row in rows])


def _default(column: Column[Any]) -> Any:
    default: Any = column.default
    if default.is_callable:
        return default.arg(None)
    return default.arg
