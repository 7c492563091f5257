"""The dashboard on the demo data: the tiles show the core's figures, each opens the filtered
list behind it (a click, or Tab and Enter) with the count the tile shows, and a change that
lands refreshes the tiles once."""

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt

from oneaqita.models import WorkOrder, WorkOrderStatus
from oneaqita.reports.dashboard_figures import dashboard
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.work_order_attention import OPEN_STATUSES
from oneaqita.services.work_orders import transition
from tests.gui.conftest import DEMO_TODAY
from ui.dashboard.page import DashboardPage
from ui.dashboard.tile import Tile
from ui.fonts import setup_fonts
from ui.labels import percent_text
from ui.main_window import MainWindow
from ui.operations import change_hub, running_operations
from ui.resource_paths import STYLE_FILE


@pytest.fixture
def window(qtbot, demo_db: Database, actor: Actor) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    w = MainWindow(demo_db, actor)
    qtbot.addWidget(w)
    yield w
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=10_000)


def _page(qtbot, window: MainWindow, today: date = DEMO_TODAY) -> DashboardPage:  # type: ignore[no-untyped-def]
    """A dashboard of the demo's day, asking the window for the lists behind its tiles."""
    page = DashboardPage(window._db, window._actor, today=today)
    qtbot.addWidget(page)
    page.navigate.connect(window.navigate)
    qtbot.waitUntil(lambda: page.figures is not None, timeout=10_000)
    return page


def _count(n: int, unit: str = "件") -> str:
    return f"{n:,} {unit}"


def _wait_for_list(qtbot, window: MainWindow, page_name: str) -> None:  # type: ignore[no-untyped-def]
    target = getattr(window, page_name)
    qtbot.waitUntil(lambda: window.current_page() is target, timeout=5000)
    qtbot.waitUntil(lambda: "件" in target.filter_bar.count_label.text(), timeout=10_000)
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=10_000)


def test_the_window_opens_on_the_dashboard_for_an_administrator(window: MainWindow) -> None:
    assert window.dashboard is not None
    assert window.current_page() is window.dashboard
    assert window.navigation.item(0).text() == "ダッシュボード"
    assert window.page_actions[0].shortcut().toString() == "Ctrl+0"


def test_the_tiles_show_the_figures_of_the_core(
    qtbot, window: MainWindow, demo_db: Database, actor: Actor
) -> None:
    page = _page(qtbot, window)
    board = dashboard(demo_db, actor, DEMO_TODAY)
    assert page.open_tile.number() == _count(board.open_orders.total)
    assert page.overdue_tile.number() == _count(board.overdue.total)
    assert page.urgent_tile.number() == _count(board.urgent.findings)
    assert page.hours_tile.number() == percent_text(board.hours.pct_to_date)
    assert page.leaving_tile.number() == _count(board.leaving.total, "人")
    assert page.contracts_tile.number() == percent_text(board.contracts.done_pct_of_year)
    assert page.contracts_tile.title_label.text() == "契約の進捗（令和7年度）"
    assert board.open_orders.total > 0 and board.urgent.findings > 0  # the demo has both
    first = board.open_orders.bodies[0]
    table = page.open_tile.table
    assert table.item(0, 0).text() == first.name
    assert table.item(0, 4).text() == f"{first.total:,}"


def test_a_click_on_the_open_orders_tile_opens_the_list_with_its_count(
    qtbot, window: MainWindow
) -> None:
    page = _page(qtbot, window)
    assert page.figures is not None
    qtbot.mouseClick(page.open_tile, Qt.MouseButton.LeftButton)
    _wait_for_list(qtbot, window, "work_orders")
    orders = window.work_orders
    assert orders.model.filter.statuses == frozenset(OPEN_STATUSES)
    assert orders.model.rowCount() == page.figures.open_orders.total
    assert orders.filter_bar.statuses() == frozenset(OPEN_STATUSES)


def test_a_cell_opens_that_body_and_status(qtbot, window: MainWindow) -> None:
    page = _page(qtbot, window)
    assert page.figures is not None
    body = page.figures.open_orders.bodies[0]
    table = page.open_tile.table
    column = 2  # 計画
    rect = table.visualRect(table.model().index(0, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    _wait_for_list(qtbot, window, "work_orders")
    orders = window.work_orders
    assert orders.model.filter.client_id == body.client_id
    assert orders.model.filter.statuses == frozenset({WorkOrderStatus.PLANNED})
    assert orders.filter_bar.client_id() == body.client_id
    assert orders.model.rowCount() == body.counts[WorkOrderStatus.PLANNED]


def test_tab_and_enter_open_the_orders_holding_urgent_findings(qtbot, window: MainWindow) -> None:
    page = _page(qtbot, window)
    assert page.figures is not None
    page.show()
    qtbot.waitExposed(page)
    page.urgent_tile.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(page.urgent_tile.hasFocus, timeout=2000)
    qtbot.keyClick(page.urgent_tile, Qt.Key.Key_Return)
    _wait_for_list(qtbot, window, "work_orders")
    orders = window.work_orders
    assert orders.model.filter.urgent_findings
    assert orders.filter_bar.attention_combo.currentText() == "緊急度I 未対応"
    assert orders.model.rowCount() == page.figures.urgent.orders
    # Clearing the attention filter in the bar shows every order again.
    orders.filter_bar.attention_combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: not orders.model.filter.urgent_findings, timeout=5000)


def test_overdue_orders_open_filtered_to_the_day_of_the_dashboard(
    qtbot, window: MainWindow
) -> None:
    later = date(2026, 6, 30)  # planned work of April to June is overdue by then
    page = _page(qtbot, window, later)
    assert page.figures is not None
    assert page.figures.overdue.total > 0
    assert page.overdue_tile.number() == _count(page.figures.overdue.total)
    qtbot.mouseClick(page.overdue_tile, Qt.MouseButton.LeftButton)
    _wait_for_list(qtbot, window, "work_orders")
    orders = window.work_orders
    assert orders.model.filter.overdue_on == later
    assert orders.model.rowCount() == page.figures.overdue.total


def test_contract_progress_opens_the_contracts_of_the_fiscal_year(
    qtbot, window: MainWindow
) -> None:
    page = _page(qtbot, window)
    assert page.figures is not None
    page.contracts_tile.activate()
    _wait_for_list(qtbot, window, "contracts")
    contracts = window.contracts
    assert contracts.model.filter.fiscal_year == 2025
    qtbot.waitUntil(lambda: contracts.filter_bar.year_combo.currentData() == 2025, timeout=5000)
    assert contracts.model.rowCount() == len(page.figures.contracts.contracts)


def test_hours_of_a_body_open_the_team_month_of_that_body(qtbot, window: MainWindow) -> None:
    page = _page(qtbot, window)
    table = page.hours_tile.table
    assert table.rowCount() > 0
    body_name = table.item(0, 0).text()
    rect = table.visualRect(table.model().index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    team = window.team_month
    assert team is not None
    qtbot.waitUntil(lambda: window.current_page() is team, timeout=5000)
    qtbot.waitUntil(lambda: team.filter_bar.body_combo.currentText() == body_name, timeout=5000)
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=10_000)
    assert team.filter.body_id == team.filter_bar.body_combo.currentData()
    assert team.first == team.today().replace(day=1)  # this month
    assert team.result is not None and team.model.rowCount() > 0


def test_a_change_that_lands_refreshes_the_tiles_once(
    qtbot, window: MainWindow, demo_db: Database, actor: Actor
) -> None:
    page = _page(qtbot, window)
    assert page.figures is not None
    before = page.figures.open_orders.total
    with demo_db.read() as session:
        order = (
            session.query(WorkOrder)
            .filter(WorkOrder.status == WorkOrderStatus.IN_PROGRESS)
            .order_by(WorkOrder.id)
            .first()
        )
        assert order is not None
        order_id, version = order.id, order.version
    change = transition(
        demo_db,
        actor,
        order_id,
        WorkOrderStatus.COMPLETED,
        version,
        today=DEMO_TODAY,
        actual_end=DEMO_TODAY,
    )
    requests = page._request
    for _ in range(20):  # an import announcing many changes in a row
        change_hub().changed.emit(change)
    change_hub().changed.emit(Change(ids={Entity.USERS: frozenset({1})}))  # not shown here
    qtbot.waitUntil(lambda: page.open_tile.number() == _count(before - 1), timeout=5000)
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=10_000)
    assert page._request == requests + 1


def test_the_dashboard_as_a_picture(qtbot, qapp, window: MainWindow, tmp_path) -> None:  # type: ignore[no-untyped-def]
    setup_fonts(qapp)  # the picture shows kanji, not boxes
    page = _page(qtbot, window)
    page.setStyleSheet(STYLE_FILE.read_text(encoding="utf-8"))
    page.resize(1400, 820)
    page.show()
    qtbot.waitExposed(page)
    path = tmp_path / "dashboard.png"
    assert page.grab().save(str(path))
    assert all(isinstance(t, Tile) and t.number() != "—" for t in page.tiles)
