"""Which statement a service call spent its time in, and the database's plan for it.

A benchmark whose median is above SLOW_MS runs the call once more with a listener on the
engine, takes the statement that took longest, and asks the database for its plan
(SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN), so the printed table says why.
"""

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event

from oneaqita.services.database import Database

SLOW_MS = 100.0


@dataclass
class Statement:
    sql: str
    params: Any
    ms: float


def statements_of(db: Database, call: Callable[[], Any]) -> list[Statement]:
    """The statements `call` sent, each with the time its execute took."""
    seen: list[Statement] = []
    started: list[float] = []

    def before(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        started.append(time.perf_counter())

    def after(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        seen.append(Statement(statement, parameters, (time.perf_counter() - started.pop()) * 1000))

    event.listen(db.engine, "before_cursor_execute", before)
    event.listen(db.engine, "after_cursor_execute", after)
    try:
        call()
    finally:
        event.remove(db.engine, "before_cursor_execute", before)
        event.remove(db.engine, "after_cursor_execute", after)
    return seen


def plan(raw: Any, dialect: str, sql: str, params: Any = ()) -> list[str]:
    """The plan of `sql` on the raw connection (sqlite3 or psycopg), one line per step."""
    if dialect == "sqlite":
        rows = raw.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
        parents: dict[int, int] = {0: -1}
        lines = []
        for node, parent, _, detail in rows:
            depth = parents.get(parent, -1) + 1
            parents[node] = depth
            lines.append("  " * depth + detail)
        return lines
    return [r[0] for r in raw.execute("EXPLAIN " + sql, params).fetchall()]


def slowest_plan(db: Database, raw: Any, call: Callable[[], Any]) -> list[str]:
    """Note lines: the slowest statement of `call`, its time and its plan."""
    stmts = statements_of(db, call)
    if not stmts:
        return []
    worst = max(stmts, key=lambda s: s.ms)
    sql = " ".join(worst.sql.split())
    lines = [f"slowest statement ({worst.ms:.0f} ms of {len(stmts)}): {_short(sql)}"]
    lines += ["  " + p for p in plan(raw, db.dialect, worst.sql, worst.params)]
    return lines


def _short(sql: str, limit: int = 400) -> str:
    return sql if len(sql) <= limit else sql[:limit] + " …"
