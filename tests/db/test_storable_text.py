"""Text the databases can hold, checked once at the boundary (values.check_storable): what the
app can store round-trips through a service unchanged but for its NFKC normalisation and
trimming; what it cannot store is refused with a ValidationError naming the field, and
nothing is written, from every entry (service, import, command line), on both databases."""

import itertools
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from oneaqita.cli import main
from oneaqita.errors import ValidationError
from oneaqita.models import AssetKind, WorkOrderStatus
from oneaqita.services.assets import upsert_asset
from oneaqita.services.database import Database
from oneaqita.services.people import PeopleFilter, count_people, person_card, upsert_person
from oneaqita.services.records import AssetData, PersonData
from oneaqita.services.work_order_queries import (
    WorkOrderFilter,
    count_work_orders,
    work_order_detail,
)
from oneaqita.services.work_orders import transition
from oneaqita.transfer import import_file
from oneaqita.values import normalize_text
from tests.builders import build_sample
from tests.import_files import write_csv
from tests.logins import add_login
from tests.staffing_builders import ADMIN, COORDINATOR, add_bodies, audits, row_counts
from tests.strategies import storable_text, with_unstorable

SETTINGS = settings(max_examples=40, deadline=None)


def _fits(text: str, limit: int) -> bool:
    clean = normalize_text(text)
    return clean is not None and len(clean) <= limit


def test_storable_text_round_trips_through_the_service(db: Database) -> None:
    """Property: any storable name, kana, phone and qualification is stored and read back
    as exactly ``normalize_text`` of what was given (NFKC, trimmed; empty is no value)."""
    add_bodies(db)

    @SETTINGS
    @given(
        name=storable_text(min_size=1, max_size=30),
        kana=storable_text(max_size=30),
        phone=storable_text(max_size=12),
        qualification=storable_text(min_size=1, max_size=30),
    )
    def check(name: str, kana: str, phone: str, qualification: str) -> None:
        assume(_fits(name, 100) and _fits(qualification, 100))
        assume(len(normalize_text(kana) or "") <= 200 and len(normalize_text(phone) or "") <= 40)
        data = PersonData("E0001", name, "052019", kana, None, phone, (qualification,))
        with db.unit_of_work(COORDINATOR) as uow:
            pid, _ = upsert_person(uow, data)
        card = person_card(db, pid)
        assert card.name == normalize_text(name)
        assert card.name_kana == normalize_text(kana)
        assert card.phone == normalize_text(phone)
        assert card.qualifications == [normalize_text(qualification)]

    check()


FIELDS = ("employee_no", "name", "name_kana", "email", "phone", "qualifications")


def test_unstorable_text_is_refused_naming_the_field_and_nothing_is_written(
    db: Database,
) -> None:
    """Property: one character the rule forbids, put anywhere into any text field of a person
    (or into the home organization's reference), is refused with a ValidationError on that
    field before anything is written."""
    add_bodies(db)
    numbers = itertools.count()

    @SETTINGS
    @given(case=with_unstorable(), field=st.sampled_from((*FIELDS, "home_organization")))
    def check(case: tuple[str, str], field: str) -> None:
        text, bad = case
        values: dict[str, object] = {
            "employee_no": f"X{next(numbers)}",
            "name": "仮 太郎",
            "home_organization": "052019",
            "email": "kari@example.jp",
        }
        values[field] = (text,) if field == "qualifications" else text
        before = row_counts(db)
        with pytest.raises(ValidationError) as info, db.unit_of_work(COORDINATOR) as uow:
            upsert_person(uow, PersonData(**values))  # type: ignore[arg-type]
        assert info.value.field == field
        assert f"U+{ord(bad):04X}" in info.value.en
        assert f"U+{ord(bad):04X}" in info.value.ja
        assert row_counts(db) == before

    check()


def test_the_refusal_says_which_field_in_both_languages(db: Database) -> None:
    add_bodies(db)
    with pytest.raises(ValidationError) as info, db.unit_of_work(COORDINATOR) as uow:
        upsert_person(uow, PersonData("E1", "佐藤\x07花子", "052019"))
    assert (info.value.field, info.value.ja, info.value.en) == (
        "name",
        "氏名: 保存できない文字があります (3文字目: U+0007 制御文字)。",
        "Name contains a character that cannot be stored "
        "(character 3: U+0007, a control character).",
    )


PEOPLE_HEADER = ["職員番号", "氏名", "所属団体", "電話番号"]


@pytest.mark.parametrize(
    ("cell", "ja", "en"),
    [
        # (a NUL makes the reader refuse the file as binary)
        ("佐藤\x07花子", "3文字目: U+0007 制御文字", "character 3: U+0007, a control character"),
        (
            "\u202eコ ナハ 藤佐",
            "1文字目: U+202E 文字の向きを変える制御文字",
            "character 1: U+202E, a bidi control that changes how text displays",
        ),
        (
            "佐藤\n花子",
            "3文字目: U+000A 改行・タブ (この項目では使えません)",
            "character 3: U+000A, a line break or tab (not in this field)",
        ),
    ],
)
def test_an_import_refuses_the_cell_as_file_line_column_reason(
    db: Database, tmp_path: Path, cell: str, ja: str, en: str
) -> None:
    add_bodies(db)
    rows = [PEOPLE_HEADER, ["E1", "鈴木 一郎", "052019", ""], ["E2", cell, "052019", ""]]
    before = row_counts(db)
    report = import_file(db, ADMIN, "people", write_csv(tmp_path / "p.csv", rows),
                         display_name="p.csv")  # fmt: skip
    assert [str(e) for e in report.errors] == [
        f"p.csv:3: 氏名: 保存できない文字があります ({ja}) / "
        f"contains a character that cannot be stored ({en})"
    ]
    assert row_counts(db) == before


def test_the_command_line_import_refuses_it_too(
    db: Database, any_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_bodies(db)
    add_login(db)  # the command line's user
    path = write_csv(tmp_path / "p.csv", [PEOPLE_HEADER, ["E1", "鈴木 一郎", "052019", "1\x1b2"]])
    before = row_counts(db)
    assert main(["import", "people", str(path), "--db", any_url]) == 1
    out = capsys.readouterr()
    assert f"{path}:2: 電話番号: 保存できない文字があります (2文字目: U+001B 制御文字)" in (
        out.out + out.err
    )
    assert "Traceback" not in out.out + out.err
    assert row_counts(db) == before


def test_a_reference_that_cannot_be_stored_is_refused_on_its_field(db: Database) -> None:
    """A reference is looked up, not stored, but PostgreSQL refuses NUL in a query too."""
    add_bodies(db)
    with pytest.raises(ValidationError) as info, db.unit_of_work(COORDINATOR) as uow:
        upsert_person(uow, PersonData("E1", "佐藤 花子", "0520\x0019"))
    assert info.value.field == "home_organization"
    data = AssetData("A1", AssetKind.MANHOLE, "052019", parent="A\x000")
    with pytest.raises(ValidationError) as info, db.unit_of_work(ADMIN) as uow:
        upsert_asset(uow, data)
    assert info.value.field == "parent"


def test_a_work_order_note_may_have_lines_but_no_control_characters(db: Database) -> None:
    sample = build_sample(db)
    wid = sample.work_order_ids[0]
    before = len(audits(db, "work_orders"))
    with pytest.raises(ValidationError) as info:
        transition(db, sample.coordinator, wid, WorkOrderStatus.PLANNED, 1, note="日程\x00確定")
    assert info.value.field == "note"
    assert len(audits(db, "work_orders")) == before
    transition(
        db, sample.coordinator, wid, WorkOrderStatus.PLANNED, 1, note=" 日程確定\r\n\t雨天順延 "
    )
    assert [e.note for e in work_order_detail(db, wid).events] == ["日程確定\r\n\t雨天順延"]


def test_a_search_for_a_character_nothing_holds_finds_nothing_instead_of_failing(
    db: Database,
) -> None:
    """A NUL pasted into a search box: PostgreSQL would refuse it in the query."""
    build_sample(db)
    assert count_work_orders(db, WorkOrderFilter(text="点検")) > 0
    for query in ("点\x00検", "\x00", "\u202e点検"):
        assert count_work_orders(db, WorkOrderFilter(text=query)) == 0
        assert count_people(db, PeopleFilter(text=query)) == 0
        assert count_people(db, PeopleFilter(qualification=query)) == 0
