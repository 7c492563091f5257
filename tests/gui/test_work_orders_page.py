"""The Work orders page through the main window: filter, sort, select, move."""

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from oneaqita.models import WorkOrderStatus
from oneaqita.search import normalize
from oneaqita.services.database import Database
from oneaqita.services.work_order_queries import (
    WorkOrderFilter,
    WorkOrderSort,
    count_work_orders,
    list_work_orders,
    work_order_detail,
)
from tests.gui.input import after_recount, type_japanese
from ui.main_window import MainWindow
from ui.work_orders.columns import column_of
from ui.work_orders.page import WorkOrdersPage
from ui.work_orders.table_model import WorkOrderTableModel

NUMBER = column_of(WorkOrderSort.NUMBER)


def _shown_rows(model: WorkOrderTableModel, limit: int = 50) -> list:  # type: ignore[type-arg]
    rows = [model.row_at(r) for r in range(min(model.rowCount(), limit))]
    assert all(r is not None for r in rows), "the first page is loaded with the count"
    return rows


def _select(qtbot, page: WorkOrdersPage, row: int) -> None:  # type: ignore[no-untyped-def]
    page.detail_pane.detail = None
    rect = page.table.visualRect(page.model.index(row, NUMBER))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.detail_pane.detail is not None, timeout=5000)


def _show_only(qtbot, page: WorkOrdersPage, status: WorkOrderStatus) -> None:  # type: ignore[no-untyped-def]
    after_recount(qtbot, page, page.filter_bar.status_actions[status].trigger)


def test_window_shows_only_existing_areas_and_the_whole_list(
    window: MainWindow, demo_db: Database
) -> None:
    assert window.windowTitle() == "oneaqita — 株式会社ONE・AQITA"
    assert [window.navigation.item(i).text() for i in range(window.navigation.count())] == [
        "ダッシュボード",  # first for an administrator (and a manager)
        "作業指示",
        "人員",
        "出向状況",
        "団体",
        "株主名簿",
        "契約",
        "予定表",
        "施設台帳",
        "改築需要",
        "精算・集計",  # an administrator: Action.READ_SETTLEMENT
        "私の週",  # an administrator logs hours for others
        "承認",
        "チーム月表",
        "報告書",  # Action.READ_REPORTS
        "ユーザー",  # Action.MANAGE_USERS
        "監査ログ",  # Action.READ_AUDIT_LOG
    ]
    page = window.work_orders
    expected = count_work_orders(demo_db, WorkOrderFilter())
    assert page.model.rowCount() == expected
    assert page.filter_bar.count_label.text() == f"{expected:,} 件"
    assert demo_db.describe() in window.database_label.text()
    assert "管理者" in window.user_label.text()


def test_menus_have_quit_refresh_and_about(window: MainWindow) -> None:
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    assert window.refresh_action.shortcut().toString() == "F5"
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["ファイル(&F)", "表示(&V)", "設定(&S)", "ヘルプ(&H)"]  # an administrator


def test_ctrl_digit_goes_to_each_page(qtbot, window: MainWindow) -> None:
    window.show()
    qtbot.waitExposed(window)
    shortcuts = [a.shortcut().toString() for a in window.page_actions]
    # Ctrl+0 the dashboard, Ctrl+1 … Ctrl+9 the next nine; the others are in the list and menu.
    assert shortcuts[:10] == [f"Ctrl+{n}" for n in range(10)]
    assert not any(shortcuts[10:])
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.people
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.shareholders
    assert window.navigation.currentRow() == 5
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.contracts
    qtbot.keyClick(window, Qt.Key.Key_7, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.schedule
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.work_orders
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.dashboard


def test_search_box_filters_after_a_pause(qtbot, window: MainWindow, demo_db: Database) -> None:
    page = window.work_orders
    term = page.model.row_at(0).title.split()[0]  # a district, e.g. 八橋処理区
    after_recount(qtbot, page, lambda: type_japanese(page.filter_bar.search_edit, term))
    expected = count_work_orders(demo_db, WorkOrderFilter(text=term))
    assert 0 < page.model.rowCount() == expected < count_work_orders(demo_db, WorkOrderFilter())
    for row in _shown_rows(page.model):
        haystack = normalize(" ".join([row.number, row.title, row.client_name, row.assignees]))
        assert normalize(term) in haystack


def test_ctrl_f_focuses_the_search_and_escape_clears_it(qtbot, window: MainWindow) -> None:
    page = window.work_orders
    window.activateWindow()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filter_bar.search_edit.hasFocus()
    page.filter_bar.search_edit.setText("秋田")
    qtbot.keyClick(page.filter_bar.search_edit, Qt.Key.Key_Escape)
    assert page.filter_bar.search_edit.text() == ""


def test_client_filter(qtbot, window: MainWindow, demo_db: Database) -> None:
    page = window.work_orders
    combo = page.filter_bar.client_combo
    assert combo.itemText(0) == "すべての委託者"
    assert combo.count() > 2
    after_recount(qtbot, page, lambda: combo.setCurrentIndex(1))
    client_id, client_name = combo.itemData(1), combo.itemText(1)
    expected = count_work_orders(demo_db, WorkOrderFilter(client_id=client_id))
    assert page.model.rowCount() == expected
    assert {r.client_name for r in _shown_rows(page.model)} <= {client_name}


def test_status_filter(qtbot, window: MainWindow, demo_db: Database) -> None:
    page = window.work_orders
    _show_only(qtbot, page, WorkOrderStatus.PLANNED)
    _show_only(qtbot, page, WorkOrderStatus.DRAFT)
    chosen = frozenset({WorkOrderStatus.PLANNED, WorkOrderStatus.DRAFT})
    assert page.model.rowCount() == count_work_orders(demo_db, WorkOrderFilter(statuses=chosen))
    assert {r.status for r in _shown_rows(page.model)} <= chosen
    assert page.filter_bar.status_button.text() == "状態: 起票・計画"
    after_recount(qtbot, page, page.filter_bar.clear_statuses)
    assert page.model.rowCount() == count_work_orders(demo_db, WorkOrderFilter())


def test_clicking_a_header_sorts(qtbot, window: MainWindow, demo_db: Database) -> None:
    page = window.work_orders
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(NUMBER) + header.sectionSize(NUMBER) // 2
    click = lambda: qtbot.mouseClick(  # noqa: E731
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )
    after_recount(qtbot, page, click)
    assert page.model.filter.sort is WorkOrderSort.NUMBER
    numbers = [r.number for r in _shown_rows(page.model, 20)]
    expected = list_work_orders(demo_db, page.model.filter, 0, 20)
    assert numbers == [r.number for r in expected]
    assert numbers == sorted(numbers, reverse=page.model.filter.descending)
    after_recount(qtbot, page, click)  # the second click reverses the order
    again = [r.number for r in _shown_rows(page.model, 20)]
    assert again == sorted(numbers + again, reverse=page.model.filter.descending)[:20]
    assert again[0] != numbers[0]


def test_selecting_a_row_fills_the_detail_pane(
    qtbot, window: MainWindow, demo_db: Database
) -> None:
    page = window.work_orders
    rows = _shown_rows(page.model)
    row = next(i for i, r in enumerate(rows) if work_order_detail(demo_db, r.id).assets)
    _select(qtbot, page, row)
    expected = work_order_detail(demo_db, rows[row].id)
    pane = page.detail_pane
    assert rows[row].number in pane.heading.text()
    assert pane.values["client"].text() == expected.row.client_name
    assert expected.contract_title in pane.values["contract"].text()
    assert pane.assets_table.rowCount() == len(expected.assets)
    assert pane.assets_table.item(0, 0).text() == expected.assets[0].code
    assert pane.history_table.rowCount() == len(expected.events)


def test_a_legal_move_changes_the_status(qtbot, window: MainWindow, demo_db: Database) -> None:
    page = window.work_orders
    _show_only(qtbot, page, WorkOrderStatus.DRAFT)
    before = page.model.rowCount()
    _select(qtbot, page, 0)
    order_id = page.detail_pane.detail.row.id
    buttons = page.detail_pane.move_buttons
    assert set(buttons) == {WorkOrderStatus.PLANNED, WorkOrderStatus.CANCELLED}
    qtbot.mouseClick(buttons[WorkOrderStatus.PLANNED], Qt.MouseButton.LeftButton)
    dialog = page.move_editor  # asks for a note (tests/gui/test_work_order_moves_ui.py)
    assert dialog is not None
    with qtbot.waitSignal(page.model.counted, timeout=5000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert work_order_detail(demo_db, order_id).row.status is WorkOrderStatus.PLANNED
    assert page.model.rowCount() == before - 1  # it left the 起票 filter
    qtbot.waitUntil(lambda: page.detail_pane.values["status"].text() == "計画", timeout=5000)
    assert set(page.detail_pane.move_buttons) == {
        WorkOrderStatus.IN_PROGRESS,
        WorkOrderStatus.CANCELLED,
    }


def test_cancelling_asks_first(qtbot, monkeypatch, window: MainWindow, demo_db: Database) -> None:
    page = window.work_orders
    _show_only(qtbot, page, WorkOrderStatus.PLANNED)
    _select(qtbot, page, 0)
    order_id = page.detail_pane.detail.row.id
    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def question(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
            asked.append(text)
            return reply

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    page.detail_pane.move_buttons[WorkOrderStatus.CANCELLED].click()
    dialog = page.move_editor  # the reason first
    assert dialog is not None
    dialog.note_edit.setPlainText("発注取消")
    dialog.save_button.click()
    assert len(asked) == 1 and "中止しますか" in asked[0]
    assert work_order_detail(demo_db, order_id).row.status is WorkOrderStatus.PLANNED

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    with qtbot.waitSignal(page.model.counted, timeout=5000):
        dialog.save_button.click()
    assert work_order_detail(demo_db, order_id).row.status is WorkOrderStatus.CANCELLED
    qtbot.waitUntil(lambda: page.detail_pane.values["status"].text() == "中止", timeout=5000)
    assert page.detail_pane.move_buttons == {}  # nothing leaves 中止
    assert page.detail_pane.no_moves_label.isVisibleTo(page.detail_pane)


def test_illegal_moves_are_not_offered(qtbot, window: MainWindow) -> None:
    page = window.work_orders
    _show_only(qtbot, page, WorkOrderStatus.ACCEPTED)
    assert page.model.rowCount() > 0
    _select(qtbot, page, 0)
    assert page.detail_pane.move_buttons == {}
    after_recount(qtbot, page, page.filter_bar.clear_statuses)
    _show_only(qtbot, page, WorkOrderStatus.IN_PROGRESS)
    _select(qtbot, page, 0)
    offered = set(page.detail_pane.move_buttons)
    assert offered == {WorkOrderStatus.COMPLETED, WorkOrderStatus.CANCELLED}
    assert WorkOrderStatus.ACCEPTED not in offered and WorkOrderStatus.DRAFT not in offered


def test_a_move_made_meanwhile_elsewhere_is_refused_and_shown(
    qtbot, window: MainWindow, demo_db: Database, actor, message_boxes: list[str]
) -> None:
    from oneaqita.services.work_orders import transition

    page = window.work_orders
    _show_only(qtbot, page, WorkOrderStatus.DRAFT)
    _select(qtbot, page, 0)
    seen = page.detail_pane.detail
    transition(demo_db, actor, seen.row.id, WorkOrderStatus.PLANNED, expected_version=seen.version)
    page.detail_pane.move_buttons[WorkOrderStatus.PLANNED].click()
    dialog = page.move_editor
    assert dialog is not None
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.banner.isVisible(), timeout=5000)
    assert "他の人がこのデータを先に変更しました" in dialog.banner_text()
    assert "Someone else changed this record first" in dialog.banner_text()
    assert not message_boxes
    dialog.reject()  # closing a dialog that met a conflict shows the order as stored
    qtbot.waitUntil(lambda: page.detail_pane.values["status"].text() == "計画", timeout=5000)


def test_typing_a_number_finds_that_order(qtbot, window: MainWindow, demo_db: Database) -> None:
    page = window.work_orders
    number = page.model.row_at(3).number
    after_recount(qtbot, page, lambda: qtbot.keyClicks(page.filter_bar.search_edit, number))
    assert page.model.rowCount() == count_work_orders(demo_db, WorkOrderFilter(text=number)) == 1
    assert page.model.row_at(0).number == number
    assert page.filter_bar.count_label.text() == "1 件"
