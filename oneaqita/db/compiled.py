"""Hot statements compiled once per dialect and run on the driver's own connection.

``Connection.execute`` costs a quarter of a millisecond of Python per statement (the cache
key, the execution context, events, the result object) — more than SQLite takes to answer
the sub-millisecond statements of opening a week or typing a cell. ``Compiled`` wraps a Core
statement written as usual (bind parameters by name) and runs it the way a hand-written
driver call would:

- The statement is compiled once per dialect (name, driver, server version) and kept: its
  SQL text, the order of its parameters, the values the statement itself holds (a constant
  compared with, a LIMIT), and each parameter's and result column's type conversion, taken
  from the dialect's own types (a date to SQLite's text and back, an enum to its value and
  back, JSON serialized as SQLAlchemy serializes it).
- It runs on the cursor of the SQLAlchemy ``Connection``'s driver connection, inside that
  Connection's transaction: one is begun first (as ``Connection.execute`` would, so SQLite's
  BEGIN / BEGIN IMMEDIATE hook of db/engine.py runs) when none is. Commit and rollback stay
  with the Connection (or the unit of work's session).
- A driver error is raised as SQLAlchemy raises it (``DBAPIError.instance``: OperationalError,
  IntegrityError, ...), so that callers catch the same exceptions either way.
- Rows are named tuples of the selected columns' keys; ``run`` returns the row count.
- ``read(engine, …)`` runs a statement alone on a connection taken from the engine's pool for
  it and given back at once, outside any transaction: one statement is one consistent read
  by itself, so a hot read that is a single statement (opening a week) needs neither a
  ``Connection`` nor a BEGIN and ROLLBACK around it.

Only for fixed statements: one whose compiled form depends on the call (an expanding IN, a
Python-side column default or onupdate left to SQLAlchemy) is refused when it is compiled.
Events of the ``before_cursor_execute`` kind do not see these statements.

``Shapes`` is the same for statements built per call from a filter (the registry's list):
each is compiled once per shape, the shape being SQLAlchemy's own cache key of the statement
(everything that changes the SQL text: which conditions, the order and its direction, a text
clause's SQL) and the dialect; a later statement of the same shape only has its values taken
out (the cache key's extracted parameters) and sent with the kept SQL. A statement whose form
depends on its values (an expanding IN) runs through ``Connection.execute`` as usual.
"""

from collections import OrderedDict, namedtuple
from collections.abc import Callable, Mapping
from threading import Lock
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import sqltypes
from sqlalchemy.sql.expression import Executable

__all__ = ["Compiled", "Shapes"]

Processor = Callable[[Any], Any] | None
_NO_PARAMS: Mapping[str, Any] = {}


class _Form:
    """The statement as compiled for one dialect."""

    __slots__ = (
        "sql",
        "names",
        "keys",
        "positional",
        "required",
        "constants",
        "bind_processors",
        "row_type",
        "result_types",
        "result_processors",
        "dialect",
        "error",
        "compiled",
    )

    def __init__(self, statement: Any, dialect: Dialect, cache_key: Any = None) -> None:
        compiled = statement.compile(dialect=dialect, cache_key=cache_key)
        self.compiled = compiled
        if compiled.post_compile_params or getattr(compiled, "literal_execute_params", None):
            raise ValueError("Compiled takes fixed statements only (no expanding IN)")
        if compiled.insert_prefetch or compiled.update_prefetch:
            raise ValueError("Compiled needs every column default given as a value")
        self.dialect = dialect
        dbapi = dialect.dbapi  # None for a dialect made without a driver (compiled, never run)
        self.error: Any = dbapi.Error if dbapi is not None else ()
        self.sql: str = compiled.string
        binds = {name: bp for bp, name in compiled.bind_names.items()}
        self.positional = bool(dialect.positional)
        order = compiled.positiontup if self.positional else list(dict.fromkeys(binds))
        self.names: tuple[str, ...] = tuple(order or ())
        escaped = compiled.escaped_bind_names
        self.keys = tuple(escaped.get(n, n) for n in self.names)
        self.required = frozenset(n for n in self.names if binds[n].required)
        self.bind_processors: tuple[Processor, ...] = tuple(
            binds[n].type.dialect_impl(dialect).bind_processor(dialect) for n in self.names
        )
        self.constants = {n: binds[n].effective_value for n in self.names if n not in self.required}
        columns = list(getattr(statement, "selected_columns", None) or statement.exported_columns)
        self.row_type: Any = namedtuple("Row", [c.key for c in columns], rename=True)  # type: ignore[misc]
        self.result_types = [c.type.dialect_impl(dialect) for c in columns]
        self.result_processors: tuple[tuple[int, Callable[[Any], Any]], ...] | None = None

    def parameters(self, params: Mapping[str, Any]) -> Any:
        values = []
        for name, process in zip(self.names, self.bind_processors, strict=True):
            value = params[name] if name in params else self.constants[name]
            values.append(value if process is None else process(value))
        return values if self.positional else dict(zip(self.keys, values, strict=True))

    def processors(self, description: Any) -> tuple[tuple[int, Callable[[Any], Any]], ...]:
        """The result conversions, from the cursor's column types (taken at the first run)."""
        if self.result_processors is None:
            found = []
            for i, impl in enumerate(self.result_types):
                coltype = description[i][1] if description and i < len(description) else None
                process = impl.result_processor(self.dialect, coltype)
                if process is not None:
                    found.append((i, _looked_up(impl, process)))
            self.result_processors = tuple(found)
        return self.result_processors


def _looked_up(impl: Any, process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """An enum column's conversion as a lookup in a dict of what SQLAlchemy's own conversion
    gives for each stored value (and NULL): the same members, without two Python calls per
    value. A value the enum does not know raises KeyError, a LookupError as SQLAlchemy's."""
    if not isinstance(impl, sqltypes.Enum):
        return process
    return {value: process(value) for value in (*impl.enums, None)}.__getitem__


class Compiled:
    """A Core statement run as the module says; build it once, at import."""

    __slots__ = ("statement", "_forms")

    def __init__(self, statement: Executable) -> None:
        self.statement = statement
        self._forms: dict[tuple[Any, ...], _Form] = {}

    def form(self, dialect: Dialect) -> _Form:
        key = (dialect.name, dialect.driver, dialect.server_version_info)
        form = self._forms.get(key)
        if form is None:
            form = self._forms[key] = _Form(self.statement, dialect)
        return form

    def _cursor(self, conn: Connection, params: Mapping[str, Any]) -> tuple[_Form, Any]:
        if not conn.in_transaction():
            conn.begin()
        return self._execute(self.form(conn.dialect), conn.connection.driver_connection, params)

    @staticmethod
    def _execute(form: _Form, driver: Any, params: Mapping[str, Any]) -> tuple[_Form, Any]:
        values = form.parameters(params)
        cursor = driver.cursor()
        try:
            cursor.execute(form.sql, values)
        except form.error as exc:
            cursor.close()
            raise DBAPIError.instance(
                form.sql, values, exc, form.error, dialect=form.dialect
            ) from exc
        except BaseException:
            cursor.close()
            raise
        return form, cursor

    def rows(self, conn: Connection, params: Mapping[str, Any] = _NO_PARAMS) -> list[Any]:
        """Every row, converted by the columns' types, as named tuples."""
        return self._fetch(*self._cursor(conn, params))

    def read(self, engine: Engine, params: Mapping[str, Any] = _NO_PARAMS) -> list[Any]:
        """``rows`` of the statement run alone, on a pooled connection of its own (see the
        module's docstring)."""
        pooled = engine.raw_connection()
        try:
            return self._fetch(
                *self._execute(self.form(engine.dialect), pooled.driver_connection, params)
            )
        finally:
            pooled.close()  # back to the pool, which rolls back whatever the driver began

    @staticmethod
    def _fetch(form: _Form, cursor: Any, make: Callable[[Any], Any] | None = None) -> list[Any]:
        """The rows converted by the columns' types, each given to `make` (as a tuple of its
        values), or as named tuples."""
        try:
            fetched = cursor.fetchall()
            processors = form.processors(cursor.description)
        finally:
            cursor.close()
        make = make or form.row_type._make
        if not processors or not fetched:
            return list(map(make, fetched))
        # Column by column: each conversion mapped over its column, then the rows made from
        # the columns zipped back (a page of 200 rows: a third of the time row by row).
        columns: list[Any] = list(zip(*fetched, strict=True))
        for i, process in processors:
            columns[i] = map(process, columns[i])
        return list(map(make, zip(*columns, strict=True)))

    def first(self, conn: Connection, params: Mapping[str, Any] = _NO_PARAMS) -> Any:
        """The first row (None: there is none)."""
        found = self.rows(conn, params)
        return found[0] if found else None

    def scalar(self, conn: Connection, params: Mapping[str, Any] = _NO_PARAMS) -> Any:
        """The first column of the first row (None: no row)."""
        row = self.first(conn, params)
        return None if row is None else row[0]

    def run(self, conn: Connection, params: Mapping[str, Any] = _NO_PARAMS) -> int:
        """A statement without rows (an UPDATE, an INSERT): the count of rows it changed."""
        _form, cursor = self._cursor(conn, params)
        try:
            return int(cursor.rowcount)
        finally:
            cursor.close()


class Shapes:
    """Statements built per call, compiled once per shape (see the module's docstring); the
    most recently used `size` shapes are kept."""

    __slots__ = ("_forms", "_size", "_lock")

    def __init__(self, size: int = 256) -> None:
        self._forms: OrderedDict[tuple[Any, ...], _Form | None] = OrderedDict()
        self._size = size
        self._lock = Lock()  # the lists load on the thread pool

    def _form(self, statement: Any, dialect: Dialect) -> tuple[_Form | None, Any]:
        cache_key = statement._generate_cache_key()
        if cache_key is None:  # a construct SQLAlchemy cannot cache either
            return None, None
        key = (dialect.name, dialect.driver, dialect.server_version_info, cache_key.key)
        with self._lock:
            if key in self._forms:
                self._forms.move_to_end(key)
                return self._forms[key], cache_key
        try:
            form: _Form | None = _Form(statement, dialect, cache_key)
        except ValueError:  # its form depends on its values: left to Connection.execute
            form = None
        with self._lock:
            self._forms[key] = form
            while len(self._forms) > self._size:
                self._forms.popitem(last=False)
        return form, cache_key

    def rows(
        self, conn: Connection, statement: Executable, make: Callable[[Any], Any] | None = None
    ) -> list[Any]:
        """Every row of the statement, as ``Compiled.rows`` gives them, or each made by
        `make` from its converted values (a sequence, in the statement's column order)."""
        form, cache_key = self._form(statement, conn.dialect)
        if form is None:
            found = conn.execute(statement).all()
            return list(found) if make is None else [make(r) for r in found]
        params = form.compiled.construct_params(
            extracted_parameters=cache_key.bindparams, escape_names=False
        )
        if not conn.in_transaction():
            conn.begin()
        driver = conn.connection.driver_connection
        return Compiled._fetch(*Compiled._execute(form, driver, params), make)

    def scalar(self, conn: Connection, statement: Executable) -> Any:
        """The first column of the first row (None: no row)."""
        found = self.rows(conn, statement)
        return found[0][0] if found else None
