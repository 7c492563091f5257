"""The row of filters above the people list: home body, seconded now, qualification, free
text (after a short pause), and the count."""

from collections.abc import Sequence

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from oneaqita.services.organizations import OrganizationRow

SEARCH_DEBOUNCE_MS = 250


class PeopleFilterBar(QWidget):
    changed = Signal()  # any filter value changed (the search text after a short pause)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.home_combo = QComboBox()
        self.home_combo.setMinimumContentsLength(12)
        self.home_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.home_combo.addItem(self.tr("すべての所属団体"), None)
        self.home_combo.currentIndexChanged.connect(self.changed)

        self.seconded_combo = QComboBox()
        self.seconded_combo.addItem(self.tr("出向: すべて"), None)
        self.seconded_combo.addItem(self.tr("出向中"), True)
        self.seconded_combo.addItem(self.tr("出向中でない"), False)
        self.seconded_combo.setToolTip(self.tr("今日の時点で出向中かどうか"))
        self.seconded_combo.currentIndexChanged.connect(self.changed)

        self.qualification_combo = QComboBox()
        self.qualification_combo.setMinimumContentsLength(12)
        self.qualification_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.qualification_combo.addItem(self.tr("すべての資格"), None)
        self.qualification_combo.currentIndexChanged.connect(self.changed)

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("氏名・カナ・職員番号・メールで検索"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(220)
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
        self.count_label.setMinimumWidth(90)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("所属")))
        layout.addWidget(self.home_combo)
        layout.addWidget(self.seconded_combo)
        layout.addWidget(self.qualification_combo)
        layout.addWidget(self.search_edit, 1)
        layout.addWidget(self.count_label)

    # -- values --------------------------------------------------------------------------
    def text(self) -> str:
        return self.search_edit.text().strip()

    def home_organization_id(self) -> int | None:
        data = self.home_combo.currentData()
        return int(data) if data is not None else None

    def currently_seconded(self) -> bool | None:
        data = self.seconded_combo.currentData()
        return bool(data) if data is not None else None

    def qualification(self) -> str | None:
        data = self.qualification_combo.currentData()
        return str(data) if data is not None else None

    def set_organizations(self, organizations: list[OrganizationRow]) -> None:
        """Refills the home-body list, keeping the chosen body if it is still there."""
        choices = [(o.id, o.name_ja, o.code) for o in organizations]
        self._refill(self.home_combo, choices)

    def set_qualifications(self, names: list[str]) -> None:
        self._refill(self.qualification_combo, [(n, n, None) for n in names])

    def focus_search(self) -> None:
        self.search_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_edit.selectAll()

    def apply_search_now(self) -> None:
        """Skips the typing pause (Enter in the box)."""
        if self._search_timer.isActive():
            self._search_timer.stop()
            self.changed.emit()

    # -- count ---------------------------------------------------------------------------
    def show_count(self, count: int) -> None:
        self.count_label.setText(self.tr("{count} 人").format(count=f"{count:,}"))

    def show_searching(self) -> None:
        self.count_label.setText(self.tr("検索中…"))

    # -- internals -----------------------------------------------------------------------
    def _refill(self, combo: QComboBox, choices: Sequence[tuple[object, str, str | None]]) -> None:
        keep = combo.currentData()
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
            self.changed.emit()  # the chosen value is gone: the list shows everyone again
