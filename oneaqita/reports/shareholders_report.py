"""The report to the shareholders (株主向け事業報告) as PDF, laid out as comparable bodies
publish theirs (DESIGN.md, "Reports"): a cover; the contents with page numbers; 1 会社概要
with the shareholder register; 2 職員の状況; 3 主要指標 against last year; 4 受託実績 per client
body and per service, with charts; 5 KPI (目標 / 実績 / 達成); 6 資産の状況 by 緊急度 per body,
with a stacked chart; 7 one page per shareholder body (statement_report.body_section). The
figures and their definitions are shareholders_figures'. A4 portrait; every page carries the
title, the period, the date of issue in 令和 and "n / N"."""

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer

from oneaqita.fiscal import to_wareki
from oneaqita.labels import label
from oneaqita.models import OrganizationKind
from oneaqita.reports.pdf_base import HEADER_GREY, build_pdf, data_table, fit, styles, table_style
from oneaqita.reports.shareholders_charts import paired_bars, stacked_bars
from oneaqita.reports.shareholders_contents import ContentsPage, Marker, PageNumbers, PageRef
from oneaqita.reports.shareholders_figures import ShareholdersFigures
from oneaqita.reports.shareholders_format import (
    NONE,
    WORK_HEADER,
    WORK_NOTE,
    change,
    count,
    one_place,
    pct,
    work_cells,
    work_style,
    work_widths,
)
from oneaqita.reports.shareholders_kpi import NOT_COMPUTED
from oneaqita.reports.statement_report import body_section, condition_table

__all__ = ["SECTIONS", "TITLE", "render_shareholders_pdf"]

TITLE = "株主向け事業報告"
SECTIONS = (
    ("company", "1 会社概要"),
    ("staff", "2 職員の状況"),
    ("key", "3 主要指標"),
    ("work", "4 受託実績"),
    ("kpi", "5 KPI (目標・実績・達成状況)"),
    ("assets", "6 資産の状況"),
    ("bodies", "7 株主団体別の事業実施状況"),
)
WIDTH = 180 * mm


def _heading(numbers: PageNumbers, key: str) -> list[Flowable]:
    name = dict(SECTIONS)[key]
    return [Marker(numbers, key), Paragraph(name, styles().title)]


def _cover(f: ShareholdersFigures) -> list[Flowable]:
    s = styles()
    big = ParagraphStyle("cover", parent=s.title, fontSize=26, leading=36)
    sub = ParagraphStyle("cover_sub", parent=s.title, fontSize=15, leading=22)
    line = ParagraphStyle("cover_line", parent=s.body, fontSize=11, leading=18, alignment=TA_CENTER)
    return [
        Spacer(1, 60 * mm),
        Paragraph(f.period.label_long, sub),
        Paragraph(TITLE, big),
        Spacer(1, 8 * mm),
        Paragraph(f"対象期間　{f.period.dates}", line),
        Spacer(1, 70 * mm),
        Paragraph(f"{to_wareki(f.issued)}", line),
        Paragraph(f.company.name, sub),
        PageBreak(),
    ]


def _contents(numbers: PageNumbers) -> list[Flowable]:
    s = styles()
    rows = [[Paragraph(name, s.body), PageRef(numbers, key, 20 * mm)] for key, name in SECTIONS]
    style = table_style(0, 10)
    style.add("LINEBELOW", (0, 0), (-1, -1), 0.3, HEADER_GREY)
    style.add("GRID", (0, 0), (-1, -1), 0, "#FFFFFF")
    style.add("LINEBELOW", (0, 0), (-1, -1), 0.4, "#B0B8C4")
    style.add("TOPPADDING", (0, 0), (-1, -1), 5)
    style.add("BOTTOMPADDING", (0, 0), (-1, -1), 5)
    return [
        Paragraph("目次", s.title),
        Spacer(1, 6 * mm),
        data_table(rows, [140 * mm, 24 * mm], 0, style),
        Spacer(1, 8 * mm),
        Paragraph(
            "資産の更新需要の見通し (改築需要) は別冊「更新需要見通し」で報告します。", s.small
        ),
        PageBreak(),
    ]


def _company(f: ShareholdersFigures, numbers: PageNumbers) -> list[Flowable]:
    s, c = styles(), f.company
    reg = c.register
    facts = [
        ["商号", c.name],
        ["所在地", c.location],
        ["設立", to_wareki(c.founded)],
        ["事業開始", to_wareki(c.started)],
        ["資本金", f"{c.capital_yen:,}円"],
        ["発行済株式総数", f"{reg.total_shares:,}株"],
        ["株主数", f"{len(reg.rows)}者 (公共 {c.public.holders}団体、民間 {c.sides[3].holders}社)"],
        ["事業内容", Paragraph(c.business, s.cell)],
    ]
    style = table_style(0, 9)
    style.add("BACKGROUND", (0, 0), (0, -1), HEADER_GREY)
    out = [*_heading(numbers, "company"), data_table(facts, [36 * mm, 144 * mm], 0, style)]
    sides = [["区分", "株主数", "株式数", "出資額 (円)", "持株比率"]]
    sides += [
        [x.label, count(x.holders), count(x.shares), count(x.capital_yen), pct(x.percent, 2)]
        for x in c.sides
    ]
    sides.append(["合計", count(len(reg.rows)), count(reg.total_shares),
                  count(reg.total_capital_yen), pct(reg.total_percent, 2)])  # fmt: skip
    side_style = table_style(1, 9, right=range(1, 5))
    for r in (3, 5):
        side_style.add("BACKGROUND", (0, r), (-1, r), HEADER_GREY)
    out += [
        Paragraph(f"株主構成 ({to_wareki(reg.as_of)}現在)", s.heading),
        data_table(sides, [50 * mm, 25 * mm, 30 * mm, 40 * mm, 35 * mm], 1, side_style),
        Paragraph("株主名簿", s.heading),
    ]
    rows = [["コード", "株主", "区分", "株式数", "出資額 (円)", "持株比率"]]
    for r in reg.rows:
        rows.append(
            [r.code, fit(r.name_ja, 70 * mm - 6, 8), label(r.kind), count(r.shares),
             count(r.capital_yen), pct(r.percent, 2)]  # fmt: skip
        )
    rows.append(["", "合計", "", count(reg.total_shares), count(reg.total_capital_yen),
                 pct(reg.total_percent, 2)])  # fmt: skip
    reg_style = table_style(1, 8, right=(3, 4, 5))
    reg_style.add("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), HEADER_GREY)
    widths = [20 * mm, 70 * mm, 20 * mm, 22 * mm, 28 * mm, 20 * mm]
    out.append(data_table(rows, widths, 1, reg_style))
    note = "持株比率は小数第3位以下を最大剰余法で配分し、合計が100.00%になるよう表示しています。"
    if any(r.kind is OrganizationKind.PARTNER for r in reg.rows):
        note += "民間株主の名称はデモデータの架空の会社です。"
    out += [Paragraph(note, s.small), PageBreak()]
    return out


def _staff(f: ShareholdersFigures, numbers: PageNumbers) -> list[Flowable]:
    s, st = styles(), f.staff
    rows = [["区分", "在籍派遣", "退職派遣", "出向", "計", "前年同日", "増減"]]
    for r in st.rows:
        kinds = [NONE, NONE, NONE] if r.origin == "固有職員" else [count(n) for n in r.by_kind]
        rows.append([r.origin, *kinds, count(r.total), count(r.previous_total),
                     change(r.total, r.previous_total)])  # fmt: skip
    rows.append(["合計", count(sum(r.by_kind[0] for r in st.rows)),
                 count(sum(r.by_kind[1] for r in st.rows)), count(sum(r.by_kind[2] for r in st.rows)),
                 count(st.total), count(st.previous_total), change(st.total, st.previous_total)])  # fmt: skip
    style = table_style(1, 9, right=range(1, 7))
    style.add("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), HEADER_GREY)
    return [
        *_heading(numbers, "staff"),
        Paragraph(
            f"{to_wareki(st.on)}現在の職員数 (前年同日 {to_wareki(st.previous_on)})", s.heading
        ),
        data_table(rows, [40 * mm] + [23 * mm] * 6, 1, style),
        Paragraph(
            "県派遣・市町村派遣は公益的法人等派遣法による派遣 (在籍派遣は派遣元の職を保ったまま、"
            "退職派遣は派遣元を退職して当社に採用)、出向は民間株主からの在籍出向、固有職員は当社が"
            "直接雇用する職員です。データには役員と職員の区別がないため、職員のみを示します。",
            s.small,
        ),
        Spacer(1, 6 * mm),
        paired_bars(
            WIDTH,
            [r.origin for r in st.rows],
            [r.total for r in st.rows],
            [r.previous_total for r in st.rows],
            "職員数 (区分別、名)",
            ("今期末", "前年同日"),
        ),
    ]


def _key(f: ShareholdersFigures, numbers: PageNumbers) -> list[Flowable]:
    s = styles()
    rows = [["指標", "単位", "今期", "前年同期", "増減", "増減率"]]
    for k in f.key_figures:
        places = 0 if k.unit in ("件", "千円", "名") else (1 if k.unit == "人日" else 2)
        shown = f"{{:,.{places}f}}"
        rows.append([k.name, k.unit, shown.format(k.current), shown.format(k.previous),
                     change(k.current, k.previous, places), pct(k.change_pct)])  # fmt: skip
    return [
        CondPageBreak(90 * mm),
        *_heading(numbers, "key"),
        Paragraph(f"{f.period.label}と前年同期 ({f.period.previous.label}) の比較", s.heading),
        data_table(
            rows, [52 * mm, 16 * mm, 28 * mm, 28 * mm, 28 * mm, 28 * mm], 1,
            table_style(1, 9, right=range(2, 6)),
        ),  # fmt: skip
        Paragraph(
            "職員数は期末 (期間中は作成日) 現在。延長の定義は受託実績・KPIの各注記のとおり。",
            s.small,
        ),
        PageBreak(),
    ]


def _work(f: ShareholdersFigures, numbers: PageNumbers) -> list[Flowable]:
    s = styles()
    widths = work_widths(36)
    rows: list[list[str]] = [list(WORK_HEADER[0]), list(WORK_HEADER[1])]
    rows[0][0] = "委託団体"
    for b in f.by_body:
        rows.append([fit(b.name, widths[0] - 6, 8), *work_cells(b.current, b.previous)])
    rows.append(["合計", *work_cells(f.total, f.previous_total)])
    out: list[Flowable] = [
        *_heading(numbers, "work"),
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
    rows = [["指標", "単位", f"目標 ({f.period.fiscal_year}年度)", "実績", "達成率"]]
    for k in f.kpis:
        places = 0 if k.unit == "件" else 2
        fmt = f"{{:,.{places}f}}"
        target = NONE if k.target is None else fmt.format(k.target)
        rows.append([k.name, k.unit, target, fmt.format(k.actual), pct(k.achieved_pct)])
    quarter = (
        "四半期の報告では、四半期の実績を年度目標に対して示します (年度目標への進捗)。"
        if f.period.quarter
        else ""
    )
    return [
        *_heading(numbers, "kpi"),
        data_table(rows, [62 * mm, 18 * mm, 36 * mm, 36 * mm, 28 * mm], 1,
                   table_style(1, 9, right=(2, 3, 4))),  # fmt: skip
        Paragraph(
            "目標は年度ごとに管理職が設定した値、実績はデータから集計した値、達成率 = 実績 ÷ 目標。"
            "点検・調査延長: 期間内に完了した点検・TVカメラ調査の対象管路。緊急度別延長: 期間内に"
            "調査した管路のうち、最新の調査の判定がその緊急度のもの。検収件数: 期間内に検収された"
            "作業。計画・戦略策定件数: 完了した経営戦略策定支援・ストックマネジメント計画策定。"
            f"研修時間: 研修として記録された時間。{quarter}"
            f"{'・'.join(NOT_COMPUTED)}は、算定の基礎となるデータを記録していないため掲載していません。",
            s.small,
        ),
        PageBreak(),
    ]


def _assets(f: ShareholdersFigures, numbers: PageNumbers) -> list[Flowable]:
    s = styles()
    rows = [
        ["所有団体", "施設数", "", "", "", "", "管路延長 (km)", "", "", ""],
        ["", "I", "II", "III", "未判定", "計", "I", "II", "III", "計"],
    ]
    for _, name, r in f.conditions:
        rows.append([fit(name, 34 * mm - 6, 8), *[count(n) for n in r.counts], count(r.count),
                     *[one_place(k) for k in r.km[:3]], one_place(r.total_km)])  # fmt: skip
    t = f.condition_total
    rows.append(["合計", *[count(n) for n in t.counts], count(t.count),
                 *[one_place(k) for k in t.km[:3]], one_place(t.total_km)])  # fmt: skip
    style = table_style(2, 8, right=range(1, 10))
    style.add("SPAN", (0, 0), (0, 1))
    style.add("SPAN", (1, 0), (5, 0))
    style.add("SPAN", (6, 0), (9, 0))
    style.add("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), HEADER_GREY)
    names = [name for _, name, _ in f.conditions]
    series = [[float(r.km[i]) for _, _, r in f.conditions] for i in range(3)]
    return [
        *_heading(numbers, "assets"),
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
        stacked_bars(WIDTH, names, series, ["緊急度I", "緊急度II", "緊急度III"],
                     "緊急度別の管路延長 (所有団体別、km)"),  # fmt: skip
        PageBreak(),
    ]


def _bodies(f: ShareholdersFigures, numbers: PageNumbers) -> list[Flowable]:
    s = styles()
    out: list[Flowable] = [
        *_heading(numbers, "bodies"),
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
        rows.append([b.code, b.name, share, count(b.total.orders),
                     count(b.total.amount_thousand), f"{b.seconded}名"])  # fmt: skip
    out += [
        data_table(rows, [22 * mm, 48 * mm, 24 * mm, 24 * mm, 36 * mm, 26 * mm], 1,
                   table_style(1, 8, right=range(2, 6))),  # fmt: skip
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
        *_cover(f),
        *_contents(numbers),
        *_company(f, numbers),
        *_staff(f, numbers),
        *_key(f, numbers),
        *_work(f, numbers),
        *_kpi(f, numbers),
        *_assets(f, numbers),
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
