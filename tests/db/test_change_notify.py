"""Live changes in the core: the NOTIFY a commit sends and a second app hears (PostgreSQL),
its payload and its limits, and data_version on SQLite."""

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text

from oneaqita.db.engine import make_engine
from oneaqita.models import OrganizationKind
from oneaqita.services.change_notify import (
    CHANNEL,
    PAYLOAD_LIMIT,
    ChangeListener,
    decode,
    encode,
    everything,
    merge,
)
from oneaqita.services.changes import LISTED, Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.organizations import save_organization, upsert_organization
from oneaqita.services.records import OrganizationData
from tests.staffing_builders import ADMIN

AKITA = OrganizationData("052019", OrganizationKind.CITY, "秋田市", "あきたし", "Akita City")
NOSHIRO = OrganizationData("052027", OrganizationKind.CITY, "能代市")


class Heard:
    """What a listener on its own thread hands on."""

    def __init__(self) -> None:
        self.changes: list[Change] = []
        self.arrived = threading.Event()

    def __call__(self, change: Change) -> None:
        self.changes.append(change)
        self.arrived.set()


@pytest.fixture
def second(pg_db: Database) -> Iterator[Database]:
    """Another app on the same PostgreSQL database."""
    other = Database(make_engine(pg_db.engine.url.render_as_string(hide_password=False)))
    yield other
    other.dispose()


@contextmanager
def listening(db: Database, heard: Heard, **kwargs: float) -> Iterator[ChangeListener]:
    listener = ChangeListener(db.engine, heard, skip_origin=db.notifier.origin, **kwargs)
    thread = threading.Thread(target=listener.run, daemon=True)
    thread.start()
    assert listener.listening.wait(10)
    yield listener
    listener.stop()
    thread.join(5)
    assert not thread.is_alive()


@pytest.fixture
def heard_by_second(second: Database) -> Iterator[Heard]:
    heard = Heard()
    with listening(second, heard):
        yield heard


# -- PostgreSQL ------------------------------------------------------------------------------
@pytest.mark.pg
def test_a_commit_is_heard_by_another_app_as_the_change_it_made(
    pg_db: Database, heard_by_second: Heard
) -> None:
    committed = save_organization(pg_db, ADMIN, AKITA, None)
    assert heard_by_second.arrived.wait(5)
    assert heard_by_second.changes == [committed]
    assert committed.created_id(Entity.ORGANIZATIONS) is not None


@pytest.mark.pg
def test_nothing_is_heard_of_a_rolled_back_or_empty_unit_of_work(
    pg_db: Database, heard_by_second: Heard
) -> None:
    with pytest.raises(RuntimeError), pg_db.unit_of_work(ADMIN) as uow:
        upsert_organization(uow, AKITA)
        raise RuntimeError("the user's mistake")
    with pg_db.unit_of_work(ADMIN) as uow:
        upsert_organization(uow, AKITA)
        uow.discard()
    with pg_db.unit_of_work(ADMIN):
        pass  # changed nothing
    marker = save_organization(pg_db, ADMIN, NOSHIRO, None)  # this one is heard, alone
    assert heard_by_second.arrived.wait(5)
    assert heard_by_second.changes == [marker]


@pytest.mark.pg
def test_an_app_does_not_hear_its_own_changes(pg_db: Database) -> None:
    heard = Heard()
    with listening(pg_db, heard):
        save_organization(pg_db, ADMIN, AKITA, None)
        with pg_db.engine.connect() as conn:  # someone else's change follows it
            conn.execute(
                text("SELECT pg_notify(:c, :p)"),
                {"c": CHANNEL, "p": encode(Change({Entity.PEOPLE: frozenset({7})}), "another-app")},
            )
            conn.commit()
        assert heard.arrived.wait(5)
    assert heard.changes == [Change({Entity.PEOPLE: frozenset({7})})]


@pytest.mark.pg
def test_a_payload_that_is_not_ours_is_ignored_and_listening_goes_on(
    pg_db: Database, heard_by_second: Heard
) -> None:
    with pg_db.engine.connect() as conn:
        for junk in (
            "",
            "not json",
            "[1,2]",
            '{"v":1}',
            '{"v":1,"o":"x","m":["no such"]}',
            '{"v":1,"o":"x","i":{"people":["1"]}}',
            '{"v":99,"o":"x"}',
            "\x7f" * 7999,
        ):
            conn.execute(text("SELECT pg_notify(:c, :p)"), {"c": CHANNEL, "p": junk})
        conn.commit()
    marker = save_organization(pg_db, ADMIN, AKITA, None)
    assert heard_by_second.arrived.wait(5)
    assert heard_by_second.changes == [marker]


@pytest.mark.pg
def test_an_import_too_big_for_a_payload_is_heard_as_many(
    pg_db: Database, heard_by_second: Heard
) -> None:
    with pg_db.unit_of_work(ADMIN) as uow:  # 3,000 ids do not fit in 8000 bytes, listed
        uow.recomputed(Entity.WORK_ORDERS, range(1_000_000, 1_003_000))
        uow.recomputed(Entity.PEOPLE, [5])
    assert heard_by_second.arrived.wait(5)
    assert heard_by_second.changes == [
        Change(derived={Entity.PEOPLE: frozenset({5})}, many=frozenset({Entity.WORK_ORDERS}))
    ]


@pytest.mark.pg
def test_a_lost_connection_is_opened_again_and_reported_as_everything(
    pg_db: Database, second: Database
) -> None:
    heard = Heard()
    with listening(second, heard, first_pause=0.05) as listener:
        with pg_db.engine.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE query = :q AND datname = current_database()"
                ),
                {"q": f"LISTEN {CHANNEL}"},
            )
            conn.commit()
        assert heard.arrived.wait(10)
        assert heard.changes == [everything()]
        assert listener.listening.wait(10)
        heard.arrived.clear()
        marker = save_organization(pg_db, ADMIN, AKITA, None)
        assert heard.arrived.wait(5)
        assert heard.changes[-1] == marker


def test_a_server_that_is_not_there_is_tried_again_until_stopped() -> None:
    engine = create_engine("postgresql+psycopg://postgres@127.0.0.1:1/none")  # nobody there
    listener = ChangeListener(engine, Heard(), first_pause=0.01, longest_pause=0.02)
    thread = threading.Thread(target=listener.run, daemon=True)
    thread.start()
    thread.join(0.3)
    assert thread.is_alive() and not listener.listening.is_set()
    listener.stop()
    thread.join(2)
    assert not thread.is_alive()


# -- the payload -------------------------------------------------------------------------
def test_a_payload_round_trips_into_the_same_change() -> None:
    change = Change(
        {Entity.ORGANIZATIONS: frozenset({1, 2}), Entity.PEOPLE: frozenset()},
        {Entity.WORK_ORDERS: frozenset({9})},
        {Entity.ORGANIZATIONS: frozenset({2})},
        frozenset({Entity.ASSETS}),
    )
    assert decode(encode(change, "me")) == ("me", change)


def test_ids_past_the_limit_become_many_largest_first() -> None:
    change = Change(
        {Entity.ASSETS: frozenset(range(10**6, 10**6 + LISTED)), Entity.PEOPLE: frozenset({3})},
        created={Entity.ASSETS: frozenset(range(10**6, 10**6 + LISTED))},
    )
    payload = encode(change, "me")
    assert len(payload.encode()) < PAYLOAD_LIMIT
    assert json.loads(payload)["m"] == ["assets"]
    assert decode(payload) == (
        "me",
        Change({Entity.PEOPLE: frozenset({3})}, many=frozenset({Entity.ASSETS})),
    )


def test_everything_touches_every_entity() -> None:
    assert everything().touches(*Entity) and all(everything().touches(e) for e in Entity)


def test_a_burst_merges_into_one_change_and_a_big_one_into_many() -> None:
    a = Change({Entity.PEOPLE: frozenset({1})}, created={Entity.PEOPLE: frozenset({1})})
    b = Change({Entity.PEOPLE: frozenset({2})}, many=frozenset({Entity.ASSETS}))
    assert merge([a, b]) == Change(
        {Entity.PEOPLE: frozenset({1, 2})},
        created={Entity.PEOPLE: frozenset({1})},
        many=frozenset({Entity.ASSETS}),
    )
    chunks = [Change({Entity.ASSETS: frozenset(range(i, i + 1000))}) for i in range(0, 6000, 1000)]
    assert merge(chunks) == Change(many=frozenset({Entity.ASSETS}))


# -- SQLite ------------------------------------------------------------------------------
def test_sqlite_notices_another_apps_commit_but_not_its_own(sqlite_db: Database) -> None:
    other = Database(make_engine(str(sqlite_db.engine.url)))
    try:
        watch = sqlite_db.notifier
        assert watch.data_version_changed() is False  # starts watching
        save_organization(sqlite_db, ADMIN, AKITA, None)  # its own
        assert watch.data_version_changed() is False
        save_organization(other, ADMIN, NOSHIRO, None)  # another app's
        assert watch.data_version_changed() is True
        assert watch.data_version_changed() is False  # told once
        with sqlite_db.read() as session:  # reading changes nothing
            session.execute(text("SELECT count(*) FROM organizations"))
        assert watch.data_version_changed() is False
    finally:
        other.dispose()


def test_sqlite_keeps_another_apps_commit_that_came_before_its_own(sqlite_db: Database) -> None:
    other = Database(make_engine(str(sqlite_db.engine.url)))
    try:
        sqlite_db.notifier.data_version_changed()
        save_organization(other, ADMIN, NOSHIRO, None)
        save_organization(sqlite_db, ADMIN, AKITA, None)  # its own commit comes after
        assert sqlite_db.notifier.data_version_changed() is True
    finally:
        other.dispose()


def test_an_in_memory_database_is_not_watched() -> None:
    db = Database(make_engine("sqlite://"))
    try:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("CREATE TABLE kept (x)")
            conn.commit()
        assert db.notifier.data_version_changed() is False
        assert db.notifier.data_version_changed() is False
        with db.engine.connect() as conn:  # its one connection, and the data, stayed
            conn.exec_driver_sql("SELECT * FROM kept")
    finally:
        db.dispose()
