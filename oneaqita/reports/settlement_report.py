"""The settlement (派遣負担金精算書) as PDF and CSV; the figures and their definitions are
settlement_figures'.

PDF: A4 landscape, one page (or more: the table splits and repeats its header) per sending
body, each ending in its total row and the footnote saying which hours count and how the
amount is computed. CSV: one row per line, then a total row per body, amounts as plain
numbers for Excel.
"""

from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from oneaqita.fiscal import fiscal_year_label
from oneaqita.reports.monthly import month_label, monthly_pdf
from oneaqita.reports.pdf_base import (
    HEADER_GREY,
    data_table,
    fit,
    styles,
    table_style,
)
from oneaqita.reports.report_files import hours, write_csv, yen
from oneaqita.reports.settlement_figures import (
    COUNTED_NOTE,
    BodySettlement,
    Settlement,
    SettlementLine,
)
from oneaqita.values import Cell

__all__ = ["MISSING_COST", "TITLE", "month_label", "render_settlement_pdf", "write_settlement_csv"]

TITLE = "派遣負担金精算書"
MISSING_COST = "基礎額未登録"
CELL = 8
COLUMNS = (  # (header, mm); the sum is the landscape frame's 267 mm
    ("職員番号", 18),
    ("氏名", 31),
    ("種別", 16),
    ("役職", 18),
    ("派遣期間", 40),
    ("派遣日数", 14),
    ("勤務日数", 13),
    ("時間", 14),
    ("うち承認済", 15),
    ("月額負担基礎額", 24),
    ("負担割合", 12),
    ("当社負担額", 24),
    ("年度累計", 26),
)
RIGHT = tuple(range(5, 13))


def _period(line: SettlementLine) -> str:
    end = line.end.isoformat() if line.end else "(終了日なし)"
    return f"{line.start.isoformat()}〜{end}"


def _pdf_row(line: SettlementLine) -> list[str]:
    widths = [w * mm - 6 for _, w in COLUMNS]
    return [
        line.employee_no,
        fit(line.name, widths[1], CELL),
        line.kind_label,
        fit(line.position, widths[3], CELL),
        _period(line),
        f"{line.seconded_days}/{line.month_days}",
        str(line.days_worked),
        hours(line.minutes) or "0",
        hours(line.approved_minutes) or "0",
        yen(line.monthly_cost_yen) if not line.missing_cost else MISSING_COST,
        f"{line.pct}%",
        yen(line.amount_yen) if line.amount_yen is not None else MISSING_COST,
        yen(line.ytd_yen) if line.ytd_yen is not None else MISSING_COST,
    ]


def _body_section(body: BodySettlement, settlement: Settlement) -> list[Flowable]:
    s = styles()
    rows: list[list[str]] = [[h for h, _ in COLUMNS]]
    rows += [_pdf_row(line) for line in body.lines]
    ytd = yen(body.ytd_yen) + (" *" if body.ytd_incomplete else "")
    rows.append(
        [
            "合計",
            f"{len(body.lines)}名",
            "",
            "",
            "",
            "",
            str(body.days_worked),
            hours(body.minutes) or "0",
            hours(body.approved_minutes) or "0",
            "",
            "",
            yen(body.amount_yen),
            ytd,
        ]
    )
    style = table_style(1, CELL, right=RIGHT)
    style.add("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), HEADER_GREY)
    out: list[Flowable] = [
        Paragraph(f"{TITLE}　{month_label(settlement.month)}分", s.title),
        Paragraph(
            f"派遣元: {body.code}　{body.name}　　当社負担額合計 {yen(body.amount_yen)} 円"
            f"　　{fiscal_year_label(settlement.fiscal_year)}累計 {yen(body.ytd_yen)} 円",
            s.heading,
        ),
        data_table(rows, [w * mm for _, w in COLUMNS], 1, style),
        Spacer(1, 3 * mm),
    ]
    notes = [
        COUNTED_NOTE,
        "年度累計は4月からこの月までの当社負担額の合計です（年度途中で終わった派遣を含む）。",
    ]
    if body.missing_cost:
        notes.append(
            f"{MISSING_COST}: 月額負担基礎額が登録されていない派遣が {body.missing_cost} 件あり、"
            "当社負担額の合計に含めていません。"
        )
    if body.ytd_incomplete:
        notes.append("* 年度累計に基礎額未登録の月を含みます（その月は含めていません）。")
    out += [Paragraph(n, s.small) for n in notes]
    return out


def render_settlement_pdf(settlement: Settlement, issued: date | None = None) -> bytes:
    """The settlement as PDF bytes, issued on ``issued`` (default today)."""
    sections = [_body_section(body, settlement) for body in settlement.bodies]
    empty = "この月に派遣中の職員はいません。"
    return monthly_pdf(
        TITLE, settlement.month, settlement.last_day, sections, empty, issued, suffix="分"
    )


CSV_HEADER = [
    "派遣元コード",
    "派遣元",
    "職員番号",
    "氏名",
    "種別",
    "役職",
    "開始日",
    "終了日",
    "派遣日数",
    "当月日数",
    "勤務日数",
    "時間",
    "うち承認済",
    "月額負担基礎額",
    "会社負担割合",
    "当社負担額",
    "年度累計",
    "備考",
]


def _csv_rows(settlement: Settlement) -> list[list[Cell]]:
    out: list[list[Cell]] = []
    for body in settlement.bodies:
        for x in body.lines:
            out.append(
                [
                    body.code,
                    body.name,
                    x.employee_no,
                    x.name,
                    x.kind_label,
                    x.position,
                    x.start,
                    x.end,
                    x.seconded_days,
                    x.month_days,
                    x.days_worked,
                    hours(x.minutes) or "0",
                    hours(x.approved_minutes) or "0",
                    x.monthly_cost_yen,
                    x.pct,
                    x.amount_yen,
                    x.ytd_yen,
                    MISSING_COST if x.missing_cost else None,
                ]
            )
        note = f"{MISSING_COST} {body.missing_cost}件" if body.missing_cost else None
        out.append(
            [
                body.code,
                body.name,
                "合計",
                f"{len(body.lines)}名",
                *[None] * 6,
                body.days_worked,
                hours(body.minutes) or "0",
                hours(body.approved_minutes) or "0",
                None,
                None,
                body.amount_yen,
                body.ytd_yen,
                note,
            ]
        )
    return out


def write_settlement_csv(settlement: Settlement, path: Path) -> int:
    """The settlement as CSV at ``path``; the number of rows after the header."""
    return write_csv(path, TITLE, CSV_HEADER, _csv_rows(settlement))
