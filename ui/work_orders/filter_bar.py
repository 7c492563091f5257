"""The row of filters above the work-order list: client body, status, free text, count."""

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QWidget,
)

from oneaqita.models import WorkOrderStatus
from ui.labels import status_label

SEARCH_DEBOUNCE_MS = 250


class StayOpenMenu(QMenu):
    """Ticking several statuses should not need the menu reopened for each one."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        action = self.activeAction()
        if action is not None and action.isCheckable() and action.isEnabled():
            action.trigger()
            return
        super().mouseReleaseEvent(event)


class WorkOrderFilterBar(QWidget):
    changed = Signal()  # any filter value changed (the search text after a short pause)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client_combo = QComboBox()
        self.client_combo.setMinimumContentsLength(10)
        self.client_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.client_combo.addItem(self.tr("すべての委託者"), None)
        self.client_combo.currentIndexChanged.connect(self.changed)

        self.status_button = QPushButton()
        self.status_menu = StayOpenMenu(self.status_button)
        self.status_actions: dict[WorkOrderStatus, QAction] = {}
        all_action = self.status_menu.addAction(self.tr("すべての状態"))
        all_action.triggered.connect(self.clear_statuses)
        self.status_menu.addSeparator()
        for status in WorkOrderStatus:
            action = self.status_menu.addAction(status_label(status))
            action.setCheckable(True)
            action.toggled.connect(self._statuses_toggled)
            self.status_actions[status] = action
        self.status_button.setMenu(self.status_menu)
        self._update_status_text()

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("作業番号・件名・委託者・担当者で検索"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(280)
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
        self.count_label.setMinimumWidth(110)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("委託者")))
        layout.addWidget(self.client_combo)
        layout.addWidget(self.status_button)
        layout.addWidget(self.search_edit, 1)
        layout.addWidget(self.count_label)

    # -- values --------------------------------------------------------------------------
    def text(self) -> str:
        return self.search_edit.text().strip()

    def client_id(self) -> int | None:
        data = self.client_combo.currentData()
        return int(data) if data is not None else None

    def statuses(self) -> frozenset[WorkOrderStatus]:
        return frozenset(s for s, a in self.status_actions.items() if a.isChecked())

    def set_clients(self, choices: list[tuple[int, str, str]]) -> None:
        """Refills the client list, keeping the chosen body if it is still there."""
        keep = self.client_id()
        self.client_combo.blockSignals(True)
        while self.client_combo.count() > 1:
            self.client_combo.removeItem(1)
        for client_id, code, name in choices:
            self.client_combo.addItem(name, client_id)
            self.client_combo.setItemData(
                self.client_combo.count() - 1, code, Qt.ItemDataRole.ToolTipRole
            )
        found = self.client_combo.findData(keep) if keep is not None else 0
        self.client_combo.setCurrentIndex(max(found, 0))
        self.client_combo.blockSignals(False)
        if keep is not None and found < 0:
            self.changed.emit()

    def select_client(self, client_id: int | None) -> None:
        self.client_combo.setCurrentIndex(max(self.client_combo.findData(client_id), 0))

    def set_statuses(self, statuses: frozenset[WorkOrderStatus]) -> None:
        for status, action in self.status_actions.items():
            action.blockSignals(True)
            action.setChecked(status in statuses)
            action.blockSignals(False)
        self._statuses_toggled()

    def clear_statuses(self) -> None:
        self.set_statuses(frozenset())

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
        self.count_label.setText(self.tr("{count} 件").format(count=f"{count:,}"))

    def show_searching(self) -> None:
        self.count_label.setText(self.tr("検索中…"))

    # -- internals -----------------------------------------------------------------------
    def _statuses_toggled(self) -> None:
        self._update_status_text()
        self.changed.emit()

    def _update_status_text(self) -> None:
        chosen = [status_label(s) for s in WorkOrderStatus if self.status_actions[s].isChecked()]
        if not chosen:
            self.status_button.setText(self.tr("状態: すべて"))
        else:
            self.status_button.setText(self.tr("状態: {names}").format(names="・".join(chosen)))
