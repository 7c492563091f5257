"""The work-order list at DESIGN.md's scale (500,000 orders) through the service layer, against
the hand-written SQL a naive implementation would send through the bare driver (sqlite3,
psycopg) on the same database in the same run.

Run: .venv/bin/pytest -m bench tests/bench -s   (the tables are printed at the end)

Assertions are about results (same ids, same counts as a brute-force query), and about ratios
only where the design promises an order of magnitude; never about absolute times.
"""

from typing import Any

import pytest

from oneaqita.models import WorkOrderStatus
from oneaqita.services.work_order_queries import (
    WorkOrderFilter,
    WorkOrderSort,
    count_work_orders,
    list_work_orders,
)
from tests.bench import baseline as b
from tests.bench.backends import Backend, ids
from tests.bench.conftest import ORDERS
from tests.bench.timing import Table, interleaved, ms, publish, ratio

pytestmark = pytest.mark.bench

PAGE = 200
DEEP_OFFSET = ORDERS * 4 // 5  # 400,000 of 500,000
SORT_SPREAD = 10.0
SEARCHES = ["点検", "秋田", "佐藤", "検", "秋田 点検", "管更生工事", "WO-0123"]


# -- 1. opening the list -------------------------------------------------------------------
def test_open_list(backend: Backend) -> None:
    flt = WorkOrderFilter()
    db = backend.db
    first_page = b.page_sql()

    def ours_count() -> int:
        return count_work_orders(db, flt)

    def ours_page() -> list[int]:
        return ids(list_work_orders(db, flt, 0, PAGE))

    def ours_open() -> tuple[int, list[int]]:
        return ours_count(), ours_page()

    def base_count() -> int:
        return int(backend.scalar(b.COUNT_ALL))

    def base_page() -> list[int]:
        return ids(backend.rows(first_page))

    def base_open() -> tuple[int, list[int]]:
        return base_count(), base_page()

    table = Table(
        f"1. Open the list ({backend.name}): count + first page of {PAGE}, default order "
        f"(planned_start DESC) — service vs {backend.driver}",
        ["step", "ours ms", "baseline ms", "ratio"],
    )
    results = {}
    for label, ours, base in [
        ("count", ours_count, base_count),
        (f"first page ({PAGE})", ours_page, base_page),
        ("count + first page", ours_open, base_open),
    ]:
        o, r = interleaved(ours, base)
        table.add(label, ms(o.median), ms(r.median), ratio(o.median, r.median))
        backend.explain_if_slow(table, label, o.median, ours)
        results[label] = (o, r)
    publish(table)

    o, r = results["count + first page"]
    assert o.result == r.result, "service and hand-written SQL disagree on count or first page"
    assert o.result[0] == ORDERS
    assert len(o.result[1]) == PAGE
    # Both sides walk the same indexes; the service adds sessions, statement building and row
    # objects (a few ms, most of the ratio on a small data set). Very far apart would mean the
    # service lost the index walk (e.g. sorting or joining every row before the LIMIT).
    assert o.median < 25 * r.median


# -- 2. every sort, first page -------------------------------------------------------------
def test_sorted_first_page(backend: Backend) -> None:
    table = Table(
        f"2. First page of {PAGE} per sort ({backend.name}) — service vs the naive "
        f"join + ORDER BY + LIMIT in {backend.driver}",
        ["sort", "ours ms", "naive ms", "ratio"],
    )
    mismatches = []
    medians: dict[str, float] = {}
    for sort in WorkOrderSort:
        for descending in (False, True):
            flt = WorkOrderFilter(sort=sort, descending=descending)
            sql = b.page_sql(sort, descending)

            def ours(flt: WorkOrderFilter = flt) -> list[int]:
                return ids(list_work_orders(backend.db, flt, 0, PAGE))

            def base(sql: str = sql) -> list[int]:
                return ids(backend.rows(sql))

            o, r = interleaved(ours, base)
            label = f"{sort.value} {'DESC' if descending else 'ASC'}"
            table.add(label, ms(o.median), ms(r.median), ratio(o.median, r.median))
            backend.explain_if_slow(table, label, o.median, ours)
            medians[label] = o.median
            if o.result != r.result or len(o.result) != PAGE:
                mismatches.append(label)
    publish(table)
    assert not mismatches, f"first page differs from ORDER BY … LIMIT for {mismatches}"
    assert_sorts_alike(medians)


def assert_sorts_alike(medians: dict[str, float], spread: float = SORT_SPREAD) -> None:
    """Every sortable column has an index ending in planned_start (models/work.py), so any
    sort reads its page off an index: no sort may be far slower than the fastest one. A
    relative bound, so it holds on a slow or busy machine."""
    fastest = min(medians.values())
    slow = {k: round(v) for k, v in medians.items() if v > spread * fastest}
    assert not slow, f"sorts over {spread}x the fastest ({fastest:.1f} ms), in ms: {slow}"


# -- 3. a deep page ------------------------------------------------------------------------
DEEP_SORTS = [
    (WorkOrderSort.PLANNED_START, True),
    (WorkOrderSort.NUMBER, False),
    (WorkOrderSort.TITLE, False),
    (WorkOrderSort.STATUS, False),
    (WorkOrderSort.CLIENT, False),
    (WorkOrderSort.CONTRACT, False),
    (WorkOrderSort.ASSIGNEES, False),
]


def test_deep_page(backend: Backend) -> None:
    table = Table(
        f"3. Deep page: {PAGE} rows at offset {DEEP_OFFSET:,} ({backend.name}) — service vs "
        f"join + ORDER BY + LIMIT {PAGE} OFFSET {DEEP_OFFSET:,} in {backend.driver}",
        ["sort", "ours ms", "naive ms", "ratio"],
    )
    mismatches, slower = [], []
    medians: dict[str, float] = {}
    for sort, descending in DEEP_SORTS:
        flt = WorkOrderFilter(sort=sort, descending=descending)
        sql = b.page_sql(sort, descending, offset=DEEP_OFFSET)

        def ours(flt: WorkOrderFilter = flt) -> list[int]:
            return ids(list_work_orders(backend.db, flt, DEEP_OFFSET, PAGE))

        def base(sql: str = sql) -> list[int]:
            return ids(backend.rows(sql))

        o, r = interleaved(ours, base)
        label = f"{sort.value} {'DESC' if descending else 'ASC'}"
        table.add(label, ms(o.median), ms(r.median), ratio(o.median, r.median))
        backend.explain_if_slow(table, label, o.median, ours)
        medians[label] = o.median
        if o.result != r.result or len(o.result) != PAGE:
            mismatches.append(label)
        if o.median > 2 * r.median:
            slower.append(label)
    publish(table)
    assert not mismatches, f"deep page differs from LIMIT/OFFSET for {mismatches}"
    # Ids first, then 200 joined rows: never much slower than joining every skipped row.
    assert not slower, f"service's deep page over 2x the naive query's for {slower}"
    assert_sorts_alike(medians)


# -- 4. free-text search -------------------------------------------------------------------
def test_search(backend: Backend) -> None:
    table = Table(
        f"4. Search ({backend.name}): count + first page of {PAGE} by planned_start DESC — "
        f"service (bigram index) vs {backend.driver} LIKE '%…%' on the title, and LIKE on the "
        "same search document (the brute-force equivalent of ours)",
        ["query", "matches", "ours ms", "title LIKE ms", "ratio", "doc LIKE ms", "ratio"],
    )
    wrong = []
    for query in SEARCHES:
        flt = WorkOrderFilter(text=query)
        t_where, t_params = b.title_like(query)
        d_where, d_params = b.doc_like(query)
        t_count = f"SELECT count(*) FROM work_orders wo WHERE {t_where}"
        t_page = b.page_sql(where=t_where)
        d_count, d_page = b.doc_count_sql(d_where), b.doc_page_ids_sql(d_where)

        def ours(flt: WorkOrderFilter = flt) -> tuple[int, list[int]]:
            return count_work_orders(backend.db, flt), ids(
                list_work_orders(backend.db, flt, 0, PAGE)
            )

        def by_title(c: str = t_count, p: str = t_page, a: list[str] = t_params) -> Any:
            return backend.scalar(c, a), ids(backend.rows(p, a))

        def by_doc(c: str = d_count, p: str = d_page, a: list[str] = d_params) -> Any:
            return backend.scalar(c, a), ids(backend.rows(p, a))

        o, t, d = interleaved(ours, by_title, by_doc)
        table.add(
            query,
            f"{o.result[0]:,}",
            ms(o.median),
            ms(t.median),
            ratio(o.median, t.median),
            ms(d.median),
            ratio(o.median, d.median),
        )
        backend.explain_if_slow(table, query, o.median, ours)
        if o.result != d.result or o.result[0] < t.result[0]:
            wrong.append((query, o.result[0], d.result[0], t.result[0]))
    publish(table)
    assert not wrong, f"(query, ours, doc LIKE, title LIKE) counts or pages disagree: {wrong}"


# -- filters (the list's filter bar) -------------------------------------------------------
FILTERS: list[tuple[str, WorkOrderFilter, str, list[Any]]] = [
    (
        "status = in_progress",
        WorkOrderFilter(statuses=frozenset({WorkOrderStatus.IN_PROGRESS})),
        "wo.status = ?",
        ["in_progress"],
    ),
    (
        "status in (draft, planned)",
        WorkOrderFilter(statuses=frozenset({WorkOrderStatus.DRAFT, WorkOrderStatus.PLANNED})),
        "wo.status IN (?, ?)",
        ["draft", "planned"],
    ),
    ("client = 1", WorkOrderFilter(client_id=1), "c.client_id = ?", [1]),
    (
        "client = 1, sort by number",
        WorkOrderFilter(client_id=1, sort=WorkOrderSort.NUMBER, descending=False),
        "c.client_id = ?",
        [1],
    ),
    (
        "client = 1 + planned + 点検",
        WorkOrderFilter(text="点検", client_id=1, statuses=frozenset({WorkOrderStatus.PLANNED})),
        "c.client_id = ? AND wo.status = ? AND wo.id IN "
        "(SELECT s.work_order_id FROM work_order_search s WHERE s.doc LIKE ?)",
        [1, "planned", "%点検%"],
    ),
]


def test_filters(backend: Backend) -> None:
    table = Table(
        f"Filters ({backend.name}): count + first page of {PAGE} — service vs the naive "
        f"join + WHERE + ORDER BY + LIMIT in {backend.driver}",
        ["filter", "matches", "ours ms", "naive ms", "ratio"],
    )
    mismatches = []
    for label, flt, where, params in FILTERS:
        count_sql = (
            "SELECT count(*) FROM work_orders wo JOIN contracts c ON c.id = wo.contract_id "
            f"WHERE {where}"
        )
        sql = b.page_sql(flt.sort, flt.descending, where=where)

        def ours(flt: WorkOrderFilter = flt) -> tuple[int, list[int]]:
            return count_work_orders(backend.db, flt), ids(
                list_work_orders(backend.db, flt, 0, PAGE)
            )

        def base(c: str = count_sql, p: str = sql, a: list[Any] = params) -> Any:
            return backend.scalar(c, a), ids(backend.rows(p, a))

        o, r = interleaved(ours, base)
        table.add(label, f"{o.result[0]:,}", ms(o.median), ms(r.median), ratio(o.median, r.median))
        backend.explain_if_slow(table, label, o.median, ours)
        if o.result != r.result or not o.result[1]:
            mismatches.append(label)
    publish(table)
    assert not mismatches, f"count or first page differs from the naive query for {mismatches}"
