"""The 健全度 tab: per body, assets and km by 緊急度 I/II/III (and not judged), and the share of
pipe inspected in the last five years, with the total; figures from
reports/condition_overview.py, read off the GUI thread."""

from datetime import date
from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oneaqita.models import Urgency
from oneaqita.reports.condition_overview import BodyCondition, ConditionOverview, condition_overview
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from ui.operations import QueryOp

_URGENCIES = (Urgency.I, Urgency.II, Urgency.III, None)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _km(value: Decimal) -> str:
    return f"{value:,.2f}"


class ConditionTab(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self._request = 0
        self.overview: ConditionOverview | None = None
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, 12)
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("団体"),
                self.tr("緊急度I 件数"),
                self.tr("緊急度I km"),
                self.tr("緊急度II 件数"),
                self.tr("緊急度II km"),
                self.tr("緊急度III 件数"),
                self.tr("緊急度III km"),
                self.tr("判定なし 件数"),
                self.tr("判定なし km"),
                self.tr("管路 km"),
                self.tr("5年以内に点検 km"),
                self.tr("点検率"),
            ]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)

    def load(self, as_of: date, owner_ids: list[int] | None) -> None:
        self._request += 1
        request, db, actor = self._request, self._db, self._actor

        def shown(overview: ConditionOverview) -> None:
            if request == self._request:
                self.show_overview(overview)

        QueryOp(self, lambda: condition_overview(db, actor, as_of, owner_ids)).success(shown).run()

    def show_overview(self, overview: ConditionOverview) -> None:
        self.overview = overview
        self.note.setText(
            self.tr(
                "使用中の施設の緊急度(最新の調査から判定)と、{day}までの5年間に点検・TVカメラ調査"
                "された管路の延長です。"
            ).format(day=overview.as_of.isoformat())
        )
        rows = [*overview.bodies, overview.total()] if overview.bodies else []
        self.table.setRowCount(len(rows))
        for r, body in enumerate(rows):
            for c, text in enumerate(self._cells(body)):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(_RIGHT)
                self.table.setItem(r, c, item)

    def _cells(self, body: BodyCondition) -> list[str]:
        name = self.tr("合計") if body.owner_id == 0 else body.body
        cells = [name]
        for u in _URGENCIES:
            cells += [f"{body.count.get(u, 0):,}", _km(body.km(u))]
        share = body.inspected_share
        cells += [
            _km(body.pipe_metres / 1000),
            _km(body.inspected_metres / 1000),
            "" if share is None else f"{share * 100:.1f}%",
        ]
        return cells
