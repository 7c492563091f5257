"""How the report to the shareholders and the statements write their numbers: thousands
separators, km and 人日 to one place, percentages, changes with their sign, "—" for none."""

from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import TableStyle

from oneaqita.reports.pdf_base import table_style
from oneaqita.reports.shareholders_work import WorkCell

__all__ = [
    "NONE",
    "WORK_HEADER",
    "WORK_NOTE",
    "change",
    "count",
    "one_place",
    "pct",
    "work_cells",
    "work_style",
    "work_widths",
]

NONE = "—"
WORK_NOTE = (
    "件数: 期間内に完了 (実績終了日、なければ検収日) した作業。金額: 契約金額を中止以外の作業に"
    "均等に配分した額の合計 (千円未満四捨五入のため合計と一致しない場合があります)。"
    "延長: 完了した作業の対象管路の延長。人日: 期間内の作業時間 (差戻しを除く) を8時間=1人日で換算。"
)
WORK_HEADER = (
    ["", "件数", "", "金額 (千円)", "", "延長 (km)", "", "人日", ""],
    ["", "今期", "前年同期", "今期", "前年同期", "今期", "前年同期", "今期", "前年同期"],
)


def count(n: int | Decimal) -> str:
    return f"{int(n):,}"


def one_place(d: Decimal) -> str:
    return f"{d:,.1f}"


def pct(d: Decimal | None, places: int = 1) -> str:
    return NONE if d is None else f"{d:.{places}f}%"


def change(current: Decimal, previous: Decimal, places: int = 0) -> str:
    """The difference with its sign: "+12", "-3.5", "±0"."""
    diff = current - previous
    if diff == 0:
        return "±0"
    return f"{diff:+,.{places}f}"


def work_cells(cur: WorkCell, prev: WorkCell) -> list[str]:
    """The eight figures of a 受託実績 row, this period beside last year's."""
    return [
        count(cur.orders),
        count(prev.orders),
        count(cur.amount_thousand),
        count(prev.amount_thousand),
        one_place(cur.km),
        one_place(prev.km),
        one_place(cur.person_days),
        one_place(prev.person_days),
    ]


def work_widths(label_mm: float, total_mm: float = 180) -> list[float]:
    rest = (total_mm - label_mm) / 8
    return [label_mm * mm] + [rest * mm] * 8


def work_style(rows: int, total_row: bool = True) -> TableStyle:
    """The house table with the two header rows spanned and the total row shaded."""
    style = table_style(2, 8, right=range(1, 9))
    for c in (1, 3, 5, 7):
        style.add("SPAN", (c, 0), (c + 1, 0))
    style.add("SPAN", (0, 0), (0, 1))
    style.add("TEXTCOLOR", (2, 2), (2, -1), "#555555")
    for c in (4, 6, 8):
        style.add("TEXTCOLOR", (c, 2), (c, -1), "#555555")
    if total_row:
        style.add("BACKGROUND", (0, rows - 1), (-1, rows - 1), "#E4E9F0")
    return style

