"""The Work orders page: filters, the paged list, and the selected order's detail beside it;
the work-order editor (新規作業… Ctrl+N; 編集… Enter or a double click; 複製 Ctrl+D), shown
only to the roles that may edit orders (Action.EDIT_WORK_ORDERS); 作業指示書… (Ctrl+P) previews,
prints and saves the selected order's sheet (ui/work_orders/sheet_command.py)."""

import dataclasses

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox, QWidget

from oneaqita.models import WorkOrderStatus
from oneaqita.permissions import Action, allowed
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.finding_queries import (
    FindingLine,
    OrderAsset,
    findings_of_work_order,
    order_assets,
)
from oneaqita.services.findings import remove_finding
from oneaqita.services.work_order_editing import (
    duplicate_work_order,
)
from oneaqita.services.work_order_queries import (
    WorkOrderDetail,
    WorkOrderFilter,
    client_choices,
    work_order_detail,
)
from oneaqita.services.work_types import WorkTypeRow, list_work_types
from ui.errors import show_error
from ui.list_page import ListDetailPage
from ui.operations import ChangeOp, QueryOp
from ui.page_changes import follow_changes
from ui.shortcuts import add_page_shortcuts
from ui.work_orders.detail_pane import WorkOrderDetailPane
from ui.work_orders.editor import WorkOrderDialog
from ui.work_orders.editor_launcher import WorkOrderEditorLauncher
from ui.work_orders.filter_bar import WorkOrderFilterBar
from ui.work_orders.finding_dialog import FindingDialog
from ui.work_orders.move_dialog import MoveDialog
from ui.work_orders.sheet_command import WorkOrderSheetCommand
from ui.work_orders.table_model import WorkOrderTableModel

# A change to any of these can alter what the list shows.
# Saving a person, contract or client re-indexes their work orders: reported as derived.
CLIENT_ENTITIES = (Entity.CONTRACTS, Entity.ORGANIZATIONS)
Shown = tuple[WorkOrderDetail, list[FindingLine], list[OrderAsset]]


def _read_order(db: Database, work_order_id: int) -> Shown:
    return (
        work_order_detail(db, work_order_id),
        findings_of_work_order(db, work_order_id),
        order_assets(db, work_order_id),
    )


class WorkOrdersPage(ListDetailPage):
    state_group = "workOrders"
    model: WorkOrderTableModel
    filter_bar: WorkOrderFilterBar

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.detail_pane = WorkOrderDetailPane(actor)
        self._set_up(
            WorkOrderTableModel(db, self), WorkOrderFilterBar(), self.detail_pane, [1000, 420]
        )
        self.detail_pane.move_requested.connect(self._move_requested)
        findings = self.detail_pane.findings_box
        findings.add_requested.connect(lambda: self._open_finding(None))
        findings.edit_requested.connect(self._open_finding)
        findings.remove_requested.connect(self._remove_finding)
        self.finding_editor: FindingDialog | None = None
        self.move_editor: MoveDialog | None = None
        self._order_assets: list[OrderAsset] = []
        self.work_types: list[WorkTypeRow] = []
        self.editor_launcher = WorkOrderEditorLauncher(self, db, actor, self._editor_closed)
        self._set_up_editor_commands()
        self.sheet = WorkOrderSheetCommand(self, db, actor, self._selected_number)
        self.filter_bar.sheet_button.setVisible(self.sheet.available)
        self.filter_bar.sheet_button.clicked.connect(self.sheet.open)
        self.filter_bar.sheet_button.setEnabled(False)  # until an order is shown
        follow_changes(self, self._changed)

        self.filter_bar.show_searching()
        self._load_clients()
        self._load_work_types()
        self.model.refresh()

    def title(self) -> str:
        return self.tr("作業指示")

    def show_filtered(self, flt: WorkOrderFilter) -> None:
        """Shows the orders `flt` selects (another page asked for them), keeping the sort."""
        current = self.model.filter
        self.filter_bar.set_filter(flt)
        wanted = dataclasses.replace(flt, sort=current.sort, descending=current.descending)
        if wanted != current:
            self.filter_bar.show_searching()
            self.table.start_over()
            self.model.set_filter(wanted)

    # -- list ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """F5: everything the page shows is read again."""
        self._load_clients()
        self._load_work_types()
        self.filter_bar.show_searching()
        self.model.refresh()
        self._load_detail()

    def _load_clients(self) -> None:
        db = self._db
        QueryOp(self, lambda: client_choices(db)).success(self.filter_bar.set_clients).run()

    def _load_work_types(self) -> None:
        db = self._db
        QueryOp(self, lambda: list_work_types(db, include_inactive=True)).success(
            self._work_types_loaded
        ).run()

    def _work_types_loaded(self, rows: list[WorkTypeRow]) -> None:
        self.work_types = rows
        self.filter_bar.set_work_types(rows)

    # -- detail --------------------------------------------------------------------------
    def _row_selected(self, _work_order_id: int) -> None:
        self._load_detail()

    def _load_detail(self) -> None:
        if self.selected_id is None:
            self.detail_pane.clear()
            self.filter_bar.sheet_button.setEnabled(False)
            return
        db = self._db
        self._read_selected(lambda i: _read_order(db, i), self._show_order)

    def _selected_number(self) -> str | None:
        """The number of the order the detail shows, when it is the selected one."""
        detail = self.detail_pane.detail
        if detail is None or detail.row.id != self.selected_id:
            return None
        return detail.row.number

    def _show_order(self, shown: Shown) -> None:
        detail, findings, self._order_assets = shown
        self.filter_bar.sheet_button.setEnabled(True)
        self.detail_pane.show_detail(detail)
        self.detail_pane.show_findings(findings)

    # -- findings ------------------------------------------------------------------------
    def _open_finding(self, line: FindingLine | None) -> None:
        detail = self.detail_pane.detail
        if detail is None or self.finding_editor is not None:
            return
        self.finding_editor = FindingDialog(
            self._db,
            self._actor,
            detail.row.id,
            detail.row.number,
            self._order_assets,
            self.detail_pane.findings_box.lines,
            line,
            self,
        )
        self.finding_editor.finished.connect(self._finding_closed)
        self.finding_editor.open()

    def _finding_closed(self, _result: int) -> None:
        editor, self.finding_editor = self.finding_editor, None
        if editor is None:
            return
        if editor.conflict:  # show what is stored now; no Change was announced
            self._load_detail()
        editor.deleteLater()

    def _remove_finding(self, line: FindingLine) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("所見の削除"),
            self.tr("施設 {asset} の所見「{category}」を削除しますか？").format(
                asset=line.asset_code, category=line.category
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        db, actor = self._db, self._actor

        def failed(exc: BaseException) -> None:
            show_error(self, exc)
            self._load_detail()

        ChangeOp(self, lambda: remove_finding(db, actor, line.id, line.version)).failure(
            failed
        ).run()

    def _move_requested(self, to_status: WorkOrderStatus) -> None:
        """The move's dialog (ui/work_orders/move_dialog.py) asks what the move needs."""
        detail = self.detail_pane.detail
        if detail is None or self.move_editor is not None:
            return
        self.move_editor = MoveDialog(self._db, self._actor, detail, to_status, parent=self)
        self.move_editor.finished.connect(self._move_closed)
        self.move_editor.open()

    def _move_closed(self, _result: int) -> None:
        editor, self.move_editor = self.move_editor, None
        if editor is None:
            return
        if editor.conflict:  # show where the order really stands now
            self._load_detail()
        editor.deleteLater()

    # -- the editor ----------------------------------------------------------------------
    def _set_up_editor_commands(self) -> None:
        self.may_edit = allowed(self._actor, Action.EDIT_WORK_ORDERS)
        bar = self.filter_bar
        for button in (bar.new_button, bar.edit_button, bar.duplicate_button):
            button.setVisible(self.may_edit)
        if not self.may_edit:
            return
        bar.new_button.clicked.connect(self.add_work_order)
        bar.edit_button.clicked.connect(self.edit_selected)
        bar.duplicate_button.clicked.connect(self.duplicate_selected)
        self.table.activated.connect(self._activated)  # Enter and double click
        add_page_shortcuts(
            self,
            (
                (QKeySequence(QKeySequence.StandardKey.New), self.add_work_order),
                (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_D), self.duplicate_selected),
            ),
        )

    def _activated(self, _index: QModelIndex) -> None:
        self.edit_selected()

    def add_work_order(self) -> None:
        self._open(None)

    def edit_selected(self) -> None:
        if self.selected_id is not None:
            self._open(self.selected_id)

    def _open(self, work_order_id: int | None) -> None:
        if self.may_edit:
            self.editor_launcher.open(work_order_id)

    @property
    def editor(self) -> WorkOrderDialog | None:
        """The open work-order editor, if any."""
        return self.editor_launcher.editor

    def _editor_closed(self, editor: WorkOrderDialog) -> None:
        if editor.saved_id is not None and editor.record_id is None:
            self._select_new(editor.saved_id)
        if editor.conflict and editor.last_change is None:
            self.refresh()  # show what someone else stored; no Change was announced

    def _select_new(self, work_order_id: int) -> None:
        """The list selects the new order when the reload under way shows it."""
        self.table.selected_id = work_order_id
        self._load_detail()

    def duplicate_selected(self) -> None:
        if not self.may_edit or self.selected_id is None:
            return
        db, actor, source = self._db, self._actor, self.selected_id
        ChangeOp(self, lambda: duplicate_work_order(db, actor, source)).success(
            lambda change: self._select_new_of(change)
        ).run()

    def _select_new_of(self, change: Change) -> None:
        created = change.created_id(Entity.WORK_ORDERS)
        if created is not None:
            self._select_new(created)

    def _changed(self, change: Change) -> None:
        if change.touches(*CLIENT_ENTITIES):
            self._load_clients()
        findings_only = change.touches(
            Entity.FINDINGS, Entity.FINDING_ATTACHMENTS
        ) and not change.touches(Entity.WORK_ORDERS)
        if findings_only and self.selected_id is not None:
            self._load_detail()
        if change.touches(Entity.WORK_TYPES):
            self._load_work_types()
        if change.touches(Entity.WORK_ORDERS, Entity.WORK_TYPES):  # a type's name is shown
            self.filter_bar.show_searching()
            self.model.refresh()
            if self.selected_id is not None:
                self._load_detail()
