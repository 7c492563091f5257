"""The main window: navigation on the left, the chosen page on the right, menus, status bar."""

from importlib.metadata import PackageNotFoundError, version

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from oneaqita.models import Role
from oneaqita.permissions import Action, allowed
from oneaqita.services.actor import Actor
from oneaqita.services.contract_queries import ContractFilter
from oneaqita.services.database import Database
from oneaqita.services.work_order_queries import WorkOrderFilter
from ui.assets.page import AssetsPage
from ui.audit.page import AuditLogPage
from ui.contracts.page import ContractsPage
from ui.dashboard.page import DashboardPage
from ui.database_backup import DatabaseBackup
from ui.database_settings_dialog import add_database_settings
from ui.kpi_targets_dialog import open_kpi_targets
from ui.labels import role_label
from ui.live_changes import LiveChanges
from ui.navigation import NavigationRequest, PageKey, StaffingFocus, TeamMonthFocus
from ui.organizations.organizations_page import OrganizationsPage
from ui.organizations.shareholders_page import ShareholdersPage
from ui.outlook.page import OutlookPage
from ui.reports.page import ReportsPage
from ui.schedule.page import SchedulePage
from ui.settlement.page import SettlementPage
from ui.staffing.overview_page import StaffingOverviewPage
from ui.staffing.people_page import PeoplePage
from ui.timesheets.approval_page import ApprovalPage
from ui.timesheets.team_month_page import TeamMonthPage
from ui.timesheets.week_page import WeekPage
from ui.transfer.export_dialog import open_export_dialog
from ui.transfer.import_dialog import open_import_dialog
from ui.users.users_page import UsersPage
from ui.work_orders.page import WorkOrdersPage
from ui.work_types.catalogue_dialog import open_work_type_catalogue

Page = (
    DashboardPage
    | WorkOrdersPage
    | PeoplePage
    | StaffingOverviewPage
    | OrganizationsPage
    | ShareholdersPage
    | ContractsPage
    | SchedulePage
    | SettlementPage
    | WeekPage
    | ApprovalPage
    | TeamMonthPage
    | ReportsPage
    | OutlookPage
    | AssetsPage
    | UsersPage
    | AuditLogPage
)


class MainWindow(QMainWindow):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        # Deleted when closed, so that no page of a closed window reacts to later changes.
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("oneaqita — 株式会社ONE・AQITA"))
        self.setMinimumSize(QSize(900, 560))

        # Only areas that exist are listed: there are no empty pages.
        self.work_orders = WorkOrdersPage(db, actor)
        self.people = PeoplePage(db, actor)
        self.staffing = StaffingOverviewPage(db, actor)
        self.organizations = OrganizationsPage(db, actor)
        self.shareholders = ShareholdersPage(db, actor)
        self.contracts = ContractsPage(db, actor)
        self.schedule = SchedulePage(db, actor)
        self.outlook = OutlookPage(db, actor)
        self.assets = AssetsPage(db, actor)
        self.pages: list[Page] = [
            self.work_orders,
            self.people,
            self.staffing,
            self.organizations,
            self.shareholders,
            self.contracts,
            self.schedule,
            self.assets,
            self.outlook,
        ]
        if allowed(actor, Action.READ_SETTLEMENT):  # money owed to the bodies: managers
            self.pages.append(SettlementPage(db, actor))
        # My week: for users with a person or who log hours for others; a seconded user's first.
        self.week = WeekPage(db, actor) if WeekPage.available(actor) else None
        if self.week is not None:
            self.pages.insert(0 if actor.role is Role.SECONDED else len(self.pages), self.week)
        # The timesheet pages for the roles that decide weeks, or log hours for others.
        if allowed(actor, Action.APPROVE_HOURS):
            self.pages.append(ApprovalPage(db, actor))
        self.team_month: TeamMonthPage | None = None
        if allowed(actor, Action.LOG_HOURS_FOR_OTHERS):
            self.team_month = TeamMonthPage(db, actor)
            self.pages.append(self.team_month)
        if allowed(actor, Action.READ_REPORTS):  # the company's reports to its shareholders
            self.pages.append(ReportsPage(db, actor))
        if allowed(actor, Action.MANAGE_USERS):  # the users page: administrators only
            self.pages.append(UsersPage(db, actor))
        if AuditLogPage.available(actor):  # who changed what: Action.READ_AUDIT_LOG
            self.pages.append(AuditLogPage(db, actor))
        # Managers and administrators start on the dashboard.
        self.dashboard: DashboardPage | None = None
        if allowed(actor, Action.READ_DASHBOARD):
            self.dashboard = DashboardPage(db, actor)
            self.dashboard.navigate.connect(self.navigate)
            self.pages.insert(0, self.dashboard)
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(150)
        self.stack = QStackedWidget()
        for page in self.pages:
            self.navigation.addItem(page.title())
            # Row height set here: padding from the style sheet is not in the item's size hint
            # on every style, and the rows then overlap.
            item = self.navigation.item(self.navigation.count() - 1)
            item.setSizeHint(QSize(0, self.fontMetrics().height() + 16))
            self.stack.addWidget(page)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.navigation.setCurrentRow(0)

        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_menus()
        self._build_status_bar()
        self._restore_state()
        # Other desktops' changes refresh the open pages as this one's do (ui/live_changes.py).
        self.live_changes = LiveChanges(db, self)
        self.live_changes.start()

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("ファイル(&F)"))
        self.import_action = QAction(self.tr("取り込み(&I)…"), self)
        self.import_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_I))
        self.import_action.triggered.connect(
            lambda: open_import_dialog(self, self._db, self._actor)
        )
        file_menu.addAction(self.import_action)
        self.export_action = QAction(self.tr("書き出し(&E)…"), self)
        self.export_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_E))
        self.export_action.triggered.connect(
            lambda: open_export_dialog(self, self._db, self._actor)
        )
        file_menu.addAction(self.export_action)
        self.database_backup = DatabaseBackup(self, self._db, self._actor)
        if self.database_backup.actions():
            file_menu.addSeparator()
            file_menu.addActions(self.database_backup.actions())
        file_menu.addSeparator()
        self.quit_action = QAction(self.tr("終了(&X)"), self)
        self.quit_action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Q))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        view_menu = self.menuBar().addMenu(self.tr("表示(&V)"))
        # Ctrl+1 … Ctrl+9 go to the pages in the order of the navigation list; Ctrl+0 to the
        # dashboard above them, so that the others keep their keys for every role. The digits
        # run out: later pages are reached from this menu and the list.
        self.page_actions: list[QAction] = []
        first = 0 if self.dashboard is None else 1
        for row, page in enumerate(self.pages):
            action = QAction(page.title(), self)
            digit = row - first + 1  # the dashboard is 0, the other pages count from 1
            if digit <= 9:
                action.setShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key(Qt.Key.Key_0 + digit)))
            action.triggered.connect(lambda _=False, r=row: self.navigation.setCurrentRow(r))
            view_menu.addAction(action)
            self.page_actions.append(action)
        view_menu.addSeparator()
        self.refresh_action = QAction(self.tr("最新の情報に更新(&R)"), self)
        self.refresh_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Refresh))
        if self.refresh_action.shortcut().isEmpty():
            self.refresh_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_action.triggered.connect(self.refresh)
        view_menu.addAction(self.refresh_action)

        # Reference data only administrators change: the menu is not there for other roles.
        self.work_types_action: QAction | None = None
        self.kpi_targets_action: QAction | None = None
        settings = [
            a for a in (Action.MANAGE_WORK_TYPES, Action.SET_KPI_TARGETS) if allowed(self._actor, a)
        ]
        settings_menu = self.menuBar().addMenu(self.tr("設定(&S)"))  # データベース… for all
        if settings_menu is not None and Action.MANAGE_WORK_TYPES in settings:
            self.work_types_action = QAction(self.tr("作業種別(&W)…"), self)
            self.work_types_action.triggered.connect(
                lambda: open_work_type_catalogue(self, self._db, self._actor)
            )
            settings_menu.addAction(self.work_types_action)
        if settings_menu is not None and Action.SET_KPI_TARGETS in settings:
            self.kpi_targets_action = QAction(self.tr("KPI目標(&K)…"), self)
            self.kpi_targets_action.triggered.connect(
                lambda: open_kpi_targets(self, self._db, self._actor)
            )
            settings_menu.addAction(self.kpi_targets_action)
        self.database_settings_action = add_database_settings(
            self, settings_menu, self._db.describe()
        )

        help_menu = self.menuBar().addMenu(self.tr("ヘルプ(&H)"))
        self.about_action = QAction(self.tr("oneaqitaについて(&A)"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def _build_status_bar(self) -> None:
        self.database_label = QLabel(self.tr("データベース: {url}").format(url=self._db.describe()))
        self.user_label = QLabel(
            self.tr("ユーザー: {login}（{role}）").format(
                login=self._actor.login, role=role_label(self._actor.role)
            )
        )
        self.statusBar().addWidget(self.database_label, 1)
        self.statusBar().addPermanentWidget(self.user_label)

    @staticmethod
    def app_version() -> str:
        try:
            return version("oneaqita")
        except PackageNotFoundError:  # running from a source tree that is not installed
            return "dev"

    def current_page(self) -> Page:
        return self.pages[self.stack.currentIndex()]

    def refresh(self) -> None:
        self.current_page().refresh()

    def navigate(self, request: NavigationRequest) -> None:
        """Shows the page a request names with its filter set (ui/navigation.py)."""
        if request.page is PageKey.WORK_ORDERS:
            assert isinstance(request.filter, WorkOrderFilter)
            self.work_orders.show_filtered(request.filter)
            page: Page = self.work_orders
        elif request.page is PageKey.CONTRACTS:
            assert isinstance(request.filter, ContractFilter)
            self.contracts.show_filtered(request.filter)
            page = self.contracts
        elif request.page is PageKey.TEAM_MONTH and self.team_month is not None:
            assert isinstance(request.filter, TeamMonthFocus)
            self.team_month.show_filtered(request.filter)
            page = self.team_month
        else:  # the staffing overview, also for a team month this user does not have
            focus = request.filter
            assert isinstance(focus, StaffingFocus | TeamMonthFocus)
            self.staffing.show_filtered(StaffingFocus(focus.body_id))
            page = self.staffing
        self.navigation.setCurrentRow(self.pages.index(page))
        page.setFocus()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("oneaqitaについて"),
            self.tr(
                "<h3>oneaqita {version}</h3>"
                "<p>株式会社ONE・AQITA の業務管理アプリケーション</p>"
                "<p>秋田県と県内25市町村の下水道維持管理を共同で担うための、"
                "出向職員・施設・契約・作業指示・報告の管理ツールです。</p>"
                "<p>データベース: {url}</p>"
            ).format(version=self.app_version(), url=self._db.describe()),
        )

    # -- window state --------------------------------------------------------------------
    def _restore_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("mainWindow/geometry")
        if not (isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)):
            self.resize(1400, 860)
        for page in self.pages:
            page.restore_state(settings)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self.live_changes.stop()
        settings = QSettings()
        settings.setValue("mainWindow/geometry", self.saveGeometry())
        for page in self.pages:
            page.save_state(settings)
        super().closeEvent(event)
