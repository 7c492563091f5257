"""What the panes beside the lists share: the placeholder shown until a row is chosen, the
grid of captioned values, and small read-only tables of the chosen row's details."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def placeholder_stack(owner: QWidget, text: str, content: QWidget) -> tuple[QStackedWidget, QLabel]:
    """Fills `owner` with a stack of a greyed `text` (index 0) and the `content` (index 1)."""
    stack = QStackedWidget()
    placeholder = QLabel(text)
    placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
    placeholder.setEnabled(False)
    stack.addWidget(placeholder)
    stack.addWidget(content)
    outer = QVBoxLayout(owner)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(stack)
    return stack, placeholder


def field_grid(names: list[tuple[str, str]]) -> tuple[QGridLayout, dict[str, QLabel]]:
    """Captions on the left, selectable wrapping values on the right: (key, caption) each;
    returns the layout and the value labels by key."""
    fields = QGridLayout()
    fields.setHorizontalSpacing(12)
    values: dict[str, QLabel] = {}
    for row, (key, caption) in enumerate(names):
        label = QLabel(caption)
        label.setObjectName("fieldCaption")
        value = QLabel()
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        fields.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
        fields.addWidget(value, row, 1)
        values[key] = value
    fields.setColumnStretch(1, 1)
    return fields, values


def make_read_only(table: QTableWidget) -> None:
    """Whole rows selectable, nothing editable, no line wrapping, columns resizable."""
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)


class ReadOnlyTable(QTableWidget):
    """A small read-only list of the detail: columns at least as wide as typical values
    (also when empty), wider when a value needs it, no line wrapping."""

    def __init__(self, headers: list[str], samples: list[str]) -> None:
        super().__init__(0, len(headers))
        self.setHorizontalHeaderLabels(headers)
        make_read_only(self)
        self.horizontalHeader().setStretchLastSection(True)
        metrics = self.fontMetrics()
        self._base_widths = [
            max(metrics.horizontalAdvance(h), metrics.horizontalAdvance(s)) + 14
            for h, s in zip(headers, samples, strict=True)
        ]

    def fill(self, rows: list[list[str]]) -> None:
        self.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                self.setItem(r, c, QTableWidgetItem(value))
        for column, base in enumerate(self._base_widths[:-1]):
            self.resizeColumnToContents(column)
            self.setColumnWidth(column, max(base, self.columnWidth(column)))
