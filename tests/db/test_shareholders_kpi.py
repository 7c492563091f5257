"""The KPIs cost reduction and training held, and 職員の状況 for officers and staff, against
the hand-computed case of tests/kpi_builders.py (on SQLite and PostgreSQL), as figures and as
the PDF's text (pdftotext)."""

import subprocess
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from oneaqita.errors import ValidationError
from oneaqita.models import Kpi, Role
from oneaqita.reports.shareholders_figures import shareholders_figures
from oneaqita.reports.shareholders_report import render_shareholders_pdf
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.kpi_targets import kpi_places, kpi_targets, kpi_unit, set_kpi_target
from tests.kpi_builders import add_kpi_case
from tests.pdf_tools import pdf_pages
from tests.settlement_builders import add_user
from tests.shareholders_builders import build_shareholders_case

TODAY = date(2026, 12, 1)


def _layout(data: bytes, tmp_path: Path, page: int) -> str:
    """One page's text with the table rows kept on their lines (pdftotext -layout)."""
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    args = ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


M = Decimal


@pytest.fixture
def manager(db: Database) -> Actor:
    build_shareholders_case(db)
    add_kpi_case(db)
    return add_user(db, "boss", Role.MANAGER)


def test_cost_reduction_and_courses_held_in_the_year_and_the_year_before(
    db: Database, manager: Actor
) -> None:
    set_kpi_target(db, manager, 2025, Kpi.COST_REDUCTION, "1,000")
    set_kpi_target(db, manager, 2025, Kpi.TRAININGS_HELD, 4)
    f = shareholders_figures(db, manager, 2025, today=TODAY)
    lines = {k.kpi: (k.unit, k.target, k.actual, k.previous, k.achieved_pct) for k in f.kpis}
    assert lines[Kpi.COST_REDUCTION] == ("千円", M(1000), M(1236), M(2000), M("123.6"))
    assert lines[Kpi.TRAININGS_HELD] == ("回", M(4), M(2), M(1), M("50.0"))
    # The training hours and the plans stay as they were: the courses are counted apart.
    assert lines[Kpi.TRAINING_HOURS][2] == M("1.50")
    assert lines[Kpi.PLANS_DELIVERED][2] == M(1)


def test_a_quarter_counts_only_its_months(db: Database, manager: Actor) -> None:
    f = shareholders_figures(db, manager, 2025, 3, today=TODAY)
    actual = {k.kpi: k.actual for k in f.kpis}
    assert (actual[Kpi.COST_REDUCTION], actual[Kpi.TRAININGS_HELD]) == (M(1), M(1))
    q4 = {k.kpi: k.actual for k in shareholders_figures(db, manager, 2025, 4, today=TODAY).kpis}
    assert (q4[Kpi.COST_REDUCTION], q4[Kpi.TRAININGS_HELD]) == (M(0), M(1))  # K6 検収 in Feb


def test_staff_by_origin_for_officers_and_staff(db: Database, manager: Actor) -> None:
    st = shareholders_figures(db, manager, 2025, today=TODAY).staff
    rows = {
        r.origin: (r.officers, r.staff, r.total, r.previous_officers, r.previous_staff)
        for r in st.rows
    }
    assert rows == {
        "県派遣": (1, 0, 1, 0, 0),
        "市町村派遣": (0, 1, 1, 0, 0),
        "民間出向": (0, 0, 0, 1, 0),
        "固有職員": (1, 1, 2, 1, 0),
    }
    assert (st.officers, st.total, st.previous_officers, st.previous_total) == (2, 4, 2, 2)
    assert [st.kind_total(i) for i in range(3)] == [1, 1, 0]


def test_targets_of_the_new_kpis_are_whole_and_in_their_units(db: Database, manager: Actor) -> None:
    assert (kpi_unit(Kpi.COST_REDUCTION), kpi_places(Kpi.COST_REDUCTION)) == ("千円", 0)
    assert (kpi_unit(Kpi.TRAININGS_HELD), kpi_places(Kpi.TRAININGS_HELD)) == ("回", 0)
    for kpi, bad, said in (
        (Kpi.COST_REDUCTION, "12.5", "千円単位"),
        (Kpi.TRAININGS_HELD, "2.5", "件数"),
        (Kpi.COST_REDUCTION, "-1", "0以上"),
        (Kpi.TRAININGS_HELD, "=1+1", "研修・講習会の開催"),
    ):
        with pytest.raises(ValidationError) as err:
            set_kpi_target(db, manager, 2025, kpi, bad)
        assert err.value.field == kpi.value and said in err.value.ja and err.value.en
    set_kpi_target(db, manager, 2025, Kpi.COST_REDUCTION, "９,９９９,９９９,９９９")
    assert kpi_targets(db, 2025)[Kpi.COST_REDUCTION].target == M("9999999999.00")


def test_the_pdf_reads_back_the_new_kpis_and_the_officers(
    db: Database, manager: Actor, tmp_path: Path
) -> None:
    set_kpi_target(db, manager, 2025, Kpi.COST_REDUCTION, "1,000")
    set_kpi_target(db, manager, 2025, Kpi.TRAININGS_HELD, 4)
    data = render_shareholders_pdf(shareholders_figures(db, manager, 2025, today=TODAY))
    pages = [_layout(data, tmp_path, n) for n in range(1, pdf_pages(data, tmp_path) + 1)]
    kpi = next(p for p in pages if "KPI (目標" in p and "コスト縮減額" in p)
    lines = [" ".join(line.split()) for line in kpi.splitlines()]
    assert "コスト縮減額 千円 1,000 1,236 123.6% 2,000" in lines, lines
    assert "研修・講習会の開催 回 4 2 50.0% 1" in lines, lines
    assert "掲載していません" not in kpi  # nothing is said to be left out any more
    staff = next(p for p in pages if "現在の役員・職員数" in p)
    lines = [" ".join(line.split()) for line in staff.splitlines()]
    for row in (
        "県派遣 1 0 1 0 1 0 0 0 0 +1",
        "市町村派遣 0 1 1 1 0 0 0 0 0 +1",
        "民間出向 0 0 0 0 0 0 1 0 1 -1",
        "固有職員 1 1 2 — — — 1 0 1 +1",
        "合計 2 2 4 1 1 0 2 0 2 +2",
    ):
        assert row in lines, (row, lines)
