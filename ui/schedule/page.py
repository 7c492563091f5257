"""The Schedule page (予定表): a week or a month of planned work per assignee, with the load
and the overload rule of services/schedule_queries.py.

- 週/月 switch the span; ◀ 今日 ▶ (PageUp, Home or T, PageDown) go back, to today, on.
- Filters: the sending body, a contract of the period's fiscal year, the person's name.
- Dragging a bar sideways moves the order's planned dates by the days dragged, through
  services/work_order_scheduling.py off the GUI thread; a refusal is shown and the bar goes
  back; an order changed meanwhile is shown as stored now. Only the roles that may edit
  orders (Action.EDIT_WORK_ORDERS) drag, and a double click opens the work-order editor.
- Whatever changes work orders, people, secondments, contracts or bodies reloads the page.
"""

from datetime import date, timedelta

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from oneaqita.errors import ConcurrentEdit
from oneaqita.fiscal import fiscal_year
from oneaqita.permissions import Action, allowed
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.contract_queries import (
    ContractFilter,
    ContractSort,
    list_contracts,
)
from oneaqita.services.database import Database
from oneaqita.services.schedule_queries import (
    PAGE,
    Schedule,
    ScheduledOrder,
    Span,
    organization_choices,
    period_of,
    schedule,
    shifted,
)
from oneaqita.services.work_order_scheduling import reschedule_work_order
from ui.errors import show_error
from ui.operations import ChangeOp, QueryOp
from ui.page_changes import follow_changes
from ui.schedule.bars import PeriodBar, ScheduleFilterBar
from ui.schedule.view import ScheduleView
from ui.shortcuts import add_page_shortcuts
from ui.work_orders.editor import WorkOrderDialog
from ui.work_orders.editor_launcher import WorkOrderEditorLauncher

# A change to any of these can alter what the page shows.
SCHEDULE_ENTITIES = (
    Entity.WORK_ORDERS,
    Entity.PEOPLE,
    Entity.SECONDMENTS,
    Entity.CONTRACTS,
    Entity.ORGANIZATIONS,
    Entity.WORK_TYPES,
    Entity.DATABASE,
)


class SchedulePage(QWidget):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`today` fixes the day the page counts from (tests); None follows the clock."""
        super().__init__(parent)
        self._db, self._actor, self._today = db, actor, today
        self.span = Span.WEEK
        self.anchor = self.today()
        self.may_edit = allowed(actor, Action.EDIT_WORK_ORDERS)
        self.schedule: Schedule | None = None
        self.editor_launcher = WorkOrderEditorLauncher(self, db, actor, self._editor_closed)
        self._request = 0
        self._contracts_year: int | None = None

        self.period_bar = PeriodBar()
        self.filter_bar = ScheduleFilterBar()
        self.view = ScheduleView()
        self.view.may_move = self.may_edit
        self.paged_label = QLabel()
        self.paged_label.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.period_bar)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.paged_label)
        layout.addWidget(self.view, 1)

        self.period_bar.span_changed.connect(self.set_span)
        self.period_bar.step_requested.connect(self.step)
        self.period_bar.today_requested.connect(self.go_today)
        self.filter_bar.changed.connect(self._load)
        self.view.move_requested.connect(self._move_requested)
        self.view.open_requested.connect(self._open_requested)
        add_page_shortcuts(
            self,
            (
                (Qt.Key.Key_PageUp, lambda: self.step(-1)),
                (Qt.Key.Key_PageDown, lambda: self.step(1)),
                (Qt.Key.Key_Home, self.go_today),
                (Qt.Key.Key_T, self.go_today),
            ),
        )
        follow_changes(self, self._changed)
        self.refresh()

    def title(self) -> str:
        return self.tr("予定表")

    def today(self) -> date:
        return self._today or date.today()

    def period(self) -> tuple[date, date]:
        return period_of(self.span, self.anchor)

    # -- navigation ----------------------------------------------------------------------
    def set_span(self, span: Span) -> None:
        if span is not self.span:
            self.span = span
            self._load()

    def step(self, steps: int) -> None:
        self.anchor = shifted(self.span, self.anchor, steps)
        self._load()

    def go_today(self) -> None:
        self.anchor = self.today()
        self._load()

    # -- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        """F5: everything the page shows is read again."""
        db = self._db
        QueryOp(self, lambda: organization_choices(db)).success(self.filter_bar.set_bodies).run()
        self._contracts_year = None
        self._load()

    def _load_contracts(self, year: int) -> None:
        if year == self._contracts_year:
            return
        self._contracts_year = year
        db = self._db
        flt = ContractFilter(fiscal_year=year, sort=ContractSort.NUMBER, descending=False)
        QueryOp(self, lambda: list_contracts(db, flt, limit=100_000)).success(
            self.filter_bar.set_contracts
        ).run()

    def _load(self) -> None:
        self._request += 1
        request, db, today = self._request, self._db, self.today()
        start, end = self.period()
        flt = self.filter_bar.schedule_filter()
        self.period_bar.show_period(self.span, start, end)
        self._load_contracts(fiscal_year(start))
        self.filter_bar.show_searching()

        def shown(result: Schedule) -> None:
            if request == self._request:
                self._show(result, today)

        QueryOp(self, lambda: schedule(db, start, end, flt)).success(shown).run()

    def _show(self, result: Schedule, today: date) -> None:
        self.schedule = result
        self.view.set_schedule(result, today)
        self.filter_bar.show_count(result.total_people)
        paged = result.total_people > len(result.rows)
        self.paged_label.setVisible(paged)
        if paged:
            self.paged_label.setText(
                self.tr(
                    "先頭の {shown} 人を表示しています (全 {total} 人)。絞り込んでください。"
                ).format(shown=PAGE, total=f"{result.total_people:,}")
            )

    def _changed(self, change: Change) -> None:
        if change.touches(Entity.ORGANIZATIONS, Entity.PEOPLE, Entity.SECONDMENTS):
            db = self._db
            QueryOp(self, lambda: organization_choices(db)).success(
                self.filter_bar.set_bodies
            ).run()
        if change.touches(Entity.CONTRACTS):
            self._contracts_year = None
        if change.touches(*SCHEDULE_ENTITIES):
            self._load()

    # -- moving --------------------------------------------------------------------------
    def _move_requested(self, order: ScheduledOrder, days: int) -> None:
        db, actor = self._db, self._actor
        start = order.planned_start + timedelta(days=days)
        end = order.planned_end + timedelta(days=days)

        def failed(exc: BaseException) -> None:
            show_error(self, exc)
            if isinstance(exc, ConcurrentEdit):
                self._load()  # show the order as it is stored now
            else:
                self.view.snap_back()

        ChangeOp(
            self,
            lambda: reschedule_work_order(db, actor, order.id, start, end, order.version),
        ).failure(failed).run()

    # -- the editor ----------------------------------------------------------------------
    def _open_requested(self, order: ScheduledOrder) -> None:
        if self.may_edit:
            self.editor_launcher.open(order.id)

    @property
    def editor(self) -> WorkOrderDialog | None:
        """The open work-order editor, if any."""
        return self.editor_launcher.editor

    def _editor_closed(self, editor: WorkOrderDialog) -> None:
        if editor.conflict and editor.last_change is None:
            self._load()  # show what someone else stored; no Change was announced

    # -- state ---------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        settings.setValue("schedule/span", str(self.span))

    def restore_state(self, settings: QSettings) -> None:
        value = settings.value("schedule/span")
        if isinstance(value, str) and value in {s.value for s in Span}:
            self.set_span(Span(value))
