"""The approval page (承認), for the roles that approve hours (Action.APPROVE_HOURS): two tabs,
承認待ち (the submitted weeks, ui/timesheets/queue_tab.py) and 未提出 (the weeks not yet
submitted, ui/timesheets/unsubmitted_tab.py).

Whatever changes time entries, weeks, people or secondments reloads both; a change of the
bodies refills the body filters.
"""

from datetime import date

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.schedule_queries import organization_choices
from ui.operations import QueryOp
from ui.page_changes import follow_changes
from ui.timesheets.queue_tab import QueueTab
from ui.timesheets.unsubmitted_tab import UnsubmittedTab

# A change to any of these can alter what the page shows.
APPROVAL_ENTITIES = (
    Entity.TIME_ENTRIES,
    Entity.TIMESHEET_WEEKS,
    Entity.PEOPLE,
    Entity.SECONDMENTS,
    Entity.ORGANIZATIONS,
    Entity.DATABASE,
)


class ApprovalPage(QWidget):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`today` fixes the day the weeks not submitted count back from (tests)."""
        super().__init__(parent)
        self._db = db
        self.queue = QueueTab(db, actor, today)
        self.unsubmitted = UnsubmittedTab(db, today)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.queue, self.tr("承認待ち"))
        self.tabs.addTab(self.unsubmitted, self.tr("未提出"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        follow_changes(self, self._changed)
        self.refresh()

    def title(self) -> str:
        return self.tr("承認")

    def refresh(self) -> None:
        """F5: everything the page shows is read again."""
        self._load_bodies()
        self.queue.load()
        self.unsubmitted.load()

    def _load_bodies(self) -> None:
        db = self._db

        def shown(choices: list[tuple[int, str, str]]) -> None:
            self.queue.filter_bar.set_bodies(choices)
            self.unsubmitted.filter_bar.set_bodies(choices)

        QueryOp(self, lambda: organization_choices(db)).success(shown).run()

    def _changed(self, change: Change) -> None:
        if change.touches(Entity.ORGANIZATIONS, Entity.PEOPLE, Entity.SECONDMENTS):
            self._load_bodies()
        if change.touches(*APPROVAL_ENTITIES):
            self.queue.load()
            self.unsubmitted.load()

    # -- state ---------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        settings.setValue("approval/tab", self.tabs.currentIndex())
        self.queue.save_state(settings, "approval")

    def restore_state(self, settings: QSettings) -> None:
        tab = settings.value("approval/tab")
        if tab is not None and str(tab).isdigit():
            self.tabs.setCurrentIndex(int(str(tab)))
        self.queue.restore_state(settings, "approval")
