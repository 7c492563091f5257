"""The Staffing overview: the timeline's bars and today line, the 90-day leavers, and
headcount and FTE by sending body."""

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, QEvent, QPoint, QSettings
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from oneaqita.models import SecondmentKind
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.staffing import headcount_by_body, leaving_within, secondment_timeline
from tests.staffing_builders import ADMIN, add_bodies, add_person, add_secondment
from ui.operations import change_hub, running_operations
from ui.staffing.overview_page import StaffingOverviewPage, default_period
from ui.staffing.timeline_header import TODAY_COLOR
from ui.staffing.timeline_layout import bar_tooltip, row_tooltip
from ui.staffing.timeline_view import LABEL_WIDTH

TODAY = date(2025, 6, 15)
K = SecondmentKind


@pytest.fixture
def db(sqlite_db: Database, qtbot) -> Iterator[Database]:  # type: ignore[no-untyped-def]
    """Secondments around TODAY: ids by employee number (two for E4)."""
    add_bodies(sqlite_db)
    for no, name, home in [
        ("E1", "佐藤 花子", "052019"),
        ("E2", "鈴木 一郎", "050008"),
        ("E3", "高橋 健", "052027"),
        ("E4", "田中 優", "P001"),
        ("E5", "伊藤 蓮", "052019"),
        ("E6", "渡辺 陽", "052019"),
    ]:
        add_person(sqlite_db, no, name, home)
    add_secondment(sqlite_db, "E1", date(2023, 4, 1), date(2025, 6, 30), "052019")  # 15 days
    add_secondment(sqlite_db, "E2", date(2025, 4, 1), date(2025, 8, 31), "050008", pct=50)
    add_secondment(sqlite_db, "E3", date(2024, 10, 1), None, "052027", K.RETIRED, 100, "技師")
    add_secondment(sqlite_db, "E4", date(2024, 4, 1), date(2025, 3, 31), "P001", K.PARTNER, 100)
    add_secondment(sqlite_db, "E4", date(2025, 4, 1), date(2028, 3, 31), "P001", K.PARTNER, 100)
    add_secondment(sqlite_db, "E5", date(2021, 4, 1), date(2023, 3, 31), "052019")  # before
    add_secondment(sqlite_db, "E6", TODAY, date(2025, 7, 10), "052019", pct=30)  # 25 days
    yield sqlite_db
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=5000)


@pytest.fixture
def page(qtbot, db: Database) -> Iterator[StaffingOverviewPage]:  # type: ignore[no-untyped-def]
    widget = StaffingOverviewPage(db, ADMIN, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1300, 820)
    widget.show()
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=5000)
    yield widget
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=5000)


def _settled(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=5000)


def test_the_period_defaults_to_this_fiscal_year_and_the_ones_around_it(
    page: StaffingOverviewPage,
) -> None:
    assert page.title() == "出向状況"
    assert default_period(TODAY) == (date(2024, 4, 1), date(2027, 3, 31))
    assert page.period() == (date(2024, 4, 1), date(2027, 3, 31))


def test_one_bar_per_secondment_in_the_window(page: StaffingOverviewPage, db: Database) -> None:
    start, end = page.period()
    groups = secondment_timeline(db, start, end)
    expected = {bar.secondment_id for g in groups for bar in g.bars}
    bars = page.timeline.shown_bars()
    assert len(bars) == len(expected) == 6  # E5's stay ended before the window
    assert {b.slot.bar.secondment_id for b in bars} == expected
    # Rows: a header per body in code order, then its people.
    rows = page.timeline.layout_.rows
    assert [r.group.code for r in rows if r.is_group] == ["050008", "052019", "052027", "P001"]
    assert [r.bar.employee_no for r in rows if r.bar] == ["E2", "E1", "E6", "E3", "E4"]
    by_person: dict[str, list] = {}  # type: ignore[type-arg]
    for b in bars:
        by_person.setdefault(b.slot.bar.employee_no, []).append(b)
    # E4's renewal continues on the same row, one bar after the other.
    first, second = sorted(by_person["E4"], key=lambda b: b.rect.left())
    assert first.slot.row == second.slot.row
    assert first.rect.right() < second.rect.left() <= first.rect.right() + 3
    # A stay begun before the window starts at its left edge; an open end and an end
    # beyond the window run to its right edge.
    left_edge = by_person["E1"][0].rect.left()
    assert left_edge == LABEL_WIDTH - page.timeline.horizontalScrollBar().value()
    assert by_person["E1"][0].slot.starts_before
    (open_end,) = by_person["E3"]
    assert open_end.slot.open_ended
    assert open_end.rect.right() == pytest.approx(second.rect.right())
    assert second.slot.runs_on and not second.slot.open_ended
    # Longer stays are longer bars.
    assert by_person["E6"][0].rect.width() < by_person["E2"][0].rect.width()


def test_today_is_marked(qtbot, page: StaffingOverviewPage) -> None:
    timeline = page.timeline
    x = timeline.today_x()
    assert x is not None
    (e6,) = [b for b in timeline.shown_bars() if b.slot.bar.employee_no == "E6"]
    assert e6.rect.left() < x < e6.rect.left() + 2  # E6 starts today
    image = timeline.viewport().grab().toImage()
    y = timeline.viewport().height() - 5  # below the rows: only gridlines and today
    assert TODAY_COLOR in [image.pixelColor(round(x) + dx, y) for dx in (-1, 0, 1)]
    # A window without today has no line.
    page.set_period(date(2023, 4, 1), date(2024, 3, 31))
    _settled(qtbot)
    assert timeline.today_x() is None


def test_a_bar_tells_who_from_where_and_until_when(qtbot, page: StaffingOverviewPage) -> None:
    (e3,) = [b for b in page.timeline.shown_bars() if b.slot.bar.employee_no == "E3"]
    center = e3.rect.center()
    assert page.timeline.bar_at(QPoint(round(center.x()), round(center.y()))) is e3.slot
    text = bar_tooltip(e3.slot)
    assert text.split("\n") == [
        "高橋 健（E3）",
        "能代市　退職派遣",
        "2024/10/01 〜 期間の定めなし",
        "技師",
    ]
    assert page.timeline.bar_at(QPoint(5, round(center.y()))) is None  # the names column
    # Hovering shows it.
    viewport = page.timeline.viewport()
    pos = QPoint(round(center.x()), round(center.y()))
    QApplication.sendEvent(
        viewport, QHelpEvent(QEvent.Type.ToolTip, pos, viewport.mapToGlobal(pos))
    )
    qtbot.waitUntil(QToolTip.isVisible, timeout=2000)
    assert QToolTip.text() == text
    # The names column tells the whole name, which may be elided.
    row = page.timeline.row_at(pos.y())
    assert row is not None and row.bar is not None and row.bar.employee_no == "E3"
    assert row_tooltip(row) == "高橋 健（E3）"
    assert row_tooltip(page.timeline.layout_.rows[0]) == "秋田県（050008）"
    QToolTip.hideText()


def test_a_narrower_window_shows_fewer_bars(
    qtbot, page: StaffingOverviewPage, db: Database
) -> None:
    page.from_edit.setDate(QDate(2025, 7, 1))
    page.to_edit.setDate(QDate(2025, 12, 31))
    _settled(qtbot)
    expected = secondment_timeline(db, date(2025, 7, 1), date(2025, 12, 31))
    shown = {b.slot.bar.secondment_id for b in page.timeline.shown_bars()}
    assert shown == {bar.secondment_id for g in expected for bar in g.bars}
    assert len(shown) == 4  # E1 ended in June; E4's first stay in March
    # A start after the end moves the end along: the period is never empty.
    page.from_edit.setDate(QDate(2026, 2, 1))
    _settled(qtbot)
    assert page.period() == (date(2026, 2, 1), date(2026, 2, 1))
    page.reset_button.click()
    _settled(qtbot)
    assert page.period() == default_period(TODAY)
    assert len(page.timeline.shown_bars()) == 6


def test_leavers_within_90_days_soonest_first(page: StaffingOverviewPage, db: Database) -> None:
    leaving = page.leaving
    expected = leaving_within(db, TODAY, 90)
    assert [r.secondment_id for r in leaving.rows] == [r.secondment_id for r in expected]
    table = leaving.table
    shown = [[table.item(r, c).text() for c in range(5)] for r in range(table.rowCount())]
    assert shown == [
        ["佐藤 花子（E1）", "秋田市", "在籍派遣", "2025/06/30", "あと 15 日"],
        ["渡辺 陽（E6）", "秋田市", "在籍派遣", "2025/07/10", "あと 25 日"],
        ["鈴木 一郎（E2）", "秋田県", "在籍派遣", "2025/08/31", "あと 77 日"],
    ]
    assert [leaving.is_urgent(r) for r in range(3)] == [True, True, False]
    assert leaving.title() == "90日以内に終了 (3人)"


def test_headcount_totals_equal_the_service(
    qtbot, page: StaffingOverviewPage, db: Database
) -> None:
    box = page.headcount
    assert box.on() == TODAY
    expected = headcount_by_body(db, TODAY)
    total = expected.total
    assert box.table.rowCount() == len(expected.rows) + 1
    assert box.total_texts() == [
        "合計",
        str(total.headcount),
        f"{total.fte:.2f}",
        f"{total.company_salary_fte:.2f}",
    ]
    assert box.total_texts() == ["合計", "5", "5.00", "2.80"]  # 0+50+100+100+30 %
    names = [box.table.item(r, 0).text() for r in range(len(expected.rows))]
    assert names == [r.name_ja for r in expected.rows]
    # Another day: the figures of that day.
    on = date(2024, 12, 1)
    with qtbot.waitSignal(box.date_changed):
        box.date_edit.setDate(QDate(on.year, on.month, on.day))
    _settled(qtbot)
    other = headcount_by_body(db, on).total
    assert box.total_texts() == [
        "合計",
        str(other.headcount),
        f"{other.fte:.2f}",
        f"{other.company_salary_fte:.2f}",
    ]
    assert other.headcount == 3


def test_a_change_elsewhere_refreshes_the_page(
    qtbot, page: StaffingOverviewPage, db: Database
) -> None:
    add_person(db, "E7", "小林 結衣", "050008")
    new_id = add_secondment(db, "E7", TODAY - timedelta(days=10), TODAY + timedelta(days=5))
    before = len(page.timeline.shown_bars())
    change_hub().changed.emit(Change({Entity.SECONDMENTS: frozenset({new_id})}))
    _settled(qtbot)
    assert len(page.timeline.shown_bars()) == before + 1
    assert page.leaving.rows[0].secondment_id == new_id  # five days left: first
    assert page.headcount.total_texts()[1] == "6"


def test_the_splitters_are_remembered(qtbot, page: StaffingOverviewPage, db: Database) -> None:
    settings = QSettings()
    page.splitter.setSizes([300, 400])
    page.save_state(settings)
    other = StaffingOverviewPage(db, ADMIN, today=TODAY)
    qtbot.addWidget(other)
    other.restore_state(settings)
    assert other.splitter.saveState() == page.splitter.saveState()
    _settled(qtbot)
