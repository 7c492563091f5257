"""The team month page (チーム月表): hours per person and day of one month at a glance, by
sending body (services/team_month.py), for the roles that may log hours for others
(Action.LOG_HOURS_FOR_OTHERS: coordinators, managers, administrators — those who chase and
fill in missing hours, the approvers among them).

- ◀ 今月 ▶ (PageUp, Home, PageDown) go back, to this month, on; the body and text filter.
- Weekends and holidays tinted, gaps highlighted, days outside the employment greyed, the
  totals per person and per day; the count of people and of gaps above.
- The name column stays in place while the days scroll sideways (frozen_column.py).
- A view: a double click opens nothing.
- Whatever changes time entries, weeks, people or secondments reloads it.
"""

import dataclasses
from datetime import date

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.schedule_queries import organization_choices
from oneaqita.services.team_month import TeamMonth, month_of, team_month
from ui.navigation import TeamMonthFocus
from ui.operations import QueryOp
from ui.page_changes import follow_changes
from ui.shortcuts import add_page_shortcuts
from ui.timesheets.body_filter_bar import BodyFilterBar
from ui.timesheets.day_labels import GAP, OFF_DAY, OUTSIDE
from ui.timesheets.frozen_column import FrozenColumnTableView
from ui.timesheets.team_month_model import BODY, FIRST_DAY, NAME, TeamMonthModel

TEAM_MONTH_ENTITIES = (
    Entity.TIME_ENTRIES,
    Entity.TIMESHEET_WEEKS,
    Entity.PEOPLE,
    Entity.SECONDMENTS,
    Entity.ORGANIZATIONS,
    Entity.DATABASE,
)


@dataclasses.dataclass(frozen=True)
class MonthFilter:
    body_id: int | None = None
    text: str = ""


def _swatch(color: str, text: str) -> str:
    return f'<span style="background:{color}">&nbsp;&nbsp;&nbsp;&nbsp;</span> {text}'


class TeamMonthPage(QWidget):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`today` fixes the day gaps are due before (tests); None follows the clock."""
        super().__init__(parent)
        self._db, self._actor, self._today = db, actor, today
        self.first = month_of(self.today())[0]
        self.filter = MonthFilter()
        self.result: TeamMonth | None = None
        self._request = 0

        self.previous_button = QPushButton("◀")
        self.previous_button.setToolTip(self.tr("前の月 (PageUp)"))
        self.this_month_button = QPushButton(self.tr("今月"))
        self.this_month_button.setToolTip(self.tr("今日を含む月 (Home)"))
        self.next_button = QPushButton("▶")
        self.next_button.setToolTip(self.tr("次の月 (PageDown)"))
        self.month_label = QLabel()
        font = self.month_label.font()
        font.setBold(True)
        self.month_label.setFont(font)
        self.month_label.setMinimumWidth(110)
        self.summary_label = QLabel()
        legend = "　".join(
            [
                _swatch(OFF_DAY.name(), self.tr("土日祝・年末年始")),
                _swatch(GAP.name(), self.tr("未入力の勤務日")),
                _swatch(OUTSIDE.name(), self.tr("雇用・出向期間外")),
            ]
        )
        self.legend = QLabel(legend)
        bar = QHBoxLayout()
        for widget in (
            self.previous_button,
            self.this_month_button,
            self.next_button,
            self.month_label,
            self.summary_label,
        ):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.legend)
        self.filter_bar = BodyFilterBar(lambda n: self.tr("{count} 人").format(count=f"{n:,}"))

        self.model = TeamMonthModel(self)
        self.table = FrozenColumnTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setHighlightSections(False)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.table, 1)

        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.this_month_button.clicked.connect(self.go_this_month)
        self.filter_bar.changed.connect(self._filter_changed)
        add_page_shortcuts(
            self,
            (
                (QKeySequence(Qt.Key.Key_PageUp), lambda: self.step(-1)),
                (QKeySequence(Qt.Key.Key_PageDown), lambda: self.step(1)),
                (QKeySequence(Qt.Key.Key_Home), self.go_this_month),
                (QKeySequence(QKeySequence.StandardKey.Find), self.filter_bar.focus_search),
            ),
        )
        follow_changes(self, self._changed)
        self.refresh()

    def title(self) -> str:
        return self.tr("チーム月表")

    def today(self) -> date:
        return self._today or date.today()

    # -- navigation ----------------------------------------------------------------------
    def step(self, months: int) -> None:
        n = self.first.year * 12 + self.first.month - 1 + months
        self.first = date(n // 12, n % 12 + 1, 1)
        self._load()

    def go_this_month(self) -> None:
        self.first = month_of(self.today())[0]
        self._load()

    def show_filtered(self, focus: TeamMonthFocus) -> None:
        """This month's hours of `focus`'s body (ui/navigation.py: the dashboard's hours)."""
        self.first = month_of(self.today())[0]
        self.filter_bar.choose_body(focus.body_id)
        self._filter_changed()

    def _filter_changed(self) -> None:
        self.filter = MonthFilter(**self.filter_bar.values())
        self._load()

    # -- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        """F5: everything the page shows is read again."""
        self._load_bodies()
        self._load()

    def _load_bodies(self) -> None:
        db = self._db
        QueryOp(self, lambda: organization_choices(db)).success(self.filter_bar.set_bodies).run()

    def _load(self) -> None:
        self._request += 1
        request, db, first, flt, today = (
            self._request,
            self._db,
            self.first,
            self.filter,
            self.today(),
        )
        self.month_label.setText(
            self.tr("{year}年{month}月").format(year=first.year, month=first.month)
        )
        self.filter_bar.show_searching()

        def shown(result: TeamMonth) -> None:
            if request == self._request:
                self._show(result)

        QueryOp(self, lambda: team_month(db, first, flt.body_id, flt.text, today)).success(
            shown
        ).run()

    def _show(self, result: TeamMonth) -> None:
        self.result = result
        self.model.set_month(result)
        self.filter_bar.show_count(len(result.members))
        gaps = sum(len(m.gaps) for m in result.members)
        self.summary_label.setText(
            self.tr("勤務日 {days} 日・未入力 {gaps} 件").format(
                days=len(result.working), gaps=f"{gaps:,}"
            )
        )
        metrics = self.table.fontMetrics()
        self.table.setColumnWidth(NAME, metrics.horizontalAdvance("佐々木 健太郎（E00000）") + 16)
        self.table.setColumnWidth(BODY, metrics.horizontalAdvance("由利本荘市") + 16)
        day_width = metrics.horizontalAdvance("10:00") + 10
        for column in range(FIRST_DAY, self.model.total_column()):
            self.table.setColumnWidth(column, day_width)
        self.table.setColumnWidth(
            self.model.total_column(), metrics.horizontalAdvance("200:00") + 16
        )
        self.table.horizontalHeader().setFixedHeight(metrics.height() * 2 + 10)

    def _changed(self, change: Change) -> None:
        if change.touches(Entity.ORGANIZATIONS, Entity.PEOPLE, Entity.SECONDMENTS):
            self._load_bodies()
        if change.touches(*TEAM_MONTH_ENTITIES):
            self._load()

    # -- state ---------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        """Nothing to keep: the page opens on this month, for every body."""

    def restore_state(self, settings: QSettings) -> None:
        """Nothing kept (see save_state)."""
