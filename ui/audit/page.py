"""The audit log page (監査ログ), for administrators and managers (Action.READ_AUDIT_LOG):
the filters, the paged log newest first, and the selected entry's before and after beside it.

Nothing here changes anything: the log is append-only and the page offers no command that
writes. Every change writes to the log, so a change announced while the page is on screen
reloads the list; one announced while another page is shown reloads it when it shows again.
`show_record` opens one record's history: Enter or a double click on an entry shows the
history of the record it is about (another page may ask for it too).
"""

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from oneaqita.permissions import Action, allowed
from oneaqita.services.actor import Actor
from oneaqita.services.audit_queries import AuditUser, audit_entry, audit_users
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from ui.audit.entry_pane import AuditEntryPane
from ui.audit.filter_bar import AuditFilterBar
from ui.audit.table_model import AuditTableModel
from ui.list_page import ListDetailPage
from ui.operations import QueryOp, change_hub


class AuditLogPage(ListDetailPage):
    state_group = "audit_log"
    model: AuditTableModel
    filter_bar: AuditFilterBar

    @staticmethod
    def available(actor: Actor) -> bool:
        return allowed(actor, Action.READ_AUDIT_LOG)

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._stale = False
        self.entry_pane = AuditEntryPane()
        self._set_up(
            AuditTableModel(db, actor, self), AuditFilterBar(), self.entry_pane, [620, 560]
        )
        self.table.activated.connect(self._activated)  # Enter and double click
        change_hub().changed.connect(self._changed)
        self.filter_bar.show_searching()
        self._load_users()
        self.model.refresh()

    def title(self) -> str:
        return self.tr("監査ログ")

    def show_record(self, entity: Entity | str, entity_id: int | None) -> None:
        """The history of one record, newest first (the other filters cleared)."""
        self.filter_bar.set_text("")
        self.filter_bar._choose(self.filter_bar.user_combo, None)
        for edit in (self.filter_bar.from_edit, self.filter_bar.to_edit):
            edit.blockSignals(True)
            edit.setDate(edit.minimumDate())
            edit.blockSignals(False)
        self.filter_bar.set_record(str(entity), entity_id)
        self._apply_filter()

    def _activated(self, index: QModelIndex) -> None:
        entry = self.model.row_at(index.row())
        if entry is not None and entry.entity_id is not None:
            self.show_record(entry.entity, entry.entity_id)

    # -- list ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """F5: the log and its users read again."""
        self._stale = False
        self._load_users()
        self.filter_bar.show_searching()
        self.model.refresh()
        self._load_entry()

    def _changed(self, change: Change) -> None:
        if change.is_empty:
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _load_users(self) -> None:
        db, actor = self._db, self._actor
        QueryOp(self, lambda: audit_users(db, actor)).success(self._users_loaded).run()

    def _users_loaded(self, users: list[AuditUser]) -> None:
        self.filter_bar.set_users(users)

    # -- the entry -----------------------------------------------------------------------
    def _row_selected(self, _entry_id: int) -> None:
        self._load_entry()

    def _load_entry(self) -> None:
        if self.selected_id is None:
            self.entry_pane.clear()
            return
        db, actor = self._db, self._actor
        self._read_selected(lambda i: audit_entry(db, actor, i), self.entry_pane.show_entry)
