"""The team month page on the demo data: people × days with the hours, a gap highlighted, the
weekends and holidays tinted, a day outside a secondment greyed, the totals, the month keys
and the body filter; a change of hours reloads it."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import select

from oneaqita.models import Person, Secondment
from oneaqita.services.actor import SYSTEM_ACTOR, Actor
from oneaqita.services.database import Database
from oneaqita.services.secondments import end_secondment
from ui.operations import ChangeOp, running_operations
from ui.timesheets.day_labels import GAP, OFF_DAY, OUTSIDE
from ui.timesheets.team_month_model import FIRST_DAY
from ui.timesheets.team_month_page import TeamMonthPage

TODAY = date(2026, 3, 18)  # a Wednesday: the days from the 18th on are not due yet
BG = Qt.ItemDataRole.BackgroundRole


def _page(qtbot, db: Database, actor: Actor) -> TeamMonthPage:  # type: ignore[no-untyped-def]
    page = TeamMonthPage(db, actor, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1500, 600)
    page.show()
    qtbot.waitExposed(page)
    _settled(qtbot, page)
    return page


def _settled(qtbot, page: TeamMonthPage) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: running_operations() == 0 and page.result is not None, timeout=10_000)


def _row(page: TeamMonthPage, employee_no: str) -> int:
    assert page.result is not None
    return next(i for i, m in enumerate(page.result.members) if m.employee_no == employee_no)


def _cell(page: TeamMonthPage, row: int, day: int, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
    return page.model.data(page.model.index(row, FIRST_DAY + day - 1), role)


def test_the_month_shows_hours_gaps_and_off_days(qtbot, demo_db: Database, actor: Actor) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, demo_db, actor)
    result = page.result
    assert result is not None and page.month_label.text() == "2026年3月"
    assert len(result.days) == 31 and len(result.working) == 21  # 3/20 春分の日
    members = result.members
    assert page.filter_bar.count_label.text() == f"{len(members)} 人"
    gaps = sum(len(m.gaps) for m in members)
    assert page.summary_label.text() == f"勤務日 21 日・未入力 {gaps} 件"
    # Somebody without hours on a due working day: a gap, highlighted and explained.
    gapped = next(m for m in members if date(2026, 3, 2) in m.gaps)
    row = _row(page, gapped.employee_no)
    assert _cell(page, row, 2) == "" and _cell(page, row, 2, BG) == GAP
    assert "未入力 (勤務日)" in _cell(page, row, 2, Qt.ItemDataRole.ToolTipRole)
    assert _cell(page, row, 18, BG) is None  # today: not due yet
    # Somebody with hours: shown per day, weekends and the holiday tinted.
    worker = next(m for m in members if m.minutes.get(date(2026, 3, 2)))
    row = _row(page, worker.employee_no)
    minutes = worker.minutes[date(2026, 3, 2)]
    assert _cell(page, row, 2) == f"{minutes // 60}:{minutes % 60:02d}"
    assert _cell(page, row, 7, BG) == OFF_DAY and _cell(page, row, 20, BG) == OFF_DAY
    total = page.model.data(page.model.index(row, page.model.total_column()))
    assert total == f"{worker.total // 60}:{worker.total % 60:02d}"
    totals_row = len(members)
    assert page.model.data(page.model.index(totals_row, 0)) == "日計"
    day_total = result.day_totals[date(2026, 3, 2)]
    assert _cell(page, totals_row, 2) == f"{day_total // 60}:{day_total % 60:02d}"
    assert day_total == sum(m.minutes.get(date(2026, 3, 2), 0) for m in members)


def test_a_day_after_the_secondment_is_greyed_and_a_change_reloads(
    qtbot, demo_db: Database, actor: Actor
) -> None:  # type: ignore[no-untyped-def]
    with demo_db.read() as s:
        stay = s.execute(
            select(Secondment.id, Secondment.version, Person.employee_no)
            .join(Person, Person.id == Secondment.person_id)
            .where(
                Secondment.start_date <= date(2026, 3, 1),
                Secondment.not_ended_before(date(2026, 3, 31)),
            )
            .order_by(Person.employee_no)
            .limit(1)
        ).one()
    page = _page(qtbot, demo_db, actor)
    row = _row(page, stay.employee_no)
    assert _cell(page, row, 25, BG) is None  # a Wednesday after today, still seconded
    end = date(2026, 3, 20)
    ChangeOp(page, lambda: end_secondment(demo_db, SYSTEM_ACTOR, stay.id, end, stay.version)).run()
    qtbot.waitUntil(lambda: _cell(page, _row(page, stay.employee_no), 25, BG) == OUTSIDE)
    assert "雇用・出向期間外" in _cell(
        page, _row(page, stay.employee_no), 25, Qt.ItemDataRole.ToolTipRole
    )


def test_the_month_keys_and_the_body_filter(qtbot, demo_db: Database, actor: Actor) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, demo_db, actor)
    every = len(page.result.members) if page.result else 0
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_PageUp)
    qtbot.waitUntil(lambda: page.result is not None and page.result.first == date(2026, 2, 1))
    assert page.month_label.text() == "2026年2月" and len(page.result.days) == 28
    QTest.keyClick(page.table, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: page.result is not None and page.result.first == date(2026, 3, 1))
    qtbot.waitUntil(lambda: page.filter_bar.body_combo.count() > 1, timeout=10_000)
    combo = page.filter_bar.body_combo
    combo.setCurrentIndex(combo.findText("株式会社ONE・AQITA"))
    qtbot.waitUntil(
        lambda: (
            page.result is not None
            and bool(page.result.members)
            and {m.body_name for m in page.result.members} == {"株式会社ONE・AQITA"}
        )
    )
    assert len(page.result.members) < every
