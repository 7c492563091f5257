"""The report to the shareholders (株主向け事業報告) as PDF, laid out as comparable bodies
publish theirs (DESIGN.md, "Reports"): a cover; the contents with page numbers; 1 会社概要
with the shareholder register; 2 職員の状況; 3 主要指標 against last year (these three in
shareholders_front.py); 4 受託実績 per client body and per service, with charts; 5 KPI
(目標 / 実績 / 達成); 6 資産の状況 by 緊急度 per body, with a stacked chart; 7 施設の状況と
改築需要 (km past service life now / +10 / +20 for the area and per shareholder body, the
改築需要 per fiscal year as columns with the levelled line); 8 one page per shareholder body
(statement_report.body_section). The figures and their definitions are
shareholders_figures'. A4 portrait; every page carries the title, the period, the date of
issue in 令和 and "n / N"."""

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from oneaqita.reports.pdf_base import HEADER_GREY, build_pdf, data_table, fit, styles, table_style
from oneaqita.reports.shareholders_charts import paired_bars, stacked_bars
from oneaqita.reports.shareholders_contents import ContentsPage, PageNumbers
from oneaqita.reports.shareholders_figures import ShareholdersFigures
from oneaqita.reports.shareholders_format import (
    NONE,
    WORK_HEADER,
    WORK_NOTE,
    count,
    one_place,
    pct,
    work_cells,
    work_style,
    work_widths,
)
from oneaqita.reports.shareholders_front import (
    SECTIONS,
    TITLE,
    WIDTH,
    company,
    contents,
    cover,
    heading,
    key_figures,
    staff,
)
from oneaqita.reports.shareholders_kpi import KPI_NOTE
from oneaqita.reports.statement_report import (
    body_section,
    condition_table,
    outlook_chart,
    outlook_note,
    past_life_table,
)
from oneaqita.services.kpi_targets import kpi_places

__all__ = ["SECTIONS", "TITLE", "render_shareholders_pdf"]


def _work(f: ShareholdersFigures, numbers: PageNumbers) -> list[Flowable]:
    s = styles()
    widths = work_widths(36)
    rows: list[list[str]] = [list(WORK_HEADER[0]), list(WORK_HEADER[1])]
    rows[0][0] = "委託団体"
    for b in f.by_body:
        rows.append([fit(b.name, widths[0] - 6, 8), *work_cells(b.current, b.previous)])
    rows.append(["合計", *work_cells(f.total, f.previous_total)])
    out: list[Flowable] = [
        *heading(numbers, "work"),
        Paragraph("委託団体別", s.heading),
        data_table(rows, widths, 2, work_style(len(rows))),
        Paragraph(WORK_NOTE, s.small),
        Spacer(1, 4 * mm),
        paired_bars(
            WIDTH,
            [b.name for b in f.by_body],
            [b.current.amount_thousand for b in f.by_body],
            [b.previous.amount_thousand for b in f.by_body],
            "受託金額 (委託団体別、千円)",
        ),
        PageBreak(),
    ]
    widths = work_widths(44)
    rows = [list(WORK_HEADER[0]), list(WORK_HEADER[1])]
    rows[0][0] = "業務"
    for line in f.by_service:
        rows.append([fit(line.name, widths[0] - 6, 8), *work_cells(line.current, line.previous)])
    rows.append(["合計", *work_cells(f.total, f.previous_total)])
    out += [
        Paragraph("業務別", s.heading),
        data_table(rows, widths, 2, work_style(len(rows))),
        Spacer(1, 4 * mm),
        paired_bars(
            WIDTH,
            [line.name for line in f.by_service],
            [line.current.orders for line in f.by_service],
            [line.previous.orders for line in f.by_service],
            "受託件数 (業務別、件)",
        ),
        PageBreak(),
    ]
    return out


def _kpi(f: ShareholdersFigures, numbers: PageNumbers) -> list[Flowable]:
    s = styles()
    rows = [
        ["指標", "単位", f"目標 ({f.period.fiscal_year}年度)", "実績", "達成率", "前年同期実績"]
    ]
    for k in f.kpis:
        places = kpi_places(k.kpi)
        fmt = f"{{:,.{places}f}}"
        target = NONE if k.target is None else fmt.format(k.target)
        rows.append(
            [
                k.name,
                k.unit,
                target,
                fmt.format(k.actual),
                pct(k.achieved_pct),
                fmt.format(k.previous),
            ]
        )
    quarter = (
        "四半期の報告では、四半期の実績を年度目標に対して示します (年度目標への進捗)。"
        if f.period.quarter
        else ""
    )
    return [
        *heading(numbers, "kpi"),
        data_table(
            rows,
            [54 * mm, 14 * mm, 30 * mm, 30 * mm, 22 * mm, 30 * mm],
            1,
            table_style(1, 9, right=(2, 3, 4, 5)),
        ),
        Paragraph(KPI_NOTE + quarter, s.small),
        PageBreak(),
    ]


def _assets(f: ShareholdersFigures, numbers: PageNumbers) -> list[Flowable]:
    s = styles()
    rows = [
        ["所有団体", "施設数", "", "", "", "", "管路延長 (km)", "", "", ""],
        ["", "I", "II", "III", "未判定", "計", "I", "II", "III", "計"],
    ]
    for _, name, r in f.conditions:
        rows.append(
            [
                fit(name, 34 * mm - 6, 8),
                *[count(n) for n in r.counts],
                count(r.count),
                *[one_place(k) for k in r.km[:3]],
                one_place(r.total_km),
            ]
        )
    t = f.condition_total
    rows.append(
        [
            "合計",
            *[count(n) for n in t.counts],
            count(t.count),
            *[one_place(k) for k in t.km[:3]],
            one_place(t.total_km),
        ]
    )
    style = table_style(2, 8, right=range(1, 10))
    style.add("SPAN", (0, 0), (0, 1))
    style.add("SPAN", (1, 0), (5, 0))
    style.add("SPAN", (6, 0), (9, 0))
    style.add("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), HEADER_GREY)
    names = [name for _, name, _ in f.conditions]
    series = [[float(r.km[i]) for _, _, r in f.conditions] for i in range(3)]
    return [
        *heading(numbers, "assets"),
        Paragraph("全体 (供用中の施設、作成日時点)", s.heading),
        condition_table(t),
        Paragraph("所有団体別 (緊急度別)", s.heading),
        data_table(rows, [34 * mm] + [14.6 * mm] * 5 + [19 * mm] * 4, 2, style),
        Paragraph(
            "緊急度は最新の調査の所見から当社の判定規則で求めたもの (I: 速やかに措置、II: 5年程度"
            "以内に措置、III: 監視)。未判定は所見のない施設。管路延長の計は未判定を含みます。",
            s.small,
        ),
        Spacer(1, 4 * mm),
        stacked_bars(
            WIDTH,
            names,
            series,
            ["緊急度I", "緊急度II", "緊急度III"],
            "緊急度別の管路延長 (所有団体別、km)",
        ),
        PageBreak(),
    ]


def _outlook(f: ShareholdersFigures, numbers: PageNumbers) -> list[Flowable]:
    s = styles()
    o = f.outlook
    return [
        *heading(numbers, "outlook"),
        Paragraph(f"耐用年数を過ぎる管路延長 (km、{o.first_year}年度から)", s.heading),
        past_life_table([("全体 (全所有団体)", o), *((b.name, b.outlook) for b in f.bodies)], 48),
        Spacer(1, 4 * mm),
        Paragraph("改築需要の見通し (全体)", s.heading),
        outlook_chart(o, "改築需要 (百万円/年、全所有団体)"),
        Paragraph(outlook_note(o), s.small),
        PageBreak(),
    ]


def _bodies(f: ShareholdersFigures, numbers: PageNumbers) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [
        *heading(numbers, "bodies"),
        Paragraph(
            "株主である県・市町村ごとに、当社が今期に実施した業務、履行中の契約、保有施設の状態を"
            "次ページ以降に1団体1ページで示します。",
            s.body,
        ),
        Spacer(1, 4 * mm),
    ]
    rows = [["コード", "団体", "持株比率", "受託件数", "受託金額 (千円)", "派遣職員"]]
    for b in f.bodies:
        share = NONE if b.holding is None else pct(b.holding.percent, 2)
        rows.append(
            [
                b.code,
                b.name,
                share,
                count(b.total.orders),
                count(b.total.amount_thousand),
                f"{b.seconded}名",
            ]
        )
    out += [
        data_table(
            rows,
            [22 * mm, 48 * mm, 24 * mm, 24 * mm, 36 * mm, 26 * mm],
            1,
            table_style(1, 8, right=range(2, 6)),
        ),
        PageBreak(),
    ]
    for i, body in enumerate(f.bodies):
        if i:
            out.append(PageBreak())
        out += body_section(f.period, f.as_of, body)
    return out


def render_shareholders_pdf(f: ShareholdersFigures) -> bytes:
    """The report as PDF bytes (A4 portrait), laid out in one pass."""
    numbers = PageNumbers()
    story = [
        *cover(f),
        *contents(numbers),
        *company(f, numbers),
        *staff(f, numbers),
        *key_figures(f, numbers),
        *_work(f, numbers),
        *_kpi(f, numbers),
        *_assets(f, numbers),
        *_outlook(f, numbers),
        *_bodies(f, numbers),
    ]
    page = ContentsPage(
        TITLE,
        f.issued,
        reference=f"{f.company.name}　{f.period.label}",
        period=f.period.dates,
        author=f.company.name,
        numbers=numbers,
    )
    return build_pdf(story, page, A4)
