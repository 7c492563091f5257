"""The editor's 対象施設 section: the order's assets as a sortable list with their count, and
the ways to change it.

- Add by code or search: the field offers, as you type (after a short pause, read off the GUI
  thread), the first assets whose code or district holds every word; Enter or a click on one
  adds it. Enter on typed codes (one, or several separated by spaces, lines, ; or 、 — a
  pasted column) adds those the registry knows and names the others.
- フィルタで追加… opens the filter dialog (ui/work_orders/asset_filter_dialog.py), which adds
  every asset it matches at once.
- Del removes the selected lines; すべて外す clears the list after asking.
- An asset already listed is not added twice. Whether the work type needs assets is the
  service's rule, checked on saving.
"""

import re
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from oneaqita.services.asset_picking import AssetLine, asset_lines, search_assets
from oneaqita.services.database import Database
from oneaqita.values import QUOTED_CHARS, quote
from ui.labels import domain_label
from ui.operations import QueryOp
from ui.work_orders.asset_filter_dialog import AssetFilterDialog
from ui.work_orders.asset_model import AssetListModel

SEARCH_DEBOUNCE_MS = 250
SUGGESTIONS = 8
_SEPARATORS = re.compile(r"[\s;；、,]+")


def asset_codes(text: str) -> list[str]:
    """The codes typed, in order, without blanks and repeats."""
    return list(dict.fromkeys(c.strip() for c in _SEPARATORS.split(text) if c.strip()))


class _EnterEdit(QLineEdit):
    """A line edit that keeps Enter to itself: in the editor dialog it would save."""

    entered = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.entered.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class _AssetTable(QTableView):
    """The list; Del (or Backspace) removes the selected lines."""

    delete_pressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_pressed.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class AssetPicker(QWidget):
    changed = Signal()  # the list of assets changed

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._suggested: dict[str, AssetLine] = {}
        self._asked = ""  # the text the last search was for
        self.filter_dialog: AssetFilterDialog | None = None

        self.model = AssetListModel(self)
        self.table = _AssetTable()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # as added until a click
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((130, 80, 130, 60, 60)):
            self.table.setColumnWidth(column, width)
        self.table.setMinimumHeight(240)
        self.table.delete_pressed.connect(self.remove_selected)

        self.count_label = QLabel()
        self.search_edit = _EnterEdit()
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setPlaceholderText(
            self.tr("施設コード・地区で検索、Enterで追加（コードの貼り付けも可）")
        )
        self._suggestions = QStandardItemModel(self)
        self.completer = QCompleter(self._suggestions, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setCompletionRole(Qt.ItemDataRole.UserRole)
        self.completer.setMaxVisibleItems(SUGGESTIONS)
        self.completer.activated[QModelIndex].connect(self._suggestion_chosen)
        self.search_edit.setCompleter(self.completer)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DEBOUNCE_MS)
        self._search_timer.timeout.connect(self._search)
        self.search_edit.textEdited.connect(lambda _text: self._search_timer.start())
        self.search_edit.entered.connect(self.add_typed)
        self.message_label = QLabel()
        self.message_label.setObjectName("fieldError")
        self.message_label.setWordWrap(True)
        self.message_label.hide()

        self.filter_button = QPushButton(self.tr("フィルタで追加…"))
        self.filter_button.setToolTip(self.tr("所有者・種別・地区・設置年などで一度に追加します"))
        self.filter_button.clicked.connect(self.open_filter)
        self.remove_button = QPushButton(self.tr("外す"))
        self.remove_button.setToolTip(self.tr("選んだ施設をこの作業から外します (Del)"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button = QPushButton(self.tr("すべて外す…"))
        self.clear_button.clicked.connect(self.clear_all)

        adding = QHBoxLayout()
        adding.addWidget(self.search_edit, 1)
        adding.addWidget(self.filter_button)
        footer = QHBoxLayout()
        footer.addWidget(self.count_label, 1)
        footer.addWidget(self.remove_button)
        footer.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(adding)
        layout.addWidget(self.message_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(footer)

        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            signal.connect(self._list_changed)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._list_changed()

    # -- what the editor reads and sets --------------------------------------------------
    def codes(self) -> list[str]:
        return self.model.codes()

    def set_codes(self, codes: Sequence[str]) -> None:
        """Lists the order's codes now and their details once read."""
        self.model.set_codes(codes)
        if codes:
            wanted = list(codes)
            QueryOp(self, lambda: asset_lines(self._db, wanted)).success(
                self.model.set_details
            ).run()

    def add_lines(self, lines: Sequence[AssetLine]) -> int:
        added = self.model.add_lines(lines)
        if added:
            self.table.scrollToBottom()
        return added

    # -- adding --------------------------------------------------------------------------
    def _search(self) -> None:
        text = self.search_edit.text().strip()
        self._asked = text
        if not text:
            self._show_suggestions([])
            return
        db = self._db
        QueryOp(self, lambda: search_assets(db, text, SUGGESTIONS)).success(
            lambda found: self._searched(text, found)
        ).run()

    def _searched(self, text: str, found: list[AssetLine]) -> None:
        if text == self._asked and text == self.search_edit.text().strip():
            self._show_suggestions(found)

    def _show_suggestions(self, found: list[AssetLine]) -> None:
        self._suggested = {line.code: line for line in found}
        self._suggestions.clear()
        for line in found:
            item = QStandardItem(_suggestion(line))
            item.setData(line.code, Qt.ItemDataRole.UserRole)  # what choosing it puts in the field
            self._suggestions.appendRow(item)
        if found:
            self.completer.complete()
        else:
            self.completer.popup().hide()

    def _suggestion_chosen(self, index: QModelIndex) -> None:
        line = self._suggested.get(self._code_of(index))
        if line is not None:
            self._added([line], [])

    def _code_of(self, index: QModelIndex) -> str:
        return str(index.data(Qt.ItemDataRole.UserRole) or "")

    def add_typed(self) -> None:
        """Enter: the code(s) typed, those the registry knows added, the others named."""
        popup = self.completer.popup()
        if popup.isVisible() and popup.currentIndex().isValid():
            self._suggestion_chosen(popup.currentIndex())
            popup.hide()
            return
        codes = asset_codes(self.search_edit.text())
        if not codes:
            return
        db = self._db
        QueryOp(self, lambda: asset_lines(db, codes)).success(
            lambda lines: self._added(lines, codes)
        ).run()

    def _added(self, lines: list[AssetLine], typed: list[str]) -> None:
        known = {line.code for line in lines}
        unknown = [c for c in typed if c not in known]
        self.add_lines(lines)
        self._search_timer.stop()
        self.completer.popup().hide()
        if unknown:
            shown = "、".join(_shown(c) for c in unknown[:10])
            more = self.tr(" ほか{n}件").format(n=len(unknown) - 10) if len(unknown) > 10 else ""
            self._say(self.tr("見つからない施設コード: {codes}").format(codes=shown + more))
            self.search_edit.setText("; ".join(unknown))  # to correct and Enter again
        else:
            self._say("")
            self.search_edit.clear()

    def open_filter(self) -> None:
        if self.filter_dialog is not None:
            self.filter_dialog.raise_()
            return
        self.filter_dialog = AssetFilterDialog(self._db, self)
        self.filter_dialog.picked.connect(self._filtered)
        self.filter_dialog.finished.connect(self._filter_closed)
        self.filter_dialog.open()

    def _filtered(self, lines: list[AssetLine]) -> None:
        added = self.add_lines(lines)
        already = len(lines) - added
        if already:
            self._say(
                self.tr("{added:,} 件を追加しました（{already:,} 件は追加済み）").format(
                    added=added, already=already
                )
            )
        else:
            self._say("")

    def _filter_closed(self) -> None:
        if self.filter_dialog is not None:
            self.filter_dialog.deleteLater()
        self.filter_dialog = None

    # -- removing ------------------------------------------------------------------------
    def remove_selected(self) -> None:
        rows = [i.row() for i in self.table.selectionModel().selectedRows()]
        if rows:
            first = min(rows)
            self.model.remove_rows(rows)
            if self.model.rowCount():
                self.table.selectRow(min(first, self.model.rowCount() - 1))

    def clear_all(self) -> None:
        n = self.model.rowCount()
        if n == 0:
            return
        answer = QMessageBox.question(
            self,
            self.tr("対象施設"),
            self.tr("対象施設 {n:,} 件をすべて外しますか？").format(n=n),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.model.clear()

    # -- state ---------------------------------------------------------------------------
    def _list_changed(self, *_args: object) -> None:
        self.count_label.setText(self.tr("{n:,} 件").format(n=self.model.rowCount()))
        self.clear_button.setEnabled(self.model.rowCount() > 0)
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self, *_args: object) -> None:
        self.remove_button.setEnabled(self.table.selectionModel().hasSelection())

    def _say(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))


def _shown(code: str) -> str:
    """A code as typed, or quoted when it holds invisible characters or is too long."""
    return code if code.isprintable() and len(code) <= QUOTED_CHARS else quote(code, ja=True)


def _suggestion(line: AssetLine) -> str:
    parts = [line.code, domain_label(line.kind), line.district or ""]
    if line.installed_year is not None:
        parts.append(str(line.installed_year))
    return "  ".join(p for p in parts if p)
