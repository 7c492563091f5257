"""The hours per contract and client body (契約別作業時間表) as PDF and CSV; the figures and
their definitions are contract_hours_figures'.

PDF: A4 landscape, a section per client body (its contracts: number, title, hours, of them
approved, people, work orders, and the body's subtotal; the sections follow each other, a
section kept on one page when it fits), then the overhead block and the month's total per
body. CSV: one row per contract, a subtotal row per body, the overhead categories and the
total, hours as plain numbers for Excel.
"""

from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from oneaqita.reports.contract_hours_figures import ClientHours, ContractHours, Worked
from oneaqita.reports.monthly import month_label, monthly_pdf
from oneaqita.reports.pdf_base import HEADER_GREY, data_table, fit, styles, table_style
from oneaqita.reports.report_files import hours, write_csv
from oneaqita.reports.settlement_figures import HOURS_NOTE
from oneaqita.values import Cell

__all__ = ["TITLE", "render_contract_hours_pdf", "write_contract_hours_csv"]

TITLE = "契約別作業時間表"
CELL = 8.5
COLUMNS = (  # (header, mm); the sum is the landscape frame's 267 mm
    ("契約番号", 40),
    ("件名", 127),
    ("時間", 22),
    ("うち承認済", 22),
    ("人数", 28),
    ("作業指示数", 28),
)
RIGHT = range(2, 6)
NOTE = (
    HOURS_NOTE + "人数・作業指示数は時間を記録した人と作業指示の数で、小計・合計では"
    "重複を除いて数えています。共通業務（研修・事務・移動・休暇）はどの団体にも属さない"
    "ため、別に集計しています。"
)


def _hours(minutes: int) -> str:
    """Hours with thousands separators for the PDF: 62,370 minutes → "1,039.5"."""
    whole, rest = divmod(minutes, 60)
    return f"{whole:,}" if not rest else f"{minutes / 60:,.2f}".rstrip("0")


def _figures(w: Worked, orders: bool = True) -> list[str]:
    return [
        _hours(w.minutes),
        _hours(w.approved_minutes),
        f"{w.people}名",
        f"{w.work_orders}件" if orders else "",
    ]


def _table(rows: list[list[str]]) -> Flowable:
    style = table_style(1, CELL, right=RIGHT)
    style.add("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), HEADER_GREY)
    return data_table(rows, [w * mm for _, w in COLUMNS], 1, style)


def _header() -> list[str]:
    return [h for h, _ in COLUMNS]


def _body_section(body: ClientHours) -> Flowable:
    s = styles()
    width = COLUMNS[1][1] * mm - 6
    rows = [_header()]
    rows += [[x.number, fit(x.title, width, CELL), *_figures(x.worked)] for x in body.lines]
    rows.append(["小計", f"{len(body.lines)}契約", *_figures(body.worked)])
    heading = f"発注者: {body.code}　{body.name}　　{_hours(body.worked.minutes)} 時間"
    return KeepTogether([Paragraph(heading, s.heading), _table(rows), Spacer(1, 4 * mm)])


def _closing_section(data: ContractHours) -> list[Flowable]:
    """The overhead block (all bodies only) and the total of the month."""
    s = styles()
    out: list[Flowable] = []
    if data.body_code is None:
        rows = [["区分", "", *_header()[2:]]]
        rows += [[x.title, "", *_figures(x.worked, False)] for x in data.overhead]
        rows.append(["小計", "", *_figures(data.overhead_worked, False)])
        block = [Paragraph("共通業務（研修・事務・移動・休暇）", s.heading), _table(rows)]
        out += [KeepTogether(block), Spacer(1, 4 * mm)]
    per_body = [[b.code, b.name, *_figures(b.worked)] for b in data.bodies]
    total = [["合計", f"{len(data.bodies)}団体", *_figures(data.worked)]]
    rows = [["団体コード", "発注者", *_header()[2:]], *per_body]
    if data.body_code is None:
        rows.append(["共通業務", "", *_figures(data.overhead_worked, False)])
    table = [Paragraph("団体別の合計", s.heading), _table(rows + total)]
    out += [KeepTogether(table), Spacer(1, 3 * mm), Paragraph(NOTE, s.small)]
    return out


def render_contract_hours_pdf(data: ContractHours, issued: date | None = None) -> bytes:
    """The report as PDF bytes, issued on ``issued`` (default today)."""
    sections: list[list[Flowable]] = []
    if data.worked.minutes:
        title = Paragraph(f"{TITLE}　{month_label(data.month)}", styles().title)
        bodies = [_body_section(body) for body in data.bodies]
        sections.append([title, *bodies, *_closing_section(data)])
    empty = "この月の作業時間の記録はありません。"
    return monthly_pdf(TITLE, data.month, data.last_day, sections, empty, issued)


CSV_HEADER = [
    "団体コード",
    "発注者",
    "契約番号",
    "件名・区分",
    "時間",
    "うち承認済",
    "人数",
    "作業指示数",
]


def _csv_figures(w: Worked, orders: bool = True) -> list[Cell]:
    return [
        hours(w.minutes) or "0",
        hours(w.approved_minutes) or "0",
        w.people,
        w.work_orders if orders else None,
    ]


def _csv_rows(data: ContractHours) -> list[list[Cell]]:
    out: list[list[Cell]] = []
    for b in data.bodies:
        out += [[b.code, b.name, x.number, x.title, *_csv_figures(x.worked)] for x in b.lines]
        out.append([b.code, b.name, "小計", None, *_csv_figures(b.worked)])
    if data.body_code is None:
        for x in data.overhead:
            out.append([None, "共通業務", None, x.title, *_csv_figures(x.worked, False)])
        out.append([None, "共通業務", "小計", None, *_csv_figures(data.overhead_worked, False)])
    out.append([None, None, "合計", None, *_csv_figures(data.worked)])
    return out


def write_contract_hours_csv(data: ContractHours, path: Path) -> int:
    """The report as CSV at ``path``; the number of rows after the header."""
    return write_csv(path, TITLE, CSV_HEADER, _csv_rows(data))
