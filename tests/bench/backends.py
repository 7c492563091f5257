"""One benchmark database seen two ways: through the service layer and through the bare
driver (sqlite3 or psycopg), for the tables that compare them."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from oneaqita.services.database import Database
from tests.bench import baseline as b
from tests.bench.plans import SLOW_MS, slowest_plan
from tests.bench.timing import Table, ms


@dataclass
class Backend:
    """One database seen two ways: through the service, and through the bare driver."""

    name: str
    db: Database
    raw: Any

    def sql(self, sql: str) -> str:
        return sql if self.name == "SQLite" else b.for_psycopg(sql)

    def rows(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        return b.run_page(self.raw, self.sql(sql), params)

    def scalar(self, sql: str, params: list[Any] | tuple[Any, ...] = ()) -> Any:
        return b.run_scalar(self.raw, self.sql(sql), params)

    @property
    def driver(self) -> str:
        return "sqlite3" if self.name == "SQLite" else "psycopg"

    def explain_if_slow(
        self, table: Table, label: str, median: float, call: Callable[[], Any]
    ) -> None:
        if median > SLOW_MS:
            table.notes.append(f"[{label}] {ms(median)} ms:")
            table.notes.extend("  " + line for line in slowest_plan(self.db, self.raw, call))


def ids(rows: list[Any]) -> list[int]:
    return [r.id if hasattr(r, "id") else r[0] for r in rows]
