"""The settlement's PDF and CSV from figures made by hand: a long body splits over pages with
its header repeated, text that looks like a formula stays text, and long names are cut."""

import csv
from datetime import date
from pathlib import Path

from oneaqita.models import SecondmentKind
from oneaqita.reports.settlement_figures import BodySettlement, Settlement, SettlementLine
from oneaqita.reports.settlement_report import render_settlement_pdf, write_settlement_csv
from tests.pdf_tools import pdf_pages, pdf_text


def _line(i: int, name: str) -> SettlementLine:
    return SettlementLine(
        f"E{i:04d}", name, SecondmentKind.ON_ROLL, "在籍派遣", "主任", date(2025, 4, 1), None,
        30, 30, 20, 9_000, 8_000, 500_000, 50, 250_000, 750_000,
    )  # fmt: skip


def _settlement(lines: list[SettlementLine]) -> Settlement:
    body = BodySettlement(
        "050008", "秋田県", tuple(lines), 9_000 * len(lines), 8_000 * len(lines),
        20 * len(lines), 250_000 * len(lines), 750_000 * len(lines), 0, False,
    )  # fmt: skip
    return Settlement(date(2025, 6, 1), date(2025, 6, 30), 2025, (body,))


def test_a_long_body_splits_and_repeats_its_header(tmp_path: Path) -> None:
    pdf = render_settlement_pdf(_settlement([_line(i, f"職員 {i}") for i in range(1, 61)]))
    assert pdf_pages(pdf, tmp_path) == 3
    for page in (2, 3):
        text = pdf_text(pdf, tmp_path, page, page)
        assert "職員番号" in text and "月額負担基礎額" in text, page  # the header again
    assert "E0060" in pdf_text(pdf, tmp_path, 2, 3)
    assert "15,000,000" in pdf_text(pdf, tmp_path, 3, 3)  # the total, 60 × 250,000


def test_formula_text_stays_text_and_long_names_are_cut(tmp_path: Path) -> None:
    hostile = _line(1, '=HYPERLINK("http://x")')
    long_name = _line(2, "長" * 200)
    settlement = _settlement([hostile, long_name])
    path = tmp_path / "s.csv"
    write_settlement_csv(settlement, path)
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    assert rows[1][3] == '\'=HYPERLINK("http://x")'
    assert rows[2][3] == "長" * 200  # the CSV keeps all of it
    text = pdf_text(render_settlement_pdf(settlement), tmp_path)
    assert "=HYPERLINK" in text and "…" in text and "長" * 200 not in text
