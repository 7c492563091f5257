"""The report to the shareholders and the statement per body as files: names and numbers
read back with pdftotext, the fonts embedded, page numbers and the period on every page, the
contents' page numbers where the sections are; the CSV; the command line and its exit codes."""

import csv
import re
from datetime import date
from pathlib import Path

import pytest

from oneaqita.cli import main
from oneaqita.models import Kpi, Role
from oneaqita.reports.shareholders_figures import body_statement, shareholders_figures
from oneaqita.reports.shareholders_report import SECTIONS, render_shareholders_pdf
from oneaqita.reports.statement_report import render_statement_pdf, write_statement_csv
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.kpi_targets import set_kpi_target
from oneaqita.services.users import os_login
from tests.pdf_tools import assert_fonts_embedded, page_label, pdf_pages, pdf_text
from tests.settlement_builders import add_user
from tests.shareholders_builders import build_shareholders_case

TODAY = date(2026, 12, 1)


@pytest.fixture
def manager(db: Database) -> Actor:
    build_shareholders_case(db)
    return add_user(db, "boss", Role.MANAGER)


def _pages(data: bytes, tmp_path: Path) -> list[str]:
    return [pdf_text(data, tmp_path, n, n) for n in range(1, pdf_pages(data, tmp_path) + 1)]


def test_the_report_reads_back_with_its_names_and_numbers(
    db: Database, manager: Actor, tmp_path: Path
) -> None:
    set_kpi_target(db, manager, 2025, Kpi.KM_INSPECTED, "5.9")
    data = render_shareholders_pdf(shareholders_figures(db, manager, 2025, today=TODAY))
    assert_fonts_embedded(data, tmp_path)
    pages = _pages(data, tmp_path)
    for n, text in enumerate(pages, start=1):
        assert page_label(n, len(pages), text), n
        assert "発行日 令和8年12月1日" in text and "令和7年4月1日〜令和8年3月31日" in text
    assert "株主向け事業報告" in pages[0] and "令和7年度 (2025年度)" in pages[0]
    whole = "\n".join(pages)
    for expected in (
        "100,000,000円",
        "10,000株",
        "18.21%",
        "32.79%",
        "51.00%",
        "49.00%",
        "100.00%",
        "試験管路(架空)",
        "秋田県秋田市",
        "令和5年11月20日",
        "9,033",  # 受託金額 in 千円
        "2.95",  # km inspected (KPI)
        "ストックマネジメント計画策定",
        "点検・調査延長",
        "5.90",  # its target
        "50.0%",  # achieved
        "コスト縮減額",  # said to be not computed
    ):
        assert expected in whole, expected
    # The contents give the page each section starts on.
    contents = pages[1]
    for (key, name), (later, _) in zip(SECTIONS, [*SECTIONS[1:], ("", "資産の更新需要")], strict=True):
        start = next(i for i, p in enumerate(pages, start=1) if i > 2 and name in p)
        after = contents.split(name, 1)[1].split(dict(SECTIONS).get(later, "資産の更新需要"))[0]
        assert re.findall(r"\d+", after) == [str(start)], (key, after, start)
    # One page per public shareholder at the end, each naming its body.
    tail = pages[-3:]
    assert [("秋田県" in p, "秋田市" in p, "能代市" in p) for p in tail][1][1]
    assert "秋田市 (052019)" in tail[1] and "C-A" in tail[1] and "20.00%" in tail[1]
    assert "能代市 (052027)" in tail[2] and "C-N2" in tail[2]


def test_a_quarter_report(db: Database, manager: Actor, tmp_path: Path) -> None:
    data = render_shareholders_pdf(shareholders_figures(db, manager, 2025, 1, today=TODAY))
    first = pdf_text(data, tmp_path, 1, 1)
    assert "令和7年度 第1四半期" in first and "令和7年4月1日〜令和7年6月30日" in first
    assert "年度目標に対して" in pdf_text(data, tmp_path)


def test_the_statement_pdf_and_csv(db: Database, manager: Actor, tmp_path: Path) -> None:
    statement = body_statement(db, manager, "052019", 2025, today=TODAY)
    data = render_statement_pdf(statement)
    assert_fonts_embedded(data, tmp_path)
    assert pdf_pages(data, tmp_path) == 1
    text = pdf_text(data, tmp_path)
    for expected in ("秋田市 (052019)", "2,000株", "20.00%", "9,000", "C-A", "点検"):
        assert expected in text, expected
    assert page_label(1, 1, text)
    out = tmp_path / "akita.csv"
    assert write_statement_csv(statement, out) > 0
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    work = {r["項目"]: (r["件数"], r["金額 (円)"], r["延長 (km)"]) for r in rows if r["区分"] == "受託実績"}
    assert work["合計"] == ("3", "9000000", "2.9")
    assert work["点検"] == ("1", "3000000", "1.7")
    assert any(r["区分"] == "契約" and r["項目"].startswith("C-A ") for r in rows)


@pytest.fixture
def cli_db(db: Database) -> Database:
    build_shareholders_case(db)
    add_user(db, os_login(), Role.MANAGER)  # the command line reads as this machine's login
    return db


def _run(args: list[str], url: str) -> int:
    return main(["report", *args, "--db", url])


def test_the_command_line(
    cli_db: Database, any_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf = tmp_path / "report.pdf"
    assert _run(["shareholders", "--fiscal-year", "2025", "-o", str(pdf)], any_url) == 0
    assert "3団体" in capsys.readouterr().out
    assert "株主向け事業報告" in pdf_text(pdf, tmp_path, 1, 1)
    q = tmp_path / "q2.pdf"
    assert _run(["shareholders", "--fiscal-year", "2025", "--quarter", "2", "-o", str(q)], any_url) == 0
    assert "第2四半期" in pdf_text(q, tmp_path, 1, 1)
    out = tmp_path / "s.CSV"
    args = ["statement", "--body", "052027", "--fiscal-year", "2025", "-o", str(out)]
    assert _run(args, any_url) == 0
    assert "能代市" in out.read_text(encoding="utf-8-sig")
    spdf = tmp_path / "s.pdf"
    assert _run([*args[:-1], str(spdf)], any_url) == 0
    assert "能代市 (052027)" in pdf_text(spdf, tmp_path)
    capsys.readouterr()
    refused = [
        ["statement", "--body", "P001", "--fiscal-year", "2025", "-o", str(spdf)],
        ["statement", "--body", "nope", "--fiscal-year", "2025", "-o", str(spdf)],
        ["statement", "--body", "052019", "--fiscal-year", "2025", "-o", str(tmp_path / "x.txt")],
        ["shareholders", "--fiscal-year", "1999", "-o", str(pdf)],
        ["shareholders", "--fiscal-year", "2025", "-o", str(tmp_path / "x.csv")],
        ["shareholders", "--fiscal-year", "2025", "-o", str(tmp_path / "missing" / "r.pdf")],
    ]
    for argv in refused:
        assert _run(argv, any_url) == 1, argv
        err = capsys.readouterr().err
        assert err.startswith("oneaqita: ") and "Traceback" not in err
    with pytest.raises(SystemExit) as wrong:
        _run(["shareholders", "--fiscal-year", "2025", "--quarter", "5", "-o", str(pdf)], any_url)
    assert wrong.value.code == 2
