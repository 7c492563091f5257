"""A table view whose first column stays put while the others scroll sideways (Qt's "frozen
column" example): a second QTableView on top of the first column, sharing the model and the
selection, showing that column alone; the two scroll up and down together, and the frozen
one follows the first column's width and the header's height."""

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

__all__ = ["FrozenColumnTableView"]

_ENSURE_VISIBLE = QAbstractItemView.ScrollHint.EnsureVisible


class FrozenColumnTableView(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.frozen = QTableView(self)
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.verticalHeader().hide()
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.frozen.setStyleSheet("QTableView { border: none; }")
        self.viewport().stackUnder(self.frozen)
        self.horizontalHeader().sectionResized.connect(self._section_resized)
        self.verticalHeader().sectionResized.connect(self._row_resized)
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        if model is not None:
            model.modelReset.connect(self._columns_changed)
            model.columnsInserted.connect(self._columns_changed)
        self._columns_changed()

    def _columns_changed(self, *_args: Any) -> None:
        model = self.model()
        columns = model.columnCount() if model is not None else 0
        for column in range(columns):
            self.frozen.setColumnHidden(column, column != 0)
        if columns:
            self.frozen.setColumnWidth(0, self.columnWidth(0))
        self.frozen.setSelectionBehavior(self.selectionBehavior())
        self.frozen.setSelectionMode(self.selectionMode())
        self.frozen.setEditTriggers(self.editTriggers())
        self.frozen.setWordWrap(self.wordWrap())
        rows = self.verticalHeader()
        self.frozen.verticalHeader().setSectionResizeMode(rows.sectionResizeMode(0))
        self.frozen.verticalHeader().setDefaultSectionSize(rows.defaultSectionSize())
        self.frozen.setVisible(columns > 0)
        self._place()

    def _section_resized(self, column: int, _old: int, size: int) -> None:
        if column == 0:
            self.frozen.setColumnWidth(0, size)
            self._place()

    def _row_resized(self, row: int, _old: int, size: int) -> None:
        self.frozen.setRowHeight(row, size)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._place()

    def updateGeometries(self) -> None:  # noqa: N802
        super().updateGeometries()
        self._place()

    def moveCursor(  # noqa: N802
        self, cursor_action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        """Moving left with the keyboard scrolls the cell out from under the frozen column."""
        current = super().moveCursor(cursor_action, modifiers)
        if (
            cursor_action == QAbstractItemView.CursorAction.MoveLeft
            and current.column() > 0
            and self.visualRect(current).topLeft().x() < self.frozen.columnWidth(0)
        ):
            value = (
                self.horizontalScrollBar().value()
                + self.visualRect(current).topLeft().x()
                - self.frozen.columnWidth(0)
            )
            self.horizontalScrollBar().setValue(value)
        return current

    def scrollTo(  # noqa: N802
        self,
        index: Any,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        if index.column() > 0:
            super().scrollTo(index, hint)

    def _place(self) -> None:
        frame = self.frameWidth()
        header = self.horizontalHeader().height()
        left = self.verticalHeader().width() if self.verticalHeader().isVisible() else 0
        self.frozen.horizontalHeader().setFixedHeight(header)
        self.frozen.setGeometry(
            frame + left, frame, self.columnWidth(0), self.viewport().height() + header
        )
