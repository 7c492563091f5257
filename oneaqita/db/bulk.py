"""Many rows into one table in as few round trips as the database allows, for set-based use
cases (an import's chunk of assets, their audit entries).

``Connection.execute(insert(table), rows)`` spends more Python per row than SQLite takes to
store it (the parameters of every row built, named, converted and checked by SQLAlchemy), and
on PostgreSQL an executemany is still one statement per row for the server. ``BulkInsert``
writes the rows as a hand-written driver call would:

- The columns are named once; each row is a tuple of their values in that order. The values
  are converted by the columns' own types for the dialect (an enum to its value, a date to
  SQLite's text, JSON serialized as SQLAlchemy serializes it, a Decimal to SQLite's float),
  only for the columns whose type converts anything.
- SQLite: one ``executemany`` of the prepared INSERT on the driver's cursor.
- PostgreSQL: one ``COPY … FROM STDIN`` (the rows streamed to the server in one statement;
  the table's constraints, indexes and triggers apply as for an INSERT, statement triggers
  fire once for the whole copy).
- ``KeyedRead``: the stored rows of many keys, by key, the same way round;
  ``VersionedUpdate``: many rows changed by id, each checked against the version read.
- Inside the Connection's transaction (one is begun first when none is), so a SAVEPOINT or a
  rollback around it undoes it. A driver error is raised as SQLAlchemy raises it
  (``DBAPIError.instance``: IntegrityError, DataError, ...), so callers catch the same
  exceptions either way.
"""

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError

from oneaqita.models.base import utcnow

__all__ = ["BulkInsert", "KeyedRead", "VersionedUpdate"]

Processor = Callable[[Any], Any]
_NOTHING = object()


class _Form:
    __slots__ = ("sql", "processors", "dialect", "error", "copy")

    def __init__(self, table: Table, columns: Sequence[str], dialect: Dialect) -> None:
        names = ", ".join(dialect.identifier_preparer.quote(c) for c in columns)
        name = dialect.identifier_preparer.format_table(table)
        self.copy = dialect.name == "postgresql"
        if self.copy:
            self.sql = f"COPY {name} ({names}) FROM STDIN"
        else:
            marks = ", ".join("?" if dialect.paramstyle == "qmark" else "%s" for _ in columns)
            self.sql = f"INSERT INTO {name} ({names}) VALUES ({marks})"
        found = []
        for i, column in enumerate(columns):
            process = table.c[column].type.dialect_impl(dialect).bind_processor(dialect)
            if process is not None:
                found.append((i, process))
        self.processors: tuple[tuple[int, Processor], ...] = tuple(found)
        self.dialect = dialect
        self.error: Any = dialect.dbapi.Error if dialect.dbapi is not None else ()

    def converted(self, rows: Sequence[Sequence[Any]]) -> list[Sequence[Any]]:
        if not self.processors:
            return list(rows)
        # A value that is the same object as the row before's (the one time stamp of a
        # call's rows, an audit's None) is converted once: each column remembers its last.
        out: list[Sequence[Any]] = []
        processors = self.processors
        seen: list[Any] = [_NOTHING] * len(processors)
        made: list[Any] = [None] * len(processors)
        for row in rows:
            values = list(row)
            for j, (i, process) in enumerate(processors):
                value = values[i]
                if value is not seen[j]:
                    seen[j] = value
                    made[j] = process(value)
                values[i] = made[j]
            out.append(values)
        return out


class BulkInsert:
    """INSERT of many rows of ``columns`` into ``table``; build it once, at import."""

    __slots__ = ("table", "columns", "_forms")

    def __init__(self, table: Table, columns: Sequence[str]) -> None:
        for column in columns:
            table.c[column]  # noqa: B018 - a KeyError now, not at the first import
        self.table = table
        self.columns = tuple(columns)
        self._forms: dict[tuple[Any, ...], _Form] = {}

    def _form(self, dialect: Dialect) -> _Form:
        key = (dialect.name, dialect.driver, dialect.server_version_info)
        form = self._forms.get(key)
        if form is None:
            form = self._forms[key] = _Form(self.table, self.columns, dialect)
        return form

    def run(self, conn: Connection, rows: Sequence[Sequence[Any]]) -> None:
        """Insert ``rows`` (tuples of the columns' values, in their order)."""
        if not rows:
            return
        if not conn.in_transaction():
            conn.begin()
        form = self._form(conn.dialect)
        values = form.converted(rows)
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            if form.copy:
                with cursor.copy(form.sql) as copy:
                    for row in values:
                        copy.write_row(row)
            else:
                cursor.executemany(form.sql, values)
        except form.error as exc:
            raise DBAPIError.instance(
                form.sql, None, exc, form.error, dialect=form.dialect
            ) from exc
        finally:
            cursor.close()


class KeyedRead:
    """The rows of ``table`` (``columns`` of them, as dicts) whose ``key`` column holds one of
    many values, by that value: for set-based use cases that compare a chunk with what is
    stored. Run on the driver (as a hand-written call would), the values converted by the
    columns' own types (a Decimal from SQLite's float, an enum from its value); one statement
    per IN_LIST keys: ``key IN (?, …)`` on SQLite, ``key = ANY(%s)`` with one array on
    PostgreSQL (one plan that uses the key's index, however often it runs)."""

    IN_LIST = 500

    __slots__ = ("table", "key", "columns", "_processors")

    def __init__(self, table: Table, key: str, columns: Sequence[str]) -> None:
        self.table = table
        self.key = key
        self.columns = tuple(columns) if key in columns else (*columns, key)
        self._processors: dict[tuple[Any, ...], list[tuple[int, Processor]]] = {}

    def _sql(self, dialect: Dialect, count: int) -> str:
        quote = dialect.identifier_preparer.quote
        names = ", ".join(quote(c) for c in self.columns)
        name = dialect.identifier_preparer.format_table(self.table)
        if dialect.name == "postgresql":
            return f"SELECT {names} FROM {name} WHERE {quote(self.key)} = ANY(%s)"
        marks = ", ".join("?" if dialect.paramstyle == "qmark" else "%s" for _ in range(count))
        return f"SELECT {names} FROM {name} WHERE {quote(self.key)} IN ({marks})"

    def _converters(self, dialect: Dialect, description: Any) -> list[tuple[int, Processor]]:
        key = (dialect.name, dialect.driver, dialect.server_version_info)
        found = self._processors.get(key)
        if found is None:
            found = []
            for i, column in enumerate(self.columns):
                impl = self.table.c[column].type.dialect_impl(dialect)
                process = impl.result_processor(dialect, description[i][1])
                if process is not None:
                    found.append((i, process))
            self._processors[key] = found
        return found

    def run(self, conn: Connection, keys: Sequence[Any]) -> dict[Any, dict[str, Any]]:
        if not conn.in_transaction():
            conn.begin()
        dialect = conn.dialect
        error: Any = dialect.dbapi.Error if dialect.dbapi is not None else ()
        at = self.columns.index(self.key)
        found: dict[Any, dict[str, Any]] = {}
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            for i in range(0, len(keys), self.IN_LIST):
                part = list(keys[i : i + self.IN_LIST])
                sql = self._sql(dialect, len(part))
                params = [part] if dialect.name == "postgresql" else part
                try:
                    cursor.execute(sql, params)
                except error as exc:
                    raise DBAPIError.instance(sql, params, exc, error, dialect=dialect) from exc
                converters = self._converters(dialect, cursor.description)
                for row in cursor.fetchall():
                    values = list(row)
                    for j, process in converters:
                        values[j] = process(values[j])
                    found[values[at]] = dict(zip(self.columns, values, strict=True))
        finally:
            cursor.close()
        return found


class VersionedUpdate:
    """UPDATE of many rows of ``table`` by id, each still at the version read: ``run`` sets
    ``columns`` (the same for every row) and the next version and ``updated_at``, and gives
    the count of rows it changed (fewer than given: one was changed meanwhile). SQLite: one
    executemany of the prepared UPDATE; PostgreSQL: one ``UPDATE … FROM (VALUES …)`` per
    ROWS rows (an executemany is a statement per row for the server)."""

    ROWS = 1000

    __slots__ = ("table", "columns", "_processors")

    def __init__(self, table: Table, columns: Sequence[str]) -> None:
        self.table = table
        self.columns = tuple(columns)
        self._processors: dict[tuple[Any, ...], list[Processor | None]] = {}

    def _converters(self, dialect: Dialect) -> list[Processor | None]:
        key = (dialect.name, dialect.driver, dialect.server_version_info)
        found = self._processors.get(key)
        if found is None:
            found = [
                self.table.c[c].type.dialect_impl(dialect).bind_processor(dialect)
                for c in (*self.columns, "updated_at")
            ]
            self._processors[key] = found
        return found

    def run(self, conn: Connection, rows: Sequence[tuple[int, int, Sequence[Any]]]) -> int:
        """Set each (id, version read, values of ``columns``) row; the count changed."""
        if not rows:
            return 0
        if not conn.in_transaction():
            conn.begin()
        dialect = conn.dialect
        error: Any = dialect.dbapi.Error if dialect.dbapi is not None else ()
        *processors, stamp = self._converters(dialect)
        now = utcnow()
        now = stamp(now) if stamp is not None else now

        def converted(values: Sequence[Any]) -> list[Any]:
            return [v if p is None else p(v) for p, v in zip(processors, values, strict=True)]

        quote = dialect.identifier_preparer.quote
        name = dialect.identifier_preparer.format_table(self.table)
        cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
        changed = 0
        try:
            if dialect.name != "postgresql":
                mark = "?" if dialect.paramstyle == "qmark" else "%s"
                sets = "".join(f"{quote(c)} = {mark}, " for c in self.columns)
                sql = (
                    f"UPDATE {name} SET {sets}version = {mark}, updated_at = {mark} "
                    f"WHERE id = {mark} AND version = {mark}"
                )
                params: Any = [
                    (*converted(values), version + 1, now, row_id, version)
                    for row_id, version, values in rows
                ]
                self._execute(cursor, sql, params, error, dialect, many=True)
                return int(cursor.rowcount)
            casts = [
                f"CAST(%s AS {self.table.c[c].type.compile(dialect=dialect)})" for c in self.columns
            ]
            one = f"(CAST(%s AS INTEGER), CAST(%s AS INTEGER), {', '.join(casts)})"
            sets = "".join(f"{quote(c)} = v.{quote(c)}, " for c in self.columns)
            names = ", ".join(quote(c) for c in self.columns)
            for i in range(0, len(rows), self.ROWS):
                part = rows[i : i + self.ROWS]
                sql = (
                    f"UPDATE {name} AS t SET {sets}version = v.b_version + 1, updated_at = %s "
                    f"FROM (VALUES {', '.join([one] * len(part))}) AS v(b_id, b_version, {names}) "
                    "WHERE t.id = v.b_id AND t.version = v.b_version"
                )
                params = [now]
                for row_id, version, values in part:
                    params += [row_id, version, *converted(values)]
                self._execute(cursor, sql, params, error, dialect, many=False)
                changed += int(cursor.rowcount)
            return changed
        finally:
            cursor.close()

    @staticmethod
    def _execute(
        cursor: Any, sql: str, params: Any, error: Any, dialect: Dialect, many: bool
    ) -> None:
        try:
            if many:
                cursor.executemany(sql, params)
            else:
                cursor.execute(sql, params)
        except error as exc:
            raise DBAPIError.instance(sql, None, exc, error, dialect=dialect) from exc
