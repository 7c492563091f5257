"""The 精算・集計 page (managers and administrators: Action.READ_SETTLEMENT): a month
(◀ month ▶, PageUp / PageDown, its fiscal year as 令和N年度), a body, and three tabs:

- 精算: the secondment settlement per sending body (ui/settlement/settlement_tab.py);
- 月次時間: the monthly hours per person, of those seconded from the body;
- 契約別: the hours per contract of the client body.

Only the tab in view is read (off the GUI thread), and only while the page is shown; another
tab is read when it is opened for a month or body it has not shown yet. Whatever changes
hours, weeks, secondments, people, bodies, work orders or contracts reads the tab in view
again (a hidden page when it is next shown). Ctrl+P previews its PDF."""

from datetime import date

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from oneaqita.fiscal import fiscal_year
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.schedule_queries import organization_choices
from oneaqita.services.work_order_queries import client_choices
from ui.operations import QueryOp, change_hub
from ui.settlement.contract_tab import ContractHoursTab
from ui.settlement.hours_tab import HoursTab
from ui.settlement.report_tab import ReportTab
from ui.settlement.settlement_tab import SettlementTab
from ui.shortcuts import add_page_shortcuts
from ui.staffing.labels import fiscal_year_text

# A change to any of these can alter what the page shows.
SETTLEMENT_ENTITIES = (
    Entity.TIME_ENTRIES,
    Entity.TIMESHEET_WEEKS,
    Entity.SECONDMENTS,
    Entity.PEOPLE,
    Entity.ORGANIZATIONS,
    Entity.WORK_ORDERS,
    Entity.CONTRACTS,
    Entity.DATABASE,
)


def step_month(month: date, steps: int) -> date:
    """The first day of the month ``steps`` months from ``month``'s."""
    index = month.year * 12 + month.month - 1 + steps
    return date(index // 12, index % 12 + 1, 1)


class SettlementPage(QWidget):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`today` fixes the month first shown (tests); None follows the clock."""
        super().__init__(parent)
        self._db, self._actor = db, actor
        self.month = (today or date.today()).replace(day=1)
        self._this_month = self.month
        self._bodies_stale = True

        self.previous_button = QPushButton("◀")
        self.previous_button.setToolTip(self.tr("前の月 (PageUp)"))
        self.next_button = QPushButton("▶")
        self.next_button.setToolTip(self.tr("次の月 (PageDown)"))
        self.this_month_button = QPushButton(self.tr("今月"))
        self.this_month_button.setToolTip(self.tr("今月に戻ります (Home)"))
        self.month_label = QLabel()
        self.month_label.setMinimumWidth(200)
        self.month_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = self.month_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.month_label.setFont(font)
        self.body_combo = QComboBox()
        self.body_combo.setMinimumContentsLength(14)
        self.body_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.body_combo.addItem(self.tr("すべての団体"), None)
        self.body_label = QLabel()

        self.settlement_tab = SettlementTab(db, actor)
        self.hours_tab = HoursTab(db, actor)
        self.contract_tab = ContractHoursTab(db, actor)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.settlement_tab, self.tr("精算"))
        self.tabs.addTab(self.hours_tab, self.tr("月次時間"))
        self.tabs.addTab(self.contract_tab, self.tr("契約別"))

        bar = QHBoxLayout()
        for button in (self.previous_button, self.next_button, self.this_month_button):
            button.setAutoDefault(False)
        for button in (self.previous_button, self.next_button):
            button.setFixedWidth(self.fontMetrics().horizontalAdvance("◀") + 32)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.month_label)
        bar.addWidget(self.next_button)
        bar.addWidget(self.this_month_button)
        bar.addSpacing(24)
        bar.addWidget(self.body_label)
        bar.addWidget(self.body_combo)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tabs, 1)

        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.this_month_button.clicked.connect(lambda: self.set_month(self._this_month))
        self.body_combo.currentIndexChanged.connect(lambda _i: self._load_current())
        self.tabs.currentChanged.connect(self._tab_changed)
        add_page_shortcuts(
            self,
            (
                (QKeySequence(Qt.Key.Key_PageUp), lambda: self.step(-1)),
                (QKeySequence(Qt.Key.Key_PageDown), lambda: self.step(1)),
                (QKeySequence(Qt.Key.Key_Home), lambda: self.set_month(self._this_month)),
                (QKeySequence(QKeySequence.StandardKey.Print), self.preview),
            ),
        )
        change_hub().changed.connect(self._changed)
        self._show_month()
        self._tab_changed(0)  # the labels; read when shown

    def title(self) -> str:
        return self.tr("精算・集計")

    # -- month and body ------------------------------------------------------------------
    def body(self) -> str | None:
        data = self.body_combo.currentData()
        return str(data) if data is not None else None

    def set_body(self, code: str | None) -> None:
        self.body_combo.setCurrentIndex(max(self.body_combo.findData(code), 0))

    def step(self, months: int) -> None:
        self.set_month(step_month(self.month, months))

    def set_month(self, month: date) -> None:
        month = month.replace(day=1)
        if month != self.month:
            self.month = month
            self._show_month()
            self._load_current()

    def _show_month(self) -> None:
        m = self.month
        self.month_label.setText(
            self.tr("{year}年{month}月（{fy}）").format(
                year=m.year, month=m.month, fy=fiscal_year_text(fiscal_year(m), with_year=False)
            )
        )
        self.next_button.setEnabled(m < step_month(self._this_month, 12))

    def _tab_changed(self, _index: int) -> None:
        tab = self.current_tab()
        if tab is self.contract_tab:
            self.body_label.setText(self.tr("発注者"))
            self.body_combo.setToolTip(self.tr("契約の発注者（団体）"))
        else:
            self.body_label.setText(self.tr("派遣元"))
            self.body_combo.setToolTip(self.tr("出向・派遣の派遣元（団体）"))
        if self.isVisible() and tab.shown_for != (self.month, self.body()):
            tab.load(self.month, self.body())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._bodies_stale:
            self._load_bodies()
        self._tab_changed(self.tabs.currentIndex())

    def _load_bodies(self) -> None:
        db = self._db
        self._bodies_stale = False

        def choices() -> list[tuple[str, str]]:
            both = {code: name for _i, code, name in organization_choices(db)}
            both.update((code, name) for _i, code, name in client_choices(db))
            return sorted(both.items())

        def shown(rows: list[tuple[str, str]]) -> None:
            combo, keep = self.body_combo, self.body()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for code, name in rows:
                combo.addItem(f"{code}　{name}", code)
            found = combo.findData(keep) if keep is not None else 0
            combo.setCurrentIndex(max(found, 0))
            combo.blockSignals(False)
            if keep is not None and found < 0:
                self._load_current()  # the body is gone: every body again

        QueryOp(self, choices).success(shown).run()

    # -- loading -------------------------------------------------------------------------
    def current_tab(self) -> ReportTab:
        tab = self.tabs.currentWidget()
        assert isinstance(tab, ReportTab)
        return tab

    def tab_list(self) -> list[ReportTab]:
        return [self.settlement_tab, self.hours_tab, self.contract_tab]

    def _load_current(self) -> None:
        if self.isVisible():
            self.current_tab().load(self.month, self.body())

    def refresh(self) -> None:
        """F5: the bodies and the tab in view are read again; the others when opened."""
        for tab in self.tab_list():
            tab.shown_for = None
        self._bodies_stale = True
        if self.isVisible():
            self._load_bodies()
            self._load_current()

    def preview(self) -> None:
        self.current_tab().open_preview()

    def _changed(self, change: Change) -> None:
        if change.touches(*SETTLEMENT_ENTITIES):
            self.refresh()

    # -- state ---------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        settings.setValue("settlement/tab", self.tabs.currentIndex())

    def restore_state(self, settings: QSettings) -> None:
        index = settings.value("settlement/tab")
        if index is not None and 0 <= int(str(index)) < self.tabs.count():
            self.tabs.setCurrentIndex(int(str(index)))
