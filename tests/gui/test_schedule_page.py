"""The Schedule page: bars for known orders, the load in red when overloaded, week and month,
the keys, and dragging a bar (moved in the database by the days dragged; a refusal snaps it
back with the reason; a conflict reloads), the editor on a double click, read-only roles."""

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from oneaqita.models import Role, WorkOrder, WorkOrderStatus
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.schedule_queries import Span
from oneaqita.services.work_order_scheduling import reschedule_work_order
from tests.logins import actor_for
from tests.schedule_builders import Plan, build_plan
from ui.operations import ChangeOp, running_operations
from ui.schedule.header import OVERLOAD_COLOR
from ui.schedule.page import SchedulePage
from ui.schedule.view import ShownBar

MONDAY = date(2026, 5, 25)


@pytest.fixture
def plan_db(sqlite_db: Database, qtbot) -> Iterator[tuple[Database, Plan]]:  # type: ignore[no-untyped-def]
    plan = build_plan(sqlite_db)
    yield sqlite_db, plan
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=10_000)


def _page(qtbot, db: Database, actor: Actor, today: date = MONDAY) -> SchedulePage:  # type: ignore[no-untyped-def]
    page = SchedulePage(db, actor, today=today)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    qtbot.waitExposed(page)
    _settled(qtbot, page)
    return page


def _settled(qtbot, page: SchedulePage) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: running_operations() == 0 and page.schedule is not None, timeout=10_000)


def _bars(page: SchedulePage, title: str) -> list[ShownBar]:
    return [b for b in page.view.shown_bars() if b.slot.order.title == title]


def _planned(db: Database, wo_id: int) -> tuple[date | None, date | None, int]:
    with db.read() as s:
        wo = s.scalar(select(WorkOrder).where(WorkOrder.id == wo_id))
        assert wo is not None
        return wo.planned_start, wo.planned_end, wo.version


def _drag(page: SchedulePage, bar: ShownBar, days: int) -> None:
    viewport = page.view.viewport()
    start = bar.rect.center().toPoint()
    end = start + QPoint(round(days * page.view.px_per_day), 0)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(viewport, start + QPoint(8, 0))
    QTest.mouseMove(viewport, end)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def test_the_demo_shows_a_bar_for_each_assignee_of_a_known_order(
    qtbot, demo_db: Database, actor: Actor
) -> None:
    with demo_db.read() as s:
        wo = s.scalars(
            select(WorkOrder)
            .where(
                WorkOrder.status == WorkOrderStatus.PLANNED, WorkOrder.planned_start.is_not(None)
            )
            .order_by(WorkOrder.id)
            .limit(1)
        ).one()
        people = sorted(p.name for p in wo.assignees)
        number, start = wo.number, wo.planned_start
    assert people and start is not None
    page = _page(qtbot, demo_db, actor, today=start)
    shown = [b for b in page.view.shown_bars() if b.slot.order.number == number]
    rows = page.view.layout_.rows
    assert sorted(rows[b.slot.row].assignee.name for b in shown) == people
    # The bar starts on its planned start's column (or at the left edge when earlier).
    x = page.view.day_x(max(start, page.period()[0]))
    assert all(abs(b.rect.left() - x) <= 2 for b in shown)


def test_loads_and_overload_are_shown(qtbot, plan_db: tuple[Database, Plan]) -> None:
    db, _plan = plan_db
    page = _page(qtbot, db, actor_for(db))
    assert page.period() == (MONDAY, date(2026, 5, 31))
    rows = {r.assignee.employee_no: r.assignee for r in page.view.layout_.rows}
    assert [(a.planned, a.capacity, a.overloaded) for a in rows.values()] == [
        (5, 5, False),
        (6, 5, True),
        (0, 5, False),
    ]
    assert page.filter_bar.count_label.text() == "3 人"
    image = page.view.viewport().grab().toImage()
    # E2's load is written in red: some pixel of its label cell has the overload colour.
    row = page.view.layout_.rows[1]
    y = int(page.view.row_top(row) + 14)
    reds = [
        image.pixelColor(x, yy)
        for x in range(260, 320)
        for yy in range(y - 6, y + 6)
        if image.pixelColor(x, yy).red() > 150 and image.pixelColor(x, yy).green() < 90
    ]
    assert reds, "the overloaded load is not red"
    assert OVERLOAD_COLOR.red() > 150


def test_week_and_month_and_the_keys(qtbot, plan_db: tuple[Database, Plan]) -> None:
    db, _plan = plan_db
    page = _page(qtbot, db, actor_for(db), today=date(2026, 5, 27))
    assert page.period() == (MONDAY, date(2026, 5, 31)) and page.view.layout_.days == 7
    qtbot.mouseClick(page.period_bar.month_button, Qt.MouseButton.LeftButton)
    _settled(qtbot, page)
    assert page.span is Span.MONTH and page.view.layout_.days == 31
    assert page.period_bar.period_label.text() == "2026年5月"
    page.view.setFocus()
    QTest.keyClick(page.view, Qt.Key.Key_PageDown)
    _settled(qtbot, page)
    assert page.period() == (date(2026, 6, 1), date(2026, 6, 30))
    assert [r.assignee.employee_no for r in page.view.layout_.rows] == ["E2", "E3"]
    QTest.keyClick(page.view, Qt.Key.Key_T)
    _settled(qtbot, page)
    assert page.period()[0] == date(2026, 5, 1)
    qtbot.mouseClick(page.period_bar.week_button, Qt.MouseButton.LeftButton)
    QTest.keyClick(page.view, Qt.Key.Key_PageUp)
    _settled(qtbot, page)
    assert page.period() == (date(2026, 5, 18), date(2026, 5, 24))
    QTest.keyClick(page.view, Qt.Key.Key_Home)
    _settled(qtbot, page)
    assert page.period() == (MONDAY, date(2026, 5, 31))
    # In the search box T, Home and PageUp edit the text; they do not move the period.
    QTest.keyClick(page.view, Qt.Key.Key_PageDown)
    _settled(qtbot, page)
    page.filter_bar.search_edit.setFocus()
    QTest.keyClicks(page.filter_bar.search_edit, "Tt")
    QTest.keyClick(page.filter_bar.search_edit, Qt.Key.Key_Home)
    assert page.filter_bar.search_edit.text() == "Tt"
    assert page.period() == (date(2026, 6, 1), date(2026, 6, 7))


def test_dragging_a_bar_moves_the_order_by_the_days_dragged(
    qtbot, plan_db: tuple[Database, Plan]
) -> None:
    db, plan = plan_db
    page = _page(qtbot, db, actor_for(db))
    a = plan.orders["A"]
    _drag(page, _bars(page, "経営分析 A")[0], 2)
    qtbot.waitUntil(lambda: _planned(db, a)[0] == date(2026, 5, 27), timeout=10_000)
    assert _planned(db, a)[:2] == (date(2026, 5, 27), date(2026, 5, 29))
    _settled(qtbot, page)
    # Reloaded: both of its bars (E1 and E2) now start on Wednesday, at the new version.
    qtbot.waitUntil(
        lambda: all(b.slot.order.version == _planned(db, a)[2] for b in _bars(page, "経営分析 A"))
    )
    wednesday = page.view.day_x(date(2026, 5, 27))
    assert [round(b.rect.left() - wednesday) for b in _bars(page, "経営分析 A")] == [2, 2]
    assert page.view.pending is None


def test_a_refused_drag_says_why_and_snaps_back(
    qtbot, plan_db: tuple[Database, Plan], message_boxes: list[str]
) -> None:
    db, plan = plan_db
    page = _page(qtbot, db, actor_for(db))
    bar = _bars(page, "経営分析 A")[0]
    left = bar.rect.left()
    _drag(page, bar, 6)  # 5/31–6/2: 佐藤 花子 is seconded only until 5/31
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=10_000)
    assert "佐藤 花子" in message_boxes[0] and "出向期間がありません" in message_boxes[0]
    message_boxes.clear()
    assert page.view.pending is None
    assert _bars(page, "経営分析 A")[0].rect.left() == left
    assert _planned(db, plan.orders["A"])[0] == date(2026, 5, 25)


def test_a_drag_onto_an_order_changed_meanwhile_reloads(
    qtbot, plan_db: tuple[Database, Plan], message_boxes: list[str]
) -> None:
    db, plan = plan_db
    actor = actor_for(db)
    page = _page(qtbot, db, actor)
    c = plan.orders["C"]
    _, _, version = _planned(db, c)
    # Someone else moves C; this page has not heard of it (no Change reached it).
    reschedule_work_order(db, actor, c, date(2026, 5, 26), date(2026, 5, 27), version)
    _drag(page, _bars(page, "設計照査 C")[0], -1)
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=10_000)
    assert "他の人が" in message_boxes[0]
    message_boxes.clear()
    _settled(qtbot, page)
    qtbot.waitUntil(
        lambda: _bars(page, "設計照査 C")[0].slot.order.planned_start == date(2026, 5, 26)
    )
    assert _planned(db, c)[:2] == (date(2026, 5, 26), date(2026, 5, 27))


def test_read_only_roles_see_it_without_dragging(qtbot, plan_db: tuple[Database, Plan]) -> None:
    db, plan = plan_db
    page = _page(qtbot, db, Actor(None, "viewer", Role.SECONDED))
    assert len(page.view.layout_.rows) == 3 and not page.view.may_move
    with qtbot.assertNotEmitted(page.view.move_requested):
        _drag(page, _bars(page, "経営分析 A")[0], 2)
    assert _planned(db, plan.orders["A"])[0] == date(2026, 5, 25)


def test_a_double_click_opens_the_editor(qtbot, plan_db: tuple[Database, Plan]) -> None:
    db, plan = plan_db
    page = _page(qtbot, db, actor_for(db))
    bar = _bars(page, "設計照査 C")[0]
    QTest.mouseDClick(
        page.view.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        bar.rect.center().toPoint(),
    )
    qtbot.waitUntil(lambda: page.editor is not None and page.editor.isVisible(), timeout=10_000)
    editor = page.editor
    assert editor is not None and editor.order is not None
    assert editor.order.id == plan.orders["C"] and editor.title_edit.text() == "設計照査 C"
    editor.reject()
    qtbot.waitUntil(lambda: page.editor is None)


def test_one_day_dragged_is_one_day_whatever_the_width(
    qtbot, plan_db: tuple[Database, Plan]
) -> None:
    db, plan = plan_db
    page = _page(qtbot, db, actor_for(db))
    qtbot.mouseClick(page.period_bar.month_button, Qt.MouseButton.LeftButton)
    _settled(qtbot, page)
    c = plan.orders["C"]
    _drag(page, _bars(page, "設計照査 C")[0], -1)
    qtbot.waitUntil(lambda: _planned(db, c)[0] == date(2026, 5, 27), timeout=10_000)
    assert _planned(db, c)[1] == date(2026, 5, 28)


def test_tooltips_name_the_order_the_person_and_the_holiday(
    qtbot, plan_db: tuple[Database, Plan]
) -> None:
    db, _plan = plan_db
    page = _page(qtbot, db, actor_for(db), today=date(2026, 5, 1))
    qtbot.mouseClick(page.period_bar.month_button, Qt.MouseButton.LeftButton)
    _settled(qtbot, page)
    view = page.view
    bar = _bars(page, "台帳整備 B")[0]
    text = view.tooltip_at(bar.rect.center().toPoint())
    assert text is not None
    assert "WO-2026-000002　台帳整備 B" in text and "2026/05/27 〜 2026/06/05" in text
    assert "K-1（秋田市）" in text
    e2 = view.layout_.rows[1]
    label = view.tooltip_at(QPoint(20, round(view.row_top(e2) + 10)))
    assert (
        label is not None and "社員 一郎（E2）" in label and "予定 6 日 / 稼働可能 18 日" in label
    )
    children = view.day_x(date(2026, 5, 5)) + view.px_per_day / 2
    assert view.tooltip_at(QPoint(round(children), 20)) == "こどもの日"
    assert view.tooltip_at(QPoint(round(view.day_x(date(2026, 5, 7)) + 5), 20)) is None


def test_a_change_made_elsewhere_reloads_the_page(qtbot, plan_db: tuple[Database, Plan]) -> None:
    db, plan = plan_db
    actor = actor_for(db)
    page = _page(qtbot, db, actor)
    other = QWidget()
    qtbot.addWidget(other)
    c = plan.orders["C"]
    version = _planned(db, c)[2]
    ChangeOp(
        other,
        lambda: reschedule_work_order(db, actor, c, date(2026, 5, 25), date(2026, 5, 26), version),
    ).run()
    qtbot.waitUntil(
        lambda: _bars(page, "設計照査 C")[0].slot.order.planned_start == date(2026, 5, 25),
        timeout=10_000,
    )
    e1 = page.view.layout_.rows[0].assignee
    assert e1.day_overloaded(date(2026, 5, 25)) and e1.planned == 5
