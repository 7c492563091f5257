"""What the editor dialog (ui/editor_dialog.py) shows when someone else saved the record
first: their value beside the user's, field by field, and the two ways on.

- The table: 項目 | 保存されている値 (stored now) | あなたの入力 (typed); a row whose values
  differ is bold, tinted and marked 「≠」 in its first cell. It is read-only.
- 「最新の内容を読み込む」 (reload) puts the stored values into the form, with their version;
  「自分の入力で上書き」 (re-apply) keeps what was typed, takes the stored version and saves again,
  after a confirmation that names every stored value it will overwrite. Never both silently.
"""

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

translate = QCoreApplication.translate

# Bilingual, as every error the app shows (ConcurrentEdit's own text says "reopen it").
CONFLICT_JA = "他の人がこのデータを先に変更しました。入力した内容はそのまま残っています。"
CONFLICT_EN = "Someone else changed this record first. What you typed is still here."
BANNER_STYLE = (
    "QFrame#conflictBanner { background: #fff4d6; border: 1px solid #d9a400; border-radius: 4px; }"
)
DIFFERENT = QColor("#ffe0b2")
MARK = "≠ "
EMPTY = "—"


@dataclass(frozen=True)
class ConflictRow:
    field: str
    label: str
    stored: str
    typed: str | None  # None: the form does not say (the field is the stored record's only)

    @property
    def differs(self) -> bool:
        return self.typed is not None and self.typed != self.stored


class ConflictPanel(QFrame):
    """The banner above the form; the dialog connects its two buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictBanner")
        self.rows: list[ConflictRow] = []
        self.heading = heading = QLabel(f"{CONFLICT_JA}\n{CONFLICT_EN}")
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [
                translate("ConflictPanel", "項目"),
                translate("ConflictPanel", "保存されている値"),
                translate("ConflictPanel", "あなたの入力"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.reload_button = QPushButton(translate("EditorDialog", "最新の内容を読み込む(&L)"))
        self.reload_button.setToolTip(
            translate("ConflictPanel", "保存されている内容をフォームに読み込みます（入力は破棄）")
        )
        self.reapply_button = QPushButton(translate("ConflictPanel", "自分の入力で上書き(&O)"))
        self.reapply_button.setToolTip(
            translate("ConflictPanel", "入力した内容で、保存されている内容を上書きして保存します")
        )
        for button in (self.reload_button, self.reapply_button):
            button.setAutoDefault(False)  # Enter still saves
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.status_label)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reload_button)
        buttons.addWidget(self.reapply_button)
        layout.addLayout(buttons)
        self.hide()

    def show_reading(self) -> None:
        """The conflict met; the stored record is being read."""
        self.rows = []
        self.table.setRowCount(0)
        self.table.hide()
        self.status_label.setText(translate("EditorDialog", "保存されている内容を読んでいます…"))
        self.status_label.show()
        for button in (self.reload_button, self.reapply_button):
            button.setEnabled(False)
            button.show()
        self.show()

    def show_nothing_to_read(self) -> None:
        """Nothing stored to compare with (saving again tries again)."""
        self.status_label.hide()
        self.table.hide()
        self.reload_button.hide()
        self.reapply_button.hide()

    def show_rows(self, rows: list[ConflictRow], may_reapply: bool) -> None:
        self.rows = rows
        self.status_label.setText(
            translate("ConflictPanel", "保存されている値とあなたの入力（≠ は違う値）:")
        )
        self.table.setRowCount(len(rows))
        for row, line in enumerate(rows):
            cells = [
                (MARK if line.differs else "") + line.label,
                line.stored or EMPTY,
                EMPTY if line.typed is None else line.typed or EMPTY,
            ]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                if line.differs:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                    item.setBackground(QBrush(DIFFERENT))
                self.table.setItem(row, column, item)
        self.table.resizeRowsToContents()
        shown = min(len(rows), 8)
        height = sum(self.table.rowHeight(r) for r in range(shown))
        self.table.setFixedHeight(height + self.table.horizontalHeader().height() + 6)
        self.table.show()
        self.reload_button.setEnabled(True)
        self.reapply_button.setVisible(may_reapply)
        self.reapply_button.setEnabled(may_reapply)

    def differing(self) -> list[ConflictRow]:
        return [r for r in self.rows if r.differs]

    def text(self) -> str:
        """The table as plain text, a line a row (for tests and the confirmation)."""
        lines = []
        for row in range(self.table.rowCount()):
            items = [self.table.item(row, c) for c in range(3)]
            lines.append("\t".join(i.text() for i in items if i is not None))
        return "\n".join(lines)


def confirm_overwrite(parent: QWidget, rows: list[ConflictRow]) -> bool:
    """Asks before the typed values replace the stored ones, naming each replaced one."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("ConflictPanel", "自分の入力で上書き"))
    if rows:
        lines = "\n".join(
            translate("ConflictPanel", "・{field}: 「{stored}」 → 「{typed}」").format(
                field=r.label, stored=r.stored or EMPTY, typed=r.typed or EMPTY
            )
            for r in rows
        )
        text = translate(
            "ConflictPanel", "他の人が保存した次の値を、あなたの入力で上書きします。\n{lines}"
        ).format(lines=lines)
    else:
        text = translate("ConflictPanel", "保存されている内容を、あなたの入力で上書きします。")
    box.setText(text)
    box.setInformativeText(translate("ConflictPanel", "上書きして保存しますか？"))
    overwrite = box.addButton(
        translate("ConflictPanel", "上書きして保存"), QMessageBox.ButtonRole.AcceptRole
    )
    cancel = box.addButton(translate("ConflictPanel", "やめる"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is overwrite
