"""The People page (人員): filters, the paged list, and the selected person's card beside it,
from which secondments are recorded, extended and ended."""

import dataclasses
from datetime import date

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from oneaqita.services.database import Actor, Change, Database
from oneaqita.services.organizations import OrganizationRow, list_organizations
from oneaqita.services.people_queries import (
    PersonCard,
    SecondmentLine,
    person_card,
    qualification_names,
)
from ui.errors import show_error
from ui.operations import QueryOp, change_hub
from ui.staffing.labels import SECONDMENT_WRITE_ROLES
from ui.staffing.people_filter_bar import PeopleFilterBar
from ui.staffing.people_model import COLUMNS, ID_ROLE, PeopleTableModel
from ui.staffing.person_card import PersonCardPane
from ui.staffing.secondment_dialog import Mode, SecondmentDialog

# A change to any of these can alter what the list or the card shows.
LIST_ENTITIES = frozenset({"people", "secondments", "organizations"})


class PeoplePage(QWidget):
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
        self._selected_id: int | None = None
        self._card_request = 0
        self.organizations: list[OrganizationRow] = []
        self.dialog: SecondmentDialog | None = None
        self._select_secondment: int | None = None  # a new one, once the card shows it

        self.model = PeopleTableModel(db, self)
        self.filter_bar = PeopleFilterBar()
        self.table = QTableView()
        self.card_pane = PersonCardPane(actor, today)
        self._setup_table()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.card_pane)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([760, 490])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)

        self.filter_bar.changed.connect(self._apply_filter)
        self.model.counted.connect(self._counted)
        self.model.page_loaded.connect(self._page_loaded)
        self.model.load_failed.connect(lambda exc: show_error(self, exc))
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.card_pane.register_requested.connect(self.open_register)
        self.card_pane.extend_requested.connect(self.open_extend)
        self.card_pane.end_requested.connect(self.open_end)
        change_hub().changed.connect(self._changed)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.filter_bar.focus_search)

        self.filter_bar.show_searching()
        self._load_choices()
        self.model.set_filter(dataclasses.replace(self.model.filter, as_of=today))

    def title(self) -> str:
        return self.tr("人員")

    def _setup_table(self) -> None:
        t = self.table
        t.setModel(self.model)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.setTextElideMode(Qt.TextElideMode.ElideRight)
        t.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = t.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(t.fontMetrics().height() + 8)
        header = t.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        # The service lists people in employee-number order only: no header sorting.
        t.setSortingEnabled(False)
        metrics, header_metrics = t.fontMetrics(), header.fontMetrics()
        for column, spec in enumerate(COLUMNS):
            fits_value = metrics.horizontalAdvance(spec.sample) + 16
            fits_header = header_metrics.horizontalAdvance(spec.header()) + 16
            t.setColumnWidth(column, max(fits_value, fits_header))

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

    def _apply_filter(self) -> None:
        bar = self.filter_bar
        flt = dataclasses.replace(
            self.model.filter,
            text=bar.text(),
            home_organization_id=bar.home_organization_id(),
            currently_seconded=bar.currently_seconded(),
            qualification=bar.qualification(),
        )
        if flt != self.model.filter:
            bar.show_searching()
            self.model.set_filter(flt)

    def _counted(self, count: int) -> None:
        self.filter_bar.show_count(count)
        if self._selected_id is None:
            return
        row = self.model.loaded_row_of(self._selected_id)
        if row is not None:
            selection = self.table.selectionModel()
            selection.blockSignals(True)  # the same person: no need to reload the card
            selection.setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            selection.blockSignals(False)
            self.table.viewport().update()

    def _page_loaded(self, _page: int) -> None:
        """The current row may have been reached before its page came."""
        current = self.table.currentIndex()
        person_id = self.model.data(current, ID_ROLE) if current.isValid() else None
        if person_id is not None and person_id != self._selected_id:
            self._current_changed(current, current)

    # -- card ----------------------------------------------------------------------------
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        person_id = self.model.data(current, ID_ROLE) if current.isValid() else None
        if person_id is None:
            return  # a row still loading; its page arrives shortly
        self._selected_id = int(person_id)
        self._load_card()

    def _load_card(self) -> None:
        if self._selected_id is None:
            self.card_pane.clear()
            return
        self._card_request += 1
        request, db, person_id = self._card_request, self._db, self._selected_id

        def shown(card: PersonCard) -> None:
            if request == self._card_request:
                self.card_pane.show_card(card)
                if self._select_secondment is not None:
                    self.card_pane.select_secondment(self._select_secondment)
                    self._select_secondment = None

        QueryOp(self, lambda: person_card(db, person_id)).success(shown).run()

    # -- secondment dialogs --------------------------------------------------------------
    def open_register(self) -> None:
        self._open(Mode.CREATE, None)

    def open_extend(self, line: SecondmentLine) -> None:
        self._open(Mode.EXTEND, line)

    def open_end(self, line: SecondmentLine) -> None:
        self._open(Mode.END, line)

    def _open(self, mode: Mode, line: SecondmentLine | None) -> None:
        card = self.card_pane.card
        if card is None or self.dialog is not None:
            return
        if self._actor.role not in SECONDMENT_WRITE_ROLES:
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
        if result == QDialog.DialogCode.Accepted and change and dialog.mode is Mode.CREATE:
            # The card is being read again (the change was announced); the new secondment
            # is selected when it arrives.
            self._select_secondment = min(change.ids, default=None)
            if self._select_secondment is not None and self.card_pane.select_secondment(
                self._select_secondment
            ):
                self._select_secondment = None
        dialog.deleteLater()

    def _changed(self, change: Change) -> None:
        if change.entities & {"organizations"}:
            self._load_choices()
        if change.entities & {"people"}:
            db = self._db
            QueryOp(self, lambda: qualification_names(db)).success(
                self.filter_bar.set_qualifications
            ).run()
        if change.entities & LIST_ENTITIES:
            self.filter_bar.show_searching()
            self.model.refresh()
            self._load_card()

    # -- state ---------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        settings.setValue("people/splitter", self.splitter.saveState())
        settings.setValue("people/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        splitter = settings.value("people/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        header = settings.value("people/header")
        if isinstance(header, QByteArray):
            self.table.horizontalHeader().restoreState(header)
