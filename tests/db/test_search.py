"""Free-text search of work orders: exact substring semantics through the bigram index."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import literal_column, select, text

from oneaqita.models import WorkOrder
from oneaqita.search import delete_documents, matching_ids_clause, normalize, upsert_documents
from oneaqita.services.database import Database
from oneaqita.services.work_order_queries import WorkOrderFilter, count_work_orders
from tests.builders import build_sample


def _numbers(db: Database, query: str) -> set[str]:
    clause = matching_ids_clause(db.dialect, query, WorkOrder.id)
    stmt = select(WorkOrder.number)
    if clause is not None:
        stmt = stmt.where(clause)
    with db.read() as s:
        return set(s.scalars(stmt))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("点検", {"WO-0001"}),  # two kanji, in the title and the type label
        ("秋田", {"WO-0001", "WO-0002"}),  # the client body's name
        ("能代 清掃", {"WO-0003"}),  # every term must match
        ("清", {"WO-0003"}),  # one character
        ("修", {"WO-0004"}),
        ("ｐｕｍｐ", {"WO-0005"}),  # full-width and case do not matter
        ("wo-0004", {"WO-0004"}),
        ("佐藤", {"WO-0001"}),  # an assignee
        ("サトウ", {"WO-0001"}),  # the assignee's kana
        ("調査点検", set()),  # both bigram sets exist elsewhere, the substring does not
        ("%", set()),  # LIKE wildcards are literal
        ("", {"WO-0001", "WO-0002", "WO-0003", "WO-0004", "WO-0005"}),
    ],
)
def test_search_finds_exact_substrings(db: Database, query: str, expected: set[str]) -> None:
    build_sample(db)
    assert _numbers(db, query) == expected


def test_search_combines_with_filters(db: Database) -> None:
    sample = build_sample(db)
    assert count_work_orders(db, WorkOrderFilter(text="処理区", client_id=sample.noshiro_id)) == 3
    assert count_work_orders(db, WorkOrderFilter(text="処理区", client_id=sample.akita_id)) == 2
    assert count_work_orders(db, WorkOrderFilter(text="能代", client_id=sample.akita_id)) == 0


ALPHABET = st.sampled_from(list("点検秋田市能代清掃管路abAB12-_%"))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    docs=st.lists(st.text(ALPHABET, min_size=1, max_size=12), min_size=1, max_size=6),
    query=st.text(ALPHABET, min_size=1, max_size=4),
)
def test_search_equals_naive_substring_match(
    sqlite_db: Database, docs: list[str], query: str
) -> None:
    sample_ids = list(range(1, len(docs) + 1))
    with sqlite_db.engine.connect() as conn:
        # Documents without work orders behind them: only the index is under test here.
        conn.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")  # outside BEGIN
        delete_documents(conn, list(range(1, 7)))
        upsert_documents(conn, [(i, normalize(d)) for i, d in zip(sample_ids, docs, strict=True)])
        clause = matching_ids_clause("sqlite", query, literal_column("work_order_id"))
        assert clause is not None
        found = set(
            conn.execute(
                select(literal_column("work_order_id"))
                .select_from(text("work_order_search"))
                .where(clause)
            ).scalars()
        )
        conn.commit()
    expected = {
        i for i, d in zip(sample_ids, docs, strict=True) if normalize(query) in normalize(d)
    }
    assert found == expected


@pytest.mark.parametrize("query", ["点検", "処理区", "能代 清掃", "清", "wo-000", "調査点検"])
def test_walking_and_collecting_strategies_agree(
    db: Database, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    import oneaqita.search as search
    from oneaqita.services.work_order_queries import list_work_orders

    sample = build_sample(db)
    results = []
    for share in (0.0, 2.0):  # every term common (walk the list) / none common (collect)
        monkeypatch.setattr(search, "COMMON_SHARE", share)
        for client in (None, sample.noshiro_id):
            flt = WorkOrderFilter(text=query, client_id=client)
            results.append(
                (count_work_orders(db, flt), [r.number for r in list_work_orders(db, flt)])
            )
    assert results[:2] == results[2:]
    assert results[0][0] == len(results[0][1]) == len(_numbers(db, query))
