"""The asset picker's filter and the contract card at DESIGN.md's scale (500,000 work orders,
500,000 assets), through the service layer against the bare driver (sqlite3, psycopg) sending
the very same SQL on the same database in the same run (issue #9: "without a visible pause";
target: ratio ≤ 2).

The baseline's SQL is not written by hand: the service call runs once with a listener on the
engine (tests/bench/plans.statements_of), which yields each statement as SQLAlchemy compiled
it for the dialect, with its parameters; the baseline replays those on the raw connection and
fetches every row. So the ratio is the service layer's own cost (session, ORM rows, result
objects) over the database's.

Run: .venv/bin/pytest -m bench tests/bench/test_picker_and_card_bench.py -s
"""

from collections.abc import Callable
from typing import Any

import pytest

from oneaqita.services.asset_picking import (
    AssetFilter,
    asset_codes,
    asset_lines,
    codes_statement,
    count_assets,
    count_statement,
    matching_lines,
)
from oneaqita.services.contract_queries import contract_card
from tests.bench.backends import Backend
from tests.bench.bigdata import DISTRICTS
from tests.bench.conftest import ORDERS
from tests.bench.plans import Statement, statements_of
from tests.bench.timing import Table, interleaved, ms, publish, ratio

pytestmark = pytest.mark.bench

TARGET = 2.0
TYPICAL = AssetFilter(district=DISTRICTS[0], installed_before=1980)  # 秋田中央処理区, < 1980
OPENED = 5_000  # an order opened with this many assets: the list's lines, in chunks
CONTRACT_ID = 1


def _queries(db: Any, call: Callable[[], Any]) -> list[Statement]:
    """The queries `call` sends (the SQLite engine's own BEGIN left out: the raw connection
    reads without a transaction, as a hand-written tool would)."""
    return [s for s in statements_of(db, call) if s.sql.split()[0].upper() != "BEGIN"]


def _replay(backend: Backend, stmts: list[Statement]) -> Callable[[], list[Any]]:
    """The statements as the service sent them, on the raw connection, every row fetched."""
    raw = backend.raw

    def run() -> list[Any]:
        return [raw.execute(s.sql, s.params).fetchall() for s in stmts]

    return run


def _same_sql(backend: Backend, stmt: Any, sent: list[Statement]) -> None:
    """The captured statement is the compiled SQLAlchemy statement (what the docstring says)."""
    compiled = str(stmt.compile(dialect=backend.db.engine.dialect))
    assert [" ".join(s.sql.split()) for s in sent] == [" ".join(compiled.split())]


def test_picker_and_card(backend: Backend) -> None:
    db = backend.db
    some_codes = [f"A{n:07d}" for n in range(1, OPENED * 97, 97)][:OPENED]
    cases: list[tuple[str, Callable[[], Any]]] = [
        ("picker: count (district + before 1980)", lambda: count_assets(db, TYPICAL)),
        ("picker: code list, same filter", lambda: asset_codes(db, TYPICAL)),
        ("picker: list lines, same filter (追加)", lambda: matching_lines(db, TYPICAL)),
        (f"picker: lines of {OPENED:,} codes (opened order)", lambda: asset_lines(db, some_codes)),
        (f"contract card (contract {CONTRACT_ID})", lambda: contract_card(db, CONTRACT_ID)),
    ]
    table = Table(
        f"9. Asset picker and contract card ({backend.name}, {ORDERS:,} orders, {ORDERS:,} "
        f"assets): service vs {backend.driver} sending the same statements",
        ["step", "rows", "stmts", "ours ms", f"{backend.driver} ms", "ratio"],
    )
    sent_count = _queries(db, lambda: count_assets(db, TYPICAL))
    sent_codes = _queries(db, lambda: asset_codes(db, TYPICAL))
    _same_sql(backend, count_statement(TYPICAL), sent_count)
    _same_sql(backend, codes_statement(TYPICAL), sent_codes)
    over = []
    for label, ours in cases:
        sent = _queries(db, ours)
        base = _replay(backend, sent)
        o, r = interleaved(ours, base)
        rows = sum(len(x) for x in r.result)  # what the database returned
        if isinstance(o.result, int):  # the same answer both ways
            assert [(o.result,)] == r.result[0]
        elif isinstance(o.result, list):
            assert len(o.result) == rows > 0
        else:
            assert rows > 0
        q = o.median / r.median if r.median > 0 else 0.0
        table.add(
            label, f"{rows:,}", len(sent), ms(o.median), ms(r.median), ratio(o.median, r.median)
        )
        backend.explain_if_slow(table, label, o.median, ours)
        if q > TARGET:
            over.append(label)
    table.notes[:] = [n if len(n) <= 300 else n[:300] + " …" for n in table.notes]  # IN lists
    table.notes.append(
        f"typical filter: district {TYPICAL.district}, installed before {TYPICAL.installed_before}"
        f"; target ratio ≤ {TARGET:g}" + (f"; over it: {', '.join(over)}" if over else "")
    )
    publish(table)
