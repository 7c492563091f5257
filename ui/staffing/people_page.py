"""The People page (人員): filters, the paged list, and the selected person's card beside it,
from which secondments are recorded, extended and ended."""

import dataclasses
from datetime import date

from PySide6.QtWidgets import QDialog, QWidget

from oneaqita.permissions import Action, allowed
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.organizations import OrganizationRow, list_organizations
from oneaqita.services.people_queries import (
    PersonCard,
    SecondmentLine,
    person_card,
    qualification_names,
)
from ui.list_page import ListDetailPage
from ui.operations import QueryOp
from ui.page_changes import follow_changes
from ui.staffing.people_filter_bar import PeopleFilterBar
from ui.staffing.people_model import PeopleTableModel
from ui.staffing.person_card import PersonCardPane
from ui.staffing.person_dialog import PersonDialog
from ui.staffing.secondment_dialog import Mode, SecondmentDialog

# A change to any of these can alter what the list or the card shows.
LIST_ENTITIES = (Entity.PEOPLE, Entity.SECONDMENTS, Entity.ORGANIZATIONS)


class PeoplePage(ListDetailPage):
    state_group = "people"
    model: PeopleTableModel
    filter_bar: PeopleFilterBar

    def __init__(
        self,
        db: Database,
        actor: Actor,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`today` fixes what "currently seconded" means (tests); None follows the clock."""
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._today = today
        self.organizations: list[OrganizationRow] = []
        self.dialog: SecondmentDialog | None = None
        self.person_dialog: PersonDialog | None = None
        self._select_secondment: int | None = None  # a new one, once the card shows it

        self.card_pane = PersonCardPane(actor, today)
        self._set_up(PeopleTableModel(db, self), PeopleFilterBar(), self.card_pane, [760, 490])
        self.card_pane.register_requested.connect(self.open_register)
        self.card_pane.edit_requested.connect(self.open_person)
        self.card_pane.extend_requested.connect(self.open_extend)
        self.card_pane.end_requested.connect(self.open_end)
        follow_changes(self, self._changed)

        self.filter_bar.show_searching()
        self._load_choices()
        self.model.set_filter(dataclasses.replace(self.model.filter, as_of=today))

    def title(self) -> str:
        return self.tr("人員")

    # -- list ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """F5: everything the page shows is read again."""
        self._load_choices()
        self.filter_bar.show_searching()
        self.model.refresh()
        self._load_card()

    def _load_choices(self) -> None:
        db = self._db
        QueryOp(self, lambda: list_organizations(db)).success(self._organizations_loaded).run()
        QueryOp(self, lambda: qualification_names(db)).success(
            self.filter_bar.set_qualifications
        ).run()

    def _organizations_loaded(self, organizations: list[OrganizationRow]) -> None:
        self.organizations = organizations
        self.filter_bar.set_organizations(organizations)

    # -- card ----------------------------------------------------------------------------
    def _row_selected(self, _person_id: int) -> None:
        self._load_card()

    def _load_card(self) -> None:
        if self.selected_id is None:
            self.card_pane.clear()
            return
        db = self._db
        self._read_selected(lambda i: person_card(db, i), self._show_card)

    def _show_card(self, card: PersonCard) -> None:
        self.card_pane.show_card(card)
        if self._select_secondment is not None:
            self.card_pane.select_secondment(self._select_secondment)
            self._select_secondment = None

    # -- the person's dialog -------------------------------------------------------------
    def open_person(self) -> None:
        card = self.card_pane.card
        if card is None or self.person_dialog is not None or self.dialog is not None:
            return
        if not allowed(self._actor, Action.EDIT_PEOPLE):
            return  # the button is disabled; a shortcut must not get round it
        dialog = PersonDialog(self._db, self._actor, card, self.organizations, self)
        self.person_dialog = dialog
        dialog.finished.connect(self._person_dialog_finished)
        self.card_pane.set_busy(True)
        dialog.open()

    def _person_dialog_finished(self, result: int) -> None:
        dialog, self.person_dialog = self.person_dialog, None
        self.card_pane.set_busy(False)
        if dialog is None:
            return
        if dialog.conflict and result != QDialog.DialogCode.Accepted:
            self._load_card()  # show what someone else stored; no Change was announced
        dialog.deleteLater()

    # -- secondment dialogs --------------------------------------------------------------
    def open_register(self) -> None:
        self._open(Mode.CREATE, None)

    def open_extend(self, line: SecondmentLine) -> None:
        self._open(Mode.EXTEND, line)

    def open_end(self, line: SecondmentLine) -> None:
        self._open(Mode.END, line)

    def _open(self, mode: Mode, line: SecondmentLine | None) -> None:
        card = self.card_pane.card
        if card is None or self.dialog is not None or self.person_dialog is not None:
            return
        if not allowed(self._actor, Action.EDIT_SECONDMENTS):
            return  # the buttons are disabled; a shortcut must not get round them
        self.dialog = SecondmentDialog(
            self._db, self._actor, card, mode, line, self.organizations, self._today, self
        )
        self.dialog.finished.connect(self._dialog_finished)
        self.card_pane.set_busy(True)
        self.dialog.open()  # window-modal, without a nested event loop

    def _dialog_finished(self, result: int) -> None:
        dialog, self.dialog = self.dialog, None
        self.card_pane.set_busy(False)
        if dialog is None:
            return
        change = dialog.last_change
        if dialog.conflict and result != QDialog.DialogCode.Accepted:
            self._load_card()  # show what someone else stored; no Change was announced
        if result == QDialog.DialogCode.Accepted and change and dialog.mode is Mode.CREATE:
            # The card is being read again (the change was announced); the new secondment
            # is selected when it arrives.
            self._select_secondment = change.created_id(Entity.SECONDMENTS)
            if self._select_secondment is not None and self.card_pane.select_secondment(
                self._select_secondment
            ):
                self._select_secondment = None
        dialog.deleteLater()

    def _changed(self, change: Change) -> None:
        if change.touches(Entity.ORGANIZATIONS):
            self._load_choices()
        if change.touches(Entity.PEOPLE):
            db = self._db
            QueryOp(self, lambda: qualification_names(db)).success(
                self.filter_bar.set_qualifications
            ).run()
        if change.touches(*LIST_ENTITIES):
            self.filter_bar.show_searching()
            self.model.refresh()
            self._load_card()
