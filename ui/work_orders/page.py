"""The Work orders page: filters, the paged list, and the selected order's detail beside it."""

import dataclasses

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, Qt
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from oneaqita.models import WorkOrderStatus
from oneaqita.services.database import Actor, Change, Database
from oneaqita.services.work_order_queries import (
    WorkOrderDetail,
    client_choices,
    work_order_detail,
)
from ui.errors import show_error
from ui.operations import ChangeOp, QueryOp, change_hub
from ui.work_orders.columns import COLUMNS
from ui.work_orders.detail_pane import WorkOrderDetailPane
from ui.work_orders.filter_bar import WorkOrderFilterBar
from ui.work_orders.table_model import ID_ROLE, WorkOrderTableModel
from ui.work_orders.transitions import confirm_move, move_work_order

# A change to any of these can alter what the list shows.
LIST_ENTITIES = frozenset({"work_orders", "contracts", "organizations", "people"})
CLIENT_ENTITIES = frozenset({"contracts", "organizations"})


class WorkOrdersPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._selected_id: int | None = None
        self._detail_request = 0

        self.model = WorkOrderTableModel(db, self)
        self.filter_bar = WorkOrderFilterBar()
        self.table = QTableView()
        self.detail_pane = WorkOrderDetailPane(actor)
        self._setup_table()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail_pane)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([1000, 420])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)

        self._back_to_top = False
        self.table.verticalScrollBar().valueChanged.connect(self._report_visible_rows)
        self.filter_bar.changed.connect(self._apply_filter)
        self.model.counted.connect(self._counted)
        self.model.page_loaded.connect(self._page_loaded)
        self.model.load_failed.connect(lambda exc: show_error(self, exc))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.detail_pane.move_requested.connect(self._move_requested)
        change_hub().changed.connect(self._changed)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.filter_bar.focus_search)

        self.filter_bar.show_searching()
        self._load_clients()
        self.model.refresh()

    def title(self) -> str:
        return self.tr("作業指示")

    def _setup_table(self) -> None:
        t = self.table
        t.setModel(self.model)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.setTextElideMode(Qt.TextElideMode.ElideRight)
        t.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = t.verticalHeader()
        rows.setVisible(False)
        # Fixed heights: with 500,000 rows Qt must never measure rows to lay them out.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(t.fontMetrics().height() + 8)
        header = t.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        metrics, header_metrics = t.fontMetrics(), header.fontMetrics()
        for column, spec in enumerate(COLUMNS):
            fits_value = metrics.horizontalAdvance(spec.sample()) + 16
            fits_header = header_metrics.horizontalAdvance(spec.header()) + 28  # sort arrow
            t.setColumnWidth(column, max(fits_value, fits_header))
        flt = self.model.filter
        order = Qt.SortOrder.DescendingOrder if flt.descending else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(self.model.sort_column(), order)
        t.setSortingEnabled(True)
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)

    # -- list ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """F5: everything the page shows is read again."""
        self._load_clients()
        self.filter_bar.show_searching()
        self.model.refresh()
        self._load_detail()

    def _load_clients(self) -> None:
        db = self._db
        QueryOp(self, lambda: client_choices(db)).success(self.filter_bar.set_clients).run()

    def _apply_filter(self) -> None:
        bar = self.filter_bar
        flt = dataclasses.replace(
            self.model.filter, text=bar.text(), client_id=bar.client_id(), statuses=bar.statuses()
        )
        if flt != self.model.filter:
            bar.show_searching()
            self._back_to_top = True
            self.model.set_filter(flt)

    def _sort_indicator_changed(self, _column: int, _order: Qt.SortOrder) -> None:
        self.filter_bar.show_searching()
        self._back_to_top = True

    def _report_visible_rows(self) -> None:
        viewport = self.table.viewport()
        first = self.table.rowAt(0)
        last = self.table.rowAt(viewport.height() - 1)
        self.model.set_visible_rows(first, last if last >= 0 else self.model.rowCount() - 1)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._report_visible_rows()

    def _counted(self, count: int) -> None:
        self.filter_bar.show_count(count)
        if self._back_to_top:  # a new filter or order starts at its first row
            self._back_to_top = False
            self.table.scrollToTop()
        self._report_visible_rows()
        if self._selected_id is None:
            return
        row = self.model.loaded_row_of(self._selected_id)
        if row is not None:
            selection = self.table.selectionModel()
            selection.blockSignals(True)  # the same order: no need to reload its detail
            selection.setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            selection.blockSignals(False)
            self.table.viewport().update()

    def _page_loaded(self, _page: int) -> None:
        """The current row may have been reached (keyboard, Page Down) before its page came."""
        current = self.table.currentIndex()
        work_order_id = self.model.data(current, ID_ROLE) if current.isValid() else None
        if work_order_id is not None and work_order_id != self._selected_id:
            self._current_changed(current, current)

    # -- detail --------------------------------------------------------------------------
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        work_order_id = self.model.data(current, ID_ROLE) if current.isValid() else None
        if work_order_id is None:
            return  # a row still loading; its page arrives shortly
        self._selected_id = int(work_order_id)
        self._load_detail()

    def _load_detail(self) -> None:
        if self._selected_id is None:
            self.detail_pane.clear()
            return
        self._detail_request += 1
        request, db, work_order_id = self._detail_request, self._db, self._selected_id

        def shown(detail: WorkOrderDetail) -> None:
            if request == self._detail_request:
                self.detail_pane.show_detail(detail)

        QueryOp(self, lambda: work_order_detail(db, work_order_id)).success(shown).run()

    def _move_requested(self, to_status: WorkOrderStatus) -> None:
        detail = self.detail_pane.detail
        if detail is None or not confirm_move(self, detail, to_status):
            return
        self.detail_pane.set_moves_enabled(False)

        def failed(exc: BaseException) -> None:
            show_error(self, exc)
            self._load_detail()  # show where the order really stands now

        ChangeOp(self, move_work_order(self._db, self._actor, detail, to_status)).failure(
            failed
        ).run()

    def _changed(self, change: Change) -> None:
        if change.entities & CLIENT_ENTITIES:
            self._load_clients()
        if change.entities & LIST_ENTITIES:
            self.filter_bar.show_searching()
            self.model.refresh()
            if self._selected_id is not None:
                self._load_detail()

    # -- state ---------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        settings.setValue("workOrders/splitter", self.splitter.saveState())
        settings.setValue("workOrders/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        splitter = settings.value("workOrders/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        header = settings.value("workOrders/header")
        if isinstance(header, QByteArray):
            self.table.horizontalHeader().restoreState(header)
