"""Opening the work-order editor from a page: what the dialog needs (the contracts, the work
types, the order) is read off the GUI thread, one dialog at a time per page, and the page is
told when it closes. The Work orders page and the schedule open it the same way."""

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from oneaqita.services.actor import Actor
from oneaqita.services.contract_queries import (
    ContractFilter,
    ContractRow,
    ContractSort,
    list_contracts,
)
from oneaqita.services.database import Database
from oneaqita.services.work_order_editing import EditableWorkOrder, work_order_to_edit
from oneaqita.services.work_types import WorkTypeRow, list_work_types
from ui.errors import show_error
from ui.operations import QueryOp
from ui.work_orders.editor import WorkOrderDialog

Opened = tuple[list[ContractRow], list[WorkTypeRow], EditableWorkOrder | None]
_EVERY_CONTRACT = ContractFilter(sort=ContractSort.NUMBER, descending=False)


def _read_for_editor(db: Database, work_order_id: int | None) -> Opened:
    contracts = list_contracts(db, _EVERY_CONTRACT, limit=100_000)
    work_types = list_work_types(db, include_inactive=True)
    order = work_order_to_edit(db, work_order_id) if work_order_id is not None else None
    return contracts, work_types, order


class WorkOrderEditorLauncher:
    """Opens the editor over `page` for a new order (None) or a stored one; `closed` gets
    the dialog once it is closed (before it is deleted), for the page to react to."""

    def __init__(
        self,
        page: QWidget,
        db: Database,
        actor: Actor,
        closed: Callable[[WorkOrderDialog], None],
    ) -> None:
        self._page, self._db, self._actor, self._closed = page, db, actor, closed
        self.editor: WorkOrderDialog | None = None
        self._opening = False

    def open(self, work_order_id: int | None) -> None:
        if self.editor is not None or self._opening:
            return
        self._opening = True
        db = self._db

        def failed(exc: BaseException) -> None:
            self._opening = False
            show_error(self._page, exc)

        QueryOp(self._page, lambda: _read_for_editor(db, work_order_id)).success(
            self._show
        ).failure(failed).run()

    def _show(self, opened: Opened) -> None:
        self._opening = False
        contracts, work_types, order = opened
        self.editor = WorkOrderDialog(
            self._db, self._actor, contracts, work_types, order, self._page
        )
        self.editor.finished.connect(self._finished)
        self.editor.open()

    def _finished(self, _result: int) -> None:
        editor, self.editor = self.editor, None
        if editor is None:
            return
        self._closed(editor)
        editor.deleteLater()
