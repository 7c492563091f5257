"""Recording a change of holding (持株の変更): a NEW register row from a date on; the earlier
holdings stay as they were, so the register keeps its history.

An editor dialog (ui/editor_dialog.py). The numbers start from the holding in force; should
someone else record holdings meanwhile, the holdings in force are read again and the chosen
holder's shown beside the form, which 「最新の内容を読み込む」 fills in.
"""

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QLineEdit, QWidget

from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.organizations import OrganizationRow
from oneaqita.services.records import ShareholdingData
from oneaqita.services.shareholders import RegisterRow, record_holding_change, shareholder_register
from oneaqita.values import ValueParseError, parse_int
from ui.editor_dialog import EditorDialog
from ui.organizations.labels import shares_text

_CODE_ROLE = int(Qt.ItemDataRole.UserRole) + 1
Holdings = dict[int, RegisterRow]  # the holdings in force, by organization id


class HoldingDialog(EditorDialog[Holdings]):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        organizations: list[OrganizationRow],
        holdings: Holdings,
        holder_id: int | None = None,
        parent: QWidget | None = None,
        as_of: date | None = None,
    ) -> None:
        """`holdings` are the holdings in force on `as_of` (today by default), by
        organization id: they fill in the numbers as they stand, for the user to change."""
        super().__init__(Entity.SHAREHOLDINGS, None, parent)
        self._db = db
        self._actor = actor
        self._holdings = holdings
        self._as_of = as_of or date.today()
        self.setWindowTitle(self.tr("持株の変更を登録"))
        self.setMinimumWidth(440)
        self.save_button.setText(self.tr("登録(&R)"))

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

        form = self.form
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
        self.body_layout.addWidget(note)
        self.add_fields(
            {
                "organization": self.holder_combo,
                "since": self.since_edit,
                "shares": self.shares_edit,
                "capital_yen": self.capital_edit,
            }
        )
        self.error_label = self.errors.label
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

    # -- the editor's parts --------------------------------------------------------------
    def save_call(self) -> Callable[[], Change] | None:
        data = self.data()
        if data is None:
            return None
        db, actor = self._db, self._actor
        return lambda: record_holding_change(db, actor, data)

    def load_call(self) -> Callable[[], Holdings]:
        db, as_of = self._db, self._as_of
        return lambda: {r.organization_id: r for r in shareholder_register(db, as_of).rows}

    def fill(self, record: Holdings) -> None:
        self._holdings = record
        self._holder_changed()

    def describe(self, record: Holdings) -> dict[str, str]:
        current = record.get(self.holder_combo.currentData())
        if current is None:
            return {"shares": self.tr("現在は株主ではありません。")}
        return {
            "since": current.since.strftime("%Y/%m/%d"),
            "shares": shares_text(current.shares),
            "capital_yen": f"{current.capital_yen:,}",
        }
