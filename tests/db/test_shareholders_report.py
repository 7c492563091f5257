"""The report to the shareholders and the statement per body as files: names and numbers
read back with pdftotext, the fonts embedded, page numbers and the period on every page, the
contents' page numbers where the sections are; the CSV; the command line and its exit codes."""

import csv
import re
from datetime import date
from decimal import Decimal
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
from tests.logins import CLI_LOGIN, add_login
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
        "コスト縮減額",
        "研修・講習会の開催",
    ):
        assert expected in whole, expected
    # The contents give the page each section starts on.
    contents = pages[1]
    for (key, name), (later, _) in zip(
        SECTIONS, [*SECTIONS[1:], ("", "株式会社ONE・AQITA")], strict=True
    ):
        start = next(i for i, p in enumerate(pages, start=1) if i > 2 and name in p)
        after = contents.split(name, 1)[1].split(dict(SECTIONS).get(later, "株式会社ONE・AQITA"))[0]
        assert re.findall(r"\d+", after) == [str(start)], (key, after, start)
    # One page per public shareholder at the end, each naming its body.
    tail = pages[-3:]
    assert "秋田県 (050008)" in tail[0] and "18.21%" in tail[0]
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
    work = {
        r["項目"]: (r["件数"], r["金額 (円)"], r["延長 (km)"])
        for r in rows
        if r["区分"] == "受託実績"
    }
    assert work["合計"] == ("3", "9000000", "2.9")
    assert work["点検"] == ("1", "3000000", "1.7")
    assert any(r["区分"] == "契約" and r["項目"].startswith("C-A ") for r in rows)


@pytest.fixture
def cli_db(db: Database) -> Database:
    build_shareholders_case(db)
    add_login(db, CLI_LOGIN, Role.MANAGER)  # the command line's user
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
    assert (
        _run(["shareholders", "--fiscal-year", "2025", "--quarter", "2", "-o", str(q)], any_url)
        == 0
    )
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


def test_stored_text_prints_as_typed(db: Database, manager: Actor, tmp_path: Path) -> None:
    from sqlalchemy import update

    from oneaqita.models import Contract, Organization
    from oneaqita.services.actor import SYSTEM_ACTOR

    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        uow.session.execute(
            update(Organization).where(Organization.code == "052027").values(name_ja="能代<b>&市")
        )
        uow.session.execute(
            update(Contract).where(Contract.number == "C-N2").values(title='=HYPERLINK("x") 点検')
        )
    statement = body_statement(db, manager, "052027", 2025, today=TODAY)
    text = pdf_text(render_statement_pdf(statement), tmp_path)
    assert "能代<b>&市 (052027)" in text and '=HYPERLINK("x") 点検' in text
    out = tmp_path / "n.csv"
    write_statement_csv(statement, out)
    cells = [r["項目"] for r in csv.DictReader(out.open(encoding="utf-8-sig", newline=""))]
    assert any('=HYPERLINK("x") 点検' in c for c in cells)  # inside the item, not a formula
    report = render_shareholders_pdf(shareholders_figures(db, manager, 2025, today=TODAY))
    assert "能代<b>&市" in pdf_text(report, tmp_path)


def _layout(data: bytes, tmp_path: Path, page: int = 1) -> str:
    """The page's text as laid out, runs of spaces made one (a table row on one line)."""
    import subprocess

    pdf = tmp_path / "layout.pdf"
    pdf.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return "\n".join(" ".join(line.split()) for line in out.splitlines())


def _date_the_assets(db: Database) -> None:
    """Installed years for the case's assets (life 50): A-P1 past its life in 2020, A-P2 in
    2030, N-P3 in 2040, the manhole in 2050."""
    from sqlalchemy import update

    from oneaqita.models import Asset
    from oneaqita.services.actor import SYSTEM_ACTOR

    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        for code, year in (("A-P1", 1970), ("A-P2", 1980), ("N-P3", 1990), ("A-M1", 2000)):
            uow.session.execute(update(Asset).where(Asset.code == code).values(installed_year=year))


def test_the_renewal_outlook_in_the_report_and_the_statement(
    db: Database, manager: Actor, tmp_path: Path
) -> None:
    from oneaqita.reports.renewal_outlook import renewal_outlook

    _date_the_assets(db)
    outlook = renewal_outlook(db, manager, 2025)
    # By hand: 1.25 km past life now (A-P1), 1.65 in 10 years (+ A-P2), 1.70 in 20 (+ N-P3).
    assert [outlook.past_life_km(a) for a in (0, 10, 20)] == [
        Decimal("1.25"),
        Decimal("1.65"),
        Decimal("1.70"),
    ]
    figures = shareholders_figures(db, manager, 2025, today=TODAY)
    assert figures.outlook.past_life_km == (Decimal("1.25"), Decimal("1.65"), Decimal("1.70"))
    assert figures.outlook.total_yen == outlook.total_cost_yen > 0
    akita = next(b for b in figures.bodies if b.code == "052019")
    assert akita.outlook.past_life_km == (Decimal("1.25"), Decimal("1.65"), Decimal("1.65"))
    assert sum(y.cost_million for y in figures.outlook.years) > 0
    data = render_shareholders_pdf(figures)
    pages = _pages(data, tmp_path)
    start = next(i for i, p in enumerate(pages, start=1) if i > 2 and "7 施設の状況と改築需要" in p)
    section = _layout(data, tmp_path, start)
    assert "改築需要 (百万円/年" in section
    for row in (
        "全体 (全所有団体) 1.25 1.65 1.70",
        "秋田市 1.25 1.65 1.65",
        "能代市 0.00 0.00 0.05",
    ):
        assert row in section, (row, section)
    assert "含めていません" not in pages[1]
    statement = body_statement(db, manager, "052027", 2025, today=TODAY)
    text = _layout(render_statement_pdf(statement), tmp_path)
    assert "改築需要の見通し" in text
    for row in ("現在 (2025年度) 0.00", "10年後 (2035年度) 0.00", "20年後 (2045年度) 0.05"):
        assert row in text, (row, text)
    out = tmp_path / "noshiro.csv"
    write_statement_csv(statement, out)
    with out.open(encoding="utf-8-sig", newline="") as f:
        km = [r["延長 (km)"] for r in csv.DictReader(f) if r["区分"] == "改築需要"]
    assert km[:3] == ["0.0", "0.0", "0.05"]
