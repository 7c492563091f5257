"""The monthly hours report (月間作業時間表) as PDF and CSV; the figures are hours_figures'.

PDF: A4 landscape, one section per person (a new page each): rows are the work orders and
categories, columns the days of the month (土日祝 shaded) and the total, then the day totals.
CSV: one row per person and work order or category with the hours of each day and the total,
and a total row per person.
"""

from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from oneaqita.reports.hours_figures import MonthlyHours, PersonHours
from oneaqita.reports.monthly import month_label, monthly_pdf
from oneaqita.reports.pdf_base import (
    HEADER_GREY,
    data_table,
    fit,
    styles,
    table_style,
)
from oneaqita.reports.report_files import hours, write_csv
from oneaqita.reports.settlement_figures import HOURS_NOTE
from oneaqita.values import Cell
from oneaqita.workdays import is_working_day

__all__ = ["TITLE", "render_hours_pdf", "write_hours_csv"]

TITLE = "月間作業時間表"
CELL = 6.5
LABEL_MM, DAY_MM, TOTAL_MM = 58, 6.3, 13
OFF_DAY = colors.HexColor("#F3F3F3")


def _row_label(number: str | None, title: str, width: float) -> str:
    return fit(f"{number}　{title}" if number else title, width, CELL)


def _section(person: PersonHours, data: MonthlyHours) -> list[Flowable]:
    s = styles()
    days = data.last_day.day
    width = LABEL_MM * mm - 6
    rows: list[list[str]] = [["作業番号・件名／区分", *[str(d) for d in range(1, days + 1)], "計"]]
    for r in person.rows:
        rows.append(
            [
                _row_label(r.work_order, r.title, width),
                *[hours(m) for m in r.minutes_by_day],
                hours(r.minutes),
            ]
        )
    rows.append(["日計", *[hours(m) for m in person.minutes_by_day], hours(person.minutes) or "0"])
    style = table_style(1, CELL, right=range(1, days + 2))
    last = len(rows) - 1
    style.add("BACKGROUND", (0, last), (-1, last), HEADER_GREY)
    for d in range(1, days + 1):
        if not is_working_day(data.month.replace(day=d)):
            style.add("BACKGROUND", (d, 1), (d, last - 1), OFF_DAY)
    widths = [LABEL_MM * mm, *[DAY_MM * mm] * days, TOTAL_MM * mm]
    return [
        Paragraph(f"{TITLE}　{month_label(data.month)}", s.title),
        Paragraph(
            f"{person.employee_no}　{person.name}　　合計 {hours(person.minutes) or '0'} 時間"
            f"（うち承認済 {hours(person.approved_minutes) or '0'} 時間）"
            f"　勤務日数 {person.days_worked} 日",
            s.heading,
        ),
        data_table(rows, widths, 1, style),
        Spacer(1, 3 * mm),
        Paragraph(HOURS_NOTE + "網掛けは土日・祝日・年末年始です。", s.small),
    ]


def render_hours_pdf(data: MonthlyHours, issued: date | None = None) -> bytes:
    """The report as PDF bytes, issued on ``issued`` (default today)."""
    sections = [_section(person, data) for person in data.people]
    empty = "この月の作業時間の記録はありません。"
    return monthly_pdf(TITLE, data.month, data.last_day, sections, empty, issued)


def write_hours_csv(data: MonthlyHours, path: Path) -> int:
    """The report as CSV at ``path``; the number of rows after the header."""
    days = data.last_day.day
    header = ["職員番号", "氏名", "作業番号", "件名・区分", *[f"{d}日" for d in range(1, days + 1)]]
    header.append("合計")
    rows: list[list[Cell]] = []
    for p in data.people:
        for r in p.rows:
            row: list[Cell] = [p.employee_no, p.name, r.work_order, r.title]
            rows.append([*row, *(hours(m) for m in r.minutes_by_day), hours(r.minutes)])
        total: list[Cell] = [p.employee_no, p.name, "合計", None]
        rows.append([*total, *(hours(m) for m in p.minutes_by_day), hours(p.minutes) or "0"])
    return write_csv(path, TITLE, header, rows)
