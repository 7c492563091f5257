"""Streaming bulk inserts: rows are buffered per table and written with executemany.

Nothing in the demo holds a whole table in memory: a stage adds rows one by one, and all
buffers are written whenever the first table's (the parent's) buffer holds `batch_rows`
rows. They are written in the order their tables were registered, parents first, and only
when a parent row is added, after the children of earlier parents: so a child row never
reaches the database before the row its foreign key points at.
"""

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, Table, insert

from oneaqita.models import Base

BATCH_ROWS = 5_000
# Committing now and then keeps the SQLite write-ahead log (and PostgreSQL's open
# transaction) from growing with the whole data set at scale 25.
COMMIT_ROWS = 100_000

Row = dict[str, Any]


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
                self._conn.execute(insert(table), rows)
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
