"""The shareholder register page (株主名簿): the holdings in force on a date with ownership
percentages and totals, the selected holder's history, and recording a change of holding.

Every number comes from the service (shareholder_register computes the percentages so that
they add up to exactly 100.00); the page only formats them.
"""

from datetime import date

from PySide6.QtCore import QByteArray, QDate, QSettings, Qt
from PySide6.QtWidgets import (
    QDateEdit,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from oneaqita.permissions import Action, allowed
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.organizations import OrganizationRow, list_organizations
from oneaqita.services.shareholders import (
    HoldingLine,
    Register,
    holding_history,
    shareholder_register,
)
from ui.labels import date_text, percent_text
from ui.operations import QueryOp
from ui.organizations.holding_dialog import HoldingDialog
from ui.organizations.labels import shares_change_text, shares_text, yen_text
from ui.organizations.number_table import NumberTable
from ui.page_changes import follow_changes

ENTITIES = (Entity.SHAREHOLDINGS, Entity.ORGANIZATIONS)


class ShareholdersPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.register: Register | None = None
        self.organizations: list[OrganizationRow] = []
        self.history: list[HoldingLine] = []
        self.editor: HoldingDialog | None = None
        self._history_request = 0

        self.date_edit = QDateEdit(QDate.currentDate())
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy/MM/dd")
        self.date_edit.dateChanged.connect(self.refresh)
        date_label = QLabel(self.tr("基準日(&D)"))
        date_label.setBuddy(self.date_edit)
        self.summary_label = QLabel()
        self.change_button = QPushButton(self.tr("持株の変更を登録…(&R)"))
        self.change_button.clicked.connect(self.record_change)
        if not allowed(actor, Action.RECORD_SHAREHOLDINGS):
            self.change_button.setEnabled(False)
            self.change_button.setToolTip(self.tr("持株の変更は管理者と管理職だけが登録できます。"))
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(date_label)
        bar.addWidget(self.date_edit)
        bar.addWidget(self.summary_label, 1)
        bar.addWidget(self.change_button)

        self.table = NumberTable(
            [
                self.tr("株主"),
                self.tr("株式数"),
                self.tr("出資額"),
                self.tr("持株比率"),
                self.tr("取得日"),
            ],
            ["052108  由利本荘市", "1,000,000", "15,000,000,000円", "100.00 %", "2025/04/01"],
            numeric=(1, 2, 3),
        )
        self.table.currentCellChanged.connect(lambda *_: self._load_history())
        self.history_box = QGroupBox(self.tr("持株の履歴"))
        self.history_table = NumberTable(
            [self.tr("効力発生日"), self.tr("株式数"), self.tr("増減"), self.tr("出資額")],
            ["2025/04/01", "1,000,000", "+1,000,000", "15,000,000,000円"],
            numeric=(1, 2, 3),
        )
        self.history_hint = QLabel(self.tr("株主を選ぶと、その持株の履歴を表示します。"))
        self.history_hint.setEnabled(False)
        box_layout = QVBoxLayout(self.history_box)
        box_layout.addWidget(self.history_hint)
        box_layout.addWidget(self.history_table)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.history_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)
        follow_changes(self, self._changed)
        self.refresh()

    def title(self) -> str:
        return self.tr("株主名簿")

    def as_of(self) -> date:
        d = self.date_edit.date()
        return date(d.year(), d.month(), d.day())

    # -- register ------------------------------------------------------------------------
    def refresh(self) -> None:
        db, as_of = self._db, self.as_of()
        QueryOp(self, lambda: (shareholder_register(db, as_of), list_organizations(db))).success(
            self._loaded
        ).run()

    def _loaded(self, loaded: tuple[Register, list[OrganizationRow]]) -> None:
        register, self.organizations = loaded
        if register.as_of != self.as_of():
            return  # an older answer; the one for the date now shown is on its way
        keep = self.current_holder_id()
        self.register = register
        rows = [
            [
                f"{r.code}  {r.name_ja}",
                shares_text(r.shares),
                yen_text(r.capital_yen),
                percent_text(r.percent),
                date_text(r.since),
            ]
            for r in register.rows
        ]
        total = [
            self.tr("合計（{count} 株主）").format(count=len(register.rows)),
            shares_text(register.total_shares),
            yen_text(register.total_capital_yen),
            percent_text(register.total_percent),
            "",
        ]
        self.table.fill(rows, [r.organization_id for r in register.rows], total)
        self.summary_label.setText(
            self.tr("{date} 現在: 株主 {count} 団体、{shares} 株、出資額 {capital}").format(
                date=date_text(register.as_of),
                count=len(register.rows),
                shares=shares_text(register.total_shares),
                capital=yen_text(register.total_capital_yen),
            )
        )
        self.table.select_id(keep)  # reloads the history when a holder is selected

    def _changed(self, change: Change) -> None:
        if change.touches(*ENTITIES):
            self.refresh()

    def current_holder_id(self) -> int | None:
        return self.table.current_id()

    # -- history -------------------------------------------------------------------------
    def _load_history(self) -> None:
        holder_id = self.current_holder_id()
        self._history_request += 1
        if holder_id is None:
            self.history = []
            self.history_table.fill([], [])
            self.history_box.setTitle(self.tr("持株の履歴"))
            self.history_hint.show()
            return
        request, db = self._history_request, self._db
        name = next((r.name_ja for r in self.organizations if r.id == holder_id), "")

        def shown(lines: list[HoldingLine]) -> None:
            if request != self._history_request:
                return
            self.history = lines
            self.history_hint.hide()
            self.history_box.setTitle(self.tr("持株の履歴: {name}").format(name=name))
            self.history_table.fill(
                [
                    [
                        date_text(h.since),
                        shares_text(h.shares),
                        shares_change_text(h.shares_change),
                        yen_text(h.capital_yen),
                    ]
                    for h in lines
                ],
                [h.id for h in lines],
            )

        QueryOp(self, lambda: holding_history(db, holder_id)).success(shown).run()

    # -- recording a change --------------------------------------------------------------
    def record_change(self) -> None:
        if not allowed(self._actor, Action.RECORD_SHAREHOLDINGS) or self.editor is not None:
            return
        holdings = {r.organization_id: r for r in self.register.rows} if self.register else {}
        as_of = self.register.as_of if self.register else None
        self.editor = HoldingDialog(
            self._db,
            self._actor,
            self.organizations,
            holdings,
            self.current_holder_id(),
            self,
            as_of,
        )
        self.editor.finished.connect(self._editor_closed)
        self.editor.open()

    def _editor_closed(self, _result: int) -> None:
        editor, self.editor = self.editor, None
        if editor is not None:
            editor.deleteLater()

    # -- state ---------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        settings.setValue("shareholders/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings) -> None:
        splitter = settings.value("shareholders/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
