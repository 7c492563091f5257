"""点検計画: the inspection orders of a multi-year contract, previewed and then created, through
services/inspection_planning.py (the levelling rule is in oneaqita/inspection_plan.py).

- The filter (owner body, district, kind, installed before a year: only assets in service),
  the order of priority, the fiscal years and the assets per order; 試算 (Ctrl+Enter) reads
  the plan off the GUI thread and shows a table and a bar per year, and the orders.
- Any change to the settings sets the preview aside: 作成 waits for a new 試算, so what is
  created is always what was shown. 作成 asks first, naming the count, writes in one unit of
  work with a progress dialog, and says what it created. If the contract or its assets
  changed after the preview the service refuses, and the dialog asks for a new 試算.
- Refusals appear at the field they name (ui/field_errors.py); the dialog stays open.
"""

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from oneaqita.errors import DomainError, ValidationError
from oneaqita.inspection_plan import Priority
from oneaqita.models import AssetKind, AssetStatus
from oneaqita.services.actor import Actor
from oneaqita.services.asset_picking import AssetFilter, district_choices
from oneaqita.services.changes import Change
from oneaqita.services.contract_queries import ContractRow
from oneaqita.services.database import Database
from oneaqita.services.inspection_planning import (
    PER_ORDER_LIMIT,
    PlanPreview,
    PlanRequest,
    create_plan,
    plannable_years,
    preview_plan,
)
from oneaqita.services.organizations import OrganizationRow
from ui.contracts.card import fill_table, read_only_table
from ui.contracts.plan_chart import PlanChart, km_text
from ui.contracts.plan_orders_model import OrdersModel
from ui.errors import show_error
from ui.field_errors import INVALID_STYLE, FieldErrors
from ui.labels import date_text, domain_label
from ui.operations import ChangeOp, QueryOp
from ui.staffing.labels import fiscal_year_text

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_NO_YEAR = 1867  # the spin box's "no limit" (installed years start at 1868)


class PlanDialog(QDialog):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        contract: ContractRow,
        organizations: list[OrganizationRow],
        parent: QWidget | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self._db, self._actor, self.contract = db, actor, contract
        self.today = today or date.today()
        self.preview: PlanPreview | None = None
        self.previewed: PlanRequest | None = None
        self.created: int | None = None  # how many orders the last 作成 made
        self.busy = False
        self.setWindowTitle(self.tr("点検計画 — {number}").format(number=contract.number))
        self.setStyleSheet(INVALID_STYLE)
        self.resize(980, 760)
        layout = QVBoxLayout(self)
        heading = QLabel(
            self.tr("{title}（{first} 〜 {last}）").format(
                title=contract.title,
                first=date_text(contract.start),
                last=date_text(contract.end),
            )
        )
        heading.setObjectName("detailHeading")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(self._build_settings(organizations))
        self.error_label = QLabel()
        self.errors = FieldErrors(
            self.error_label,
            {
                "filter": self.owner,
                "district": self.district,
                "years": self.years_box,
                "per_order": self.per_order,
            },
        )
        layout.addWidget(self.error_label)
        layout.addWidget(self._build_result(), 1)
        layout.addLayout(self._build_buttons())
        self._load_districts()

    # -- building ------------------------------------------------------------------------
    def _build_settings(self, organizations: list[OrganizationRow]) -> QGroupBox:
        box = QGroupBox(self.tr("対象と配分"))
        form = QFormLayout(box)
        self.owner = QComboBox()
        self.owner.addItem(self.tr("すべての団体"), None)
        for org in organizations:
            if org.kind.is_public_body:
                self.owner.addItem(f"{org.name_ja}（{org.code}）", org.id)
        index = self.owner.findData(self.contract.client_id)
        self.owner.setCurrentIndex(max(index, 0))
        self.district = QComboBox()
        self.district.setEditable(True)
        self.district.addItem("")
        self.district.lineEdit().setPlaceholderText(self.tr("すべての地区"))
        self.kind = QComboBox()
        self.kind.addItem(self.tr("すべての種別"), None)
        for kind in AssetKind:
            self.kind.addItem(domain_label(kind), kind)
        self.kind.setCurrentIndex(self.kind.findData(AssetKind.PIPE))
        self.before = QSpinBox()
        self.before.setRange(_NO_YEAR, 2200)
        self.before.setSpecialValueText(self.tr("指定なし"))
        self.before.setValue(_NO_YEAR)
        self.before.setSuffix(self.tr(" 年より前"))
        self.priority = QComboBox()
        self.priority.addItem(self.tr("古い順（設置年）"), Priority.OLDEST)
        self.priority.addItem(self.tr("状態の悪い順（緊急度、次に設置年）"), Priority.WORST)
        self.years_box = QWidget()
        years = QHBoxLayout(self.years_box)
        years.setContentsMargins(0, 0, 0, 0)
        self.year_checks: dict[int, QCheckBox] = {}
        c = self.contract
        open_years = plannable_years(c.start, c.end, self.today)
        for fy in c.fiscal_years:
            check = QCheckBox(fiscal_year_text(fy, with_year=False))
            check.setChecked(fy in open_years)
            if fy not in open_years:  # over: nothing is planned in the past
                check.setEnabled(False)
                check.setToolTip(self.tr("この年度は契約期間内に今日以降の稼働日がありません"))
            self.year_checks[fy] = check
            years.addWidget(check)
        years.addStretch(1)
        self.per_order = QSpinBox()
        self.per_order.setRange(1, PER_ORDER_LIMIT)
        self.per_order.setValue(50)
        self.per_order.setSuffix(self.tr(" 件まで"))
        form.addRow(self.tr("所有団体(&O)"), self.owner)
        form.addRow(self.tr("地区(&D)"), self.district)
        form.addRow(self.tr("施設の種別(&K)"), self.kind)
        form.addRow(self.tr("設置年(&B)"), self.before)
        form.addRow(self.tr("優先順(&P)"), self.priority)
        form.addRow(self.tr("年度(&Y)"), self.years_box)
        form.addRow(self.tr("1作業あたりの施設数(&N)"), self.per_order)
        for combo in (self.owner, self.kind, self.priority):
            combo.currentIndexChanged.connect(self._settings_changed)
        self.district.currentTextChanged.connect(self._settings_changed)
        self.before.valueChanged.connect(self._settings_changed)
        self.per_order.valueChanged.connect(self._settings_changed)
        for check in self.year_checks.values():
            check.toggled.connect(self._settings_changed)
        return box

    def _build_result(self) -> QWidget:
        result = QWidget()
        layout = QVBoxLayout(result)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel(self.tr("条件を決めて「試算」を押してください。"))
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        top = QHBoxLayout()
        self.year_table: QTableWidget = read_only_table(
            [self.tr("年度"), self.tr("作業数"), self.tr("施設数"), self.tr("延長")]
        )
        self.chart = PlanChart()
        top.addWidget(self.year_table, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.chart, 1)
        layout.addLayout(top)
        self.orders_model = OrdersModel(self)
        self.orders_view = QTableView()
        self.orders_view.setModel(self.orders_model)
        self.orders_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.orders_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.orders_view.verticalHeader().hide()
        header = self.orders_view.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.orders_view, 1)
        self.year_table.hide()
        self.chart.hide()
        return result

    def _build_buttons(self) -> QHBoxLayout:
        self.preview_button = QPushButton(self.tr("試算(&R)"))
        self.preview_button.setToolTip(self.tr("作成する作業を計算して表示します (Ctrl+Enter)"))
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.run_preview)
        self.create_button = QPushButton(self.tr("作成(&C)…"))
        self.create_button.setEnabled(False)
        self.create_button.clicked.connect(self.create)
        self.close_button = QPushButton(self.tr("閉じる"))
        self.close_button.clicked.connect(self.reject)
        shortcut = QShortcut(QKeySequence("Ctrl+Return"), self)
        shortcut.activated.connect(self.run_preview)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.preview_button)
        row.addWidget(self.create_button)
        row.addWidget(self.close_button)
        return row

    def _load_districts(self) -> None:
        db = self._db
        QueryOp(self, lambda: district_choices(db)).success(self._districts_loaded).run()

    def _districts_loaded(self, districts: list[str]) -> None:
        typed = self.district.currentText()
        self.district.blockSignals(True)
        self.district.addItems(districts)
        self.district.setCurrentText(typed)
        self.district.blockSignals(False)

    # -- the request ---------------------------------------------------------------------
    def request(self) -> PlanRequest:
        before = self.before.value()
        flt = AssetFilter(
            owner_id=self.owner.currentData(),
            kind=AssetKind(kind) if (kind := self.kind.currentData()) else None,
            district=self.district.currentText() or None,
            installed_before=None if before == _NO_YEAR else before,
            status=AssetStatus.IN_SERVICE,
        )
        chosen = tuple(fy for fy, check in self.year_checks.items() if check.isChecked())
        return PlanRequest(
            contract_id=self.contract.id,
            asset_filter=flt,
            priority=Priority(self.priority.currentData()),
            years=chosen,
            per_order=self.per_order.value(),
        )

    def _settings_changed(self) -> None:
        if self.preview is not None and not self.busy:
            self.create_button.setEnabled(False)
            self.summary.setText(self.tr("条件が変わりました。もう一度「試算」を押してください。"))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (
            self.preview_button,
            self.close_button,
            self.owner,
            self.district,
            self.kind,
            self.before,
            self.priority,
            self.years_box,
            self.per_order,
        ):
            widget.setEnabled(not busy)
        self.create_button.setEnabled(not busy and self._preview_current())

    def _preview_current(self) -> bool:
        return self.preview is not None and self.previewed == self.request()

    # -- preview -------------------------------------------------------------------------
    def run_preview(self) -> None:
        if self.busy:
            return
        if not any(c.isChecked() for c in self.year_checks.values()):
            self.errors.show(self.tr("年度を1つ以上選んでください。"), "", "years")
            return
        self.errors.clear()
        request = self.request()
        db = self._db
        self._set_busy(True)
        self.summary.setText(self.tr("試算しています…"))
        today = self.today
        QueryOp(self, lambda: preview_plan(db, request, today)).success(
            lambda plan: self._previewed(request, plan)
        ).failure(lambda exc: self._failed(exc, self.tr("試算できませんでした。"))).run()

    def _previewed(self, request: PlanRequest, plan: PlanPreview) -> None:
        self.preview, self.previewed = plan, request
        self._set_busy(False)
        self.show_preview(plan)

    def show_preview(self, plan: PlanPreview) -> None:
        text = self.tr("{orders} 件の作業に {assets} 件の施設（延長 {km}）。").format(
            orders=f"{plan.order_count:,}",
            assets=f"{plan.asset_count:,}",
            km=km_text(sum((y.length_km for y in plan.years), Decimal(0))),
        )
        if plan.skipped:
            text += self.tr(" 未完了の{type}作業に含まれる {count} 件は除きました。").format(
                type=plan.work_type_name, count=f"{plan.skipped:,}"
            )
        if plan.unmeasured:
            text += self.tr(" 延長のない {count} 件は平均の延長として配分しました。").format(
                count=f"{plan.unmeasured:,}"
            )
        self.summary.setText(text)
        rows = [
            [
                fiscal_year_text(y.fiscal_year, with_year=False),
                f"{y.orders:,}",
                f"{y.assets:,}",
                km_text(y.length_km),
            ]
            for y in plan.years
        ]
        fill_table(self.year_table, rows, set())
        self.year_table.show()
        self.chart.show_years(list(plan.years))
        self.chart.show()
        self.orders_model.set_orders(list(plan.orders))
        self.orders_view.resizeColumnsToContents()
        self.orders_view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    # -- create --------------------------------------------------------------------------
    def confirm(self, count: int) -> bool:
        buttons = QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("点検計画の作成"),
            self.tr("{count}件の作業を作成します。よろしいですか？").format(count=f"{count:,}"),
            buttons,
            self,
        )
        box.setInformativeText(self.tr("作業は「予定」の状態で、1回の処理でまとめて作成されます。"))
        box.button(QMessageBox.StandardButton.Ok).setText(self.tr("作成する"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Ok

    def create(self) -> None:
        plan, request = self.preview, self.previewed
        if self.busy or plan is None or request is None or not self._preview_current():
            return
        if not self.confirm(plan.order_count):
            return
        db, actor, token, today = self._db, self._actor, plan.token, self.today
        self._set_busy(True)
        ChangeOp(
            self, lambda progress: create_plan(db, actor, request, token, progress, today)
        ).with_progress(self.tr("点検計画の作業を作成しています…"), self.tr("点検計画")).success(
            lambda change: self._created(plan, change)
        ).failure(
            lambda exc: self._failed(exc, self.tr("作成できませんでした。何も作成していません。"))
        ).run()

    def _created(self, plan: PlanPreview, _change: Change) -> None:
        self.created = plan.order_count
        self.preview = self.previewed = None
        self._set_busy(False)
        self.create_button.setEnabled(False)
        self.summary.setText(
            self.tr(
                "{orders} 件の作業（予定）を作成しました。契約の作業一覧で確認できます。"
            ).format(orders=f"{plan.order_count:,}")
        )

    def _failed(self, exc: BaseException, what: str) -> None:
        self._set_busy(False)
        self.summary.setText(what)
        if isinstance(exc, ValidationError):
            if exc.field == "plan":  # changed since the preview: set it aside
                self.preview = self.previewed = None
                self.create_button.setEnabled(False)
            self.errors.show(exc.ja, exc.en, exc.field)
        elif isinstance(exc, DomainError):
            self.errors.show(exc.ja, exc.en, None)
        else:
            show_error(self, exc)

    def reject(self) -> None:
        if not self.busy:  # the write commits or not whatever the dialog does
            super().reject()
