"""What the filter bars above the lists share: the free-text search that applies after a
short typing pause (at once on Enter; Esc clears it), the count on the right, and combo
boxes of choices headed by an "all" entry that keep the chosen value when refilled."""

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

SEARCH_DEBOUNCE_MS = 250


class FilterBar(QWidget):
    """Subclasses set the search box's placeholder, add their filters with _lay_out, and
    say what the filters hold (values) and how the count reads (count_text)."""

    changed = Signal()  # any filter value changed (the search text after a short pause)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._waiting: dict[QComboBox, object] = {}
        self.search_edit = QLineEdit()
        self.search_edit.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self.changed)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.search_edit.returnPressed.connect(self.apply_search_now)
        clear = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search_edit)
        clear.setContext(Qt.ShortcutContext.WidgetShortcut)
        clear.activated.connect(self.search_edit.clear)

        self.count_label = QLabel()
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def _lay_out(self, *filters: QWidget) -> None:
        """The filters from the left, then the search box taking the room left, the count."""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in filters:
            layout.addWidget(widget)
        layout.addWidget(self.search_edit, 1)
        layout.addWidget(self.count_label)

    def _choice_combo(self, all_text: str, min_length: int) -> QComboBox:
        """A combo box of choices, first "all" (no value), that applies when changed."""
        combo = QComboBox()
        combo.setMinimumContentsLength(min_length)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.addItem(all_text, None)
        combo.currentIndexChanged.connect(self.changed)
        return combo

    def _choose(self, combo: QComboBox, value: object) -> None:
        """Chooses `value` (None: "all"); one not among the choices yet (they are still being
        read) is chosen by the refill that brings it."""
        found = 0 if value is None else combo.findData(value)
        self._waiting.pop(combo, None)
        if found < 0:
            self._waiting[combo] = value
            found = 0
        combo.setCurrentIndex(found)

    def _refill(self, combo: QComboBox, choices: Sequence[tuple[object, str, str | None]]) -> None:
        """Refills the choices (value, text, tooltip) after "all", keeping the chosen value if
        it is still there (or choosing the one _choose waits for)."""
        keep = self._waiting.pop(combo, combo.currentData())
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for data, text, tooltip in choices:
            combo.addItem(text, data)
            if tooltip:
                combo.setItemData(combo.count() - 1, tooltip, Qt.ItemDataRole.ToolTipRole)
        found = combo.findData(keep) if keep is not None else 0
        combo.setCurrentIndex(max(found, 0))
        combo.blockSignals(False)
        if keep is not None and found < 0:
            self.changed.emit()  # the chosen value is gone: the list shows everything again

    # -- values --------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """The list filter's fields as the bar sets them (the search text at least)."""
        return {"text": self.text()}

    def text(self) -> str:
        return self.search_edit.text().strip()

    def set_text(self, text: str) -> None:
        """Sets the search text without the typing pause's later `changed`."""
        self.search_edit.blockSignals(True)
        self.search_edit.setText(text)
        self.search_edit.blockSignals(False)

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def apply_search_now(self) -> None:
        """Skips the typing pause (Enter in the box)."""
        if self._search_timer.isActive():
            self._search_timer.stop()
            self.changed.emit()

    # -- count ---------------------------------------------------------------------------
    def count_text(self, count: int) -> str:
        raise NotImplementedError

    def show_count(self, count: int) -> None:
        self.count_label.setText(self.count_text(count))

    def show_searching(self) -> None:
        self.count_label.setText(self.tr("検索中…"))
