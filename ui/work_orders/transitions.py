"""Moving a work order to another status: what the move dialog (ui/work_orders/
move_dialog.py) typed, turned into the core call, and the question asked before cancelling."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from oneaqita.models import WorkOrderStatus
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change
from oneaqita.services.database import Database
from oneaqita.services.work_order_queries import WorkOrderDetail
from oneaqita.services.work_orders import transition

translate = QCoreApplication.translate
S = WorkOrderStatus


@dataclass(frozen=True)
class MoveInput:
    note: str = ""
    day: date | None = None  # the actual start, the actual end or the 検収日, by the move
    reference: str | None = None  # the client's reference, when accepting


def confirm_cancel(parent: QWidget, number: str, title: str) -> bool:
    """Cancelling cannot be undone (no move leaves 中止), so it is asked first."""
    answer = QMessageBox.question(
        parent,
        translate("transitions", "作業の中止"),
        translate(
            "transitions",
            "作業 {number}「{title}」を中止しますか？\n中止した作業は元に戻せません。",
        ).format(number=number, title=title),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def move_call(
    db: Database,
    actor: Actor,
    detail: WorkOrderDetail,
    to_status: WorkOrderStatus,
    typed: MoveInput,
) -> Callable[[], Change]:
    """The core call for a ChangeOp. It carries the version the user saw, so a move made
    meanwhile by someone else is refused (ConcurrentEdit) instead of silently repeated."""
    work_order_id, version = detail.row.id, detail.version
    day, note = typed.day, typed.note or None
    accepting = to_status is S.ACCEPTED
    return lambda: transition(
        db,
        actor,
        work_order_id,
        to_status,
        version,
        note,
        actual_start=day if to_status is S.IN_PROGRESS else None,
        actual_end=day if to_status is S.COMPLETED else None,
        accepted_on=day if accepting else None,
        acceptance_ref=typed.reference if accepting else None,
    )
