"""One move of a work order, asking what that move needs (services/work_orders.py):

- 計画にする: a note;
- 着手する: the actual start (today unless changed) and a note;
- 完了にする: the actual end (today unless changed) and a note;
- 検収済にする: the client's 検収日 (today unless changed), its reference and a note — offered
  only to roles that may accept (Action.ACCEPT_WORK_ORDERS);
- 中止する: the reason (required), then a confirmation, since nothing leaves 中止.

An editor dialog (ui/editor_dialog.py): the move runs off the GUI thread, a refusal is shown
at its field (the dates, the reference, the note; an illegal move at the status line), and a
move made meanwhile by someone else keeps the dialog open beside the order as stored now.
Dates cannot be set after today in the calendar; the service checks them again.
"""

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QDateEdit, QLabel, QLineEdit, QPlainTextEdit, QWidget

from oneaqita.models import WorkOrderStatus
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.work_order_queries import WorkOrderDetail, work_order_detail
from oneaqita.services.work_orders import REF_LIMIT
from ui.editor_dialog import EditorDialog
from ui.field_errors import mark
from ui.labels import date_text, move_label, status_label
from ui.staffing.dates import date_edit, from_qdate, qdate
from ui.work_orders.transitions import MoveInput, confirm_cancel, move_call

S = WorkOrderStatus
DATE_FIELDS = {S.IN_PROGRESS: "actual_start", S.COMPLETED: "actual_end", S.ACCEPTED: "accepted_on"}


class MoveDialog(EditorDialog[WorkOrderDetail]):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        detail: WorkOrderDetail,
        to_status: WorkOrderStatus,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Entity.WORK_ORDERS, detail.row.id, parent)
        self._db, self._actor, self.to_status = db, actor, to_status
        self._today = today or date.today()
        self.detail = detail  # as shown when the dialog opened (or reloaded): its version
        self.setWindowTitle(f"{move_label(to_status).rstrip('…')} — {detail.row.number}")
        self.setMinimumWidth(460)
        self.save_button.setText(move_label(to_status).rstrip("…"))

        self.order_label = QLabel(f"{detail.row.number}  {detail.row.title}")
        self.order_label.setWordWrap(True)
        font = self.order_label.font()
        font.setBold(True)
        self.order_label.setFont(font)
        self.status_label = QLabel()
        self.form.addRow(self.tr("作業"), self.order_label)
        self.form.addRow(self.tr("状態"), self.status_label)
        fields: dict[str, QWidget] = {"status": self.status_label}

        self.date_edit: QDateEdit | None = None
        if to_status in DATE_FIELDS:
            self.date_edit = date_edit(self._today)
            self.date_edit.setMaximumDate(qdate(self._today))  # none of them lies ahead
            self.form.addRow(self._date_label(), self.date_edit)
        self.hint_label = QLabel()  # the day the date may not precede, when there is one
        self.hint_label.setEnabled(False)
        if to_status in (S.COMPLETED, S.ACCEPTED):
            self.form.addRow("", self.hint_label)
            fields[DATE_FIELDS[to_status]] = self.date_edit
        self.ref_edit: QLineEdit | None = None
        if to_status is S.ACCEPTED:
            self.ref_edit = QLineEdit()
            self.ref_edit.setMaxLength(REF_LIMIT)
            self.ref_edit.setPlaceholderText(self.tr("発注者の検収番号など（任意）"))
            self.form.addRow(self.tr("検収番号(&R)"), self.ref_edit)
            fields["acceptance_ref"] = self.ref_edit
        self.note_edit = QPlainTextEdit()
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.note_edit.setTabChangesFocus(True)
        if to_status is S.CANCELLED:
            self.note_edit.setPlaceholderText(self.tr("中止する理由を入力してください（必須）"))
            self.form.addRow(self.tr("中止の理由(&N)"), self.note_edit)
        else:
            self.note_edit.setPlaceholderText(self.tr("任意"))
            self.form.addRow(self.tr("メモ(&N)"), self.note_edit)
        fields["note"] = self.note_edit
        self.add_fields(fields)
        self.note_edit.textChanged.connect(lambda: mark(self.note_edit, False))
        self.fill(detail)
        (self.date_edit or self.note_edit).setFocus()

    def _date_label(self) -> str:
        return {
            S.IN_PROGRESS: self.tr("実績開始日(&D)"),
            S.COMPLETED: self.tr("実績終了日(&D)"),
            S.ACCEPTED: self.tr("検収日(&D)"),
        }[self.to_status]

    # -- what EditorDialog asks ----------------------------------------------------------
    def typed_input(self) -> MoveInput:
        day = from_qdate(self.date_edit.date()) if self.date_edit is not None else None
        return MoveInput(
            note=self.note_edit.toPlainText(),
            day=day,
            reference=self.ref_edit.text() if self.ref_edit is not None else None,
        )

    def save_call(self) -> Callable[[], Change] | None:
        typed = self.typed_input()
        row = self.detail.row
        # Without a reason the service refuses at the field; with one, ask first.
        asks = self.to_status is S.CANCELLED and bool(typed.note.strip())
        if asks and not confirm_cancel(self, row.number, row.title):
            return None
        return move_call(self._db, self._actor, self.detail, self.to_status, typed)

    def load_call(self) -> Callable[[], WorkOrderDetail] | None:
        db, work_order_id = self._db, self.detail.row.id
        return lambda: work_order_detail(db, work_order_id)

    def take_version(self, record: WorkOrderDetail) -> None:
        self.fill(record)  # what was typed stays

    def fill(self, record: WorkOrderDetail) -> None:
        """Takes the order as stored (its status and version); what was typed stays."""
        self.detail = record
        self.status_label.setText(
            f"{status_label(record.row.status)} → {status_label(self.to_status)}"
        )
        if self.to_status is S.COMPLETED and record.actual_start:
            self.hint_label.setText(
                self.tr("実績開始日 {day} 以降").format(day=date_text(record.actual_start))
            )
        if self.to_status is S.ACCEPTED and record.actual_end:
            self.hint_label.setText(
                self.tr("実績終了日 {day} 以降").format(day=date_text(record.actual_end))
            )

    def describe(self, record: WorkOrderDetail) -> dict[str, str]:
        """The order's status as stored, and the stored value of this move's date."""
        stored = {"status": status_label(record.row.status)}
        if self.to_status in DATE_FIELDS:
            field = DATE_FIELDS[self.to_status]
            stored[field] = date_text(getattr(record, field))
        return stored

    def typed(self) -> dict[str, str]:
        typed = {"status": status_label(self.detail.row.status)}
        if self.date_edit is not None:
            typed[DATE_FIELDS[self.to_status]] = date_text(from_qdate(self.date_edit.date()))
        return typed
