"""Search result pages at depth: the two strategies of oneaqita.search_strategy side by side.

For a common word, walking the list's index wins on the first pages and collecting wins deep
in the results. This measures both, forced, at several offsets on the same database in the same
run, and what the service chose; the choice should sit on the faster side except near where the
two meet. The baseline is the brute-force LIKE on the search document with the same OFFSET.

Run: .venv/bin/pytest -m bench tests/bench/test_search_depth_bench.py -s
"""

from typing import Any

import pytest

import oneaqita.search_strategy as strategy
from oneaqita.services.work_order_queries import (
    WorkOrderFilter,
    count_work_orders,
    list_work_orders,
)
from tests.bench import baseline as b
from tests.bench.backends import Backend, ids
from tests.bench.conftest import ORDERS
from tests.bench.test_work_order_list_bench import PAGE
from tests.bench.timing import Table, interleaved, ms, publish, ratio

pytestmark = pytest.mark.bench

CASES = [
    ("点検", 0),
    ("点検", 5_000),
    ("点検", 20_000),
    ("点検", 100_000),
    ("秋田 点検", 0),
    ("秋田 点検", 20_000),
    ("佐藤", 0),
    ("佐藤", 30_000),
]


def _forced(walk: bool) -> Any:
    return lambda *_: walk


def test_search_pages_at_depth(backend: Backend, monkeypatch: pytest.MonkeyPatch) -> None:
    table = Table(
        f"4b. Search pages at depth ({backend.name}, {ORDERS:,} orders): page of {PAGE} by "
        f"planned_start DESC, walking vs collecting (forced) vs the service's choice, and "
        f"{backend.driver} LIKE on the search document with the same OFFSET",
        ["query", "offset", "walk ms", "collect ms", "chosen", "ours ms", "doc LIKE ms", "ratio"],
    )
    wrong, badly_chosen = [], []
    real_walk_pays = strategy.walk_pays
    for query, offset in CASES:
        flt = WorkOrderFilter(text=query)
        matches = count_work_orders(backend.db, flt)  # as the list does before its pages
        where, params = b.doc_like(query)
        sql = b.doc_page_ids_sql(where) + f" OFFSET {offset}"

        def page(flt: WorkOrderFilter = flt, offset: int = offset) -> list[int]:
            return ids(list_work_orders(backend.db, flt, offset, PAGE))

        def walk() -> list[int]:
            monkeypatch.setattr(strategy, "walk_pays", _forced(True))
            return page()

        def collect() -> list[int]:
            monkeypatch.setattr(strategy, "walk_pays", _forced(False))
            return page()

        def ours() -> list[int]:
            monkeypatch.setattr(strategy, "walk_pays", real_walk_pays)
            return page()

        def base(sql: str = sql, params: list[str] = params) -> list[int]:
            return ids(backend.rows(sql, params))

        w, c, o, r = interleaved(walk, collect, ours, base)
        monkeypatch.setattr(strategy, "walk_pays", real_walk_pays)
        chose_walk = real_walk_pays(matches, ORDERS, offset, PAGE)
        table.add(
            query,
            f"{offset:,}",
            ms(w.median),
            ms(c.median),
            "walk" if chose_walk else "collect",
            ms(o.median),
            ms(r.median),
            ratio(o.median, r.median),
        )
        if not (w.result == c.result == o.result == r.result):
            wrong.append((query, offset))
        best, worst = sorted([w.median, c.median])
        if o.median > 2 * best and worst > 2 * best:  # clearly the wrong side
            badly_chosen.append((query, offset))
    publish(table)
    assert not wrong, f"strategies or the LIKE baseline disagree on {wrong}"
    assert not badly_chosen, f"the service chose the clearly slower strategy for {badly_chosen}"
