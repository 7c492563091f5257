"""Moving a work order to another status from the detail pane."""

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from oneaqita.models import WorkOrderStatus
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change
from oneaqita.services.database import Database
from oneaqita.services.work_order_queries import WorkOrderDetail
from oneaqita.services.work_orders import transition

translate = QCoreApplication.translate


def confirm_move(parent: QWidget, detail: WorkOrderDetail, to_status: WorkOrderStatus) -> bool:
    """Cancelling cannot be undone (no move leaves 中止), so it is asked first."""
    if to_status is not WorkOrderStatus.CANCELLED:
        return True
    answer = QMessageBox.question(
        parent,
        translate("transitions", "作業の中止"),
        translate(
            "transitions",
            "作業 {number}「{title}」を中止しますか？\n中止した作業は元に戻せません。",
        ).format(number=detail.row.number, title=detail.row.title),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def move_work_order(
    db: Database, actor: Actor, detail: WorkOrderDetail, to_status: WorkOrderStatus
) -> Callable[[], Change]:
    """The core call for a ChangeOp. It carries the version the user saw, so a move made
    meanwhile by someone else is refused (ConcurrentEdit) instead of silently repeated."""
    work_order_id, version = detail.row.id, detail.version
    return lambda: transition(db, actor, work_order_id, to_status, expected_version=version)
