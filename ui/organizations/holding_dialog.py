"""Recording a change of holding (持株の変更): a NEW register row from a date on; the earlier
holdings stay as they were, so the register keeps its history."""

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from oneaqita.errors import ValidationError
from oneaqita.services.database import Actor, Database
from oneaqita.services.organizations import OrganizationRow
from oneaqita.services.records import ShareholdingData
from oneaqita.services.shareholders import RegisterRow, record_holding_change
from oneaqita.values import ValueParseError, parse_int
from ui.errors import show_error
from ui.field_errors import INVALID_STYLE, FieldErrors
from ui.operations import ChangeOp
from ui.organizations.labels import shares_text

_CODE_ROLE = int(Qt.ItemDataRole.UserRole) + 1


class HoldingDialog(QDialog):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        organizations: list[OrganizationRow],
        holdings: dict[int, RegisterRow],
        holder_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`holdings` are the holdings in force (by organization id): they fill in the
        numbers as they stand, for the user to change."""
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._holdings = holdings
        self.saving = False
        self.setWindowTitle(self.tr("持株の変更を登録"))
        self.setStyleSheet(INVALID_STYLE)
        self.setMinimumWidth(440)

        self.holder_combo = QComboBox()
        for org in organizations:
            self.holder_combo.addItem(f"{org.code}  {org.name_ja}", org.id)
            self.holder_combo.setItemData(self.holder_combo.count() - 1, org.code, _CODE_ROLE)
        self.since_edit = QDateEdit(QDate.currentDate())
        self.since_edit.setCalendarPopup(True)
        self.since_edit.setDisplayFormat("yyyy/MM/dd")
        self.shares_edit = QLineEdit()
        self.capital_edit = QLineEdit()
        for edit in (self.shares_edit, self.capital_edit):
            edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.current_label = QLabel()
        self.current_label.setEnabled(False)

        form = QFormLayout()
        form.addRow(self.tr("株主(&H)"), self.holder_combo)
        form.addRow("", self.current_label)
        form.addRow(self.tr("効力発生日(&D)"), self.since_edit)
        form.addRow(self.tr("株式数(&S)"), self.shares_edit)
        form.addRow(self.tr("出資額（円）(&C)"), self.capital_edit)
        note = QLabel(
            self.tr(
                "新しい行として登録します。これまでの持株は履歴として残ります。"
                "手放した株主は株式数 0 で登録します。"
            )
        )
        note.setWordWrap(True)

        self.error_label = QLabel()
        self.errors = FieldErrors(
            self.error_label,
            {
                "organization": self.holder_combo,
                "since": self.since_edit,
                "shares": self.shares_edit,
                "capital_yen": self.capital_edit,
            },
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("登録(&R)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("キャンセル"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.holder_combo.currentIndexChanged.connect(self._holder_changed)
        if holder_id is not None:
            self.holder_combo.setCurrentIndex(max(self.holder_combo.findData(holder_id), 0))
        self._holder_changed()
        self.shares_edit.setFocus()

    def _holder_changed(self) -> None:
        """Starts from the holding in force, so the user types only what changes."""
        current = self._holdings.get(self.holder_combo.currentData())
        if current is None:
            self.current_label.setText(self.tr("現在は株主ではありません。"))
            self.shares_edit.clear()
            self.capital_edit.clear()
            return
        self.current_label.setText(
            self.tr("現在: {shares} 株（{since} から）").format(
                shares=shares_text(current.shares), since=current.since.strftime("%Y/%m/%d")
            )
        )
        self.shares_edit.setText(shares_text(current.shares))
        self.capital_edit.setText(f"{current.capital_yen:,}")

    def _number(self, edit: QLineEdit, field: str, what: str) -> int | None:
        try:
            value = parse_int(edit.text())
        except ValueParseError as exc:
            self.errors.show(exc.ja, exc.en, field)
            return None
        if value is None:
            self.errors.show(self.tr("{what}を入力してください。").format(what=what), "", field)
        return value

    def data(self) -> ShareholdingData | None:
        """The record to store, or None after showing what to fix."""
        self.errors.clear()
        shares = self._number(self.shares_edit, "shares", self.tr("株式数"))
        if shares is None:
            return None
        capital = self._number(self.capital_edit, "capital_yen", self.tr("出資額"))
        if capital is None:
            return None
        since = self.since_edit.date()
        return ShareholdingData(
            organization=str(self.holder_combo.currentData(_CODE_ROLE)),
            shares=shares,
            capital_yen=capital,
            since=date(since.year(), since.month(), since.day()),
        )

    def accept(self) -> None:
        if self.saving:
            return
        data = self.data()
        if data is None:
            return
        self._set_saving(True)
        db, actor = self._db, self._actor
        ChangeOp(self, lambda: record_holding_change(db, actor, data)).success(
            lambda _change: self._saved()
        ).failure(self._failed).run()

    def reject(self) -> None:
        if not self.saving:
            super().reject()

    def _saved(self) -> None:
        self._set_saving(False)
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_saving(False)
        if isinstance(exc, ValidationError):
            self.errors.show(exc.ja, exc.en, exc.field)
        else:
            show_error(self, exc)

    def _set_saving(self, saving: bool) -> None:
        self.saving = saving
        self.buttons.setEnabled(not saving)
