"""The table view of a paged list (ui/paged_model.py) and the selection that survives reloads.

It sets the list up once for every page (fixed row heights: with 500,000 rows Qt must never
measure rows to lay them out; initial column widths that fit a typical value), turns on
header sorting when the model's columns name sort keys, reports the rows on screen to the
model, and keeps the selected row's id: after a reload the same row is selected again if its
page came with the count, and `selected` is emitted only when another row's id becomes known
(a row reached before its page arrived counts once the page is there).
"""

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui.paged_model import ID_ROLE, PagedTableModel


class PagedTableView(QTableView):
    selected = Signal(int)  # the id of the row that became current
    reordered = Signal()  # the user chose another order (a header click)

    def __init__(self, model: PagedTableModel, parent: QWidget | None = None) -> None:  # type: ignore[type-arg]
        super().__init__(parent)
        self.paged_model = model
        self.selected_id: int | None = None
        self._back_to_top = False
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        metrics, header_metrics = self.fontMetrics(), header.fontMetrics()
        for column, spec in enumerate(model.columns):
            fits_value = metrics.horizontalAdvance(spec.sample()) + 16
            arrow = 28 if spec.sort is not None else 16
            fits_header = header_metrics.horizontalAdvance(spec.header()) + arrow
            self.setColumnWidth(column, max(fits_value, fits_header))
        if model.sortable():
            header.setSortIndicator(model.sort_column(), model.sort_order())
            self.setSortingEnabled(True)
            header.sortIndicatorChanged.connect(self._sort_indicator_changed)

        self.verticalScrollBar().valueChanged.connect(self._report_visible_rows)
        model.counted.connect(self._counted)
        model.page_loaded.connect(self._page_loaded)
        self.selectionModel().currentRowChanged.connect(self._current_changed)

    def start_over(self) -> None:
        """A new filter is coming: when it has counted, the list starts at its first row."""
        self._back_to_top = True

    def restore_header(self, state: QByteArray) -> None:
        """Column widths and order as the user left them. The state also holds whether the
        sections were clickable: one saved while the list could not sort must not turn
        sorting off now that it can."""
        header = self.horizontalHeader()
        header.restoreState(state)
        if self.paged_model.sortable():
            header.setSectionsClickable(True)
            header.setSortIndicatorShown(True)

    # -- internals -----------------------------------------------------------------------
    def _sort_indicator_changed(self, _column: int, _order: Qt.SortOrder) -> None:
        self._back_to_top = True
        self.reordered.emit()

    def _report_visible_rows(self) -> None:
        first = self.rowAt(0)
        last = self.rowAt(self.viewport().height() - 1)
        model = self.paged_model
        model.set_visible_rows(first, last if last >= 0 else model.rowCount() - 1)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._report_visible_rows()

    def _counted(self, _count: int) -> None:
        if self._back_to_top:  # a new filter or order starts at its first row
            self._back_to_top = False
            self.scrollToTop()
        self._report_visible_rows()
        if self.selected_id is None:
            return
        row = self.paged_model.loaded_row_of(self.selected_id)
        if row is not None:
            selection = self.selectionModel()
            selection.blockSignals(True)  # the same row: no need to reload its detail
            selection.setCurrentIndex(
                self.paged_model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            selection.blockSignals(False)
            self.viewport().update()

    def _page_loaded(self, _page: int) -> None:
        """The current row may have been reached (keyboard, Page Down) before its page came."""
        current = self.currentIndex()
        row_id = self.paged_model.data(current, ID_ROLE) if current.isValid() else None
        if row_id is not None and row_id != self.selected_id:
            self._current_changed(current, current)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row_id = self.paged_model.data(current, ID_ROLE) if current.isValid() else None
        if row_id is None:
            return  # a row still loading; its page arrives shortly
        self.selected_id = int(row_id)
        self.selected.emit(self.selected_id)
