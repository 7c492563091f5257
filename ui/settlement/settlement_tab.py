"""The 精算 tab: the secondment settlement of the month (oneaqita/reports/settlement_figures.py)
per sending body: each line with person, kind and period, days and hours, the monthly cost
basis, the company's share, the amount owed to the body and the year to date; the body's row
carries its subtotal, the bar below the total."""

from datetime import date
from pathlib import Path

from oneaqita.reports.settlement_figures import Settlement, SettlementLine, settlement_figures
from oneaqita.reports.settlement_report import (
    TITLE,
    render_settlement_pdf,
    write_settlement_csv,
)
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from ui.labels import date_text
from ui.settlement.figures_tree import Cell, hours_cell, number
from ui.settlement.report_tab import ReportTab
from ui.staffing.labels import fiscal_year_text, kind_label


class SettlementTab(ReportTab):
    def __init__(self, db: Database, actor: Actor) -> None:
        headers = [
            self.tr("派遣元・氏名"),
            self.tr("職員番号"),
            self.tr("種別"),
            self.tr("派遣期間"),
            self.tr("派遣日数"),
            self.tr("勤務日数"),
            self.tr("時間"),
            self.tr("うち承認済"),
            self.tr("月額負担基礎額"),
            self.tr("負担割合"),
            self.tr("当社負担額"),
            self.tr("年度累計"),
        ]
        super().__init__(db, actor, headers)
        self.tree.view.setToolTip(
            self.tr(
                "当社負担額 = 月額負担基礎額 × 会社負担割合 × 当月の派遣日数 ÷ 当月の日数"
                "（円未満切捨て）。時間は差戻しを除く記録の合計です。"
            )
        )

    def read(self, db: Database, actor: Actor, month: date, body: str | None) -> Settlement:
        return settlement_figures(db, actor, month, body)

    def render_pdf(self, data: Settlement) -> bytes:
        return render_settlement_pdf(data)

    def write_csv(self, data: Settlement, path: Path) -> int:
        return write_settlement_csv(data, path)

    def report_title(self) -> str:
        return self.tr("派遣負担金精算書")

    def file_stem(self) -> str:
        month = self.data.month if self.data is not None else date.today()
        return f"{TITLE}_{month:%Y-%m}"

    def _period(self, line: SettlementLine) -> str:
        end = date_text(line.end) if line.end else self.tr("（終了日なし）")
        return f"{date_text(line.start)} 〜 {end}"

    def _line(self, x: SettlementLine) -> list[Cell]:
        missing = self.tr("基礎額未登録")
        return [
            Cell(x.name, x.name),
            Cell(x.employee_no),
            Cell(kind_label(x.kind), tip=x.position or ""),
            Cell(self._period(x), x.start.isoformat()),
            number(x.seconded_days, f"{x.seconded_days}/{x.month_days}"),
            number(x.days_worked),
            hours_cell(x.minutes),
            hours_cell(x.approved_minutes),
            number(x.monthly_cost_yen, warn_text=missing),
            number(x.pct, f"{x.pct}%"),
            number(x.amount_yen, warn_text=missing),
            number(x.ytd_yen, warn_text=missing),
        ]

    def fill(self, data: Settlement) -> None:
        tree = self.tree
        tree.clear()
        for body in data.bodies:
            missing = (
                self.tr("基礎額未登録 {count}件は含みません").format(count=body.missing_cost)
                if body.missing_cost
                else ""
            )
            ytd_tip = self.tr("年度累計に基礎額未登録の月を含みます") if body.ytd_incomplete else ""
            group = tree.add_group(
                body.code,
                [
                    Cell(f"{body.code}　{body.name}", body.code),
                    Cell(self.tr("{count}名").format(count=len(body.lines)), len(body.lines)),
                    Cell(""),
                    Cell(""),
                    Cell(""),
                    number(body.days_worked),
                    hours_cell(body.minutes),
                    hours_cell(body.approved_minutes),
                    Cell(""),
                    Cell(""),
                    Cell(f"{body.amount_yen:,}", body.amount_yen, missing, bool(missing)),
                    Cell(
                        f"{body.ytd_yen:,}" + (" *" if body.ytd_incomplete else ""),
                        body.ytd_yen,
                        ytd_tip,
                    ),
                ],
            )
            for line in body.lines:
                tree.add_line(group, self._line(line))
        people = sum(len(b.lines) for b in data.bodies)
        ytd = sum(b.ytd_yen for b in data.bodies)
        total = self.tr(
            "合計　{bodies}団体　{people}名　時間 {hours}（うち承認済 {approved}）"
            "　当社負担額 {amount}円　{fy}累計 {ytd}円"
        ).format(
            bodies=len(data.bodies),
            people=people,
            hours=hours_cell(sum(b.minutes for b in data.bodies)).text or "0",
            approved=hours_cell(sum(b.approved_minutes for b in data.bodies)).text or "0",
            amount=f"{data.amount_yen:,}",
            fy=fiscal_year_text(data.fiscal_year, with_year=False),
            ytd=f"{ytd:,}",
        )
        tree.finish(total, self.tr("この月に派遣中の職員はいません。"))
