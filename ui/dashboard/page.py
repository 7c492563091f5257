"""The Dashboard page (ダッシュボード), a manager's first page: six tiles of the figures in
oneaqita/reports/dashboard_figures.py, read in the background, read again a moment after a
change to what they show lands (several changes in a row, as an import makes them, refresh
once), and each a click (or Tab and Enter) away from the filtered list behind it: the page
asks for it with a NavigationRequest (ui/navigation.py), the main window opens it."""

from datetime import date, datetime

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from oneaqita.fiscal import fiscal_year, to_wareki
from oneaqita.reports.dashboard_figures import Dashboard, dashboard
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.work_order_attention import OPEN_STATUSES
from ui.dashboard.tile import Tile
from ui.dashboard.tiles import (
    TileContent,
    contracts_content,
    hours_content,
    leaving_content,
    open_orders_content,
    overdue_content,
    urgent_content,
)
from ui.errors import show_error
from ui.labels import date_text, status_label, ui_language
from ui.navigation import NavigationRequest
from ui.operations import QueryOp
from ui.page_changes import follow_changes
from ui.staffing.labels import fiscal_year_text

# What the tiles show: a change to any of these refreshes the page.
DASHBOARD_ENTITIES = (
    Entity.WORK_ORDERS,
    Entity.CONTRACTS,
    Entity.ORGANIZATIONS,
    Entity.FINDINGS,
    Entity.ASSETS,
    Entity.SECONDMENTS,
    Entity.PEOPLE,
    Entity.TIME_ENTRIES,
    Entity.TIMESHEET_WEEKS,
    Entity.DATABASE,
)
REFRESH_DELAY_MS = 300


class DashboardPage(QWidget):
    navigate = Signal(object)  # a NavigationRequest

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
        self._request = 0
        self.figures: Dashboard | None = None
        self.loading = False

        self.heading = QLabel(self.tr("ダッシュボード"))
        self.heading.setObjectName("dashboardHeading")
        self.as_of_label = QLabel()
        self.as_of_label.setObjectName("tileCaption")
        self.refresh_button = QPushButton(self.tr("更新"))
        self.refresh_button.setToolTip(self.tr("すべての数値を読み直します (F5)"))
        self.refresh_button.setAutoDefault(False)
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addSpacing(12)
        top.addWidget(self.as_of_label)
        top.addStretch(1)
        top.addWidget(self.refresh_button)

        status_headers = [status_label(s) for s in OPEN_STATUSES]
        self.open_tile = Tile(
            self.tr("未完了の作業指示"), [self.tr("委託者"), *status_headers, self.tr("計")]
        )
        self.overdue_tile = Tile(
            self.tr("期限超過の作業"),
            [self.tr("委託者"), self.tr("件数"), self.tr("最も古い完了予定")],
        )
        self.urgent_tile = Tile(
            self.tr("緊急度Iの所見（未対応）"),
            [self.tr("施設の管理者"), self.tr("所見"), self.tr("施設")],
        )
        self.hours_tile = Tile(
            self.tr("今月の作業時間と稼働可能時間"),
            [self.tr("派遣元"), self.tr("人数"), self.tr("実績"), self.tr("稼働率")],
            bar_column=3,
        )
        self.leaving_tile = Tile(
            self.tr("90日以内に終了する出向"),
            [self.tr("職員"), self.tr("派遣元"), self.tr("終了日"), self.tr("残り")],
        )
        self.contracts_tile = Tile(
            self.tr("契約の進捗"),
            [self.tr("契約"), self.tr("進捗"), self.tr("出来高")],
            bar_column=1,
        )
        self.tiles = [
            self.open_tile,
            self.overdue_tile,
            self.urgent_tile,
            self.contracts_tile,
            self.hours_tile,
            self.leaving_tile,
        ]
        grid = QGridLayout()
        grid.setSpacing(14)
        for i, tile in enumerate(self.tiles):
            grid.addWidget(tile, i // 3, i % 3)
            tile.activated.connect(self._activated)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        grid.setRowStretch(2, 1)
        body = QWidget()
        body.setObjectName("dashboardBody")
        inner = QVBoxLayout(body)
        inner.setContentsMargins(18, 14, 18, 18)
        inner.addLayout(top)
        inner.addSpacing(6)
        inner.addLayout(grid, 1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        follow_changes(self, self._changed)
        self.refresh()

    def title(self) -> str:
        return self.tr("ダッシュボード")

    def today(self) -> date:
        return self._today or date.today()

    # -- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        """F5, and a moment after a change: every tile is read again."""
        self._timer.stop()
        self._request += 1
        request, db, actor, today = self._request, self._db, self._actor, self.today()
        self.loading = True
        self.as_of_label.setText(self.tr("読み込み中…"))

        def shown(figures: Dashboard) -> None:
            if request == self._request:
                self.loading = False
                self.show_figures(figures)

        def failed(exc: BaseException) -> None:
            if request == self._request:
                self.loading = False
                self.as_of_label.setText("")
                show_error(self, exc)

        QueryOp(self, lambda: dashboard(db, actor, today)).success(shown).failure(failed).run()

    def _changed(self, change: Change) -> None:
        if change.touches(*DASHBOARD_ENTITIES):
            self._timer.start()  # restarted by each change: a burst refreshes once

    def show_figures(self, figures: Dashboard) -> None:
        self.figures = figures
        fy = fiscal_year(figures.today)
        self.contracts_tile.title_label.setText(
            self.tr("契約の進捗（{year}）").format(year=fiscal_year_text(fy, with_year=False))
        )
        contents: list[tuple[Tile, TileContent]] = [
            (self.open_tile, open_orders_content(figures.open_orders)),
            (self.overdue_tile, overdue_content(figures.overdue)),
            (self.urgent_tile, urgent_content(figures.urgent)),
            (self.contracts_tile, contracts_content(figures.contracts)),
            (self.hours_tile, hours_content(figures.hours)),
            (self.leaving_tile, leaving_content(figures.leaving)),
        ]
        for tile, c in contents:
            tile.show_figures(c.number, c.caption, c.rows, c.request, c.tone, c.empty_text)
        self.hours_tile.caption_label.setToolTip(
            self.tr(
                "稼働可能時間 = 出向期間内の営業日（土日・祝日・年末年始を除く）× 7時間45分。"
                "実績は差戻しを除く作業時間です。"
            )
        )
        self.as_of_label.setText(
            self.tr("{day} 現在・{time} 更新").format(
                day=to_wareki(figures.today) if ui_language() == "ja" else date_text(figures.today),
                time=f"{datetime.now():%H:%M}",
            )
        )

    def _activated(self, request: NavigationRequest) -> None:
        self.navigate.emit(request)

    # -- state (nothing kept) ------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        pass

    def restore_state(self, settings: QSettings) -> None:
        pass
