"""The Contracts page (契約): filters, the paged list, the selected contract's card beside it,
and the contract editor (Ctrl+N new; Enter, a double click or the card's button edit), offered
only to the roles that keep contracts."""

import dataclasses

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from oneaqita.permissions import Action, allowed
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.contract_queries import (
    ContractChoices,
    ContractFilter,
    contract_card,
    contract_choices,
)
from oneaqita.services.database import Database
from oneaqita.services.organizations import OrganizationRow, list_organizations
from ui.contracts.card import ContractCardPane
from ui.contracts.contract_dialog import ContractDialog
from ui.contracts.filter_bar import ContractFilterBar
from ui.contracts.labels import edit_roles_hint
from ui.contracts.plan_dialog import PlanDialog
from ui.contracts.table_model import ContractTableModel
from ui.list_page import ListDetailPage
from ui.operations import QueryOp
from ui.page_changes import follow_changes

# A change to any of these can alter what the list shows (client names come from bodies).
LIST_ENTITIES = (Entity.CONTRACTS, Entity.ORGANIZATIONS, Entity.DATABASE)
# ... and these what the card shows (its work orders' progress and hours).
CARD_ENTITIES = (*LIST_ENTITIES, Entity.WORK_ORDERS)


class ContractsPage(ListDetailPage):
    state_group = "contracts"
    model: ContractTableModel
    filter_bar: ContractFilterBar

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.may_edit = allowed(actor, Action.EDIT_CONTRACTS)
        self.organizations: list[OrganizationRow] = []
        self.choices = ContractChoices([], [], [], [])
        self.may_plan = allowed(actor, Action.EDIT_WORK_ORDERS)
        self.dialog: ContractDialog | None = None
        self.plan_dialog: PlanDialog | None = None

        self.card_pane = ContractCardPane(self.may_edit, may_plan=self.may_plan)
        self._set_up(ContractTableModel(db, self), ContractFilterBar(), self.card_pane, [700, 560])
        self.card_pane.edit_requested.connect(self.edit_selected)
        self.card_pane.plan_requested.connect(self.plan_selected)
        self.table.activated.connect(self._activated)  # Enter and double click
        self.filter_bar.new_button.clicked.connect(self.add_contract)
        if not self.may_edit:
            self.filter_bar.new_button.setEnabled(False)
            self.filter_bar.new_button.setToolTip(edit_roles_hint())
        new = QShortcut(QKeySequence(QKeySequence.StandardKey.New), self)
        new.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new.activated.connect(self.add_contract)
        follow_changes(self, self._changed)

        self.filter_bar.show_searching()
        self._load_choices()
        self.model.refresh()

    def title(self) -> str:
        return self.tr("契約")

    def show_filtered(self, flt: ContractFilter) -> None:
        """Shows the contracts `flt` selects (another page asked for them), keeping the sort."""
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
        self._load_choices()
        self.filter_bar.show_searching()
        self.model.refresh()
        self._load_card()

    def _load_choices(self) -> None:
        db = self._db
        QueryOp(self, lambda: contract_choices(db)).success(self._choices_loaded).run()
        QueryOp(self, lambda: list_organizations(db)).success(self._organizations_loaded).run()

    def _choices_loaded(self, choices: ContractChoices) -> None:
        self.choices = choices
        self.filter_bar.set_choices(choices)

    def _organizations_loaded(self, organizations: list[OrganizationRow]) -> None:
        self.organizations = organizations

    # -- card ----------------------------------------------------------------------------
    def _row_selected(self, _contract_id: int) -> None:
        self._load_card()

    def _load_card(self) -> None:
        if self.selected_id is None:
            self.card_pane.clear()
            return
        db = self._db
        self._read_selected(lambda i: contract_card(db, i), self.card_pane.show_card)

    # -- the editor ----------------------------------------------------------------------
    def _activated(self, _index: QModelIndex) -> None:
        self.edit_selected()

    def add_contract(self) -> None:
        self._open(new=True)

    def edit_selected(self) -> None:
        self._open(new=False)

    def _open(self, new: bool) -> None:
        if not self.may_edit or self.dialog is not None:
            return  # the buttons are off; a shortcut must not get round them
        if not self.organizations:
            return  # the client bodies are still being read (a moment after opening)
        card = self.card_pane.card
        if not new and (card is None or card.row.id != self.selected_id):
            return  # the card of the selected row is not there yet
        row = None if new else card.row if card else None
        self.dialog = ContractDialog(
            self._db,
            self._actor,
            self.organizations,
            row,
            self.choices.kinds,
            self.choices.bulk_groups,
            self,
        )
        self.dialog.finished.connect(self._dialog_finished)
        self.card_pane.set_editable(False)
        self.dialog.open()  # window-modal, without a nested event loop

    def _dialog_finished(self, _result: int) -> None:
        dialog, self.dialog = self.dialog, None
        self.card_pane.set_editable(True)
        if dialog is None:
            return
        if dialog.saved_id is not None and dialog.record_id is None:
            # A new contract: the search and filters stay; the list selects it when it shows
            # it after the reload under way, and the card shows it at once.
            self.table.selected_id = dialog.saved_id
            self._load_card()
        if dialog.conflict and dialog.last_change is None:
            self.refresh()  # show what someone else stored; no Change was announced
        dialog.deleteLater()

    # -- inspection planning -------------------------------------------------------------
    def plan_selected(self) -> None:
        card = self.card_pane.card
        if not self.may_plan or self.plan_dialog is not None or self.dialog is not None:
            return
        if card is None or card.row.id != self.selected_id:
            return  # the card of the selected row is not there yet
        self.plan_dialog = PlanDialog(self._db, self._actor, card.row, self.organizations, self)
        self.plan_dialog.finished.connect(self._plan_finished)
        self.card_pane.set_editable(False)
        self.plan_dialog.open()

    def _plan_finished(self, _result: int) -> None:
        dialog, self.plan_dialog = self.plan_dialog, None
        self.card_pane.set_editable(True)
        if dialog is not None:
            dialog.deleteLater()

    def _changed(self, change: Change) -> None:
        if change.touches(*LIST_ENTITIES):
            self._load_choices()
            self.filter_bar.show_searching()
            self.model.refresh()
        if change.touches(*CARD_ENTITIES):
            self._load_card()
