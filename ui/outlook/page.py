"""The 改築需要 page: the renewal outlook of the next 50 fiscal years as a stacked bar chart
and a table, filtered by body and kind and stacked by kind or by body; a yearly budget shows
the levelled scenario beside it; km past service life now, in 10 and in 20 years; saved as
XLSX or CSV; 耐用年数・単価… edits the basis for the roles that may; the 健全度 tab shows the
condition overview. Everything is the core's (reports/renewal_outlook.py,
renewal_levelling.py, condition_overview.py), read off the GUI thread."""

from datetime import date
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from oneaqita.errors import ValidationError
from oneaqita.fiscal import fiscal_year
from oneaqita.models import AssetKind
from oneaqita.permissions import Action, allowed
from oneaqita.reports.renewal_levelling import LevelledPlan, levelled
from oneaqita.reports.renewal_outlook import RenewalOutlook, renewal_outlook
from oneaqita.reports.renewal_outlook_files import write_outlook
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.organizations import list_organizations
from ui.field_errors import INVALID_STYLE, FieldErrors
from ui.labels import domain_label
from ui.operations import QueryOp
from ui.outlook.basis_dialog import RenewalBasisDialog
from ui.outlook.condition_tab import ConditionTab
from ui.outlook.outlook_chart import OutlookChart, millions
from ui.outlook.outlook_table import OutlookTable
from ui.page_changes import follow_changes

OUTLOOK_ENTITIES = (
    Entity.ASSETS,
    Entity.FINDINGS,
    Entity.RENEWAL_BASIS,
    Entity.ORGANIZATIONS,
    Entity.WORK_ORDERS,
)


class OutlookPage(QWidget):
    def __init__(
        self, db: Database, actor: Actor, today: date | None = None, parent: QWidget | None = None
    ) -> None:
        """`today` fixes the day the page counts from (tests); None follows the clock."""
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._today = today
        self._request = 0
        self.outlook: RenewalOutlook | None = None
        self.plan: LevelledPlan | None = None
        self.basis_dialog: RenewalBasisDialog | None = None
        self.setStyleSheet(INVALID_STYLE)

        self.body_filter = QComboBox()
        self.body_filter.addItem(self.tr("すべての団体"), None)
        self.kind_filter = QComboBox()
        self.kind_filter.addItem(self.tr("すべての種別"), None)
        for kind in AssetKind:
            self.kind_filter.addItem(domain_label(kind), kind)
        self.first_year = QSpinBox()
        self.first_year.setRange(1990, 2150)
        self.first_year.setValue(fiscal_year(self.today()))
        self.first_year.setSuffix(self.tr(" 年度から"))
        self.stack_by = QComboBox()
        self.stack_by.addItem(self.tr("種別で積み上げ"), "kind")
        self.stack_by.addItem(self.tr("団体で積み上げ"), "owner")
        self.budget = QLineEdit()
        self.budget.setPlaceholderText(self.tr("年間予算(円)"))
        self.budget.setToolTip(
            self.tr("1年に使える改築費(円)。入れると平準化した場合の支出を線で示します。")
        )
        self.budget.setClearButtonEnabled(True)
        self.budget.setMaximumWidth(180)
        self.xlsx_button = QPushButton(self.tr("XLSX保存…"))
        self.csv_button = QPushButton(self.tr("CSV保存…"))
        self.basis_button = QPushButton(self.tr("耐用年数・単価…"))
        self.basis_button.setVisible(allowed(actor, Action.EDIT_RENEWAL_BASIS))
        self.errors = FieldErrors(QLabel(), {"budget": self.budget})

        controls = QHBoxLayout()
        for widget in (self.body_filter, self.kind_filter, self.first_year, self.stack_by):
            controls.addWidget(widget)
        controls.addWidget(QLabel(self.tr("予算")))
        controls.addWidget(self.budget)
        controls.addStretch(1)
        for button in (self.xlsx_button, self.csv_button, self.basis_button):
            controls.addWidget(button)

        self.past_life = QLabel()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.chart = OutlookChart()
        self.table = OutlookTable()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.chart)
        self.splitter.addWidget(self.table)
        self.splitter.setSizes([420, 300])
        self.splitter.setChildrenCollapsible(False)
        outlook_tab = QWidget()
        outlook_layout = QVBoxLayout(outlook_tab)
        outlook_layout.addLayout(controls)
        outlook_layout.addWidget(self.errors.label)
        outlook_layout.addWidget(self.past_life)
        outlook_layout.addWidget(self.summary)
        outlook_layout.addWidget(self.splitter, 1)
        self.condition = ConditionTab(db, actor)
        self.tabs = QTabWidget()
        self.tabs.addTab(outlook_tab, self.tr("改築需要"))
        self.tabs.addTab(self.condition, self.tr("健全度"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

        for combo in (self.body_filter, self.kind_filter):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.first_year.valueChanged.connect(lambda _v: self._load_outlook())
        self.stack_by.currentIndexChanged.connect(lambda _i: self._show())
        self.budget.editingFinished.connect(self._show)
        self.xlsx_button.clicked.connect(lambda: self._ask_and_save(".xlsx"))
        self.csv_button.clicked.connect(lambda: self._ask_and_save(".csv"))
        self.basis_button.clicked.connect(self.open_basis)
        QShortcut(QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_S), outlook_tab, self._save_xlsx)
        follow_changes(self, self._changed)
        self._load_bodies()
        self.refresh()

    def title(self) -> str:
        return self.tr("改築需要")

    def today(self) -> date:
        return self._today or date.today()

    def owner_ids(self) -> list[int] | None:
        owner = self.body_filter.currentData()
        return None if owner is None else [owner]

    def kinds(self) -> list[AssetKind] | None:
        kind = self.kind_filter.currentData()
        return None if kind is None else [kind]

    # -- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        """F5: the outlook and the condition overview are read again."""
        self._load_outlook()
        self.condition.load(self.today(), self.owner_ids())

    def _load_bodies(self) -> None:
        db = self._db

        def shown(rows: list[tuple[int, str]]) -> None:
            chosen = self.body_filter.currentData()
            self.body_filter.blockSignals(True)
            while self.body_filter.count() > 1:
                self.body_filter.removeItem(1)
            for oid, name in rows:
                self.body_filter.addItem(name, oid)
            index = self.body_filter.findData(chosen)
            self.body_filter.setCurrentIndex(max(0, index))
            self.body_filter.blockSignals(False)

        def public_bodies() -> list[tuple[int, str]]:
            return [(o.id, o.name_ja) for o in list_organizations(db) if o.kind.is_public_body]

        QueryOp(self, public_bodies).success(shown).run()

    def _load_outlook(self) -> None:
        self._request += 1
        request, db, actor = self._request, self._db, self._actor
        first, owners, kinds = self.first_year.value(), self.owner_ids(), self.kinds()

        def shown(outlook: RenewalOutlook) -> None:
            if request == self._request:
                self.outlook = outlook
                self._show()

        QueryOp(self, lambda: renewal_outlook(db, actor, first, owners, kinds)).success(shown).run()

    def _budget_plan(self, outlook: RenewalOutlook) -> LevelledPlan | None:
        self.errors.clear()
        text = self.budget.text().strip()
        if not text:
            return None
        try:
            return levelled(outlook.due_by_year(), text)
        except ValidationError as exc:
            self.errors.show(exc.ja, exc.en, exc.field)
            return None

    def _show(self) -> None:
        outlook = self.outlook
        if outlook is None:
            return
        self.plan = self._budget_plan(outlook)
        by = self.stack_by.currentData()
        totals = outlook.year_totals(by)
        if by == "kind":
            parts = [
                (k, domain_label(k)) for k in AssetKind if any(c.kind is k for c in outlook.cells)
            ]
        else:
            present = {c.owner_id for c in outlook.cells}
            parts = [(oid, name) for oid, name in outlook.bodies.items() if oid in present]
        self.chart.show_years(totals, parts, self.plan)
        self.table.show_outlook(outlook, self.plan)
        km = [f"{outlook.past_life_km(a):,.1f}" for a in (0, 10, 20)]
        self.past_life.setText(
            self.tr(
                "耐用年数を超える管路: 現在 {now} km / 10年後 {ten} km / 20年後 {twenty} km"
            ).format(now=km[0], ten=km[1], twenty=km[2])
        )
        self.summary.setText(self._summary_text(outlook))

    def _summary_text(self, outlook: RenewalOutlook) -> str:
        """Whole sentences, each translated (English ones end with a space)."""
        sentences = [
            self.tr(
                "{first}〜{last}年度の改築費は {total} 百万円"
                "(うち初年度の積み残し {backlog} 百万円)。"
            ).format(
                first=outlook.first_year,
                last=outlook.last_year,
                total=f"{millions(outlook.total_cost_yen):,.1f}",
                backlog=f"{millions(outlook.year_totals()[0].backlog_cost_yen):,.1f}",
            )
        ]
        if outlook.undated:
            sentences.append(
                self.tr("布設年度のない {n} 件は含みません。").format(n=f"{outlook.undated:,}")
            )
        plan = self.plan
        if plan is not None and plan.left_over_yen:
            sentences.append(
                self.tr(
                    "予算内に収まらず、期間末に {left} 百万円が残ります({year}年度分から)。"
                ).format(left=f"{millions(plan.left_over_yen):,.1f}", year=plan.oldest_left_over)
            )
        elif plan is not None:
            sentences.append(
                self.tr("予算内で期間中にすべて改築できます(繰越は最長 {n} 年)。").format(
                    n=plan.longest_wait
                )
            )
        return "".join(sentences).strip()

    def _changed(self, change: Change) -> None:
        if change.touches(Entity.ORGANIZATIONS, Entity.DATABASE):
            self._load_bodies()
        if change.touches(*OUTLOOK_ENTITIES, Entity.DATABASE):
            self.refresh()

    # -- commands ------------------------------------------------------------------------
    def _save_xlsx(self) -> None:
        self._ask_and_save(".xlsx")

    def _ask_and_save(self, suffix: str) -> None:
        if self.outlook is None:
            return
        kind = self.tr("Excel ブック (*.xlsx)") if suffix == ".xlsx" else self.tr("CSV (*.csv)")
        name = self.tr("改築需要_{year}").format(year=self.outlook.first_year) + suffix
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("改築需要を保存"), name, kind)
        if path:
            if not path.lower().endswith(suffix):
                path += suffix
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        """Write what the page shows to `path` (.xlsx or .csv), off the GUI thread."""
        outlook, plan = self.outlook, self.plan
        if outlook is None:
            return

        def saved(rows: int) -> None:
            self.summary.setText(
                self.tr("{path} に保存しました({rows} 行)。").format(path=path, rows=rows)
            )

        QueryOp(self, lambda: write_outlook(path, outlook, plan)).success(saved).run()

    def open_basis(self) -> None:
        if self.basis_dialog is None:
            self.basis_dialog = RenewalBasisDialog(self._db, self._actor, self)
        self.basis_dialog.show()
        self.basis_dialog.raise_()

    # -- state ---------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        settings.setValue("outlook/splitter", self.splitter.saveState())
        settings.setValue("outlook/budget", self.budget.text())

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("outlook/splitter")
        if isinstance(state, QByteArray):
            self.splitter.restoreState(state)
        budget = settings.value("outlook/budget")
        if isinstance(budget, str) and budget:
            self.budget.setText(budget)
            self._show()
