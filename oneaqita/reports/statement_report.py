"""The statement per body (団体別 事業実施状況): one public body's page of the report to the
shareholders, as its own PDF for the yearly meeting, and as CSV. The figures and their
definitions are shareholders_figures'.

The page: the body's holding and the people it has seconded; its 受託実績 by service, this
period beside last year's; its contracts in force in the period (at most CONTRACT_ROWS, the
rest counted); the condition of its assets in service by 緊急度; and its renewal outlook
(km of pipe past service life now, in 10 and 20 years, and the 改築需要 per fiscal year)."""

from datetime import date
from decimal import Decimal
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, TableStyle

from oneaqita.fiscal import to_wareki
from oneaqita.reports.pdf_base import (
    ReportPage,
    build_pdf,
    data_table,
    fit,
    para,
    register_font,
    styles,
    table_style,
)
from oneaqita.reports.report_files import write_csv
from oneaqita.reports.report_period import ReportPeriod
from oneaqita.reports.shareholders_assets import ConditionRow
from oneaqita.reports.shareholders_charts import outlook_columns, paired_bars
from oneaqita.reports.shareholders_figures import BodyStatement, Statement
from oneaqita.reports.shareholders_format import (
    WORK_HEADER,
    WORK_NOTE,
    count,
    one_place,
    work_cells,
    work_style,
    work_widths,
)
from oneaqita.reports.shareholders_outlook import REPORT_YEARS, OutlookSummary
from oneaqita.values import Cell

__all__ = [
    "CONTRACT_ROWS",
    "CSV_HEADER",
    "TITLE",
    "body_section",
    "condition_table",
    "outlook_chart",
    "past_life_table",
    "render_statement_pdf",
    "statement_csv_rows",
    "write_statement_csv",
]

TITLE = "団体別 事業実施状況"
CONTRACT_ROWS = 12
CONDITION_HEADER = ["", "緊急度I", "緊急度II", "緊急度III", "未判定", "計"]
PAST_LIFE_HEADER = ("現在", "10年後", "20年後")


def km_two(km: Decimal) -> str:
    return f"{km:,.2f}"


def past_life_table(rows: list[tuple[str, OutlookSummary]], label_mm: float = 60) -> Flowable:
    """Per label (a body, or the whole area), the km of pipe past service life now, in 10
    and in 20 years, and the 50-year 改築需要."""
    y = rows[0][1].first_year if rows else 0
    table: list[list[str]] = [
        ["", *(f"{h} ({y + a}年度)" for h, a in zip(PAST_LIFE_HEADER, (0, 10, 20), strict=True))]
        + ["改築需要 50年計\n(百万円)"]
    ]
    for label, o in rows:
        table.append(
            [fit(label, label_mm * mm - 6, 8), *(km_two(k) for k in o.past_life_km)]
            + [one_place(o.total_million)]
        )
    rest = (180 - label_mm) / 4
    return data_table(table, [label_mm * mm] + [rest * mm] * 4, 1, table_style(1, 8, range(1, 5)))


def outlook_chart(
    o: OutlookSummary, title: str, height: float = 150, width: float = 180 * mm
) -> Flowable:
    """The 改築需要 per fiscal year (百万円) over REPORT_YEARS years, the levelled line over it."""
    line = None
    if o.budget_million is not None:
        line = [float(y.levelled_million or 0) for y in o.years]
    return outlook_columns(
        width,
        [y.fiscal_year for y in o.years],
        [float(y.cost_million) for y in o.years],
        line,
        title,
        height=height,
    )


def _body_outlook(o: OutlookSummary) -> list[Flowable]:
    """A body's page: its km past life (a narrow table) beside its 改築需要 chart, and a
    one-line note — the page keeps to one sheet (the full definitions are in section 7)."""
    rows = [["耐用年数を過ぎる管路延長", "km"]]
    for h, a, km in zip(PAST_LIFE_HEADER, (0, 10, 20), o.past_life_km, strict=True):
        rows.append([f"{h} ({o.first_year + a}年度)", km_two(km)])
    rows.append(["改築需要 50年計 (百万円)", one_place(o.total_million)])
    left = data_table(rows, [40 * mm, 18 * mm], 1, table_style(1, 8, (1,)))
    chart = outlook_chart(o, "改築需要 (百万円/年)", 80, 118 * mm)
    note = Paragraph(
        f"布設年度 + 耐用年数の年度に改築するとした需要 ({o.first_year}年度は未改築分を含む)。"
        "線は50年の需要を年平均の予算で平準化した支出。",
        styles().small,
    )
    # The grid's own font too: a table left in Helvetica puts an unembedded font in the file.
    flat = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (-1, -1), register_font(), 8)]
    flat += [
        (side, (0, 0), (-1, -1), 0)
        for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")
    ]
    # A list, not a KeepTogether: nested in the caller's one, it would always move on.
    return [data_table([[left, chart]], [62 * mm, 118 * mm], 0, TableStyle(flat)), note]


def outlook_note(o: OutlookSummary) -> str:
    level = (
        f"線は同じ50年の需要を年 {one_place(o.budget_million)} 百万円 (50年平均) の予算で"
        "平準化した場合の各年度の支出。"
        if o.budget_million is not None
        else ""
    )
    return (
        "供用中の施設について、布設年度 + 耐用年数 (施設の値、団体の目標耐用年数、"
        f"標準耐用年数の順) を迎える年度に改築するとした需要。{o.first_year}年度には"
        f"既に耐用年数を過ぎた施設の改築 (未改築分) を含みます。{level}"
        "延長は管路の延長で、その年度までに耐用年数を過ぎる延長 (改築前)。"
        f"グラフは{REPORT_YEARS}年度分。"
    )


def holding_text(body: BodyStatement, as_of: date) -> str:
    if body.holding is None:
        return f"株式: 保有なし ({to_wareki(as_of)}現在)"
    h = body.holding
    return (
        f"株式: {h.shares:,}株 (持株比率 {h.percent:.2f}%)　出資額 {h.capital_yen:,}円"
        f"　({to_wareki(as_of)}現在)"
    )


def condition_table(row: ConditionRow, label_mm: float = 40) -> Flowable:
    """Counts and pipe km of one owner (or all) by 緊急度, with the totals."""
    rows = [
        CONDITION_HEADER,
        ["施設数"] + [count(n) for n in row.counts] + [count(row.count)],
        ["管路延長 (km)"] + [one_place(k) for k in row.km] + [one_place(row.total_km)],
    ]
    rest = (180 - label_mm) / 5
    return data_table(rows, [label_mm * mm] + [rest * mm] * 5, 1, table_style(1, 8, range(1, 6)))


def _work_table(body: BodyStatement) -> Flowable:
    widths = work_widths(44)
    rows: list[list[str]] = [list(WORK_HEADER[0]), list(WORK_HEADER[1])]
    rows[0][0] = "業務"
    for line in body.services:
        rows.append([fit(line.name, widths[0] - 6, 8), *work_cells(line.current, line.previous)])
    rows.append(["合計", *work_cells(body.total, body.previous_total)])
    return data_table(rows, widths, 2, work_style(len(rows)))


def _amount_chart(body: BodyStatement) -> Flowable:
    lines = body.services
    return paired_bars(
        180 * mm,
        [line.name for line in lines],
        [line.current.amount_thousand for line in lines],
        [line.previous.amount_thousand for line in lines],
        "受託金額 (千円、業務別)",
    )


def _contracts(body: BodyStatement) -> list[Flowable]:
    s = styles()
    if not body.contracts:
        return [Paragraph("期間内に履行中の契約はありません。", s.body)]
    widths = [26 * mm, 96 * mm, 32 * mm, 26 * mm]
    rows = [["契約番号", "件名", "契約期間", "契約金額 (円)"]]
    for c in body.contracts[:CONTRACT_ROWS]:
        rows.append(
            [
                c.number,
                fit(c.title, widths[1] - 6, 8),
                f"{to_wareki(c.start)}〜\n{to_wareki(c.end)}",
                f"{c.amount_yen:,}",
            ]
        )
    out: list[Flowable] = [data_table(rows, widths, 1, table_style(1, 8, right=(3,)))]
    more = len(body.contracts) - CONTRACT_ROWS
    if more > 0:
        out.append(Paragraph(f"ほか {more} 件 (計 {len(body.contracts)} 件)", s.small))
    return out


def body_section(period: ReportPeriod, as_of: date, body: BodyStatement) -> list[Flowable]:
    """The body's page: its heading, holding, work, contracts and assets."""
    s = styles()
    head = para(f"{body.name} ({body.code})　{period.label}の事業実施状況", s.title)
    out: list[Flowable] = [
        head,
        para(holding_text(body, as_of), s.body),
        Paragraph(f"当社への派遣職員: {body.seconded}名 ({to_wareki(as_of)}現在)", s.body),
        Paragraph("受託実績 (業務別)", s.heading),
    ]
    if body.services:
        out.append(_work_table(body))
    else:
        out.append(Paragraph("今期・前年同期とも受託実績はありません。", s.body))
    out.append(Paragraph(WORK_NOTE, s.small))
    if body.services:
        out += [Spacer(1, 3 * mm), _amount_chart(body)]
    out += [Paragraph("履行中の契約", s.heading), *_contracts(body)]
    out += [
        KeepTogether(
            [
                Paragraph("保有施設の状態 (供用中、作成日時点)", s.heading),
                condition_table(body.condition),
                Paragraph(
                    "状態は最新の調査の所見から当社の判定規則 (緊急度I: 速やかに措置、II: "
                    "5年程度以内に措置、III: 監視) で求めたものです。"
                    "未判定は調査の所見がない施設。",
                    s.small,
                ),
            ]
        ),
        # Kept whole: on a full page it moves to the next sheet rather than split.
        KeepTogether([Paragraph("改築需要の見通し", s.heading), *_body_outlook(body.outlook)]),
    ]
    return out


def render_statement_pdf(statement: Statement) -> bytes:
    """The body's statement as its own PDF (A4 portrait)."""
    page = ReportPage(
        TITLE,
        statement.issued,
        reference=f"{statement.body.name}　{statement.period.label}",
        period=statement.period.dates,
        author=statement.company_name,
    )
    story = body_section(statement.period, statement.as_of, statement.body)
    return build_pdf(story, page, A4)


CSV_HEADER = [
    "団体コード",
    "団体",
    "区分",
    "項目",
    "件数",
    "金額 (円)",
    "延長 (km)",
    "人日",
    "前年同期 件数",
    "前年同期 金額 (円)",
    "前年同期 延長 (km)",
    "前年同期 人日",
]


def statement_csv_rows(statement: Statement) -> list[list[Cell]]:
    """The statement's rows: the work by service and its total, each contract, the assets
    by 緊急度 (amounts in yen, not 千円: a spreadsheet sums them)."""
    b = statement.body
    head: list[Cell] = [b.code, b.name]
    rows: list[list[Cell]] = []
    for line in b.services:
        cur, prev = line.current, line.previous
        rows.append(
            [
                *head,
                "受託実績",
                line.name,
                cur.orders,
                cur.amount_yen,
                float(cur.km),
                float(cur.person_days),
            ]
            + [prev.orders, prev.amount_yen, float(prev.km), float(prev.person_days)]
        )
    t, p = b.total, b.previous_total
    rows.append(
        [*head, "受託実績", "合計", t.orders, t.amount_yen, float(t.km), float(t.person_days)]
        + [p.orders, p.amount_yen, float(p.km), float(p.person_days)]
    )
    for c in b.contracts:
        item = f"{c.number} {c.title} ({c.start.isoformat()}〜{c.end.isoformat()})"
        rows.append([*head, "契約", item, None, c.amount_yen, *[None] * 6])
    for name, n, km in zip(CONDITION_HEADER[1:5], b.condition.counts, b.condition.km, strict=True):
        rows.append([*head, "施設の状態", name, n, None, float(km), *[None] * 5])
    for name, km in zip(PAST_LIFE_HEADER, b.outlook.past_life_km, strict=True):
        item = f"耐用年数を過ぎる管路延長 {name}"
        rows.append([*head, "改築需要", item, None, None, float(km), *[None] * 5])
    rows.append([*head, "改築需要", "改築需要 50年計", None, b.outlook.total_yen] + [None] * 6)
    if b.holding is not None:
        rows.append([*head, "株式", "持株数", b.holding.shares, b.holding.capital_yen])
        rows[-1] += [None] * (len(CSV_HEADER) - len(rows[-1]))
    rows.append([*head, "派遣職員", "派遣職員数", b.seconded, *[None] * 7])
    return rows


def write_statement_csv(statement: Statement, path: Path) -> int:
    """The statement as CSV at ``path``; the number of rows after the header."""
    title = f"{TITLE} {statement.body.name} {statement.period.label}"
    return write_csv(path, title, CSV_HEADER, statement_csv_rows(statement))
