"""Hours per contract and client body: figures by hand, the PDF and the CSV read back, and
`oneaqita report contract-hours`."""

import csv
from datetime import date
from pathlib import Path

import pytest

from oneaqita.cli import main
from oneaqita.errors import NotFound
from oneaqita.models import Contract, OverheadCategory, Role, TimeEntry, WorkOrder
from oneaqita.models import TimeEntryStatus as St
from oneaqita.reports.contract_hours_figures import Worked, contract_hours_figures
from oneaqita.reports.contract_hours_report import (
    render_contract_hours_pdf,
    write_contract_hours_csv,
)
from oneaqita.services.actor import SYSTEM_ACTOR, Actor
from oneaqita.services.database import Database
from tests.builders import Sample, build_sample
from tests.logins import CLI_LOGIN, actor_for, add_login
from tests.pdf_tools import assert_fonts_embedded, pdf_text

JUNE = date(2025, 6, 1)
C = OverheadCategory


@pytest.fixture
def sample(db: Database) -> Sample:
    """The sample's C-1 (秋田市: WO-0001, WO-0002) and C-2 (能代市: WO-0003 …), and a C-3 of
    秋田市 with WO-0006, so that a body's people are counted once over its contracts."""
    sample = build_sample(db)
    wo1, wo2, wo3, wo4 = sample.work_order_ids[:4]
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        c3 = Contract(
            number="C-3",
            client_id=sample.akita_id,
            title="マンホール蓋 調査業務",
            start_date=date(2025, 4, 1),
            end_date=date(2026, 3, 31),
            amount_yen=1_000_000,
        )
        uow.session.add(c3)
        uow.session.flush()
        wo6 = WorkOrder(
            number="WO-0006",
            contract_id=c3.id,
            title="蓋調査",
            type="inspection",
            planned_start=date(2025, 6, 1),
            planned_end=date(2025, 6, 30),
        )
        uow.session.add(wo6)
        uow.session.flush()
        rows = [  # person, day, minutes, work order, category, status
            (1, date(2025, 6, 2), 240, wo1, None, St.APPROVED),
            (1, date(2025, 6, 2), 210, None, C.OFFICE, St.APPROVED),
            (1, date(2025, 6, 3), 480, wo1, None, St.SUBMITTED),
            (1, date(2025, 6, 3), 30, wo3, None, St.DRAFT),
            (1, date(2025, 6, 4), 480, wo1, None, St.RETURNED),  # not counted
            (1, date(2025, 6, 5), 60, wo6.id, None, St.APPROVED),
            (1, date(2025, 6, 30), 120, None, C.TRAINING, St.DRAFT),
            (1, date(2025, 7, 1), 480, wo1, None, St.DRAFT),  # July
            (2, date(2025, 5, 31), 100, wo4, None, St.APPROVED),  # May
            (2, date(2025, 6, 10), 465, None, C.TRAVEL, St.SUBMITTED),
            (2, date(2025, 6, 11), 60, wo2, None, St.APPROVED),
            (2, date(2025, 6, 12), 90, wo3, None, St.DRAFT),
            (2, date(2025, 6, 13), 45, None, C.OFFICE, St.DRAFT),
        ]
        uow.session.add_all(
            TimeEntry(person_id=p, work_date=d, minutes=m, work_order_id=wo, category=c, status=st)
            for p, d, m, wo, c, st in rows
        )
    return sample


@pytest.fixture
def reader(db: Database, sample: Sample) -> Actor:
    return actor_for(db, "coord")


def test_figures_by_hand(db: Database, reader: Actor) -> None:
    data = contract_hours_figures(db, reader, JUNE)
    assert (data.month, data.last_day, data.body_code) == (JUNE, date(2025, 6, 30), None)
    akita, noshiro = data.bodies
    assert (akita.code, akita.name, noshiro.name) == ("052019", "秋田市", "能代市")
    assert [(x.number, x.title, x.worked) for x in akita.lines] == [
        ("C-1", "令和7年度 包括業務委託", Worked(240 + 480 + 60, 240 + 60, 2, 2)),
        ("C-3", "マンホール蓋 調査業務", Worked(60, 60, 1, 1)),
    ]
    # Person 1 worked on both contracts: counted once in the body's subtotal.
    assert akita.worked == Worked(840, 360, 2, 3)
    assert [(x.number, x.worked) for x in noshiro.lines] == [("C-2", Worked(120, 0, 2, 1))]
    assert noshiro.worked == Worked(120, 0, 2, 1)
    assert [(x.category, x.title, x.worked) for x in data.overhead] == [
        (C.TRAINING, "研修", Worked(120, 0, 1, 0)),
        (C.OFFICE, "事務", Worked(210 + 45, 210, 2, 0)),
        (C.TRAVEL, "移動", Worked(465, 0, 1, 0)),
    ]
    assert data.overhead_worked == Worked(840, 210, 2, 0)
    assert data.worked == Worked(840 + 120 + 840, 360 + 210, 2, 4)


def test_one_body_an_empty_month_and_an_unknown_body(db: Database, reader: Actor) -> None:
    only = contract_hours_figures(db, reader, JUNE, "052027")
    assert [b.code for b in only.bodies] == ["052027"]
    assert (only.overhead, only.worked) == ((), Worked(120, 0, 2, 1))
    august = contract_hours_figures(db, reader, date(2025, 8, 1))
    assert (august.bodies, august.overhead, august.worked) == ((), (), Worked(0, 0, 0, 0))
    for code in ("X999", "=1+1", ""):
        with pytest.raises(NotFound):
            contract_hours_figures(db, reader, JUNE, code)


def test_pdf_and_csv_read_back(db: Database, reader: Actor, tmp_path: Path) -> None:
    data = contract_hours_figures(db, reader, JUNE)
    pdf = tmp_path / "c.pdf"
    pdf.write_bytes(render_contract_hours_pdf(data, issued=date(2025, 7, 1)))
    assert_fonts_embedded(pdf, tmp_path)
    text = pdf_text(pdf, tmp_path)
    for expected in ("契約別作業時間表", "令和7年6月", "秋田市", "マンホール蓋 調査業務"):
        assert expected in text
    assert "共通業務" in text
    assert "30" in text and "14" in text  # 1,800 minutes in all: 30 hours; 840: 14
    out = tmp_path / "c.csv"
    assert write_contract_hours_csv(data, out) == 3 + 2 + 3 + 1 + 1
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["団体コード"], r["契約番号"], r["時間"], r["人数"]) for r in rows] == [
        ("052019", "C-1", "13", "2"),
        ("052019", "C-3", "1", "1"),
        ("052019", "小計", "14", "2"),
        ("052027", "C-2", "2", "2"),
        ("052027", "小計", "2", "2"),
        ("", "", "2", "1"),
        ("", "", "4.25", "2"),
        ("", "", "7.75", "1"),
        ("", "小計", "14", "2"),
        ("", "合計", "30", "2"),
    ]
    assert rows[0]["作業指示数"] == "2" and rows[5]["作業指示数"] == ""


def test_an_empty_month_is_said_in_the_pdf(db: Database, reader: Actor, tmp_path: Path) -> None:
    pdf = tmp_path / "e.pdf"
    pdf.write_bytes(render_contract_hours_pdf(contract_hours_figures(db, reader, date(2025, 8, 1))))
    assert "記録はありません" in pdf_text(pdf, tmp_path)


def _run(args: list[str], url: str) -> int:
    return main(["report", "contract-hours", *args, "--db", url])


def test_cli_pdf_csv_and_bad_values(
    db: Database, sample: Sample, any_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Any registered user may read it; on PostgreSQL a seconded user sees only their own hours
    # (row-level security), so a coordinator reads the whole month here.
    add_login(db, CLI_LOGIN, Role.COORDINATOR)
    pdf = tmp_path / "c.pdf"
    assert _run(["--month", "2025-06", "-o", str(pdf)], any_url) == 0
    assert "2団体" in capsys.readouterr().out
    assert "能代処理区" not in pdf_text(pdf, tmp_path)  # contracts, not work orders
    out = tmp_path / "c.CSV"
    assert _run(["--month", "2025-06", "--body", "052027", "-o", str(out)], any_url) == 0
    with out.open(encoding="utf-8-sig", newline="") as f:
        assert [r["契約番号"] for r in csv.DictReader(f)] == ["C-2", "小計", "合計"]
    for args, ja, en in (
        (["--month", "2025-13"], "YYYY-MM", "YYYY-MM"),
        (["--month", "2025-06", "--body", "X999"], "X999", "No organization"),
        (["--month", "2025-06", "--body", "05\x1b[2J"], "団体コード", "code"),
    ):
        bad = tmp_path / "bad.pdf"
        assert _run([*args, "-o", str(bad)], any_url) == 1
        err = capsys.readouterr().err
        assert ja in err and en in err
        assert not bad.exists()
    assert _run(["--month", "2025-06", "-o", str(tmp_path / "c.xlsx")], any_url) == 1
    assert ".pdf か .csv" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        _run(["-o", str(pdf)], any_url)
    assert usage.value.code == 2
