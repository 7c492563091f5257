"""Reads side by side (services/parallel_reads.py): on their own threads and connections when
the database is a file or a server, in order on an in-memory database, the results in the
order given, an error raised only after every read has ended, no deadlock when nested; and
reads side by side in one snapshot, though another desktop commits while they run."""

import threading
import time
from typing import Any

import pytest
from sqlalchemy import func, select, text

from oneaqita.models import Organization, OrganizationKind
from oneaqita.services import parallel_reads
from oneaqita.services.actor import SYSTEM_ACTOR
from oneaqita.services.database import Database
from oneaqita.services.parallel_reads import Reads, read_consistently, side_by_side


def _where(db: Database, together: threading.Barrier | None = None) -> tuple[str, int]:
    with db.read() as session:
        conn = session.connection().connection.driver_connection  # checked out now
        if together is not None:
            together.wait()  # both reads hold their connection at once, or this times out
        return threading.current_thread().name, id(conn)


@pytest.fixture
def two_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel_reads, "WORKERS", 2)  # even on a one-core runner


def test_reads_of_a_file_run_on_their_own_threads_and_connections(
    db: Database, two_workers: None
) -> None:
    together = threading.Barrier(2, timeout=10)
    (a_thread, a_conn), (b_thread, b_conn) = side_by_side(
        db, lambda: _where(db, together), lambda: _where(db, together)
    )
    assert a_thread != b_thread and a_conn != b_conn
    assert a_thread.startswith("oneaqita-read") and b_thread.startswith("oneaqita-read")


def test_results_come_in_the_order_given(db: Database, two_workers: None) -> None:
    def value(n: int, pause: float) -> int:
        with db.read() as session:
            time.sleep(pause)
            return int(session.execute(text(f"SELECT {n}")).scalar_one())

    assert side_by_side(db, lambda: value(1, 0.2), lambda: value(2, 0), lambda: value(3, 0.1)) == [
        1,
        2,
        3,
    ]


def test_an_error_is_raised_after_the_other_reads_ended(db: Database, two_workers: None) -> None:
    ended: list[str] = []

    def slow() -> None:
        time.sleep(0.3)
        ended.append("slow")

    def fails() -> None:
        raise ValueError("壊れた読み取り")

    with pytest.raises(ValueError, match="壊れた読み取り"):
        side_by_side(db, fails, slow)
    assert ended == ["slow"]


def test_an_in_memory_database_is_read_in_order_on_the_callers_thread(two_workers: None) -> None:
    db = Database.open("sqlite:///:memory:")
    try:
        here = threading.current_thread().name
        assert [t for t, _c in side_by_side(db, lambda: _where(db), lambda: _where(db))] == [
            here,
            here,
        ]
    finally:
        db.dispose()


def test_reads_side_by_side_inside_a_read_side_by_side_do_not_wait_for_the_pool(
    db: Database, two_workers: None
) -> None:
    def inner() -> list[Any]:
        return side_by_side(db, lambda: 1, lambda: 2, lambda: 3)

    # Every worker busy with a call that itself asks for the pool: it must not wait for it.
    assert side_by_side(db, inner, inner, inner, inner) == [[1, 2, 3]] * 4


# -- reads side by side in one snapshot ---------------------------------------------------
def _bodies(session: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(Organization)) or 0)


def _add_body(db: Database, code: str) -> None:
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        uow.session.add(Organization(code=code, kind=OrganizationKind.CITY, name_ja=f"市{code}"))


def test_side_reads_see_what_the_main_session_sees_though_a_commit_lands_between(
    db: Database, two_workers: None
) -> None:
    _add_body(db, "052019")
    runs: list[tuple[int, list[int]]] = []

    def build(reads: Reads) -> tuple[int, list[int]]:
        main = _bodies(reads.session)  # the main session's snapshot begins here
        if not runs:
            _add_body(db, "052027")  # another desktop commits meanwhile
        side = reads.together(_bodies, _bodies)
        runs.append((main, side))
        return main, side

    main, side = read_consistently(db, build)
    assert side == [main, main]
    if db.dialect == "postgresql":  # the side reads imported the snapshot: the first run holds
        assert runs == [(1, [1, 1])]
    else:  # the commit was seen, so the reads ran again, one after another in one session
        assert runs == [(1, [2, 2]), (2, [2, 2])]  # the first run's disagreement, caught


def test_without_a_commit_the_reads_run_once_side_by_side(db: Database, two_workers: None) -> None:
    _add_body(db, "052019")
    together = threading.Barrier(2, timeout=10)
    builds: list[int] = []

    def counted(session: Any) -> tuple[int, str]:
        together.wait()  # both side reads at once, or this times out
        return _bodies(session), threading.current_thread().name

    def build(reads: Reads) -> list[tuple[int, str]]:
        builds.append(1)
        return reads.together(counted, counted)

    found = read_consistently(db, build)
    assert builds == [1]
    assert [n for n, _ in found] == [1, 1]
    assert all(t.startswith("oneaqita-read") for _, t in found)
