"""The My week grid's table: typing and moving as in Excel, and the cells' marks.

- Typing a character starts editing the current cell with what was typed (the old value is
  replaced); F2 or a double click edits what is there.
- Tab / Shift+Tab move right / left (wrapping to the next / previous row), Enter /
  Shift+Enter down / up, the arrows move; while typing into a cell they commit it first
  (F2 editing keeps the arrows for the cursor).
- Delete / Backspace clear the selected cells, Ctrl+C copies them, Ctrl+V pastes, Shift+F2
  (or the context menu) edits the cell's note: the view asks, the page does it.
- A cell with a note has a marker in its top-right corner; a refused cell is outlined red.
"""

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QKeyEvent, QKeySequence, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHeaderView,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from ui.timesheets.week_model import LABEL_COLUMN, NOTE_ROLE, REFUSED_ROLE, TOTAL_COLUMN

__all__ = ["WeekTable"]

REFUSED = QColor("#d32f2f")
NOTE_MARK = QColor("#ef6c00")
K = Qt.Key
_MOVES = {
    K.Key_Tab: (0, 1),
    K.Key_Backtab: (0, -1),
    K.Key_Return: (1, 0),
    K.Key_Enter: (1, 0),
}
_ARROWS = {K.Key_Up: (-1, 0), K.Key_Down: (1, 0), K.Key_Left: (0, -1), K.Key_Right: (0, 1)}


class CellDelegate(QStyledItemDelegate):
    """A plain line editor; keys that move commit the cell and let the table move."""

    def __init__(self, table: "WeekTable") -> None:
        super().__init__(table)
        self.table = table

    def createEditor(  # noqa: N802
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        editor.setMaxLength(40)
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:  # noqa: N802
        assert isinstance(editor, QLineEdit)
        if editor.property("filled"):  # the stored week arrived while typing: keep the typing
            return
        editor.setProperty("filled", True)
        # Typing replaces the value, as in Excel; F2 and a double click edit it.
        editor.setText("" if self.table.replacing else str(index.data() or ""))

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.KeyPress and isinstance(editor, QLineEdit):
            assert isinstance(event, QKeyEvent)
            step = _step_of(event)
            if step is None and self.table.replacing:
                step = _ARROWS.get(K(event.key()))
            if step is not None:
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                self.table.move_by(*step)
                return True
        return super().eventFilter(editor, event)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)
        rect = option.rect
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if index.data(NOTE_ROLE):
            right, top = float(rect.right()), float(rect.top())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(NOTE_MARK)
            painter.drawPolygon(
                QPolygonF(
                    [QPointF(right - 7, top), QPointF(right + 1, top), QPointF(right + 1, top + 8)]
                )
            )
        if index.data(REFUSED_ROLE):
            painter.setPen(QPen(REFUSED, 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        painter.restore()


def _step_of(event: QKeyEvent) -> tuple[int, int] | None:
    step = _MOVES.get(K(event.key()))
    if step is not None and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
        return (-step[0], -step[1]) if event.key() != K.Key_Backtab else step
    return step


class WeekTable(QTableView):
    clear_requested = Signal(list)  # the selected indexes
    copy_requested = Signal()
    paste_requested = Signal()
    note_requested = Signal(QModelIndex)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.replacing = False
        self.setItemDelegate(CellDelegate(self))
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setTabKeyNavigation(False)  # Tab is handled here, as Excel moves
        self.setWordWrap(False)
        self.setAlternatingRowColors(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        header = self.horizontalHeader()
        header.setMinimumHeight(2 * self.fontMetrics().height() + 12)
        header.setSectionsClickable(False)
        header.setHighlightSections(False)

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802
        super().setModel(model)
        header = self.horizontalHeader()
        header.setSectionResizeMode(LABEL_COLUMN, QHeaderView.ResizeMode.Stretch)
        for column in range(1, TOTAL_COLUMN + 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, 78)

    # -- moving ----------------------------------------------------------------------------
    def move_by(self, rows: int, columns: int) -> None:
        """Move the current cell like Excel: among the day cells of the order/category rows,
        Tab wrapping at a row's ends."""
        model = self.model()
        if model is None:
            return
        last_row = model.rowCount() - 2  # the totals row is not entered
        if last_row < 0:
            return
        current = self.currentIndex()
        row = current.row() if current.isValid() else 0
        column = current.column() if current.isValid() else 1
        row, column = min(max(row, 0), last_row), column + columns
        if columns and column > 7:
            row, column = (row + 1, 1) if row < last_row else (row, 7)
        elif columns and column < 1:
            row, column = (row - 1, 7) if row > 0 else (row, 1)
        row = min(max(row + rows, 0), last_row)
        column = min(max(column, 1), 7)
        self.go_to(row, column)

    def go_to(self, row: int, column: int) -> None:
        model = self.model()
        if model is None:
            return
        index = model.index(row, column)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def commit_editing(self) -> None:
        """What is typed into an open cell is committed (before the week or person changes)."""
        editor = self.indexWidget(self.currentIndex())
        if self.state() == QAbstractItemView.State.EditingState and editor is not None:
            self.commitData(editor)
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def edit(self, index: Any, trigger: Any = None, event: Any = None) -> bool:  # type: ignore[override]
        if trigger is None:  # the one-argument overload (a slot)
            self.replacing = False
            super().edit(index)
            return True
        self.replacing = trigger == QAbstractItemView.EditTrigger.AnyKeyPressed
        return bool(super().edit(index, trigger, event))

    def event(self, event: QEvent) -> bool:
        # Tab moves between cells, as in Excel, instead of leaving the table.
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (K.Key_Tab, K.Key_Backtab):
                self.keyPressEvent(event)
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        editor = self.indexWidget(self.currentIndex())
        if self.state() == QAbstractItemView.State.EditingState and editor is not None:
            QApplication.sendEvent(editor, event)  # typed on while the editor opens
            return
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_requested.emit()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_requested.emit()
            return
        key = K(event.key())
        if key == K.Key_F2 and event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.note_requested.emit(self.currentIndex())
            return
        if key in (K.Key_Delete, K.Key_Backspace):
            self.clear_requested.emit(self.selectedIndexes())
            return
        step = _step_of(event)
        if step is not None:
            self.move_by(*step)
            return
        if key in _ARROWS and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.move_by(*_ARROWS[key])
            return
        super().keyPressEvent(event)

    def _context_menu(self, pos: Any) -> None:
        index = self.indexAt(pos)
        if not index.isValid():
            return
        menu = QMenu(self)
        note = menu.addAction(self.tr("備考を編集… (Shift+F2)"))
        note.setEnabled(bool(index.flags() & Qt.ItemFlag.ItemIsEditable))
        note.triggered.connect(lambda: self.note_requested.emit(index))
        menu.addSeparator()
        copy = menu.addAction(self.tr("コピー (Ctrl+C)"))
        copy.triggered.connect(self.copy_requested)
        paste = menu.addAction(self.tr("貼り付け (Ctrl+V)"))
        paste.triggered.connect(self.paste_requested)
        clear = menu.addAction(self.tr("クリア (Delete)"))
        clear.triggered.connect(lambda: self.clear_requested.emit(self.selectedIndexes()))
        menu.popup(self.viewport().mapToGlobal(pos))
