"""The Work orders page on SQLite and on the PostgreSQL server: list, search, move."""

from PySide6.QtCore import Qt

from oneaqita.demo import load_demo
from oneaqita.models import WorkOrderStatus
from oneaqita.services.database import Database
from oneaqita.services.users import registered_actor
from oneaqita.services.work_order_queries import (
    WorkOrderFilter,
    count_work_orders,
    work_order_detail,
)
from ui.main_window import MainWindow
from ui.operations import running_operations

from .conftest import DEMO_SCALE, DEMO_TODAY


def test_list_search_and_move_on_each_database(qtbot, db: Database) -> None:
    load_demo(db, scale=DEMO_SCALE, today=DEMO_TODAY)
    actor = registered_actor(db, "admin")
    window = MainWindow(db, actor)
    qtbot.addWidget(window)
    page = window.work_orders
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and running_operations() == 0)
    assert page.model.rowCount() == count_work_orders(db, WorkOrderFilter())

    with qtbot.waitSignal(page.model.counted, timeout=5000):
        page.filter_bar.status_actions[WorkOrderStatus.DRAFT].trigger()
    with qtbot.waitSignal(page.model.counted, timeout=5000):
        page.filter_bar.search_edit.setText("処理区")  # in most demo titles
    expected = WorkOrderFilter(text="処理区", statuses=frozenset({WorkOrderStatus.DRAFT}))
    assert page.model.rowCount() == count_work_orders(db, expected) > 0

    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.detail_pane.detail is not None, timeout=5000)
    order_id = page.detail_pane.detail.row.id
    qtbot.mouseClick(
        page.detail_pane.move_buttons[WorkOrderStatus.PLANNED], Qt.MouseButton.LeftButton
    )
    dialog = page.move_editor  # the move's dialog (tests/gui/test_work_order_moves_ui.py)
    assert dialog is not None
    dialog.note_edit.setPlainText("日程確定")
    with qtbot.waitSignal(page.model.counted, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    stored = work_order_detail(db, order_id)
    assert stored.row.status is WorkOrderStatus.PLANNED and stored.events[-1].note == "日程確定"
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=5000)
