"""The full-year report to the shareholders (issue #11: < 5 s and ≤ 3× a bare reportlab
document of the same pages; peak RSS < 400 MB), against a bare reportlab document with the
same pages — the same page count, the same tables (rows and columns) with fixed text, the
same charts with fixed values, the same font — built in the same run, on SQLite and on
PostgreSQL.

Printed: the whole report (figures + PDF) against the bare document, then where the time
goes — each section's figures (SQL) on its own, the layout (reportlab) of figures already
read — and the peak RSS of a fresh interpreter that makes the report once (VmHWM; the
pytest process's own peak would include the cached database's build). Asserted: the ratio,
the peak RSS, and the page count (the bare document's, and one page per shareholder body
after section 8's first page, each with that body's heading); the 5 s is printed against
the load average, the machines being shared.

The data is the demo's (the only builder with every figure the report needs: contracts, done
and accepted orders, findings, hours, secondments, the register), loaded for 2026-03-31 so
that FY2025 is complete with FY2024 beside it, at ONEAQITA_BENCH_REPORT_SCALE (default 1:
about 20,000 assets, 5,000 orders and 100,000 hours; 25 is DESIGN.md's scale, which takes the
demo loader too long to build on the shared machines), cached in the temp folder by a
fingerprint of the migrations and the demo generator.
"""

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import oneaqita.demo
from oneaqita.db.migrate import MIGRATIONS_DIR, upgrade
from oneaqita.demo import load_demo
from oneaqita.models import Asset, TimeEntry, WorkOrder
from oneaqita.reports.pdf_base import register_font
from oneaqita.reports.report_period import report_period
from oneaqita.reports.shareholders_assets import condition_by_owner
from oneaqita.reports.shareholders_company import company_profile, staff_figures
from oneaqita.reports.shareholders_figures import ShareholdersFigures, shareholders_figures
from oneaqita.reports.shareholders_kpi import kpi_pair
from oneaqita.reports.shareholders_outlook import outlook_summaries
from oneaqita.reports.shareholders_report import render_shareholders_pdf
from oneaqita.reports.shareholders_work import work_pair
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from tests.bench.conftest import TMP, _build_lock, _remove_sqlite, cached_pg_database
from tests.bench.timing import Table as BenchTable
from tests.bench.timing import interleaved, mib, ms, publish, ratio
from tests.logins import actor_for
from tests.pdf_tools import pdf_pages, pdf_text

pytestmark = pytest.mark.bench

SCALE = float(os.environ.get("ONEAQITA_BENCH_REPORT_SCALE", "1"))
TODAY = date(2026, 3, 31)
TARGET_MS, TARGET_RATIO, TARGET_RSS = 5_000.0, 3.0, 400 * 2**20
ROOT = Path(__file__).resolve().parents[2]


def _fingerprint() -> str:
    digest = hashlib.sha1(f"{SCALE}".encode())
    demo = Path(oneaqita.demo.__file__).parent
    for source in [*sorted(MIGRATIONS_DIR.glob("versions/*.py")), *sorted(demo.glob("*.py"))]:
        digest.update(source.name.encode() + source.read_bytes())
    return digest.hexdigest()[:10]


def _load(url: str) -> None:
    db = Database.open(url)
    try:
        upgrade(db.engine)
        actor_for(db)
        load_demo(db, seed=1, scale=SCALE, today=TODAY)
    finally:
        db.dispose()


def _sqlite_url() -> str:
    path = TMP / f"oneaqita-bench-report-{SCALE:g}-{_fingerprint()}.sqlite3"
    with _build_lock(f"oneaqita-bench-report-{SCALE:g}"):
        if not path.exists():
            for stale in TMP.glob(f"oneaqita-bench-report-{SCALE:g}-*.sqlite3"):
                _remove_sqlite(stale)
            building = path.with_name(path.name + ".building")
            _remove_sqlite(building)
            _load(f"sqlite:///{building.as_posix()}")
            db = Database.open(f"sqlite:///{building.as_posix()}")
            with db.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            db.dispose()
            os.replace(building, path)
    return f"sqlite:///{path.as_posix()}"


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])
def demo(request: pytest.FixtureRequest) -> Iterator[tuple[Database, Actor, str]]:
    if request.param == "sqlite":
        url = _sqlite_url()
    else:
        label = f"{SCALE:g}".replace(".", "_")
        url = cached_pg_database(f"oneaqita_bench_report_{label}", _fingerprint(), _load)
    db = Database.open(url)
    yield db, actor_for(db), url
    db.dispose()


# -- the bare document -----------------------------------------------------------------


def _bare_table(rows: int, cols: int, header: int = 1) -> Table:
    cells = [[f"項目{c}" if r < header else "1,234" for c in range(cols)] for r in range(rows)]
    table = Table(cells, colWidths=[180 * mm / cols] * cols, repeatRows=header)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), register_font(), 8),
                ("GRID", (0, 0), (-1, -1), 0.4, "#7A8594"),
            ]
        )
    )
    return table


def _bare_chart(categories: int, series: int) -> Drawing:
    drawing = Drawing(180 * mm, max(1, categories) * 15 + 46)
    drawing.initialFontName = register_font()
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 80, 26, 400, drawing.height - 46
    chart.data = [[float(i + s + 1) for i in range(max(1, categories))] for s in range(series)]
    chart.categoryAxis.categoryNames = ["団体名"] * max(1, categories)
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels):
        labels.fontName = register_font()
    chart.valueAxis.valueMin = 0
    drawing.add(chart)
    return drawing


def _bare_columns(categories: int, height: float) -> Drawing:
    drawing = Drawing(180 * mm, height)
    drawing.initialFontName = register_font()
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 44, 22, 450, height - 46
    chart.data = [[float(i + 1) for i in range(max(1, categories))]]
    chart.categoryAxis.categoryNames = ["2025"] * max(1, categories)
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels):
        labels.fontName = register_font()
    chart.valueAxis.valueMin = 0
    drawing.add(chart)
    return drawing


def _bare_pdf(f: ShareholdersFigures, path: Path, run_on: dict[int, int]) -> None:
    """The same pages as the report: its flowables' kinds and sizes, fixed text; a body whose
    page runs on in the report (``run_on``: body index → pages more) gets as many more."""
    font = register_font()
    style = ParagraphStyle("p", fontName=font, fontSize=10, leading=14, wordWrap="CJK")
    big = ParagraphStyle("t", fontName=font, fontSize=18, leading=26)
    bodies, services, owners = len(f.by_body), len(f.by_service), len(f.conditions)
    story = [Paragraph("株主向け事業報告", big), PageBreak(), _bare_table(7, 2, 0), PageBreak()]
    story += [Paragraph("1 会社概要", big), _bare_table(8, 2, 0), _bare_table(6, 5)]
    story += [_bare_table(len(f.company.register.rows) + 2, 6), PageBreak()]
    story += [Paragraph("2 職員の状況", big), _bare_table(6, 7), _bare_chart(4, 2)]
    story += [Paragraph("3 主要指標", big), _bare_table(8, 6), PageBreak()]
    story += [Paragraph("4 受託実績", big), _bare_table(bodies + 3, 9, 2), _bare_chart(bodies, 2)]
    story += [PageBreak(), _bare_table(services + 3, 9, 2), _bare_chart(services, 2), PageBreak()]
    story += [Paragraph("5 KPI", big), _bare_table(len(f.kpis) + 1, 5), PageBreak()]
    story += [Paragraph("6 資産の状況", big), _bare_table(3, 6), _bare_table(owners + 3, 10, 2)]
    story += [_bare_chart(owners, 3), PageBreak()]
    story += [Paragraph("7 施設の状況と改築需要", big), _bare_table(len(f.bodies) + 2, 5)]
    story += [_bare_columns(len(f.outlook.years), 150), PageBreak()]
    story += [Paragraph("8 株主団体別", big), _bare_table(len(f.bodies) + 1, 6), PageBreak()]
    for i, b in enumerate(f.bodies):
        if i:
            story.append(PageBreak())
        story += [Paragraph("団体名", big), Paragraph("株式", style), Paragraph("派遣", style)]
        if b.services:
            story += [_bare_table(len(b.services) + 3, 9, 2), _bare_chart(len(b.services), 2)]
        story += [_bare_table(min(len(b.contracts), 12) + 1, 4), _bare_table(3, 6)]
        story += [_bare_table(2, 5), _bare_columns(len(b.outlook.years), 110)]
        for _ in range(run_on.get(i, 0)):
            story += [PageBreak(), _bare_table(12, 4)]

    def footer(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.setFont(font, 8)
        canvas.drawString(15 * mm, 8 * mm, f"発行日 令和8年3月31日 {canvas.getPageNumber()}")

    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)


def _sections(db: Database) -> list[tuple[str, Callable[[Session], object]]]:
    """The figures of the report section by section, as shareholders_figures reads them (the
    company and staff pages, the KPIs: shareholders_company.py / shareholders_kpi.py)."""
    period = report_period(2025)
    as_of = period.as_of(TODAY)
    with db.read() as session:  # the KPIs of the orders done are sums of these (read above)
        work = work_pair(session, period)
    return [
        ("1–2 会社概要, 職員 (company, staff)", lambda _: (company_profile(db, as_of),
                                                         staff_figures(db, as_of))),
        ("4 受託実績 (work, both years)", lambda s: work_pair(s, period)),
        ("5 KPI actuals (both years)", lambda s: kpi_pair(s, period, work)),
        ("6 資産の状況 (condition by owner)", condition_by_owner),
        ("7 改築需要 (outlook, area + per body)", lambda s: outlook_summaries(s, 2025, [])),
    ]  # fmt: skip


_CHILD = r"""
import sys
from datetime import date
from oneaqita.reports.shareholders_figures import shareholders_figures
from oneaqita.reports.shareholders_report import render_shareholders_pdf
from oneaqita.services.database import Database
from tests.logins import actor_for
from tests.bench.timing import peak_rss_bytes

db = Database.open(sys.argv[1])
actor = actor_for(db)
before = peak_rss_bytes()  # the log-in's argon2 hash alone takes tens of MiB
try:  # Linux: the peak from here on (VmHWM reset to the resident set now)
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
except OSError:
    pass
data = render_shareholders_pdf(shareholders_figures(db, actor, 2025, today=date(2026, 3, 31)))
open(sys.argv[2], "wb").write(data)
print(before, peak_rss_bytes())
"""


def _child_peak(url: str, out: Path) -> tuple[int, int]:
    """Of a fresh interpreter: (its peak RSS once imported and logged in, its peak RSS while
    it makes the report: on Linux from then on, elsewhere since it started)."""
    run = subprocess.run(
        [sys.executable, "-c", _CHILD, url, str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    before, after = run.stdout.split()[-2:]
    return int(before), int(after)


def _check_pages(path: Path, f: ShareholdersFigures, tmp_path: Path) -> dict[int, int]:
    """Section 8's first page, then each shareholder body's page(s) in code order: its
    heading starts a page (a body with many contracts may run on to a second one). Returns
    the bodies whose page runs on, and by how many pages."""
    pages = pdf_text(path, tmp_path).split("\f")[:-1]
    section = max(i for i, page in enumerate(pages) if "8 株主団体別の事業実施状況" in page)
    starts = []
    for body in f.bodies:
        heading = f"{body.name} ({body.code})"
        found = [i for i, page in enumerate(pages) if heading in page and "の事業実施状況" in page]
        assert len(found) == 1, (body.name, found)
        starts += found
    assert starts == sorted(starts) and starts[0] == section + 1, (section, starts)
    assert starts[-1] >= len(pages) - 2, (starts[-1], len(pages))
    ends = [*starts[1:], len(pages)]
    return {
        i: end - start - 1
        for i, (start, end) in enumerate(zip(starts, ends, strict=True))
        if end - start > 1
    }


def test_the_full_year_report(demo: tuple[Database, Actor, str], tmp_path: Path) -> None:
    db, actor, url = demo
    name = "SQLite" if db.dialect == "sqlite" else "PostgreSQL"
    with db.read() as s:
        counts = [s.scalar(select(func.count()).select_from(t)) for t in (Asset, WorkOrder)]
        counts.append(s.scalar(select(func.count()).select_from(TimeEntry)))
    ours_path, bare_path = tmp_path / "ours.pdf", tmp_path / "bare.pdf"
    figures_once = shareholders_figures(db, actor, 2025, today=TODAY)
    ours_path.write_bytes(render_shareholders_pdf(figures_once))
    run_on = _check_pages(ours_path, figures_once, tmp_path)

    def ours() -> bytes:
        data = render_shareholders_pdf(shareholders_figures(db, actor, 2025, today=TODAY))
        ours_path.write_bytes(data)
        return data

    def bare() -> None:
        _bare_pdf(figures_once, bare_path, run_on)

    def figures_only() -> ShareholdersFigures:
        return shareholders_figures(db, actor, 2025, today=TODAY)

    def layout_only() -> bytes:
        return render_shareholders_pdf(figures_once)

    load_before = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    mine, base, figs, layout = interleaved(ours, bare, figures_only, layout_only)

    def section(read: Callable[[Session], object]) -> Callable[[], object]:
        def run() -> object:
            with db.read() as session:
                return read(session)

        return run

    parts = _sections(db)
    split = interleaved(*(section(read) for _, read in parts))
    load_after = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    before, peak = _child_peak(url, tmp_path / "child.pdf")
    bare_pages = pdf_pages(bare_path, tmp_path)
    assert _check_pages(ours_path, figures_once, tmp_path) == run_on
    pages = pdf_pages(ours_path, tmp_path)
    child_pages = pdf_pages(tmp_path / "child.pdf", tmp_path)
    table = BenchTable(
        f"Report to the shareholders, FY2025 ({name}, demo scale {SCALE:g}: {counts[0]:,} "
        f"assets, {counts[1]:,} orders, {counts[2]:,} time entries; {pages} pages)",
        ["case", "ours ms", "bare reportlab ms", "ratio"],
    )
    table.add("figures + PDF vs the same pages bare", ms(mine.median), ms(base.median),
              ratio(mine.median, base.median))  # fmt: skip
    table.add("  the figures (SQL), all sections", ms(figs.median), "", "")
    for (label, _), sample in zip(parts, split, strict=True):
        table.add(f"    {label}", ms(sample.median), "", "")
    table.add("  the layout (reportlab) of the read figures", ms(layout.median), ms(base.median),
              ratio(layout.median, base.median))  # fmt: skip
    table.notes.append(
        f"peak RSS of a fresh interpreter making the report: {mib(peak)} "
        f"(VmHWM reset after the imports and the log-in, whose peak was {mib(before)}; "
        f"target < {mib(TARGET_RSS)})"
    )
    table.notes.append(f"load average (1 min) {load_before:.1f} before, {load_after:.1f} after")
    # The 5 s of the issue is a time on a quiet machine at scale 25; on the shared machines
    # the same-run ratio is what is checked, the time is reported against it.
    met = "met" if mine.median < TARGET_MS else "not met on this run"
    table.notes.append(f"target {ms(TARGET_MS)} ms for the report: {met}")
    publish(table)
    assert pages == bare_pages == child_pages, (pages, bare_pages, child_pages)
    assert mine.median <= TARGET_RATIO * base.median, ratio(mine.median, base.median)
    assert peak < TARGET_RSS, mib(peak)
