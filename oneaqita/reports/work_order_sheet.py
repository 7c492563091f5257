"""The work-order sheet (作業指示書) as PDF: the order, its assets, a findings form to fill in
on site with the sign-off boxes, the findings already recorded, and a 写真帳 when photos are
given.

Layout (A4 portrait, pdf_base's header and footer on every page):

1. 作業指示書: number, title, contract, client body, type, priority, status, planned and
   actual dates (令和), assignees, and the description.
2. 対象施設: every asset (code, kind, district, material, diameter, length, installed year);
   the table splits over pages and repeats its header row.
3. 記録済みの所見: the findings recorded so far, if any.
4. 現地記録票 (on a new page): one row per asset with empty cells for 異常項目 and 備考, and
   the ranks a・b・c and urgencies I・II・III to circle; then 作業者 / 確認者 / 日付.
5. 写真帳: photos two by three a page (oneaqita/reports/photo_sheet.py), when given.
"""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)

from oneaqita.fiscal import to_wareki
from oneaqita.labels import label
from oneaqita.permissions import Action, requires
from oneaqita.reports.pdf_base import (
    HEADER_GREY,
    ReportPage,
    build_pdf,
    data_table,
    fit,
    para,
    styles,
    table_style,
)
from oneaqita.reports.photo_sheet import PhotoCard, photo_sheet
from oneaqita.reports.work_order_sheet_data import (
    SheetAsset,
    SheetPhoto,
    WorkOrderSheetData,
    work_order_sheet_data,
)
from oneaqita.services.actor import Actor
from oneaqita.services.attachment_queries import photos_of_work_order
from oneaqita.services.database import Database
from oneaqita.services.users import require_registered

__all__ = ["SHEET_TITLE", "render_work_order_sheet", "work_order_sheet_pdf"]

SHEET_TITLE = "作業指示書"
PRIORITY_JA = {1: "高", 2: "中", 3: "低"}
FORM_BLANK_ROWS = 12  # an order without assets still gets rows to write in
CELL = 8.5  # the tables' font size
ROW = 5 * mm  # a one-line row of the asset table

# Column widths in mm; each table's sum is the frame's 180 mm.
ASSET_COLUMNS = (
    ("No.", 11),
    ("施設番号", 37),
    ("種別", 24),
    ("処理区・地区", 38),
    ("管種", 19),
    ("口径 mm", 16),
    ("延長 m", 18),
    ("布設年", 17),
)
FORM_COLUMNS = (
    ("No.", 11),
    ("施設番号", 37),
    ("異常項目", 40),
    ("ランク", 24),
    ("緊急度", 26),
    ("備考", 42),
)
FINDING_COLUMNS = (("施設番号", 37), ("異常項目", 40), ("ランク", 16), ("緊急度", 16), ("備考", 71))


def _date(d: date | None) -> str:
    return to_wareki(d) if d else "—"


def _span(start: date | None, end: date | None) -> str:
    return "—" if start is None and end is None else f"{_date(start)} 〜 {_date(end)}"


def _priority(p: int) -> str:
    word = PRIORITY_JA.get(p)
    return f"{p} ({word})" if word else str(p)


def _number(value: int | Decimal | None, places: int = 0) -> str:
    return "" if value is None else f"{value:,.{places}f}"


def _widths(columns: Sequence[tuple[str, float]]) -> list[float]:
    return [w * mm for _, w in columns]


def _cells(texts: Sequence[str | None], widths: Sequence[float]) -> list[str]:
    return [fit(t, w - 6, CELL) for t, w in zip(texts, widths, strict=True)]


def _order_table(data: WorkOrderSheetData) -> Table:
    s = styles().cell
    names = "、".join(f"{a.name} ({a.employee_no})" for a in data.assignees) or "—"
    rows = [
        ["作業番号", para(data.number, s), "状態", label(data.status)],
        ["件名", para(data.title, s), "", ""],
        ["契約", para(f"{data.contract_number}　{data.contract_title}", s), "", ""],
        ["委託者", para(data.client_name, s), "作業種別", para(data.type_name_ja, s)],
        [
            "予定期間",
            _span(data.planned_start, data.planned_end),
            "優先度",
            _priority(data.priority),
        ],
        ["実績期間", _span(data.actual_start, data.actual_end), "", ""],
        ["担当者", para(names, s), "", ""],
    ]
    table = Table(rows, colWidths=[24 * mm, 84 * mm, 22 * mm, 50 * mm], hAlign="LEFT")
    style = table_style(header_rows=0, size=9)
    style.add("BACKGROUND", (0, 0), (0, -1), HEADER_GREY)
    for row in (0, 3, 4):  # the rows with a second label
        style.add("BACKGROUND", (2, row), (2, row), HEADER_GREY)
    for row in (1, 2, 5, 6):  # values that take the whole width
        style.add("SPAN", (1, row), (3, row))
    table.setStyle(style)
    return table


def _description(text: str | None) -> Table:
    box = Table([[para(text or "(記載なし)")]], colWidths=[180 * mm], hAlign="LEFT")
    box.setStyle(table_style(header_rows=0))
    return box


def _asset_rows(assets: Sequence[SheetAsset]) -> list[list[str]]:
    widths = _widths(ASSET_COLUMNS)
    rows = [[name for name, _ in ASSET_COLUMNS]]
    for n, a in enumerate(assets, start=1):
        rows.append(
            _cells(
                [
                    str(n),
                    a.code,
                    label(a.kind),
                    a.district,
                    a.material,
                    _number(a.diameter_mm),
                    _number(a.length_m, 2),
                    str(a.installed_year) if a.installed_year else "",
                ],
                widths,
            )
        )
    return rows


def _assets_section(data: WorkOrderSheetData) -> list[Flowable]:
    s = styles()
    total = sum((a.length_m for a in data.assets if a.length_m is not None), Decimal(0))
    heading = f"対象施設 ({len(data.assets):,}件"
    heading += f"、延長計 {total:,.2f} m)" if total else ")"
    story: list[Flowable] = [Paragraph(heading, s.heading)]
    if not data.assets:
        return [*story, para("対象施設はありません。")]
    style = table_style(size=CELL, right=(0, 5, 6, 7))
    rows = _asset_rows(data.assets)  # one line each: a fixed height spares measuring them
    return [*story, data_table(rows, _widths(ASSET_COLUMNS), style=style, row_height=ROW)]


def _findings_section(data: WorkOrderSheetData) -> list[Flowable]:
    if not data.findings:
        return []
    widths = _widths(FINDING_COLUMNS)
    rows: list[list[object]] = [[name for name, _ in FINDING_COLUMNS]]
    for f in data.findings:
        codes = _cells([f.asset_code, f.category], widths[:2])
        urgency = f.urgency.value if f.urgency else "—"
        rows.append([*codes, f.rank.value, urgency, para(f.note, styles().cell)])
    style = table_style(size=CELL, centre=(2, 3))
    return [
        Paragraph(f"記録済みの所見 ({len(data.findings):,}件)", styles().heading),
        data_table(rows, widths, style=style),
    ]


def _form_section(data: WorkOrderSheetData) -> list[Flowable]:
    s = styles()
    widths = _widths(FORM_COLUMNS)
    rows: list[list[object]] = [[name for name, _ in FORM_COLUMNS]]
    codes = [a.code for a in data.assets] or [""] * FORM_BLANK_ROWS
    for n, code in enumerate(codes, start=1):
        number = str(n) if code else ""
        # An empty list draws nothing, where "" would still be set as text (3,000 rows).
        rows.append(
            [number, fit(code, widths[1] - 6, CELL), [], "a ・ b ・ c", "I ・ II ・ III", []]
        )
    style = table_style(size=CELL, right=(0,), centre=(3, 4))
    sign_off = Table(
        [["作業者", "確認者", "日付"], ["", "", ""]],
        colWidths=[36 * mm] * 3,
        rowHeights=[6 * mm, 16 * mm],
        hAlign="RIGHT",
    )
    sign_off.setStyle(table_style(size=9))
    return [
        PageBreak(),
        Paragraph(f"現地記録票　{data.number}", s.heading),
        para(
            "施設ごとに異常項目と備考を記入し、該当するランク・緊急度に○を付けてください。"
            "記入後、作業者と確認者が署名し日付を記入します。",
            s.small,
        ),
        Spacer(1, 2 * mm),
        data_table(rows, widths, style=style, row_height=8 * mm),
        Spacer(1, 5 * mm),
        KeepTogether([CondPageBreak(30 * mm), sign_off]),
    ]


def _photo_cards(photos: Sequence[SheetPhoto]) -> list[PhotoCard]:
    cards = []
    for p in photos:
        grades = []
        if p.rank is not None:
            grades.append(f"ランク {p.rank.value}")
        if p.urgency is not None:
            grades.append(f"緊急度 {p.urgency.value}")
        cards.append(PhotoCard(p.image, f"{p.asset_code}　{p.category}", "　".join(grades)))
    return cards


def render_work_order_sheet(
    data: WorkOrderSheetData, photos: Sequence[SheetPhoto] = (), issued: date | None = None
) -> bytes:
    """The sheet of ``data`` as PDF bytes, issued on ``issued`` (default today), with a
    写真帳 of ``photos`` when there are any."""
    s = styles()
    story: list[Flowable] = [
        Paragraph(SHEET_TITLE, s.title),
        _order_table(data),
        Paragraph("作業内容", s.heading),
        _description(data.description),
        *_assets_section(data),
        *_findings_section(data),
        *_form_section(data),
        *photo_sheet(_photo_cards(photos)),
    ]
    page = ReportPage(SHEET_TITLE, issued or date.today(), reference=data.number)
    return build_pdf(story, page)


@requires(Action.READ_LISTS)
def work_order_sheet_pdf(
    db: Database,
    actor: Actor,
    number: str,
    photos: Sequence[SheetPhoto] | None = None,
    issued: date | None = None,
) -> bytes:
    """The sheet of the order numbered ``number`` as PDF bytes (NotFound when there is
    none); for registered, active users, as exports are. Its 写真帳 holds the photos attached
    to the order's findings unless ``photos`` are given."""
    require_registered(actor)
    data = work_order_sheet_data(db, number)
    if photos is None:
        photos = stored_photos(db, data.id)
    return render_work_order_sheet(data, photos, issued)


def stored_photos(db: Database, work_order_id: int) -> list[SheetPhoto]:
    """The images attached to the order's findings, as the photo sheet prints them."""
    return [
        SheetPhoto(p.asset_code, p.category, p.rank, p.urgency, p.content)
        for p in photos_of_work_order(db, work_order_id)
    ]
