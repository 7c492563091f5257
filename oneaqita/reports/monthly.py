"""A monthly document (the settlement, the hours): one section a page run, the month in the
header, its first to last day as the period, A4 landscape."""

from collections.abc import Sequence
from datetime import date

from reportlab.lib.pagesizes import A4, landscape
from reportlab.platypus import Flowable, PageBreak, Paragraph

from oneaqita.fiscal import to_wareki
from oneaqita.reports.pdf_base import ReportPage, build_pdf, styles


def month_label(month: date) -> str:
    """ "令和7年4月" for April 2025."""
    return to_wareki(month.replace(day=1)).removesuffix("1日")


def monthly_pdf(
    title: str,
    month: date,
    last_day: date,
    sections: Sequence[list[Flowable]],
    empty: str,
    issued: date | None = None,
    suffix: str = "",
) -> bytes:
    """``sections`` each from a new page, or ``empty`` said under the title when there are
    none; the header names the month (``suffix`` after it, e.g. 分)."""
    s = styles()
    story: list[Flowable] = []
    for i, section in enumerate(sections):
        if i:
            story.append(PageBreak())
        story += section
    reference = f"{month_label(month)}{suffix}"
    if not story:
        story = [Paragraph(f"{title}　{reference}", s.title), Paragraph(empty, s.body)]
    page = ReportPage(
        title,
        issued or date.today(),
        reference=reference,
        period=f"{to_wareki(month)}〜{to_wareki(last_day)}",
    )
    return build_pdf(story, page, landscape(A4))
