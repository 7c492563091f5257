"""The Staffing overview page (出向状況): the timeline of secondments by sending body (all, or
one chosen), the people leaving within 90 days, and headcount and FTE by body on any date."""

from datetime import date

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from oneaqita.fiscal import fiscal_year, fiscal_year_range
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.staffing import (
    Headcount,
    LeavingRow,
    TimelineGroup,
    headcount_by_body,
    leaving_within,
    secondment_timeline,
    sending_bodies,
)
from ui.navigation import StaffingFocus
from ui.operations import QueryOp
from ui.page_changes import follow_changes
from ui.staffing.dates import date_edit, from_qdate, qdate
from ui.staffing.labels import fiscal_year_text
from ui.staffing.overview_tables import LEAVING_DAYS, HeadcountTable, KindLegend, LeavingList
from ui.staffing.timeline_view import TimelineView

# A change to any of these can alter what the page shows.
STAFFING_ENTITIES = (Entity.SECONDMENTS, Entity.PEOPLE, Entity.ORGANIZATIONS)


def default_period(today: date) -> tuple[date, date]:
    """The fiscal year of today, with one fiscal year before and one after."""
    fy = fiscal_year(today)
    return fiscal_year_range(fy - 1)[0], fiscal_year_range(fy + 1)[1]


class StaffingOverviewPage(QWidget):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`today` fixes the day the page counts from (tests); None follows the clock."""
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._today = today
        self._requests = {"timeline": 0, "leaving": 0, "headcount": 0}

        start, end = default_period(self.today())
        self.from_edit = date_edit(start)
        self.to_edit = date_edit(end)
        self.from_edit.setToolTip(self.tr("表示期間の初日"))
        self.to_edit.setToolTip(self.tr("表示期間の最終日"))
        self.reset_button = QPushButton(self.tr("今年度±1年"))
        self.reset_button.setToolTip(
            self.tr("{label}とその前後の年度を表示します").format(
                label=fiscal_year_text(fiscal_year(self.today()), with_year=False)
            )
        )
        self.body_combo = QComboBox()
        self.body_combo.addItem(self.tr("すべての派遣元"), None)
        self.body_combo.setMinimumContentsLength(10)
        self.body_combo.setToolTip(self.tr("この派遣元からの出向だけを表示します"))
        self._wanted_body: int | None = None  # chosen before the bodies were read
        self.legend = KindLegend()
        self.timeline = TimelineView()
        self.leaving = LeavingList()
        self.headcount = HeadcountTable(self.today())

        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("表示期間")))
        controls.addWidget(self.from_edit)
        controls.addWidget(QLabel("〜"))
        controls.addWidget(self.to_edit)
        controls.addWidget(self.reset_button)
        controls.addSpacing(12)
        controls.addWidget(QLabel(self.tr("派遣元")))
        controls.addWidget(self.body_combo)
        controls.addStretch(1)
        controls.addWidget(self.legend)

        self.bottom = QSplitter(Qt.Orientation.Horizontal)
        self.bottom.addWidget(self.leaving)
        self.bottom.addWidget(self.headcount)
        self.bottom.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.timeline)
        self.splitter.addWidget(self.bottom)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([520, 280])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(self.splitter, 1)

        self.from_edit.dateChanged.connect(lambda _d: self._period_changed(self.from_edit))
        self.to_edit.dateChanged.connect(lambda _d: self._period_changed(self.to_edit))
        self.reset_button.clicked.connect(self.reset_period)
        self.body_combo.currentIndexChanged.connect(lambda _i: self._body_changed())
        self.headcount.date_changed.connect(lambda _d: self._load_headcount())
        follow_changes(self, self._changed)
        self.refresh()

    def title(self) -> str:
        return self.tr("出向状況")

    def today(self) -> date:
        return self._today or date.today()

    def body_id(self) -> int | None:
        data = self.body_combo.currentData()
        return int(data) if data is not None else self._wanted_body

    def show_filtered(self, focus: StaffingFocus) -> None:
        """Shows the secondments from `focus`'s body (None: from every body)."""
        found = 0 if focus.body_id is None else self.body_combo.findData(focus.body_id)
        self._wanted_body = focus.body_id if found < 0 else None
        self.body_combo.blockSignals(True)
        self.body_combo.setCurrentIndex(max(found, 0))
        self.body_combo.blockSignals(False)
        self._body_changed()

    def _body_changed(self) -> None:
        if self.body_combo.currentData() is not None:
            self._wanted_body = None
        self._load_timeline()
        self._load_leaving()

    def period(self) -> tuple[date, date]:
        return from_qdate(self.from_edit.date()), from_qdate(self.to_edit.date())

    def set_period(self, start: date, end: date) -> None:
        for edit, value in ((self.from_edit, start), (self.to_edit, end)):
            edit.blockSignals(True)
            edit.setDate(qdate(value))
            edit.blockSignals(False)
        self._load_timeline()

    def reset_period(self) -> None:
        self.set_period(*default_period(self.today()))

    # -- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        """F5: everything the page shows is read again."""
        self._load_bodies()
        self._load_timeline()
        self._load_leaving()
        self._load_headcount()

    def _next(self, what: str) -> int:
        self._requests[what] += 1
        return self._requests[what]

    def _period_changed(self, moved: QDateEdit) -> None:
        start, end = self.period()
        if end < start:  # the other end follows, so that the period is never empty
            if moved is self.from_edit:
                other, value = self.to_edit, start
            else:
                other, value = self.from_edit, end
            other.blockSignals(True)
            other.setDate(qdate(value))
            other.blockSignals(False)
        self._load_timeline()

    def _load_bodies(self) -> None:
        db = self._db
        QueryOp(self, lambda: sending_bodies(db)).success(self._bodies_loaded).run()

    def _bodies_loaded(self, bodies: list[tuple[int, str, str]]) -> None:
        keep = self.body_id()
        self.body_combo.blockSignals(True)
        while self.body_combo.count() > 1:
            self.body_combo.removeItem(1)
        for body_id, code, name in bodies:
            self.body_combo.addItem(name, body_id)
            self.body_combo.setItemData(
                self.body_combo.count() - 1, code, Qt.ItemDataRole.ToolTipRole
            )
        found = self.body_combo.findData(keep) if keep is not None else 0
        self.body_combo.setCurrentIndex(max(found, 0))
        self.body_combo.blockSignals(False)
        self._wanted_body = None
        if keep is not None and found < 0:
            self._body_changed()  # the body is gone: every body again

    def _load_timeline(self) -> None:
        request, db, today = self._next("timeline"), self._db, self.today()
        start, end = self.period()
        body = self.body_id()

        def shown(groups: list[TimelineGroup]) -> None:
            if request == self._requests["timeline"]:
                self.timeline.set_timeline(groups, start, end, today)

        QueryOp(self, lambda: secondment_timeline(db, start, end, body)).success(shown).run()

    def _load_leaving(self) -> None:
        request, db, today = self._next("leaving"), self._db, self.today()
        body = self.body_id()

        def shown(rows: list[LeavingRow]) -> None:
            if request == self._requests["leaving"]:
                self.leaving.show_rows(rows)

        QueryOp(self, lambda: leaving_within(db, today, LEAVING_DAYS, body)).success(shown).run()

    def _load_headcount(self) -> None:
        request, db, on = self._next("headcount"), self._db, self.headcount.on()

        def shown(headcount: Headcount) -> None:
            if request == self._requests["headcount"]:
                self.headcount.show_headcount(headcount)

        QueryOp(self, lambda: headcount_by_body(db, on)).success(shown).run()

    def _changed(self, change: Change) -> None:
        if change.touches(*STAFFING_ENTITIES):
            self.refresh()

    # -- state ---------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        settings.setValue("staffingOverview/splitter", self.splitter.saveState())
        settings.setValue("staffingOverview/bottom", self.bottom.saveState())

    def restore_state(self, settings: QSettings) -> None:
        for key, splitter in (("splitter", self.splitter), ("bottom", self.bottom)):
            state = settings.value(f"staffingOverview/{key}")
            if isinstance(state, QByteArray):
                splitter.restoreState(state)
