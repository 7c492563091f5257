"""The 契約別 tab: the hours of the month per client body and contract
(oneaqita/reports/contract_hours_figures.py), with the people and work orders that logged
them; the body's row carries its subtotal, the overhead categories their own block."""

from datetime import date
from pathlib import Path

from oneaqita.reports.contract_hours_figures import (
    ContractHours,
    Worked,
    contract_hours_figures,
)
from oneaqita.reports.contract_hours_report import (
    TITLE,
    render_contract_hours_pdf,
    write_contract_hours_csv,
)
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from ui.settlement.figures_tree import Cell, hours_cell, number
from ui.settlement.report_tab import ReportTab

OVERHEAD_KEY = "~overhead"  # after every body code when sorted by code


class ContractHoursTab(ReportTab):
    def __init__(self, db: Database, actor: Actor) -> None:
        headers = [
            self.tr("発注者・件名"),
            self.tr("契約番号"),
            self.tr("時間"),
            self.tr("うち承認済"),
            self.tr("人数"),
            self.tr("作業指示数"),
        ]
        super().__init__(db, actor, headers)
        self.tree.view.setToolTip(
            self.tr("人数・作業指示数は時間を記録した人と作業指示の数（小計では重複を除く）")
        )

    def read(self, db: Database, actor: Actor, month: date, body: str | None) -> ContractHours:
        return contract_hours_figures(db, actor, month, body)

    def render_pdf(self, data: ContractHours) -> bytes:
        return render_contract_hours_pdf(data)

    def write_csv(self, data: ContractHours, path: Path) -> int:
        return write_contract_hours_csv(data, path)

    def report_title(self) -> str:
        return self.tr("契約別作業時間表")

    def file_stem(self) -> str:
        month = self.data.month if self.data is not None else date.today()
        return f"{TITLE}_{month:%Y-%m}"

    @staticmethod
    def _figures(w: Worked, orders: bool = True) -> list[Cell]:
        return [
            hours_cell(w.minutes),
            hours_cell(w.approved_minutes),
            number(w.people),
            number(w.work_orders) if orders else Cell(""),
        ]

    def fill(self, data: ContractHours) -> None:
        tree = self.tree
        tree.clear()
        for body in data.bodies:
            count = self.tr("{count}契約").format(count=len(body.lines))
            group = tree.add_group(
                body.code,
                [
                    Cell(f"{body.code}　{body.name}", body.code),
                    Cell(count),
                    *self._figures(body.worked),
                ],
            )
            for x in body.lines:
                tree.add_line(
                    group, [Cell(x.title, x.title), Cell(x.number), *self._figures(x.worked)]
                )
        if data.overhead:
            group = tree.add_group(
                OVERHEAD_KEY,
                [
                    Cell(self.tr("共通業務（研修・事務・移動・休暇）"), OVERHEAD_KEY),
                    Cell(""),
                    *self._figures(data.overhead_worked, orders=False),
                ],
            )
            for o in data.overhead:
                tree.add_line(
                    group, [Cell(o.title, o.title), Cell(""), *self._figures(o.worked, False)]
                )
        w = data.worked
        total = self.tr(
            "合計　{bodies}団体　時間 {hours}（うち承認済 {approved}）"
            "　{people}名　作業指示 {orders}件"
        ).format(
            bodies=len(data.bodies),
            hours=hours_cell(w.minutes).text,
            approved=hours_cell(w.approved_minutes).text,
            people=f"{w.people:,}",
            orders=f"{w.work_orders:,}",
        )
        tree.finish(total, self.tr("この月の作業時間の記録はありません。"))
