"""耐用年数・単価…: the renewal basis for the roles that may edit it (Action.EDIT_RENEWAL_BASIS)
— the standard service life per kind, the bodies' own target lives, and the unit renewal
costs per kind and diameter band. A value is saved when its cell is left (Enter or Tab),
like a settings page; a refused value is shown below the tabs in both languages and the cell
keeps what is stored. Removing a target life or a band asks first. The tables are read again
after every change to the basis, whoever made it (services/service_lives.py)."""

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from oneaqita.errors import DomainError
from oneaqita.models import AssetKind
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.organizations import list_organizations
from oneaqita.services.service_lives import (
    RenewalBasis,
    read_renewal_basis,
    remove_body_life,
    remove_unit_cost,
    save_body_life,
    save_service_life,
    save_unit_cost,
)
from ui.errors import show_error
from ui.field_errors import INVALID_STYLE, FieldErrors
from ui.labels import domain_label
from ui.operations import ChangeOp, QueryOp, change_hub


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class RenewalBasisDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.basis: RenewalBasis | None = None
        self.setWindowTitle(self.tr("耐用年数・単価"))
        self.setStyleSheet(INVALID_STYLE)
        self.resize(720, 480)
        self.errors = FieldErrors(QLabel())

        self.lives = _table([self.tr("種別"), self.tr("標準耐用年数(年)")])
        self.bodies = _table([self.tr("団体"), self.tr("種別"), self.tr("目標耐用年数(年)")])
        self.body_choice = QComboBox()
        self.body_kind = QComboBox()
        self.costs = _table([self.tr("種別"), self.tr("管径(mm)から"), self.tr("改築単価(円)")])
        self.cost_kind = QComboBox()
        for combo in (self.body_kind, self.cost_kind):
            for kind in AssetKind:
                combo.addItem(domain_label(kind), kind)
        self.body_years = QLineEdit()
        self.body_years.setPlaceholderText(self.tr("年数"))
        self.band_from = QLineEdit()
        self.band_from.setPlaceholderText(self.tr("管径(mm)から"))
        self.band_yen = QLineEdit()
        self.band_yen.setPlaceholderText(self.tr("単価(円)"))
        self.add_body_button = QPushButton(self.tr("追加"))
        self.remove_body_button = QPushButton(self.tr("削除…"))
        self.add_band_button = QPushButton(self.tr("追加"))
        self.remove_band_button = QPushButton(self.tr("削除…"))

        tabs = QTabWidget()
        tabs.addTab(self.lives, self.tr("標準耐用年数"))
        tabs.addTab(
            self._with_row(
                self.bodies,
                [self.body_choice, self.body_kind, self.body_years, self.add_body_button],
                self.remove_body_button,
            ),
            self.tr("団体の目標耐用年数"),
        )
        tabs.addTab(
            self._with_row(
                self.costs,
                [self.cost_kind, self.band_from, self.band_yen, self.add_band_button],
                self.remove_band_button,
            ),
            self.tr("改築単価"),
        )
        note = QLabel(
            self.tr(
                "管路は1mあたり、その他の施設は1基(1施設)あたりの単価です。管径の帯は次の帯の"
                "下限までです。初期値は総務省「公共施設等更新費用試算ソフト」の管径別単価と"
                "当社の概算で、実情に合わせて直してください。"
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(note)
        layout.addWidget(self.errors.label)
        layout.addWidget(buttons)

        self.lives.cellChanged.connect(self._life_edited)
        self.bodies.cellChanged.connect(self._body_edited)
        self.costs.cellChanged.connect(self._cost_edited)
        self.add_body_button.clicked.connect(self.add_body_life)
        self.remove_body_button.clicked.connect(self.remove_body_life)
        self.add_band_button.clicked.connect(self.add_band)
        self.remove_band_button.clicked.connect(self.remove_band)
        change_hub().changed.connect(self._changed)
        self._load_bodies()
        self.reload()

    def _with_row(self, table: QTableWidget, row: list[QWidget], remove: QPushButton) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addWidget(table, 1)
        line = QHBoxLayout()
        for widget in row:
            line.addWidget(widget)
        line.addStretch(1)
        line.addWidget(remove)
        layout.addLayout(line)
        return box

    # -- loading -------------------------------------------------------------------------
    def reload(self) -> None:
        db, actor = self._db, self._actor
        QueryOp(self, lambda: read_renewal_basis(db, actor)).success(self.show_basis).run()

    def _load_bodies(self) -> None:
        db = self._db

        def shown(rows: list[tuple[int, str]]) -> None:
            for oid, name in rows:
                self.body_choice.addItem(name, oid)

        def public_bodies() -> list[tuple[int, str]]:
            return [(o.id, o.name_ja) for o in list_organizations(db) if o.kind.is_public_body]

        QueryOp(self, public_bodies).success(shown).run()

    def _fill(self, table: QTableWidget, rows: list[list[str]], editable: int) -> None:
        table.blockSignals(True)
        table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if c != editable:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                table.setItem(r, c, item)
        table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        table.blockSignals(False)

    def show_basis(self, basis: RenewalBasis) -> None:
        self.basis = basis
        self._fill(self.lives, [[domain_label(r.kind), str(r.years)] for r in basis.lives], 1)
        self._fill(
            self.bodies,
            [[r.body, domain_label(r.kind), str(r.years)] for r in basis.body_lives],
            2,
        )
        self._fill(
            self.costs,
            [
                [domain_label(c.kind), f"{c.min_diameter_mm:,}", f"{c.yen:,}"]
                for c in basis.unit_costs
            ],
            2,
        )

    def _changed(self, change: Change) -> None:
        if change.touches(Entity.RENEWAL_BASIS, Entity.DATABASE):
            self.reload()

    # -- edits ---------------------------------------------------------------------------
    def _run(self, call: Callable[[], object], after: Callable[[], None] | None = None) -> None:
        self.errors.clear()

        def change() -> Change:
            result = call()
            return result[1] if isinstance(result, tuple) else result  # type: ignore[return-value]

        def failed(exc: BaseException) -> None:
            if isinstance(exc, DomainError):
                self.errors.show(exc.ja, exc.en, None)
                self.reload()  # the cell shows what is stored again
            else:
                show_error(self, exc)

        op = ChangeOp(self, change).failure(failed)
        if after is not None:
            op.success(lambda _c: after())
        op.run()

    def _life_edited(self, row: int, column: int) -> None:
        if self.basis is None:
            return
        life = self.basis.lives[row]
        text = self.lives.item(row, column).text()
        db, actor = self._db, self._actor
        self._run(lambda: save_service_life(db, actor, life.kind, text, life.version))

    def _body_edited(self, row: int, column: int) -> None:
        if self.basis is None:
            return
        r = self.basis.body_lives[row]
        text = self.bodies.item(row, column).text()
        db, actor = self._db, self._actor
        self._run(
            lambda: save_body_life(db, actor, r.organization_id, r.kind, text, r.id, r.version)
        )

    def _cost_edited(self, row: int, column: int) -> None:
        if self.basis is None:
            return
        c = self.basis.unit_costs[row]
        text = self.costs.item(row, column).text()
        db, actor = self._db, self._actor
        self._run(
            lambda: save_unit_cost(db, actor, c.kind, c.min_diameter_mm, text, c.id, c.version)
        )

    def add_body_life(self) -> None:
        body, kind = self.body_choice.currentData(), self.body_kind.currentData()
        if body is None:
            return
        years = self.body_years.text()
        db, actor = self._db, self._actor
        self._run(lambda: save_body_life(db, actor, body, kind, years), self.body_years.clear)

    def add_band(self) -> None:
        kind, low, yen = self.cost_kind.currentData(), self.band_from.text(), self.band_yen.text()
        db, actor = self._db, self._actor

        def cleared() -> None:
            self.band_from.clear()
            self.band_yen.clear()

        self._run(lambda: save_unit_cost(db, actor, kind, low, yen), cleared)

    def _confirmed(self, question: str) -> bool:
        answer = QMessageBox.question(self, self.tr("削除の確認"), question)
        return answer == QMessageBox.StandardButton.Yes

    def remove_body_life(self) -> None:
        row = self.bodies.currentRow()
        if self.basis is None or not 0 <= row < len(self.basis.body_lives):
            return
        r = self.basis.body_lives[row]
        question = self.tr("{body}の{kind}の目標耐用年数を削除しますか?標準耐用年数に戻ります。")
        if self._confirmed(question.format(body=r.body, kind=domain_label(r.kind))):
            db, actor = self._db, self._actor
            self._run(lambda: remove_body_life(db, actor, r.id, r.version))

    def remove_band(self) -> None:
        row = self.costs.currentRow()
        if self.basis is None or not 0 <= row < len(self.basis.unit_costs):
            return
        c = self.basis.unit_costs[row]
        question = self.tr("{kind}の管径 {low} mm からの単価を削除しますか?")
        if self._confirmed(question.format(kind=domain_label(c.kind), low=c.min_diameter_mm)):
            db, actor = self._db, self._actor
            self._run(lambda: remove_unit_cost(db, actor, c.id, c.version))
