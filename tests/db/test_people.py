"""People: upsert by employee number, qualifications, the filtered list and the card."""

from datetime import date

import pytest

from oneaqita.errors import ConcurrentEdit, PermissionDenied, ValidationError
from oneaqita.models import SecondmentKind
from oneaqita.services.changes import Entity
from oneaqita.services.database import Database
from oneaqita.services.organizations import list_organizations
from oneaqita.services.people import (
    PeopleFilter,
    count_people,
    list_people,
    person_card,
    qualification_names,
    save_person,
    upsert_person,
)
from oneaqita.services.records import PersonData, UpsertOutcome
from oneaqita.services.text_fields import hiragana_to_katakana, katakana_to_hiragana
from oneaqita.services.work_order_queries import work_order_detail
from tests.builders import build_sample
from tests.staffing_builders import (
    ADMIN,
    COORDINATOR,
    SECONDED,
    add_bodies,
    add_person,
    add_secondment,
    audits,
    row_counts,
)

U = UpsertOutcome
SATO = PersonData("E0001", "佐藤 花子", "052019", "サトウ ハナコ", "sato@example.jp", "内線2001")


def test_upsert_by_employee_no_replaces_the_qualifications(db: Database) -> None:
    add_bodies(db)
    data = PersonData(
        "E0001", "佐藤 花子", "秋田市", qualifications=("下水道管理技術認定", "測量士")
    )
    with db.unit_of_work(COORDINATOR) as uow:
        pid, outcome = upsert_person(uow, data)
        assert outcome is U.ADDED
        assert upsert_person(uow, data) == (pid, U.UNCHANGED)
        fewer = PersonData("E0001", "佐藤 花子", "052019", qualifications=("測量士", " 測量士 "))
        assert upsert_person(uow, fewer) == (pid, U.UPDATED)
    card = person_card(db, pid)
    # A change of qualifications alone still bumps the version others edit against.
    assert (card.qualifications, card.version) == (["測量士"], 2)
    with db.unit_of_work(COORDINATOR) as uow:
        more = PersonData(
            "E0001", "佐藤 花子", "052019", qualifications=("測量士", "下水道技術検定")
        )
        assert upsert_person(uow, more) == (pid, U.UPDATED)
    assert person_card(db, pid).qualifications == ["下水道技術検定", "測量士"]
    actions = [
        (a, who, (after or {}).get("qualifications")) for a, who, _, after in audits(db, "people")
    ]
    assert actions == [
        ("create", "coord", ["下水道管理技術認定", "測量士"]),
        ("update", "coord", ["測量士"]),
        ("update", "coord", ["下水道技術検定", "測量士"]),
    ]


@pytest.mark.parametrize(
    "email",
    [
        "sato",
        "sato@",
        "@example.jp",
        "sato@example",
        "a b@x.jp",
        "a@x.jp; b@x.jp",
        "a@@x.jp",
        "a@x..jp",
    ],
)
def test_an_email_that_is_not_one_is_refused(db: Database, email: str) -> None:
    add_bodies(db)
    with pytest.raises(ValidationError) as err, db.unit_of_work(ADMIN) as uow:
        upsert_person(uow, PersonData("E0001", "佐藤 花子", "052019", email=email))
    assert err.value.field == "email" and "メールアドレス" in err.value.ja
    assert row_counts(db)["people"] == 0


def test_full_width_input_is_normalised(db: Database) -> None:
    add_bodies(db)
    data = PersonData(
        "Ｅ０００１", "佐藤　花子", "052019", "ｻﾄｳ ﾊﾅｺ", "ｓａｔｏ＠ｅｘａｍｐｌｅ.ｊｐ"
    )
    with db.unit_of_work(ADMIN) as uow:
        pid, _ = upsert_person(uow, data)
    card = person_card(db, pid)
    assert (card.employee_no, card.name, card.name_kana, card.email) == (
        "E0001",
        "佐藤 花子",
        "サトウ ハナコ",
        "sato@example.jp",
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (PersonData("E1", "佐藤", "湯沢市"), "home_organization"),
        (PersonData("E1", " ", "052019"), "name"),
        (PersonData("", "佐藤", "052019"), "employee_no"),
        (PersonData("E1", "佐藤", "052019", qualifications=("資" * 101,)), "qualifications"),
    ],
)
def test_refusals_name_the_field(db: Database, data: PersonData, field: str) -> None:
    add_bodies(db)
    with pytest.raises(ValidationError) as err, db.unit_of_work(ADMIN) as uow:
        upsert_person(uow, data)
    assert err.value.field == field


def test_upsert_and_save_set_every_field_as_given(db: Database) -> None:
    # Keeping what a file leaves out is the import's business (tests/db/test_import_files.py).
    add_bodies(db)
    save_person(db, COORDINATOR, SATO, expected_version=None)
    no_phone = PersonData("E0001", "佐藤 花子", "052019", "サトウ ハナコ", "sato@example.jp")
    with db.unit_of_work(ADMIN) as uow:
        pid, outcome = upsert_person(uow, no_phone)
    assert outcome is U.UPDATED and person_card(db, pid).phone is None
    save_person(db, COORDINATOR, SATO, expected_version=2)
    assert person_card(db, pid).phone == "内線2001"
    save_person(db, COORDINATOR, no_phone, expected_version=3)
    assert person_card(db, pid).phone is None


def test_save_refuses_a_taken_number_and_a_stale_version(db: Database) -> None:
    add_bodies(db)
    pid = save_person(db, COORDINATOR, SATO, expected_version=None).created_id(Entity.PEOPLE)
    other = add_person(db, "E0002", "鈴木 一郎")
    with pytest.raises(ValidationError) as err:
        save_person(db, COORDINATOR, SATO, expected_version=None)
    assert err.value.field == "employee_no" and "佐藤 花子" in err.value.ja
    taken = PersonData("E0002", "佐藤 花子", "052019")
    with pytest.raises(ValidationError) as err:  # renumbering onto someone else's number
        save_person(db, COORDINATOR, taken, expected_version=1, person_id=pid)
    assert err.value.field == "employee_no"
    renumbered = PersonData("E0009", "佐藤 花子", "052027")
    save_person(db, COORDINATOR, renumbered, expected_version=1, person_id=pid)
    with pytest.raises(ConcurrentEdit):
        save_person(db, COORDINATOR, renumbered, expected_version=1)
    card = person_card(db, pid)
    assert (card.employee_no, card.home_organization_name, card.version) == ("E0009", "能代市", 2)
    assert person_card(db, other).version == 1


def test_seconded_staff_cannot_change_people(db: Database) -> None:
    add_bodies(db)
    with pytest.raises(PermissionDenied):
        save_person(db, SECONDED, SATO, expected_version=None)
    with pytest.raises(PermissionDenied), db.unit_of_work(SECONDED) as uow:
        upsert_person(uow, SATO)
    assert row_counts(db)["people"] == 0


def test_a_failing_upsert_leaves_the_whole_unit_of_work_unwritten(db: Database) -> None:
    add_bodies(db)
    before = row_counts(db)
    with pytest.raises(ValidationError), db.unit_of_work(ADMIN) as uow:
        upsert_person(uow, SATO)
        upsert_person(uow, PersonData("E0002", "鈴木 一郎", "052019", email="suzuki"))
    assert row_counts(db) == before


def test_kana_shift_both_ways() -> None:
    assert hiragana_to_katakana("さとう はなこ、ゔぁ ゝ") == "サトウ ハナコ、ヴァ ヽ"
    assert katakana_to_hiragana("サトウ ハナコー ヶ") == "さとう はなこー ゖ"
    assert hiragana_to_katakana("佐藤ABC") == "佐藤ABC"


def _people(db: Database) -> None:
    add_bodies(db)
    add_person(
        db, "E0001", "佐藤 花子", "052019", "サトウ ハナコ", "hanako.sato@example.jp", ("測量士",)
    )
    add_person(
        db, "E0002", "鈴木 一郎", "052027", "すずき いちろう", None, ("測量士", "下水道技術検定")
    )
    add_person(db, "E0003", "高橋 三郎", "P001", "タカハシ サブロウ")
    add_secondment(db, "E0001", date(2024, 4, 1), date(2026, 3, 31))
    add_secondment(db, "E0002", date(2023, 11, 1), date(2025, 3, 31), "052027")
    add_secondment(db, "E0003", date(2025, 4, 1), None, "P001", SecondmentKind.PARTNER, 100)


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (PeopleFilter(), ["E0001", "E0002", "E0003"]),
        (PeopleFilter(home_organization_id=None, text="佐藤"), ["E0001"]),
        (PeopleFilter(text="佐藤花子"), ["E0001"]),  # spaces inside names do not matter
        (PeopleFilter(text="さとう"), ["E0001"]),  # hiragana finds katakana kana
        (PeopleFilter(text="スズキ"), ["E0002"]),  # and katakana finds hiragana
        (PeopleFilter(text="ｽｽﾞｷ"), ["E0002"]),  # half-width kana, NFKC
        (PeopleFilter(text="e0003"), ["E0003"]),
        (PeopleFilter(text="HANAKO.SATO@"), ["E0001"]),
        (PeopleFilter(text="タカハシ 三郎"), ["E0003"]),
        (PeopleFilter(text="佐藤 一郎"), []),
        (PeopleFilter(qualification="測量士"), ["E0001", "E0002"]),
        (PeopleFilter(qualification="下水道技術検定"), ["E0002"]),
        (PeopleFilter(currently_seconded=True, as_of=date(2025, 4, 1)), ["E0001", "E0003"]),
        (PeopleFilter(currently_seconded=False, as_of=date(2025, 4, 1)), ["E0002"]),
        (PeopleFilter(currently_seconded=True, as_of=date(2025, 3, 31)), ["E0001", "E0002"]),
        (PeopleFilter(currently_seconded=True, as_of=date(2030, 1, 1)), ["E0003"]),
        (
            PeopleFilter(currently_seconded=True, qualification="測量士", as_of=date(2025, 4, 1)),
            ["E0001"],
        ),
    ],
)
def test_list_filters_in_sql(db: Database, flt: PeopleFilter, expected: list[str]) -> None:
    _people(db)
    assert [r.employee_no for r in list_people(db, flt)] == expected
    assert count_people(db, flt) == len(expected)


def test_list_rows_show_the_current_secondment_and_pages(db: Database) -> None:
    _people(db)
    ids = {r.employee_no: r.id for r in list_people(db, PeopleFilter())}
    flt = PeopleFilter(home_organization_id=None, as_of=date(2025, 6, 1))
    rows = list_people(db, flt)
    assert [(r.currently_seconded, r.seconded_from, r.seconded_until) for r in rows] == [
        (True, "秋田市", date(2026, 3, 31)),
        (False, None, None),
        (True, "東北管路テスト株式会社", None),
    ]
    assert rows[0].home_organization_name == "秋田市" and rows[0].version == 1
    assert [r.employee_no for r in list_people(db, flt, offset=1, limit=1)] == ["E0002"]
    by_home = PeopleFilter(home_organization_id=_home_id(db, "能代市"))
    assert [r.id for r in list_people(db, by_home)] == [ids["E0002"]]
    assert qualification_names(db) == ["下水道技術検定", "測量士"]


def _home_id(db: Database, name: str) -> int:
    (row,) = list_organizations(db, text=name)
    return row.id


def test_the_card_has_contact_data_qualifications_and_every_secondment(db: Database) -> None:
    _people(db)
    add_secondment(
        db, "E0001", date(2026, 4, 1), None, "052019", SecondmentKind.RETIRED, 100, "主任"
    )
    (row,) = list_people(db, PeopleFilter(text="E0001"))
    card = person_card(db, row.id)
    assert (card.name_kana, card.email, card.home_organization_code) == (
        "サトウ ハナコ",
        "hanako.sato@example.jp",
        "052019",
    )
    assert card.qualifications == ["測量士"]
    assert [
        (
            s.from_organization_name,
            s.kind,
            s.start,
            s.end,
            s.position,
            s.salary_borne_by_company_pct,
        )
        for s in card.secondments
    ] == [
        ("秋田市", SecondmentKind.ON_ROLL, date(2024, 4, 1), date(2026, 3, 31), None, 0),
        ("秋田市", SecondmentKind.RETIRED, date(2026, 4, 1), None, "主任", 100),
    ]


def test_renaming_a_person_renames_them_on_their_work_orders(db: Database) -> None:
    sample = build_sample(db)
    with db.unit_of_work(ADMIN) as uow:
        upsert_person(uow, PersonData("E0001", "佐藤 花江", "052019", "サトウ ハナエ"))
    assert work_order_detail(db, sample.work_order_ids[0]).row.assignees == "佐藤 花江"
