"""The My week page (私の週) on the demo: typing as in Excel, pasting, refusals at the cell,
hostile input, and PostgreSQL."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from oneaqita.demo import load_demo
from oneaqita.models import (
    OverheadCategory,
    Secondment,
)
from oneaqita.services.actor import SYSTEM_ACTOR
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
from ui.operations import change_hub, running_operations
from ui.timesheets.week_model import REFUSED_ROLE, TOTAL_COLUMN

from .conftest import DEMO_SCALE, DEMO_TODAY


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


def test_typing_and_pasting_on_postgresql(qtbot, pg_db: Database) -> None:
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
