"""The My week page (私の週) on the demo: typing as in Excel, pasting, refusals at the cell,
submitting, copying last week's rows, a note, and the person chooser."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import or_, select

from oneaqita.demo import load_demo
from oneaqita.models import (
    OverheadCategory,
    Person,
    Role,
    Secondment,
    TimeEntry,
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
from oneaqita.services.users import desktop_actor
from ui.main_window import MainWindow
from ui.operations import change_hub, running_operations
from ui.timesheets.week_model import NOTE_ROLE, REFUSED_ROLE, TOTAL_COLUMN
from ui.timesheets.week_page import WeekPage

from .conftest import DEMO_SCALE, DEMO_TODAY

NEXT_MONDAY = date(2026, 4, 6)  # the week after the demo's today: no hours yet


@dataclass
class Seconded:
    actor: Actor
    person_id: int
    order_id: int  # a running order the person is assigned to
    secondment_end: date | None


def _seconded(db: Database) -> Seconded:
    """A demo seconded user whose secondment covers next week, with one of their planned
    orders started (the demo's few running orders have no seconded assignee)."""
    sunday = NEXT_MONDAY + timedelta(days=6)
    with db.unit_of_work(SYSTEM_ACTOR) as uow:  # a test may set up rows directly
        s = uow.session
        row = s.execute(
            select(User, Secondment.end_date, WorkOrder)
            .join(Secondment, Secondment.person_id == User.person_id)
            .join(work_order_assignees, work_order_assignees.c.person_id == User.person_id)
            .join(WorkOrder, WorkOrder.id == work_order_assignees.c.work_order_id)
            .where(
                User.role == Role.SECONDED,
                Secondment.start_date <= NEXT_MONDAY,
                or_(Secondment.end_date.is_(None), Secondment.end_date >= sunday),
                WorkOrder.status == WorkOrderStatus.PLANNED,
            )
            .order_by(User.id, WorkOrder.number)
            .limit(1)
        ).first()
        assert row is not None, "the demo has a seconded user with a planned order"
        user, end, order = row
        order.status = WorkOrderStatus.IN_PROGRESS
        assert user.person_id is not None
        return Seconded(Actor.of(user), user.person_id, order.id, end)


def _idle(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=10_000)


def _page(qtbot, db: Database, actor: Actor) -> WeekPage:  # type: ignore[no-untyped-def]
    page = WeekPage(db, actor, today=DEMO_TODAY)
    qtbot.addWidget(page)
    page.resize(1100, 520)
    page.show()
    _idle(qtbot)
    return page


def _next_week(qtbot, page: WeekPage) -> None:  # type: ignore[no-untyped-def]
    page.step(1)
    qtbot.waitUntil(lambda: page.grid is not None and page.grid.week_start == NEXT_MONDAY)
    _idle(qtbot)


def _settled(qtbot, page: WeekPage) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: page.saver.idle() and running_operations() == 0, timeout=10_000)


def _stored(db: Database, person_id: int, day: date) -> dict[tuple[int | None, str | None], int]:
    with db.read() as s:
        rows = s.execute(
            select(TimeEntry.work_order_id, TimeEntry.category, TimeEntry.minutes).where(
                TimeEntry.person_id == person_id, TimeEntry.work_date == day
            )
        ).all()
    return {(o, None if c is None else str(c)): m for o, c, m in rows}


@pytest.fixture
def who(demo_db: Database) -> Seconded:
    return _seconded(demo_db)


def test_typing_like_excel_saves_each_cell_and_updates_the_totals(
    qtbot, demo_db: Database, who: Seconded
) -> None:
    page = _page(qtbot, demo_db, who.actor)
    assert page.person_chooser is None  # a seconded user logs only their own hours
    _next_week(qtbot, page)
    row = page.model.row_of(RowKey(who.order_id, None))
    assert row is not None
    page.table.setFocus()
    page.table.go_to(row, 1)
    qtbot.keyClicks(page.table, "7:30")  # straight into the cell, no double click
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    qtbot.keyClicks(page.table, "7.5")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    # Enter moved down: the office row under it, Tuesday.
    assert (page.table.currentIndex().row(), page.table.currentIndex().column()) == (row + 1, 2)
    qtbot.keyClicks(page.table, "0h30")
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    # Optimistic: the totals count what was typed before the saves come back.
    totals = page.model.rowCount() - 1
    assert page.model.index(totals, TOTAL_COLUMN).data() == "15:30"
    _settled(qtbot, page)
    assert _stored(demo_db, who.person_id, NEXT_MONDAY) == {(who.order_id, None): 450}
    tuesday = NEXT_MONDAY + timedelta(days=1)
    office = page.model.rows[row + 1].key
    assert _stored(demo_db, who.person_id, tuesday) == {
        (who.order_id, None): 450,
        (office.work_order_id, None if office.category is None else str(office.category)): 30,
    }
    assert page.model.index(totals, 2).data() == "8:00"
    assert page.model.index(row, TOTAL_COLUMN).data() == "15:00"
    assert page.model.index(totals, TOTAL_COLUMN).data() == "15:30"
    assert page.grid is not None and page.grid.total == 930  # confirmed by the stored week
    # Delete clears the selected cell: its entry is deleted.
    page.table.go_to(row, 1)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    _settled(qtbot, page)
    assert _stored(demo_db, who.person_id, NEXT_MONDAY) == {}
    # Shift+Tab moves left, the arrows move.
    page.table.go_to(row, 3)
    qtbot.keyClick(page.table, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert (page.table.currentIndex().row(), page.table.currentIndex().column()) == (row + 1, 2)


def test_a_pasted_block_is_stored_and_copied_back(qtbot, demo_db: Database, who: Seconded) -> None:
    page = _page(qtbot, demo_db, who.actor)
    _next_week(qtbot, page)
    row = page.model.row_of(RowKey(who.order_id, None))
    assert row is not None
    page.table.setFocus()
    page.table.go_to(row, 1)
    QApplication.clipboard().setText("7.5\t7:30\t\t8h\r\n0:30\t1\t\t\r\n")  # as Excel copies
    qtbot.keyClick(page.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    _settled(qtbot, page)
    days = [NEXT_MONDAY + timedelta(days=i) for i in range(4)]
    assert [_stored(demo_db, who.person_id, d).get((who.order_id, None)) for d in days] == [
        450,
        450,
        None,
        480,
    ]
    assert page.model.index(page.model.rowCount() - 1, TOTAL_COLUMN).data() == "24:30"
    # Ctrl+C copies the selection as tab-separated text.
    page.table.selectionModel().clear()
    page.table.go_to(row, 1)
    page.table.selectionModel().select(
        page.model.index(row, 2),
        page.table.selectionModel().SelectionFlag.Select,
    )
    page.table.selectionModel().select(
        page.model.index(row, 1), page.table.selectionModel().SelectionFlag.Select
    )
    qtbot.keyClick(page.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "7:30\t7:30"
    # Delete clears both selected cells at once (one block, all or nothing).
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    _settled(qtbot, page)
    assert [_stored(demo_db, who.person_id, d).get((who.order_id, None)) for d in days] == [
        None,
        None,
        None,
        480,
    ]
    assert page.model.index(row, TOTAL_COLUMN).data() == "8:00"


def test_a_refused_paste_stores_nothing_and_names_each_cell(
    qtbot, demo_db: Database, who: Seconded
) -> None:
    page = _page(qtbot, demo_db, who.actor)
    _next_week(qtbot, page)
    row = page.model.row_of(RowKey(who.order_id, None))
    assert row is not None
    page.table.go_to(row, 1)
    QApplication.clipboard().setText("8\tabc\n20\t")  # a bad duration: nothing is sent
    page.paste()
    _settled(qtbot, page)
    assert page.model.index(row, 2).data(REFUSED_ROLE) is not None
    assert "時間が不正です" in page.message_label.text()
    # Two rows of Monday that together pass 24 h: save_cells refuses the block as a whole.
    QApplication.clipboard().setText("20\n5")
    page.paste()
    _settled(qtbot, page)
    assert _stored(demo_db, who.person_id, NEXT_MONDAY) == {}
    assert page.model.index(row + 1, 1).data(REFUSED_ROLE)
    assert "24時間を超えます" in page.message_label.text()
    assert "more than 24 hours" in page.message_label.text()


def test_a_25_hour_day_is_refused_at_the_cell(qtbot, demo_db: Database, who: Seconded) -> None:
    page = _page(qtbot, demo_db, who.actor)
    _next_week(qtbot, page)
    row = page.model.row_of(RowKey(who.order_id, None))
    assert row is not None
    page.table.setFocus()
    page.table.go_to(row, 1)
    qtbot.keyClicks(page.table, "20")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    qtbot.keyClicks(page.table, "5")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    _settled(qtbot, page)
    assert _stored(demo_db, who.person_id, NEXT_MONDAY) == {(who.order_id, None): 1200}
    refused = page.model.index(row + 1, 1)
    assert refused.data() == ""  # back to what is stored: nothing
    assert "24時間を超えます" in refused.data(Qt.ItemDataRole.ToolTipRole)
    assert "25:00" in page.message_label.text() and "more than 24 hours" in (
        page.message_label.text()
    )
    # Typing 25 at once is refused before it is sent, at the cell too.
    page.table.go_to(row, 2)
    qtbot.keyClicks(page.table, "25")
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    _settled(qtbot, page)
    assert page.model.index(row, 2).data(REFUSED_ROLE)
    assert _stored(demo_db, who.person_id, NEXT_MONDAY + timedelta(days=1)) == {}


def test_a_day_outside_the_secondment_is_refused(qtbot, demo_db: Database, who: Seconded) -> None:
    # Ending the secondment on Wednesday makes Thursday a day outside it.
    wednesday = NEXT_MONDAY + timedelta(days=2)
    with demo_db.unit_of_work(SYSTEM_ACTOR) as uow:  # a test sets up the data directly
        secondment = uow.session.scalars(
            select(Secondment).where(
                Secondment.person_id == who.person_id, Secondment.start_date <= NEXT_MONDAY
            )
        ).all()[-1]
        secondment.end_date = wednesday
    page = _page(qtbot, demo_db, who.actor)
    _next_week(qtbot, page)
    row = page.model.row_of(RowKey(None, OverheadCategory.OFFICE))
    assert row is not None
    page.table.setFocus()
    page.table.go_to(row, 4)
    qtbot.keyClicks(page.table, "7:45")
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    _settled(qtbot, page)
    assert _stored(demo_db, who.person_id, wednesday + timedelta(days=1)) == {}
    assert "出向期間・雇用期間の外です" in page.message_label.text()
    assert "outside the secondment" in page.message_label.text()
    assert page.model.index(row, 4).data(REFUSED_ROLE)


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


def test_typing_and_pasting_on_postgresql(qtbot, pg_db: Database) -> None:
    desktop_actor(pg_db)
    load_demo(pg_db, scale=DEMO_SCALE, today=DEMO_TODAY)
    who = _seconded(pg_db)
    page = _page(qtbot, pg_db, who.actor)
    _next_week(qtbot, page)
    row = page.model.row_of(RowKey(who.order_id, None))
    assert row is not None
    page.table.setFocus()
    page.table.go_to(row, 1)
    qtbot.keyClicks(page.table, "7:30")
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)
    QApplication.clipboard().setText("8\t1:15\n")
    qtbot.keyClick(page.table, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(page.table, Qt.Key.Key_Right)
    qtbot.keyClicks(page.table, "25")  # refused at the cell before it is sent
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    _settled(qtbot, page)
    days = [NEXT_MONDAY + timedelta(days=i) for i in range(3)]
    assert [_stored(pg_db, who.person_id, d).get((who.order_id, None)) for d in days] == [
        450,
        480,
        75,
    ]
    assert page.model.index(row, 3).data(REFUSED_ROLE)  # Wednesday keeps 1:15
    assert page.grid is not None and page.grid.total == 1005
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


def test_hostile_input_is_refused_at_the_cell_and_the_note_field(
    qtbot, demo_db: Database, who: Seconded
) -> None:
    save_cell(
        demo_db, who.actor, Cell(who.person_id, NEXT_MONDAY, who.order_id, None, 465, None, 0)
    )
    page = _page(qtbot, demo_db, who.actor)
    _next_week(qtbot, page)
    row = page.model.row_of(RowKey(who.order_id, None))
    assert row is not None
    page.table.setFocus()
    page.table.go_to(row, 2)
    qtbot.keyClicks(page.table, "=SUM(A1)")  # formula-looking text is no duration
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.model.index(row, 2).data(REFUSED_ROLE)
    QApplication.clipboard().setText("9" * 5000)  # a huge number
    page.table.go_to(row, 3)
    page.paste()
    _settled(qtbot, page)
    assert page.model.index(row, 3).data(REFUSED_ROLE)
    assert _stored(demo_db, who.person_id, NEXT_MONDAY + timedelta(days=1)) == {}
    # A control character in a note: refused at the note field, the dialog stays open.
    page.edit_note(page.model.index(row, 1))
    dialog = page.note_dialog
    assert dialog is not None
    dialog.note_edit.setPlainText("点検\x07")
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.busy and running_operations() == 0)
    assert dialog.isVisible() and dialog.note_edit.property("invalid")
    assert "備考" in dialog.errors.label.text()
    dialog.reject()
    cell = week_grid(demo_db, who.person_id, NEXT_MONDAY).rows[row].cells[0]
    assert cell is not None and cell.note is None


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
