"""The monthly hours report: figures by hand, the PDF and the CSV read back."""

import csv
from datetime import date
from pathlib import Path

import pytest

from oneaqita.errors import NotFound, PermissionDenied
from oneaqita.models import OverheadCategory, Secondment, SecondmentKind, TimeEntry
from oneaqita.models import TimeEntryStatus as St
from oneaqita.reports.hours_figures import hours_figures
from oneaqita.reports.hours_report import render_hours_pdf, write_hours_csv
from oneaqita.services.actor import SYSTEM_ACTOR, Actor
from oneaqita.services.database import Database
from tests.builders import Sample, build_sample
from tests.logins import actor_for
from tests.pdf_tools import assert_fonts_embedded, pdf_text

JUNE = date(2025, 6, 1)
C = OverheadCategory


@pytest.fixture
def sample(db: Database) -> Sample:
    sample = build_sample(db)
    wo1, wo3 = sample.work_order_ids[0], sample.work_order_ids[2]
    rows = [  # person, day, minutes, work order, category, status
        (1, date(2025, 6, 2), 240, wo1, None, St.APPROVED),
        (1, date(2025, 6, 2), 210, None, C.OFFICE, St.APPROVED),
        (1, date(2025, 6, 3), 480, wo1, None, St.SUBMITTED),
        (1, date(2025, 6, 3), 30, wo3, None, St.DRAFT),
        (1, date(2025, 6, 4), 480, wo1, None, St.RETURNED),  # not counted
        (1, date(2025, 6, 30), 120, None, C.TRAINING, St.DRAFT),
        (1, date(2025, 7, 1), 480, wo1, None, St.DRAFT),  # July
        (2, date(2025, 6, 10), 465, None, C.TRAVEL, St.SUBMITTED),
    ]
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        uow.session.add_all(
            TimeEntry(person_id=p, work_date=d, minutes=m, work_order_id=wo, category=c, status=st)
            for p, d, m, wo, c, st in rows
        )
    return sample


@pytest.fixture
def reader(db: Database, sample: Sample) -> Actor:
    return actor_for(db, "coord")  # a coordinator of the sample


def test_figures_by_hand(db: Database, sample: Sample, reader: Actor) -> None:
    data = hours_figures(db, reader, JUNE)
    assert (data.month, data.last_day) == (JUNE, date(2025, 6, 30))
    sato, suzuki = data.people
    assert (sato.employee_no, sato.name, suzuki.employee_no) == ("E0001", "佐藤 花子", "E0002")
    assert [(r.work_order, r.title, r.minutes) for r in sato.rows] == [
        ("WO-0001", "秋田処理区 管路点検 第1工区", 240 + 480),
        ("WO-0003", "能代処理区 管路清掃", 30),
        (None, "研修", 120),
        (None, "事務", 210),
    ]
    wo1 = sato.rows[0].minutes_by_day
    assert len(wo1) == 30 and (wo1[1], wo1[2], wo1[3]) == (240, 480, 0)
    assert sato.minutes_by_day[1] == 450 and sato.minutes_by_day[2] == 510
    assert (sato.minutes, sato.approved_minutes, sato.days_worked) == (1080, 450, 3)
    assert (suzuki.minutes, suzuki.days_worked, suzuki.rows[0].title) == (465, 1, "移動")


def test_one_person_unknown_person_and_who_may(db: Database, sample: Sample, reader: Actor) -> None:
    (only,) = hours_figures(db, reader, JUNE, "E0002").people
    assert only.minutes == 465
    # A person asked for by number gets a section even in a month without hours; everyone
    # means the people with hours.
    (empty,) = hours_figures(db, reader, date(2025, 8, 1), "E0002").people
    assert (empty.rows, empty.minutes, len(empty.minutes_by_day)) == ((), 0, 31)
    assert hours_figures(db, reader, date(2025, 8, 1)).people == ()
    with pytest.raises(NotFound, match="E9999"):
        hours_figures(db, reader, JUNE, "E9999")
    seconded = actor_for(db, "sato")
    assert hours_figures(db, seconded, JUNE, "E0001").people[0].minutes == 1080
    with pytest.raises(PermissionDenied):
        hours_figures(db, SYSTEM_ACTOR, JUNE)


def test_pdf_and_csv(db: Database, sample: Sample, reader: Actor, tmp_path: Path) -> None:
    data = hours_figures(db, reader, JUNE)
    pdf = render_hours_pdf(data, date(2025, 7, 1))
    assert_fonts_embedded(pdf, tmp_path)
    text = pdf_text(pdf, tmp_path, 1, 1)
    squeezed = "".join(text.split())
    for expected in ("月間作業時間表令和7年6月", "E0001佐藤花子", "合計18時間", "承認済7.5時間"):
        assert expected in squeezed, expected
    assert "WO-0001" in text and "研修" in text and "\n12\n" in text  # WO-0001: 4 + 8 h
    assert "鈴木 一郎" in pdf_text(pdf, tmp_path, 2, 2)

    path = tmp_path / "hours.csv"
    assert write_hours_csv(data, path) == 4 + 1 + 1 + 1
    with path.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    assert table[0][:5] == ["職員番号", "氏名", "作業番号", "件名・区分", "1日"]
    assert table[0][-1] == "合計" and len(table[0]) == 4 + 30 + 1
    assert table[1][:4] == ["E0001", "佐藤 花子", "WO-0001", "秋田処理区 管路点検 第1工区"]
    assert (table[1][4 + 1], table[1][4 + 2], table[1][-1]) == ("4", "8", "12")
    assert table[5][2:4] == ["合計", ""] and table[5][-1] == "18"
    assert table[6][:4] == ["E0002", "鈴木 一郎", "", "移動"] and table[6][-1] == "7.75"


def test_the_people_seconded_from_one_body(db: Database, sample: Sample, reader: Actor) -> None:
    on_roll = SecondmentKind.ON_ROLL
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        uow.session.add_all(
            [
                Secondment(
                    person_id=1,
                    from_organization_id=sample.akita_id,
                    kind=on_roll,
                    start_date=date(2025, 4, 1),
                    end_date=date(2025, 6, 30),
                ),
                # From 能代市 only from July: not in June's report of 能代市.
                Secondment(
                    person_id=2,
                    from_organization_id=sample.noshiro_id,
                    kind=on_roll,
                    start_date=date(2025, 7, 1),
                ),
            ]
        )
    (only,) = hours_figures(db, reader, JUNE, body_code="052019").people
    assert (only.employee_no, only.minutes) == ("E0001", 1080)
    assert hours_figures(db, reader, JUNE, body_code="052027").people == ()
    (outside,) = hours_figures(db, reader, JUNE, "E0002", "052019").people
    assert outside.minutes == 0  # asked for by number: a section, with none of its hours
    with pytest.raises(NotFound, match="X999"):
        hours_figures(db, reader, JUNE, body_code="X999")
