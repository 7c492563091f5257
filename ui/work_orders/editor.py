"""Creating or editing one work order: number, contract, type, title, priority, description,
planned dates, assets and assignees, saved through services/work_order_editing.py.

An editor dialog (ui/editor_dialog.py): the service's refusals (an empty title, an end before
the start, unknown asset codes, someone not seconded for the period, a number already used…)
are shown at the field to fix; an order changed meanwhile keeps the dialog open beside the
stored values, which 「最新の内容を読み込む」 loads, with its version, for saving again.

- The number may stay empty: the service numbers a new order (WO-YYYY-NNNNNN), and an edit
  keeps the order's number.
- The types offered are the catalogue's active ones, plus the edited order's own if it is no
  longer in use; names in the UI's language.
- A planned date is optional (its check box); the assignees are read again for the planned
  period whenever it changes (ui/work_orders/assignee_list.py).
- The コスト縮減額 (yen) is open only for the types that record one (設計照査, 積算, 工事監督:
  services/cost_reduction.py); for any other type it is greyed and saved as none. Text that
  is not whole yen is shown at the field before anything is sent; the service's bounds
  (negative, too large) come back at it too.
- Assets: the picker (ui/work_orders/asset_picker.py): a list with its count, added by code,
  search or filter, thousands at once; the service refuses unknown codes and a type that
  needs assets without any. In the conflict banner they read as a count and the first codes.
"""

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from oneaqita.services.actor import Actor
from oneaqita.services.assignee_eligibility import planned_period
from oneaqita.services.changes import Change, Entity
from oneaqita.services.contract_queries import ContractRow
from oneaqita.services.cost_reduction import COST_REDUCTION_TYPES, FIELD
from oneaqita.services.database import Database
from oneaqita.services.work_order_editing import (
    EditableWorkOrder,
    WorkOrderData,
    create_work_order,
    edit_work_order,
    work_order_to_edit,
)
from oneaqita.services.work_types import WorkTypeRow
from oneaqita.values import ValueParseError, parse_int
from ui.editor_dialog import EditorDialog
from ui.labels import date_text, priority_label, work_type_name
from ui.staffing.dates import date_edit, from_qdate, qdate
from ui.work_orders.asset_picker import AssetPicker
from ui.work_orders.assignee_list import AssigneeList

_SHOWN_CODES = 5


class _OptionalDate(QWidget):
    """A date with a check box: unticked, no date."""

    def __init__(self, text: str, today: date) -> None:
        super().__init__()
        self.check = QCheckBox(text)
        self.edit: QDateEdit = date_edit(today)
        self.edit.setEnabled(False)
        self.check.toggled.connect(self.edit.setEnabled)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)

    def value(self) -> date | None:
        return from_qdate(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, value: date | None) -> None:
        if value is not None:
            self.edit.setDate(qdate(value))
        self.check.setChecked(value is not None)


class WorkOrderDialog(EditorDialog[EditableWorkOrder]):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        contracts: list[ContractRow],
        work_types: list[WorkTypeRow],
        order: EditableWorkOrder | None = None,
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(Entity.WORK_ORDERS, order.id if order else None, parent)
        self._db, self._actor = db, actor
        self._today = today or date.today()
        self.order = order  # as stored when the dialog opened (or reloaded): its version
        self.setWindowTitle(self.tr("作業指示の編集") if order else self.tr("作業指示の登録"))
        self.setMinimumWidth(560)

        self.number_edit = QLineEdit()
        self.number_edit.setMaxLength(40)
        self.number_edit.setPlaceholderText(
            self.tr("空欄なら保存時に自動で採番 (WO-年度-連番)")
            if order is None
            else self.tr("空欄なら今の番号のまま")
        )
        self.contract_combo = QComboBox()
        for c in contracts:
            self.contract_combo.addItem(f"{c.number}  {c.title}", c.id)
        self.type_combo = QComboBox()
        kept = order.data.type if order else None
        for wt in work_types:
            if wt.active or wt.code == kept:
                self.type_combo.addItem(work_type_name(wt.name_ja, wt.name_en), wt.code)
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(200)
        self.priority_combo = QComboBox()
        for p in (1, 2, 3):
            self.priority_combo.addItem(priority_label(p), p)
        self.priority_combo.setCurrentIndex(1)
        self.description_edit = QPlainTextEdit()
        self.description_edit.setFixedHeight(80)
        self.cost_edit = QLineEdit()
        self.cost_edit.setMaxLength(20)
        self.cost_edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.cost_edit.setPlaceholderText(self.tr("設計照査・積算・工事監督で縮減した額"))
        self.cost_edit.setToolTip(
            self.tr("提出された設計・積算に対して当社の照査で縮減した額（円）。空欄なら記録なし")
        )
        self.start_date = _OptionalDate(self.tr("予定あり"), self._today)
        self.end_date = _OptionalDate(self.tr("予定あり"), self._today)
        self.asset_picker = AssetPicker(db)
        self.assignee_list = AssigneeList(db)

        form = self.form
        form.addRow(self.tr("作業番号(&U)"), self.number_edit)
        form.addRow(self.tr("契約(&C)"), self.contract_combo)
        form.addRow(self.tr("作業種別(&K)"), self.type_combo)
        form.addRow(self.tr("件名(&T)"), self.title_edit)
        form.addRow(self.tr("優先度(&P)"), self.priority_combo)
        form.addRow(self.tr("内容(&D)"), self.description_edit)
        form.addRow(self.tr("コスト縮減額（円）(&R)"), self.cost_edit)
        form.addRow(self.tr("予定開始日(&B)"), self.start_date)
        form.addRow(self.tr("予定終了日(&E)"), self.end_date)
        form.addRow(self.tr("対象施設(&A)"), self.asset_picker)
        form.addRow(self.tr("担当者(&W)"), self.assignee_list)
        self.add_fields(
            {
                "number": self.number_edit,
                "contract": self.contract_combo,
                "type": self.type_combo,
                "title": self.title_edit,
                "priority": self.priority_combo,
                "description": self.description_edit,
                FIELD: self.cost_edit,
                "planned_start": self.start_date.edit,
                "planned_end": self.end_date.edit,
                "assets": self.asset_picker,
                "assignees": self.assignee_list,
            }
        )
        self.type_combo.currentIndexChanged.connect(self._type_changed)
        self._type_changed()
        for part in (self.start_date, self.end_date):
            part.check.toggled.connect(self._period_changed)
            part.edit.dateChanged.connect(self._period_changed)
        if order is not None:
            self.fill(order)
        else:
            self._period_changed()
        (self.title_edit if order is None else self.number_edit).setFocus()

    def _period_changed(self, *_args: object) -> None:
        first, last = planned_period(self.start_date.value(), self.end_date.value(), self._today)
        self.assignee_list.read_for(first, last)

    def _takes_cost(self) -> bool:
        return self.type_combo.currentData() in COST_REDUCTION_TYPES

    def _type_changed(self, *_args: object) -> None:
        self.cost_edit.setEnabled(self._takes_cost())

    def _cost(self) -> int | None:
        """The typed コスト縮減額 (None for none or a type without one); ValueParseError for
        text that is not whole yen."""
        return parse_int(self.cost_edit.text()) if self._takes_cost() else None

    def data(self, cost_reduction_yen: int | None = None) -> WorkOrderData:
        contract = self.contract_combo.currentData()
        return WorkOrderData(
            contract=int(contract) if contract is not None else "",
            type=str(self.type_combo.currentData() or ""),
            title=self.title_edit.text(),
            priority=int(self.priority_combo.currentData()),
            description=self.description_edit.toPlainText() or None,
            planned_start=self.start_date.value(),
            planned_end=self.end_date.value(),
            asset_codes=tuple(self.asset_picker.codes()),
            assignees=tuple(self.assignee_list.checked()),
            number=self.number_edit.text().strip() or None,
            cost_reduction_yen=cost_reduction_yen,
        )

    # -- the editor's parts --------------------------------------------------------------
    def save_call(self) -> Callable[[], Change] | None:
        try:
            cost = self._cost()
        except ValueParseError as exc:
            self.errors.show(f"コスト縮減額: {exc.ja}", f"The cost reduction: {exc.en}", FIELD)
            return None
        db, actor, data, today = self._db, self._actor, self.data(cost), self._today
        order = self.order
        if order is None:
            return lambda: create_work_order(db, actor, data, today)
        return lambda: edit_work_order(db, actor, order.id, data, order.version, today)

    def load_call(self) -> Callable[[], EditableWorkOrder] | None:
        db, order = self._db, self.order
        return None if order is None else lambda: work_order_to_edit(db, order.id)

    def take_version(self, record: EditableWorkOrder) -> None:
        self.order = record

    def fill(self, record: EditableWorkOrder) -> None:
        self.order = record
        d = record.data
        self.number_edit.setText(d.number or "")
        self.contract_combo.setCurrentIndex(max(self.contract_combo.findData(d.contract), 0))
        self.type_combo.setCurrentIndex(max(self.type_combo.findData(d.type), 0))
        self.title_edit.setText(d.title)
        self.priority_combo.setCurrentIndex(max(self.priority_combo.findData(d.priority), 0))
        self.description_edit.setPlainText(d.description or "")
        cost = d.cost_reduction_yen
        self.cost_edit.setText("" if cost is None else f"{cost:,}")
        self.start_date.set_value(d.planned_start)
        self.end_date.set_value(d.planned_end)
        self.asset_picker.set_codes(d.asset_codes)
        self.assignee_list.set_checked(d.assignees)
        self._period_changed()

    def describe(self, record: EditableWorkOrder) -> dict[str, str]:
        return self._texts(record.data)

    def typed(self) -> dict[str, str]:
        try:
            return self._texts(self.data(self._cost()))
        except ValueParseError:  # shown as typed: the save would say what is wrong with it
            return self._texts(self.data()) | {FIELD: self.cost_edit.text()}

    def _texts(self, d: WorkOrderData) -> dict[str, str]:
        contract = self.contract_combo.itemText(self.contract_combo.findData(d.contract))
        kind = self.type_combo.itemText(self.type_combo.findData(d.type))
        return {
            "number": d.number or "",
            "contract": contract or str(d.contract),
            "type": kind or d.type,
            "title": d.title,
            "priority": priority_label(d.priority),
            "description": d.description or "",
            FIELD: "" if d.cost_reduction_yen is None else f"{d.cost_reduction_yen:,}",
            "planned_start": date_text(d.planned_start),
            "planned_end": date_text(d.planned_end),
            "assets": self._assets_text(d.asset_codes),
            "assignees": "、".join(sorted(d.assignees)),
        }

    def _assets_text(self, codes: tuple[str, ...] | list[str]) -> str:
        """A count and the first codes in code order (thousands would not fit the banner)."""
        first = sorted(codes)[:_SHOWN_CODES]
        more = "、…" if len(codes) > _SHOWN_CODES else ""
        return self.tr("{n:,} 件").format(n=len(codes)) + (
            f": {'、'.join(first)}{more}" if first else ""
        )
