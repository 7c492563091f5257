"""Adding or editing one contract: number, client body, title, kind, period, amount and bulk
group, saved through the service (services/contracts.py: save_contract).

An editor dialog (ui/editor_dialog.py): a refusal (a number already used, an end before the
start, a negative amount, …) is shown at the field to fix; a contract changed meanwhile by
someone else keeps the dialog open beside the stored values, which 「最新の内容を読み込む」
loads, with their version, for saving again. Kinds and bulk groups already used are offered
as the user types; a new one is simply typed.
"""

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QWidget

from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.contract_queries import ContractRow, get_contract
from oneaqita.services.contracts import save_contract
from oneaqita.services.database import Database
from oneaqita.services.organizations import OrganizationRow
from oneaqita.services.records import ContractData
from oneaqita.values import ValueParseError, parse_int
from ui.editor_dialog import EditorDialog
from ui.labels import date_text
from ui.staffing.dates import date_edit, from_qdate, qdate

_CODE_ROLE = int(Qt.ItemDataRole.UserRole) + 1


def _line_edit(limit: int, suggestions: list[str] | None = None) -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(limit)
    if suggestions:
        completer = QCompleter(suggestions, edit)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        edit.setCompleter(completer)
    return edit


class ContractDialog(EditorDialog[ContractRow]):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        organizations: list[OrganizationRow],
        row: ContractRow | None = None,
        kinds: list[str] | None = None,
        bulk_groups: list[str] | None = None,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(Entity.CONTRACTS, row.id if row else None, parent)
        self._db = db
        self._actor = actor
        self.row = row  # as stored when the dialog opened (or reloaded): its version
        self.setWindowTitle(self.tr("契約の編集") if row else self.tr("契約の登録"))
        self.setMinimumWidth(520)

        self.number_edit = _line_edit(40)
        self.client_combo = QComboBox()
        for org in organizations:
            self.client_combo.addItem(f"{org.code}  {org.name_ja}", org.id)
            self.client_combo.setItemData(self.client_combo.count() - 1, org.code, _CODE_ROLE)
        self.title_edit = _line_edit(200)
        self.kind_edit = _line_edit(100, kinds)
        start = today or date.today()
        self.start_edit = date_edit(start)
        self.end_edit = date_edit(start)
        self.amount_edit = QLineEdit()
        self.amount_edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.amount_edit.setPlaceholderText("12,000,000")
        self.group_edit = _line_edit(40, bulk_groups)
        self.group_edit.setPlaceholderText(self.tr("県の一括発注のときだけ"))

        form = self.form
        form.addRow(self.tr("契約番号(&U)"), self.number_edit)
        form.addRow(self.tr("委託者(&C)"), self.client_combo)
        form.addRow(self.tr("件名(&T)"), self.title_edit)
        form.addRow(self.tr("業務種別(&K)"), self.kind_edit)
        form.addRow(self.tr("契約開始日(&B)"), self.start_edit)
        form.addRow(self.tr("契約終了日(&D)"), self.end_edit)
        form.addRow(self.tr("契約金額（円）(&A)"), self.amount_edit)
        form.addRow(self.tr("一括発注グループ(&G)"), self.group_edit)
        self.add_fields(
            {
                "number": self.number_edit,
                "client": self.client_combo,
                "title": self.title_edit,
                "kind": self.kind_edit,
                "start": self.start_edit,
                "end": self.end_edit,
                "amount_yen": self.amount_edit,
                "bulk_group": self.group_edit,
            }
        )
        if row is not None:
            self.fill(row)
        self.number_edit.setFocus()

    def _amount(self) -> int | None:
        try:
            value = parse_int(self.amount_edit.text())
        except ValueParseError as exc:
            self.errors.show(f"契約金額: {exc.ja}", f"The contract amount: {exc.en}", "amount_yen")
            return None
        if value is None:
            self.errors.show(
                "契約金額を入力してください。", "Enter the contract amount.", "amount_yen"
            )
        return value

    def data(self, amount_yen: int = 0) -> ContractData:
        return ContractData(
            number=self.number_edit.text(),
            client=str(self.client_combo.currentData(_CODE_ROLE) or ""),
            title=self.title_edit.text(),
            start=from_qdate(self.start_edit.date()),
            end=from_qdate(self.end_edit.date()),
            amount_yen=amount_yen,
            kind=self.kind_edit.text() or None,
            bulk_group=self.group_edit.text() or None,
        )

    # -- the editor's parts --------------------------------------------------------------
    def save_call(self) -> Callable[[], Change] | None:
        amount = self._amount()
        if amount is None:
            return None
        db, actor, data = self._db, self._actor, self.data(amount)
        version = self.row.version if self.row else None
        row_id = self.record_id
        return lambda: save_contract(db, actor, data, version, row_id)

    def load_call(self) -> Callable[[], ContractRow] | None:
        db, row_id = self._db, self.record_id
        return None if row_id is None else lambda: get_contract(db, row_id)

    def take_version(self, record: ContractRow) -> None:
        self.row = record

    def fill(self, record: ContractRow) -> None:
        self.row = record
        self.number_edit.setText(record.number)
        self.client_combo.setCurrentIndex(max(self.client_combo.findData(record.client_id), 0))
        self.title_edit.setText(record.title)
        self.kind_edit.setText(record.kind or "")
        self.start_edit.setDate(qdate(record.start))
        self.end_edit.setDate(qdate(record.end))
        self.amount_edit.setText(f"{record.amount_yen:,}")
        self.group_edit.setText(record.bulk_group or "")

    def describe(self, record: ContractRow) -> dict[str, str]:
        texts = _texts(record.data())
        texts["client"] = f"{record.client_code}  {record.client_name}"
        return texts

    def typed(self) -> dict[str, str]:
        texts = _texts(self.data())
        texts["client"] = self.client_combo.currentText()
        try:
            amount = parse_int(self.amount_edit.text())
        except ValueParseError:
            amount = None
        texts["amount_yen"] = f"{amount:,}" if amount is not None else self.amount_edit.text()
        return texts


def _texts(data: ContractData) -> dict[str, str]:
    return {
        "number": data.number,
        "client": data.client,
        "title": data.title,
        "kind": data.kind or "",
        "start": date_text(data.start),
        "end": date_text(data.end),
        "amount_yen": f"{data.amount_yen:,}",
        "bulk_group": data.bulk_group or "",
    }
