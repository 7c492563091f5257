"""The secondment settlement: its sums against hand-computed cases, the PDF read back with
pdftotext, the CSV read back, and who may read it."""

import csv
from datetime import date
from pathlib import Path

import pytest

from oneaqita.errors import NotFound, PermissionDenied
from oneaqita.reports.settlement_figures import month_amount, settlement_figures
from oneaqita.reports.settlement_report import render_settlement_pdf, write_settlement_csv
from oneaqita.services.database import Database
from tests.pdf_tools import assert_fonts_embedded, pdf_pages, pdf_text
from tests.settlement_builders import SettlementCase, build_settlement_case

JUNE = date(2025, 6, 1)


@pytest.fixture
def case(db: Database) -> SettlementCase:
    return build_settlement_case(db)


def test_amounts_by_hand() -> None:
    # A full month: cost × pct / 100, rounded down to the yen.
    assert month_amount(512_300, 50, date(2025, 4, 1), None, JUNE) == (256_150, 30)
    assert month_amount(100_001, 50, date(2025, 4, 1), None, JUNE) == (50_000, 30)
    # From the 16th of a 30-day month: 15 days.
    assert month_amount(450_000, 100, date(2025, 6, 16), None, JUNE) == (225_000, 15)
    # The first 10 days at 70 %: 333,333 × 0.7 × 10 / 30 = 77,777.7 → 77,777.
    assert month_amount(333_333, 70, JUNE, date(2025, 6, 10), JUNE) == (77_777, 10)
    assert month_amount(600_000, 0, date(2024, 4, 1), None, JUNE) == (0, 30)
    assert month_amount(None, 100, date(2024, 4, 1), None, JUNE) == (None, 30)
    # Outside the month: no day, nothing owed.
    assert month_amount(400_000, 100, date(2025, 4, 1), date(2025, 5, 31), JUNE) == (0, 0)


def test_june_per_body_by_hand(db: Database, case: SettlementCase) -> None:
    s = settlement_figures(db, case.manager, JUNE)
    assert (s.month, s.last_day, s.fiscal_year) == (JUNE, date(2025, 6, 30), 2025)
    by_code = {b.code: b for b in s.bodies}
    assert list(by_code) == ["050008", "052019", "P001"]  # 能代市 starts only in 2026

    akita_city = by_code["052019"]
    sato, tanaka = akita_city.lines
    assert (sato.employee_no, sato.kind_label, sato.pct, sato.monthly_cost_yen) == (
        "E0001",
        "在籍派遣",
        50,
        512_300,
    )
    # 2 and 3 June worked (5 June has 0 minutes, 4 June was returned, 30 May is May).
    assert (sato.days_worked, sato.minutes, sato.approved_minutes) == (2, 450 + 480 + 30, 450)
    assert (sato.seconded_days, sato.month_days, sato.amount_yen) == (30, 30, 256_150)
    assert sato.ytd_yen == 3 * 256_150  # April, May, June
    assert (tanaka.kind_label, tanaka.amount_yen, tanaka.ytd_yen) == ("退職派遣", 0, 0)
    assert (akita_city.amount_yen, akita_city.ytd_yen, akita_city.missing_cost) == (
        256_150,
        768_450,
        0,
    )
    assert (akita_city.days_worked, akita_city.minutes) == (2, 960)

    (takahashi,) = by_code["P001"].lines
    assert (takahashi.kind_label, takahashi.seconded_days, takahashi.amount_yen) == (
        "出向",
        15,
        225_000,
    )
    assert (takahashi.days_worked, takahashi.minutes) == (1, 420)  # not 10 June, before it
    assert by_code["P001"].ytd_yen == 225_000

    pref = by_code["050008"]
    suzuki, watanabe = pref.lines  # 伊藤 ended in May: not listed, yet in the year to date
    assert suzuki.missing_cost and suzuki.amount_yen is None and suzuki.ytd_yen is None
    assert (watanabe.seconded_days, watanabe.amount_yen, watanabe.ytd_yen) == (10, 77_777, 77_777)
    assert (pref.amount_yen, pref.missing_cost) == (77_777, 1)
    assert (pref.ytd_yen, pref.ytd_incomplete) == (2 * 400_000 + 77_777, True)
    assert s.amount_yen == 256_150 + 225_000 + 77_777


def test_the_year_to_date_starts_again_in_april(db: Database, case: SettlementCase) -> None:
    march = settlement_figures(db, case.manager, date(2026, 3, 1), "052027")
    (line,) = march.bodies[0].lines
    # From 16 March: 16 of 31 days of 620,000 = 320,000; the year to date is that month.
    assert (line.seconded_days, line.amount_yen, line.ytd_yen) == (16, 320_000, 320_000)
    april = settlement_figures(db, case.manager, date(2026, 4, 1), "052027")
    assert april.fiscal_year == 2026
    (line,) = april.bodies[0].lines
    assert (line.amount_yen, line.ytd_yen) == (620_000, 620_000)  # not 940,000
    may = settlement_figures(db, case.manager, date(2026, 5, 1), "052027")
    assert may.bodies[0].ytd_yen == 1_240_000
    # 佐藤's secondment runs on: in March 2026, 12 months of 256,150.
    march_all = settlement_figures(db, case.manager, date(2026, 3, 1), "052019")
    assert march_all.bodies[0].lines[0].ytd_yen == 12 * 256_150


def test_one_body_and_an_unknown_body(db: Database, case: SettlementCase) -> None:
    s = settlement_figures(db, case.manager, JUNE, "P001")
    assert [b.code for b in s.bodies] == ["P001"]
    with pytest.raises(NotFound, match="X999"):
        settlement_figures(db, case.manager, JUNE, "X999")


def test_only_managers_and_administrators_read_it(db: Database, case: SettlementCase) -> None:
    for actor in (case.coordinator, case.seconded):
        with pytest.raises(PermissionDenied):
            settlement_figures(db, actor, JUNE)


def _squeezed(text: str) -> str:
    return "".join(text.split())


def test_the_pdf_says_names_and_amounts_exactly(
    db: Database, case: SettlementCase, tmp_path: Path
) -> None:
    pdf = render_settlement_pdf(settlement_figures(db, case.manager, JUNE), date(2025, 7, 3))
    assert pdf_pages(pdf, tmp_path) == 3  # one body a page
    assert_fonts_embedded(pdf, tmp_path)
    text = _squeezed(pdf_text(pdf, tmp_path))  # pdftotext spaces the columns as it likes
    assert "派遣負担金精算書令和7年6月分" in text
    assert "発行日令和7年7月3日" in text
    for expected in (
        "050008　秋田県",
        "鈴木 美咲",
        "基礎額未登録",
        "77,777",
        "877,777 *",
        "佐藤 花子",
        "512,300",
        "256,150",
        "768,450",
        "高橋 三郎",
        "225,000",
        "2025-06-16〜(終了日なし)",
        "差戻しを除く",
        "1 / 3",
    ):
        assert _squeezed(expected) in text, expected
    page2 = pdf_text(pdf, tmp_path, 2, 2)
    assert "052019 秋田市" in page2 and "田中 次郎" in page2 and "鈴木 美咲" not in page2
    assert "\n16\n" in page2 and "\n7.5\n" in page2  # 佐藤: 16 hours, 7.5 approved
    assert "伊藤 健" not in text


def test_the_csv_reads_back(db: Database, case: SettlementCase, tmp_path: Path) -> None:
    path = tmp_path / "settle.csv"
    rows = write_settlement_csv(settlement_figures(db, case.manager, JUNE), path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.DictReader(f))
    assert rows == len(table) == 5 + 3  # five lines, a total per body
    sato = next(r for r in table if r["職員番号"] == "E0001")
    assert (sato["時間"], sato["うち承認済"], sato["当社負担額"], sato["年度累計"]) == (
        "16",
        "7.5",
        "256150",
        "768450",
    )
    suzuki = next(r for r in table if r["職員番号"] == "E0004")
    assert (suzuki["当社負担額"], suzuki["備考"]) == ("", "基礎額未登録")
    total = next(r for r in table if r["派遣元コード"] == "050008" and r["職員番号"] == "合計")
    assert (total["当社負担額"], total["年度累計"], total["備考"]) == (
        "77777",
        "877777",
        "基礎額未登録 1件",
    )
