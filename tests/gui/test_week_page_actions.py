"""The My week page (私の週) on the demo: submitting, copying last week's rows, notes, adding
a row, the person chooser, tints, and saves racing with typing or with others."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from oneaqita.models import (
    Person,
    Role,
    User,
    WorkOrder,
    WorkOrderStatus,
    work_order_assignees,
)
from oneaqita.services.actor import SYSTEM_ACTOR, Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.time_entries import Cell, save_cell
from oneaqita.services.timesheet_queries import RowKey, week_grid
from tests.gui.week_page_setup import (
    NEXT_MONDAY,
    Seconded,
    _idle,
    _next_week,
    _page,
    _seconded,
    _settled,
    _stored,
)
from ui.main_window import MainWindow
from ui.operations import change_hub
from ui.timesheets.week_model import NOTE_ROLE, TOTAL_COLUMN
from ui.timesheets.week_page import WeekPage


@pytest.fixture
def who(demo_db: Database) -> Seconded:
    return _seconded(demo_db)


def test_submitting_makes_the_week_read_only(
    qtbot, demo_db: Database, who: Seconded, monkeypatch
) -> None:
    save_cell(
        demo_db, who.actor, Cell(who.person_id, NEXT_MONDAY, who.order_id, None, 465, None, 0)
    )
    asked: list[str] = []

    def question(_parent, _title, text, *_rest):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    page = _page(qtbot, demo_db, who.actor)
    _next_week(qtbot, page)
    assert page.bar.submit_button.isEnabled()
    page.bar.submit_button.click()
    _settled(qtbot, page)
    assert asked and "7:45" in asked[0]
    assert week_grid(demo_db, who.person_id, NEXT_MONDAY).status.value == "submitted"
    qtbot.waitUntil(lambda: page.model.read_only)
    assert not page.bar.submit_button.isEnabled() and page.banner.isVisible()
    row = page.model.row_of(RowKey(who.order_id, None))
    assert row is not None
    index = page.model.index(row, 2)
    assert not index.flags() & Qt.ItemFlag.ItemIsEditable
    page.table.setFocus()
    page.table.go_to(row, 2)
    qtbot.keyClicks(page.table, "3")
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    _settled(qtbot, page)
    assert _stored(demo_db, who.person_id, NEXT_MONDAY) == {(who.order_id, None): 465}


def test_copy_last_week_adds_its_rows_empty(qtbot, demo_db: Database, who: Seconded) -> None:
    with demo_db.unit_of_work(SYSTEM_ACTOR) as uow:  # a completed order they worked on
        order = uow.session.scalars(
            select(WorkOrder)
            .join(work_order_assignees, work_order_assignees.c.work_order_id == WorkOrder.id)
            .where(work_order_assignees.c.person_id == who.person_id)
            .where(WorkOrder.id != who.order_id)
        ).first()
        if order is None:
            pytest.skip("the demo person has one order only")
        order.status = WorkOrderStatus.COMPLETED
        order_id, number = order.id, order.number
    save_cell(
        demo_db,
        who.actor,
        Cell(who.person_id, NEXT_MONDAY - timedelta(days=6), order_id, None, 60, None, 0),
    )
    page = _page(qtbot, demo_db, who.actor)
    _next_week(qtbot, page)
    assert page.model.row_of(RowKey(order_id, None)) is None
    page.bar.copy_rows_button.click()
    qtbot.waitUntil(lambda: page.model.row_of(RowKey(order_id, None)) is not None)
    row = page.model.row_of(RowKey(order_id, None))
    assert row is not None
    assert page.model.index(row, 0).data().startswith(number)
    assert page.model.index(row, TOTAL_COLUMN).data() == ""  # rows, not hours
    assert "1 行" in page.message_label.text()
    # The row takes hours as any other.
    page.table.setFocus()
    page.table.go_to(row, 1)
    qtbot.keyClicks(page.table, "2")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    _settled(qtbot, page)
    assert _stored(demo_db, who.person_id, NEXT_MONDAY) == {(order_id, None): 120}


def test_a_note_per_cell(qtbot, demo_db: Database, who: Seconded) -> None:
    save_cell(
        demo_db, who.actor, Cell(who.person_id, NEXT_MONDAY, who.order_id, None, 465, None, 0)
    )
    page = _page(qtbot, demo_db, who.actor)
    _next_week(qtbot, page)
    row = page.model.row_of(RowKey(who.order_id, None))
    assert row is not None
    page.table.setFocus()
    page.table.go_to(row, 1)
    qtbot.keyClick(page.table, Qt.Key.Key_F2, Qt.KeyboardModifier.ShiftModifier)
    dialog = page.note_dialog
    assert dialog is not None
    dialog.note_edit.setPlainText("マンホール調査 =SUM(A1)")
    dialog.accept()
    qtbot.waitUntil(lambda: page.note_dialog is None)
    _idle(qtbot)
    qtbot.waitUntil(lambda: bool(page.model.index(row, 1).data(NOTE_ROLE)))
    assert "マンホール調査" in page.model.index(row, 1).data(Qt.ItemDataRole.ToolTipRole)
    # A later edit of the hours keeps the note.
    page.table.go_to(row, 1)
    qtbot.keyClicks(page.table, "8")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    _settled(qtbot, page)
    cell = week_grid(demo_db, who.person_id, NEXT_MONDAY).rows[row].cells[0]
    assert cell is not None and (cell.minutes, cell.note) == (480, "マンホール調査 =SUM(A1)")


def test_a_manager_chooses_the_person(qtbot, demo_db: Database, who: Seconded) -> None:
    with demo_db.read() as s:
        manager = Actor.of(s.scalars(select(User).where(User.login == "manager")).one())
        number = s.execute(
            select(Person.employee_no).where(Person.id == who.person_id)
        ).scalar_one()
    assert WeekPage.available(manager)
    assert WeekPage.available(Actor(None, "coord", Role.COORDINATOR))
    assert not WeekPage.available(Actor(None, "nobody", Role.SECONDED))
    page = _page(qtbot, demo_db, manager)
    chooser = page.person_chooser
    assert chooser is not None
    assert page.grid is not None and page.grid.person_id == manager.person_id  # own first
    qtbot.waitUntil(lambda: chooser.text() != "")  # named in the chooser
    chooser.clear()
    chooser.setFocus()
    qtbot.keyClicks(chooser, number)
    qtbot.waitUntil(lambda: chooser.suggestions.rowCount() == 1, timeout=5000)
    qtbot.keyClick(chooser, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.grid is not None and page.grid.person_id == who.person_id)
    _next_week(qtbot, page)
    row = page.model.row_of(RowKey(who.order_id, None))
    assert row is not None
    page.table.setFocus()
    page.table.go_to(row, 1)
    qtbot.keyClicks(page.table, "7h30")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    _settled(qtbot, page)
    assert _stored(demo_db, who.person_id, NEXT_MONDAY) == {(who.order_id, None): 450}


def test_the_week_is_a_seconded_users_first_page(qtbot, demo_db: Database, who: Seconded) -> None:
    window = MainWindow(demo_db, who.actor)
    qtbot.addWidget(window)
    assert window.week is not None and window.pages[0] is window.week
    assert window.stack.currentWidget() is window.week
    assert window.navigation.item(0).text() == "私の週"
    _idle(qtbot)


def test_a_cell_changed_by_someone_else_meanwhile_reloads_the_week(
    qtbot, demo_db: Database, who: Seconded
) -> None:
    page = _page(qtbot, demo_db, who.actor)
    _next_week(qtbot, page)
    row = page.model.row_of(RowKey(who.order_id, None))
    assert row is not None
    # Another desktop stores Monday's hours; this page has not heard of it.
    save_cell(demo_db, who.actor, Cell(who.person_id, NEXT_MONDAY, who.order_id, None, 60, None, 0))
    page.table.setFocus()
    page.table.go_to(row, 1)
    qtbot.keyClicks(page.table, "3")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    _settled(qtbot, page)
    assert "他の人がこの週を先に変更した" in page.message_label.text()
    assert "Someone else changed this week" in page.message_label.text()
    assert _stored(demo_db, who.person_id, NEXT_MONDAY) == {(who.order_id, None): 60}
    assert page.model.index(row, 1).data() == "1:00"  # as stored now
    # A change announced by another view reloads the page.
    save_cell(
        demo_db, who.actor, Cell(who.person_id, NEXT_MONDAY, who.order_id, None, 120, None, None)
    )
    change_hub().changed.emit(Change(ids={Entity.TIME_ENTRIES: frozenset({1})}))
    qtbot.waitUntil(lambda: page.model.index(row, 1).data() == "2:00")


def test_add_a_row_for_an_assigned_order(qtbot, demo_db: Database, who: Seconded) -> None:
    with demo_db.read() as s:
        other = s.execute(
            select(WorkOrder.id, WorkOrder.number)
            .join(work_order_assignees, work_order_assignees.c.work_order_id == WorkOrder.id)
            .where(
                work_order_assignees.c.person_id == who.person_id,
                WorkOrder.status == WorkOrderStatus.ACCEPTED,
            )
            .order_by(WorkOrder.number)
        ).first()
    assert other is not None
    page = _page(qtbot, demo_db, who.actor)
    _next_week(qtbot, page)
    page.bar.add_row_button.click()
    qtbot.waitUntil(lambda: page.add_row_dialog is not None)
    dialog = page.add_row_dialog
    assert dialog is not None
    assert RowKey(who.order_id, None) not in [  # the running one is shown already
        RowKey(dialog.list.item(i).data(Qt.ItemDataRole.UserRole + 1).id, None)
        for i in range(dialog.list.count())
    ]
    qtbot.keyClicks(dialog.filter_edit, other.number)
    qtbot.keyClick(dialog.filter_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.model.row_of(RowKey(other.id, None)) is not None)
    added = page.model.row_of(RowKey(other.id, None))
    assert page.table.currentIndex().row() == added
    qtbot.keyClicks(page.table, "1.25")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    _settled(qtbot, page)
    assert _stored(demo_db, who.person_id, NEXT_MONDAY) == {(other.id, None): 75}


def test_weekends_and_holidays_are_tinted_with_the_holidays_name(
    qtbot, demo_db: Database, who: Seconded
) -> None:
    page = _page(qtbot, demo_db, who.actor)
    page.step(-2)  # the week of 2026-03-16; Friday 3/20 is 春分の日
    qtbot.waitUntil(lambda: page.grid is not None and page.grid.week_start == date(2026, 3, 16))
    horizontal = Qt.Orientation.Horizontal
    assert page.model.headerData(5, horizontal, Qt.ItemDataRole.ToolTipRole) == "春分の日"
    assert page.model.headerData(5, horizontal, Qt.ItemDataRole.BackgroundRole) is not None
    assert page.model.headerData(6, horizontal, Qt.ItemDataRole.BackgroundRole) is not None
    assert page.model.headerData(4, horizontal, Qt.ItemDataRole.BackgroundRole) is None
    assert page.model.index(0, 5).data(Qt.ItemDataRole.ToolTipRole) == "春分の日"
    assert page.model.headerData(1, horizontal) == "3/16\n月"
    _idle(qtbot)


def test_one_cell_typed_twice_quickly_keeps_the_last(
    qtbot, demo_db: Database, who: Seconded
) -> None:
    page = _page(qtbot, demo_db, who.actor)
    _next_week(qtbot, page)
    row = page.model.row_of(RowKey(who.order_id, None))
    assert row is not None
    page.table.setFocus()
    page.table.go_to(row, 1)
    for text in ("1", "2", "3:15"):  # each saved with the version the one before stored
        qtbot.keyClicks(page.table, text)
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
        qtbot.keyClick(page.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert page.model.index(row, 1).data() == "3:15"  # shown at once
    _settled(qtbot, page)
    assert page.message_label.text() == ""
    assert _stored(demo_db, who.person_id, NEXT_MONDAY) == {(who.order_id, None): 195}
    # F2 edits what is there (the arrows move the text cursor); Escape gives it up.
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    editor = page.table.indexWidget(page.table.currentIndex())
    assert editor is not None and editor.text() == "3:15"
    qtbot.keyClick(page.table, Qt.Key.Key_Left)
    qtbot.keyClicks(page.table, "0")
    assert editor.text() == "3:105"
    qtbot.keyClick(page.table, Qt.Key.Key_Escape)
    _settled(qtbot, page)
    assert page.model.index(row, 1).data() == "3:15"
    assert _stored(demo_db, who.person_id, NEXT_MONDAY) == {(who.order_id, None): 195}


def test_page_down_while_typing_saves_the_cell_first(
    qtbot, demo_db: Database, who: Seconded
) -> None:
    page = _page(qtbot, demo_db, who.actor)
    _next_week(qtbot, page)
    row = page.model.row_of(RowKey(who.order_id, None))
    assert row is not None
    page.table.setFocus()
    page.table.go_to(row, 1)
    qtbot.keyClicks(page.table, "6")
    qtbot.keyClick(page.table.focusWidget(), Qt.Key.Key_PageDown)  # the shortcut
    qtbot.waitUntil(lambda: page.grid is not None and page.grid.week_start > NEXT_MONDAY)
    _settled(qtbot, page)
    assert _stored(demo_db, who.person_id, NEXT_MONDAY) == {(who.order_id, None): 360}
    qtbot.keyClick(page.table, Qt.Key.Key_PageUp)
    qtbot.waitUntil(lambda: page.grid is not None and page.grid.week_start == NEXT_MONDAY)
    qtbot.keyClick(page.table, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: page.grid is not None and page.grid.week_start < NEXT_MONDAY)
    _idle(qtbot)
