"""The demo follows the calendar: loaded on a day, it covers the previous and the current
fiscal year of that day, with this year's work running and planned, hours up to yesterday,
current secondments, and accepted orders carrying their 検収日; another day moves the years."""

from datetime import date
from pathlib import Path

from sqlalchemy import text

from oneaqita.db.engine import make_engine
from oneaqita.db.migrate import upgrade
from oneaqita.demo import load_demo
from oneaqita.demo.dates import DemoCalendar
from oneaqita.services.database import Database
from oneaqita.transfer import export_kind, import_file
from oneaqita.workdays import is_working_day
from tests.logins import actor_for

SCALE = 0.03


def _load(path: Path, today: date) -> Database:
    engine = make_engine(f"sqlite:///{path.as_posix()}")
    upgrade(engine)
    db = Database(engine)
    load_demo(db, scale=SCALE, today=today)
    return db


def _one(db: Database, sql: str, **params: object) -> object:
    with db.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar_one()


def _all(db: Database, sql: str, **params: object) -> list[tuple[object, ...]]:
    with db.engine.connect() as conn:
        return [tuple(r) for r in conn.execute(text(sql), params)]


def test_the_calendar_of_a_day() -> None:
    cal = DemoCalendar(date(2026, 12, 1))
    assert cal.fiscal_years == (2025, 2026)  # 令和7年度 and 令和8年度
    assert (cal.data_start, cal.as_of, cal.founded) == (
        date(2025, 4, 1),
        date(2026, 11, 30),
        date(2024, 11, 1),
    )
    assert cal.shifted(date(2025, 6, 27)) == date(2026, 6, 27)
    assert DemoCalendar(date(2026, 3, 31)).fiscal_years == (2024, 2025)


def test_loaded_on_2026_12_01_a_manager_sees_this_years_work(tmp_path: Path) -> None:
    db = _load(tmp_path / "d.sqlite3", date(2026, 12, 1))
    try:
        running = _one(
            db,
            "SELECT count(*) FROM work_orders WHERE status = 'in_progress' "
            "AND planned_start BETWEEN '2026-04-01' AND '2027-03-31'",
        )
        ahead = _one(
            db,
            "SELECT count(*) FROM work_orders WHERE status IN ('planned', 'draft') "
            "AND planned_start >= '2026-12-01'",
        )
        assert isinstance(running, int) and running > 0
        assert isinstance(ahead, int) and ahead > 0
        # Hours on working days up to yesterday, not after; the last week is still open.
        last, first = _all(db, "SELECT max(work_date), min(work_date) FROM time_entries")[0]
        assert (str(first), str(last)) == ("2025-04-01", "2026-11-30")
        days = [date.fromisoformat(str(d)) for (d,) in _all(
            db, "SELECT DISTINCT work_date FROM time_entries")]  # fmt: skip
        assert all(is_working_day(d) for d in days)
        assert date(2026, 11, 3) not in days and date(2026, 1, 1) not in days  # 文化の日, 元日
        # Nothing happened after yesterday: no move, no actual date, no acceptance.
        late = _one(
            db,
            "SELECT count(*) FROM work_orders WHERE actual_start > '2026-11-30' "
            "OR actual_end > '2026-11-30' OR accepted_on > '2026-11-30'",
        )
        future_events = _one(
            db, "SELECT count(*) FROM work_order_events WHERE at >= '2026-11-30 15:00:00'"
        )  # 2026-12-01 00:00 in Akita
        assert (late, future_events) == (0, 0)
        # Accepted orders carry their 検収日 (not before the actual end) and a reference.
        accepted = _all(
            db,
            "SELECT accepted_on, actual_end, acceptance_ref FROM work_orders "
            "WHERE status = 'accepted'",
        )
        assert accepted and all(
            on is not None and str(end) <= str(on) <= "2026-12-01" and ref
            for on, end, ref in accepted
        )
        no_reason = _one(
            db,
            "SELECT count(*) FROM work_order_events WHERE to_status = 'cancelled' "
            "AND (note IS NULL OR note = '')",
        )
        assert no_reason == 0
        # Secondments current on the day, and contracts of 令和8年度.
        current = _one(
            db,
            "SELECT count(*) FROM secondments WHERE start_date <= '2026-12-01' "
            "AND (end_date IS NULL OR end_date >= '2026-12-01')",
        )
        assert isinstance(current, int) and current > 0
        assert _one(db, "SELECT count(*) FROM contracts WHERE title LIKE '令和8年度%'")
        assert _one(db, "SELECT min(start_date) FROM contracts") == "2025-04-01"
        # Every order re-imports unchanged (its assignees are eligible for its period).
        actor = actor_for(db, login="admin")  # the demo's administrator
        path = tmp_path / "w.csv"
        export_kind(db, actor, "work-orders", path)
        report = import_file(db, actor, "work-orders", path, check_only=True)
        assert report.errors == [] and report.unchanged == report.rows > 0
    finally:
        db.dispose()


def test_another_day_moves_the_years(tmp_path: Path) -> None:
    db = _load(tmp_path / "d.sqlite3", date(2028, 6, 10))
    try:
        first, last = _all(db, "SELECT min(work_date), max(work_date) FROM time_entries")[0]
        assert (str(first), str(last)) == ("2027-04-01", "2028-06-09")
        assert _one(db, "SELECT min(start_date) FROM contracts") == "2027-04-01"
        assert _one(db, "SELECT count(*) FROM contracts WHERE title LIKE '令和10年度%'")
        numbers = {str(n)[:7] for (n,) in _all(db, "SELECT number FROM work_orders")}
        assert numbers == {"WO-2027", "WO-2028"}
        assert _one(db, "SELECT min(since) FROM shareholdings") == "2026-11-01"
    finally:
        db.dispose()


def test_without_a_today_the_demo_is_loaded_as_of_the_real_day(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{(tmp_path / 'd.sqlite3').as_posix()}")
    upgrade(engine)
    db = Database(engine)
    try:
        load_demo(db, scale=0.01)
        after = _one(db, "SELECT after FROM audit_log WHERE action = 'demo'")
        assert f'"today": "{date.today().isoformat()}"' in str(after)
        last = _one(db, "SELECT max(work_date) FROM time_entries")
        assert str(last) < date.today().isoformat()
    finally:
        db.dispose()
