"""The front of the report to the shareholders (shareholders_report.py): the cover, the
contents (page numbers filled in at save time: shareholders_contents.py), 1 会社概要 with the
register and its public and partner side, 2 職員の状況 by origin, 3 主要指標 against the same
period a year earlier."""

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer

from oneaqita.fiscal import to_wareki
from oneaqita.labels import label
from oneaqita.models import OrganizationKind
from oneaqita.reports.pdf_base import HEADER_GREY, data_table, fit, para, styles, table_style
from oneaqita.reports.shareholders_charts import paired_bars
from oneaqita.reports.shareholders_contents import Marker, PageNumbers, PageRef
from oneaqita.reports.shareholders_figures import ShareholdersFigures
from oneaqita.reports.shareholders_format import NONE, change, count, pct

__all__ = [
    "SECTIONS",
    "TITLE",
    "WIDTH",
    "company",
    "contents",
    "cover",
    "heading",
    "key_figures",
    "staff",
]

TITLE = "株主向け事業報告"
SECTIONS = (
    ("company", "1 会社概要"),
    ("staff", "2 職員の状況"),
    ("key", "3 主要指標"),
    ("work", "4 受託実績"),
    ("kpi", "5 KPI (目標・実績・達成状況)"),
    ("assets", "6 資産の状況"),
    ("outlook", "7 施設の状況と改築需要"),
    ("bodies", "8 株主団体別の事業実施状況"),
)
WIDTH = 180 * mm


def heading(numbers: PageNumbers, key: str) -> list[Flowable]:
    name = dict(SECTIONS)[key]
    return [Marker(numbers, key), Paragraph(name, styles().title)]


def cover(f: ShareholdersFigures) -> list[Flowable]:
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
        para(f.company.name, sub),
        PageBreak(),
    ]


def contents(numbers: PageNumbers) -> list[Flowable]:
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
        PageBreak(),
    ]


def company(f: ShareholdersFigures, numbers: PageNumbers) -> list[Flowable]:
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
        ["事業内容", para(c.business, s.cell)],
    ]
    style = table_style(0, 9)
    style.add("BACKGROUND", (0, 0), (0, -1), HEADER_GREY)
    out = [*heading(numbers, "company"), data_table(facts, [36 * mm, 144 * mm], 0, style)]
    sides = [["区分", "株主数", "株式数", "出資額 (円)", "持株比率"]]
    sides += [
        [x.label, count(x.holders), count(x.shares), count(x.capital_yen), pct(x.percent, 2)]
        for x in c.sides
    ]
    sides.append(
        [
            "合計",
            count(len(reg.rows)),
            count(reg.total_shares),
            count(reg.total_capital_yen),
            pct(reg.total_percent, 2),
        ]
    )
    side_style = table_style(1, 9, right=range(1, 5))
    for shaded in (3, 5):
        side_style.add("BACKGROUND", (0, shaded), (-1, shaded), HEADER_GREY)
    out += [
        Paragraph(f"株主構成 ({to_wareki(reg.as_of)}現在)", s.heading),
        data_table(sides, [50 * mm, 25 * mm, 30 * mm, 40 * mm, 35 * mm], 1, side_style),
        Paragraph("株主名簿", s.heading),
    ]
    rows = [["コード", "株主", "区分", "株式数", "出資額 (円)", "持株比率"]]
    for r in reg.rows:
        rows.append(
            [
                r.code,
                fit(r.name_ja, 70 * mm - 6, 8),
                label(r.kind),
                count(r.shares),
                count(r.capital_yen),
                pct(r.percent, 2),
            ]
        )
    rows.append(
        [
            "",
            "合計",
            "",
            count(reg.total_shares),
            count(reg.total_capital_yen),
            pct(reg.total_percent, 2),
        ]
    )
    reg_style = table_style(1, 8, right=(3, 4, 5))
    reg_style.add("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), HEADER_GREY)
    widths = [20 * mm, 70 * mm, 20 * mm, 22 * mm, 28 * mm, 20 * mm]
    out.append(data_table(rows, widths, 1, reg_style))
    note = "持株比率は小数第3位以下を最大剰余法で配分し、合計が100.00%になるよう表示しています。"
    if any(r.kind is OrganizationKind.PARTNER for r in reg.rows):
        note += "民間株主の名称はデモデータの架空の会社です。"
    out += [Paragraph(note, s.small), PageBreak()]
    return out


def staff(f: ShareholdersFigures, numbers: PageNumbers) -> list[Flowable]:
    s, st = styles(), f.staff
    rows = [
        ["区分", "今期末", "", "", "うち派遣・出向の形態", "", "", "前年同日", "", "", "増減"],
        ["", "役員", "職員", "計", "在籍派遣", "退職派遣", "出向", "役員", "職員", "計", ""],
    ]
    for r in st.rows:
        kinds = [NONE, NONE, NONE] if r.origin == "固有職員" else [count(n) for n in r.by_kind]
        rows.append(
            [
                r.origin,
                count(r.officers),
                count(r.staff),
                count(r.total),
                *kinds,
                count(r.previous_officers),
                count(r.previous_staff),
                count(r.previous_total),
                change(r.total, r.previous_total),
            ]
        )
    rows.append(
        [
            "合計",
            count(st.officers),
            count(st.total - st.officers),
            count(st.total),
            *(count(st.kind_total(i)) for i in range(3)),
            count(st.previous_officers),
            count(st.previous_total - st.previous_officers),
            count(st.previous_total),
            change(st.total, st.previous_total),
        ]
    )
    style = table_style(2, 9, right=range(1, 11))
    for first, last in ((0, 0), (10, 10)):
        style.add("SPAN", (first, 0), (last, 1))
    for first, last in ((1, 3), (4, 6), (7, 9)):
        style.add("SPAN", (first, 0), (last, 0))
    style.add("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), HEADER_GREY)
    return [
        *heading(numbers, "staff"),
        Paragraph(
            f"{to_wareki(st.on)}現在の役員・職員数 (前年同日 {to_wareki(st.previous_on)})",
            s.heading,
        ),
        data_table(rows, [26 * mm] + [14.4 * mm] * 10, 2, style),
        Paragraph(
            "県派遣・市町村派遣は公益的法人等派遣法による派遣 (在籍派遣は派遣元の職を保ったまま、"
            "退職派遣は派遣元を退職して当社に採用)、出向は民間株主からの在籍出向、固有職員は当社が"
            "直接雇用する職員です。役員は代表取締役・取締役・監査役など (派遣・出向による者を含み、"
            "前年同日も現在の役員の区分によります)、職員はそれ以外の者です。",
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


def key_figures(f: ShareholdersFigures, numbers: PageNumbers) -> list[Flowable]:
    s = styles()
    rows = [["指標", "単位", "今期", "前年同期", "増減", "増減率"]]
    for k in f.key_figures:
        places = 0 if k.unit in ("件", "千円", "名") else (1 if k.unit == "人日" else 2)
        shown = f"{{:,.{places}f}}"
        rows.append(
            [
                k.name,
                k.unit,
                shown.format(k.current),
                shown.format(k.previous),
                change(k.current, k.previous, places),
                pct(k.change_pct),
            ]
        )
    return [
        CondPageBreak(90 * mm),
        *heading(numbers, "key"),
        Paragraph(f"{f.period.label}と前年同期 ({f.period.previous.label}) の比較", s.heading),
        data_table(
            rows,
            [52 * mm, 16 * mm, 28 * mm, 28 * mm, 28 * mm, 28 * mm],
            1,
            table_style(1, 9, right=range(2, 6)),
        ),
        Paragraph(
            "職員数は期末 (期間中は作成日) 現在。延長の定義は受託実績・KPIの各注記のとおり。",
            s.small,
        ),
        PageBreak(),
    ]
