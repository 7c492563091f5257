"""Free-text search of work orders: exact substring semantics through the bigram index."""

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, inspect, literal_column, select, text

from oneaqita.db.engine import make_engine
from oneaqita.db.migrate import downgrade, upgrade
from oneaqita.models import WorkOrder
from oneaqita.search import (
    PG_GRAMS_FUNCTION,
    count_matching,
    matching_ids_clause,
    normalize,
    upsert_documents,
    work_order_document,
)
from oneaqita.services.database import Database
from oneaqita.services.work_order_queries import WorkOrderFilter, count_work_orders
from tests.builders import build_sample
from tests.strategies import storable_text


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


ALPHABET = st.sampled_from(list("点検秋田市能代清掃管路abAB12-_% \u3000\t"))


@contextmanager
def _documents_only(db: Database) -> Iterator[Connection]:
    """A connection that may store search documents without work orders behind them, so that
    only the index is under test (foreign keys off for this connection)."""
    with db.engine.connect() as conn:
        if db.dialect == "sqlite":
            conn.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")  # no BEGIN
        else:
            conn.execute(text("SET session_replication_role = replica"))
        try:
            yield conn
        finally:
            conn.rollback()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    docs=st.lists(st.text(ALPHABET, min_size=1, max_size=12), min_size=1, max_size=6),
    query=st.text(ALPHABET, min_size=1, max_size=4),
)
def test_search_equals_naive_substring_match(db: Database, docs: list[str], query: str) -> None:
    sample_ids = list(range(1, len(docs) + 1))
    with _documents_only(db) as conn:
        upsert_documents(
            conn, [(i, work_order_document([d])) for i, d in zip(sample_ids, docs, strict=True)]
        )
        clause = matching_ids_clause(db.dialect, query, literal_column("work_order_id"))
        found = (
            None
            if clause is None
            else set(
                conn.execute(
                    select(literal_column("work_order_id"))
                    .select_from(text("work_order_search"))
                    .where(clause)
                ).scalars()
            )
        )
    words = normalize(query).split()
    expected = {
        i
        for i, d in zip(sample_ids, docs, strict=True)
        if all(w in work_order_document([d]) for w in words)
    }
    assert found == (expected if words else None)


@pytest.mark.pg
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(parts=st.lists(storable_text(max_size=15), max_size=4))
def test_postgresql_gram_function_indexes_every_character_and_pair(
    pg_db: Database, parts: list[str]
) -> None:
    """The grams migration 0002's SQL function computes are exactly the ones queries ask for:
    every character and every pair of neighbours within each word of the document."""
    document = work_order_document(parts)
    expected = {w[i : i + n] for w in document.split(" ") for n in (1, 2) for i in range(len(w))}
    with pg_db.engine.connect() as conn:
        grams = conn.execute(
            text(f"SELECT {PG_GRAMS_FUNCTION}(:doc)"), {"doc": document}
        ).scalar_one()
    assert set(grams) == expected


def test_documents_separate_words_by_single_spaces() -> None:
    assert work_order_document(["  点検\t 秋田\u3000市 ", None, "", "ＡＢ"]) == "点検 秋田 市 ab"


@pytest.mark.pg
def test_migration_0002_keeps_what_0001_indexed(pg_url: str) -> None:
    engine = make_engine(pg_url)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text("SET LOCAL session_replication_role = replica"))
        conn.execute(
            text(
                "INSERT INTO work_order_search (work_order_id, doc, grams) "
                "VALUES (1, '管路 点検', '{管,路,管路,点,検,点検}'), (2, '清掃', '{清,掃,清掃}')"
            )
        )
    upgrade(engine)
    db = Database(engine)
    try:
        with db.engine.connect() as conn:
            assert count_matching(conn, "点検") == 1
            assert count_matching(conn, "掃") == 1
            columns = {c["name"] for c in inspect(conn).get_columns("work_order_search")}
        assert columns == {"work_order_id", "doc"}
        downgrade(engine, "0001")
        with engine.connect() as conn:
            found = conn.execute(
                text("SELECT work_order_id FROM work_order_search WHERE grams @> '{点検}'")
            ).scalars()
            assert list(found) == [1]
    finally:
        db.dispose()


@pytest.mark.parametrize("query", ["点検", "処理区", "能代 清掃", "清", "wo-000", "調査点検"])
def test_walking_and_collecting_strategies_agree(
    db: Database, monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    import oneaqita.search_strategy as strategy
    from oneaqita.services.work_order_queries import list_work_orders

    sample = build_sample(db)
    results = []
    for share in (0.0, 2.0):  # every term common (walk the list) / none common (collect)
        monkeypatch.setattr(strategy, "COMMON_SHARE", share)
        monkeypatch.setattr(strategy, "walk_pays", lambda *_, walk=share == 0.0: walk)
        for client in (None, sample.noshiro_id):
            flt = WorkOrderFilter(text=query, client_id=client)
            results.append(
                (count_work_orders(db, flt), [r.number for r in list_work_orders(db, flt)])
            )
    assert results[:2] == results[2:]
    assert results[0][0] == len(results[0][1]) == len(_numbers(db, query))


@pytest.mark.parametrize(
    ("matches", "offset", "walks"),
    [
        (190_000, 0, True),  # 点検 in 38 % of 500,000: a page is ~530 rows down the index
        (190_000, 20_000, True),
        (190_000, 100_000, False),  # deep in its results the walk would read most rows
        (5_000, 0, False),  # 1 %: collecting 5,000 beats walking 100,000 rows
        (0, 0, False),
    ],
)
def test_walk_only_where_it_reads_less(matches: int, offset: int, walks: bool) -> None:
    from oneaqita.search_strategy import walk_pays

    assert walk_pays(matches, 500_000, offset, 200) is walks


def test_a_page_after_the_count_does_not_count_again(db: Database) -> None:
    from sqlalchemy import event

    from oneaqita.services.work_order_queries import list_work_orders

    build_sample(db)
    flt = WorkOrderFilter(text="処理区")
    statements: list[str] = []

    def seen(conn, cursor, statement, *_):  # type: ignore[no-untyped-def]
        statements.append(statement)

    assert count_work_orders(db, flt) == 5
    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        assert len(list_work_orders(db, flt, 0, 50)) == 5
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert not [s for s in statements if "count(" in s.lower()], statements
