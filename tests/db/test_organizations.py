"""Organizations: JIS-checked codes, unique names, upsert by code, edits, lists, the audit."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneaqita.errors import ConcurrentEdit, NotFound, PermissionDenied, ValidationError
from oneaqita.jis_code import check_digit
from oneaqita.models import OrganizationKind
from oneaqita.services.changes import Entity
from oneaqita.services.database import Database
from oneaqita.services.organizations import (
    checked_organization,
    find_organization,
    get_organization,
    list_organizations,
    save_organization,
    upsert_organization,
)
from oneaqita.services.records import OrganizationData, UpsertOutcome
from oneaqita.services.work_order_queries import WorkOrderFilter, count_work_orders
from tests.builders import build_sample
from tests.staffing_builders import ADMIN, MANAGER, add_bodies, audits, row_counts

K = OrganizationKind
U = UpsertOutcome
AKITA = OrganizationData("052019", K.CITY, "秋田市", "あきたし", "Akita City")


def test_upsert_adds_updates_and_leaves_unchanged_by_code(db: Database) -> None:
    with db.unit_of_work(ADMIN) as uow:
        oid, outcome = upsert_organization(uow, AKITA)
        assert outcome is U.ADDED
        assert upsert_organization(uow, AKITA) == (oid, U.UNCHANGED)
        renamed = OrganizationData("052019", K.CITY, "秋田市", "アキタシ", "Akita")
        assert upsert_organization(uow, renamed) == (oid, U.UPDATED)
    row = get_organization(db, oid)
    assert (row.name_kana, row.name_en, row.version) == ("アキタシ", "Akita", 2)
    assert [(a, who) for a, who, _, _ in audits(db, "organizations")] == [
        ("create", "admin"),
        ("update", "admin"),
    ]
    _, _, before, after = audits(db, "organizations")[1]
    assert (before["name_kana"], after["name_kana"]) == ("あきたし", "アキタシ")


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("052018", "チェックディジット"),
        ("52019", "先頭の0の欠落"),
        ("482010", "都道府県番号"),
        ("05201X", "半角数字以外"),
    ],
)
def test_a_public_body_with_a_wrong_jis_code_is_refused_with_the_reason(
    db: Database, code: str, reason: str
) -> None:
    with pytest.raises(ValidationError) as err, db.unit_of_work(ADMIN) as uow:
        upsert_organization(uow, OrganizationData(code, K.CITY, "秋田市"))
    assert err.value.field == "code" and reason in err.value.ja and code in err.value.en
    assert row_counts(db)["organizations"] == 0


def test_the_prefecture_and_municipalities_must_fit_their_kind() -> None:
    with pytest.raises(ValidationError, match="000") as err:
        checked_organization(OrganizationData("052019", K.PREFECTURE, "秋田県"))
    assert err.value.field == "code"
    with pytest.raises(ValidationError, match="000"):
        checked_organization(OrganizationData("050008", K.TOWN, "秋田町"))
    assert checked_organization(OrganizationData("050008", K.PREFECTURE, "秋田県")).code


def test_text_is_normalised_and_partner_codes_are_free_text_but_required() -> None:
    clean = checked_organization(OrganizationData(" ０５２０１９ ", K.CITY, " 秋田市　"))
    assert (clean.code, clean.name_ja) == ("052019", "秋田市")
    assert checked_organization(OrganizationData("P-東北01", K.PARTNER, "東北管路")).code
    with pytest.raises(ValidationError) as err:
        checked_organization(OrganizationData("  ", K.PARTNER, "東北管路"))
    assert err.value.field == "code"
    with pytest.raises(ValidationError) as err:
        checked_organization(OrganizationData("P1", K.PARTNER, ""))
    assert err.value.field == "name_ja"
    with pytest.raises(ValidationError) as err:
        checked_organization(OrganizationData("P" * 21, K.PARTNER, "長すぎる"))
    assert err.value.field == "code" and "20文字以内" in err.value.ja


@given(
    prefecture=st.integers(1, 47),
    body=st.integers(100, 999),
    wrong=st.integers(1, 9),
)
def test_any_municipal_code_is_accepted_exactly_with_its_check_digit(
    prefecture: int, body: int, wrong: int
) -> None:
    first5 = f"{prefecture:02d}{body:03d}"
    good = check_digit(first5)
    assert checked_organization(OrganizationData(first5 + good, K.TOWN, "町")).code
    bad = str((int(good) + wrong) % 10)
    with pytest.raises(ValidationError) as err:
        checked_organization(OrganizationData(first5 + bad, K.TOWN, "町"))
    assert err.value.field == "code"


def test_a_japanese_name_names_one_organization(db: Database) -> None:
    add_bodies(db)
    with pytest.raises(ValidationError) as err, db.unit_of_work(ADMIN) as uow:
        upsert_organization(uow, OrganizationData("052035", K.CITY, "秋田市"))
    assert err.value.field == "name_ja" and "052019" in err.value.ja


def test_find_by_code_or_exact_name_and_name_the_missing_reference(db: Database) -> None:
    ids = add_bodies(db)
    with db.read() as session:
        assert find_organization(session, "052027").id == ids["052027"]
        assert find_organization(session, "能代市").id == ids["052027"]
        with pytest.raises(ValidationError) as err:
            find_organization(session, "能代", field="home_organization")
    assert err.value.field == "home_organization" and "能代" in err.value.ja


def test_save_adds_edits_with_the_version_and_catches_concurrent_edits(db: Database) -> None:
    change = save_organization(db, ADMIN, AKITA, expected_version=None)
    (oid,) = change.ids_of(Entity.ORGANIZATIONS)
    assert change.touches("organizations")
    with pytest.raises(ValidationError) as err:  # a second "new" with the same code
        save_organization(db, ADMIN, AKITA, expected_version=None)
    assert err.value.field == "code"
    edited = OrganizationData("052019", K.CITY, "秋田市", "あきたし", "City of Akita")
    save_organization(db, ADMIN, edited, expected_version=1)
    with pytest.raises(ConcurrentEdit):  # another desktop still shows version 1
        save_organization(db, ADMIN, AKITA, expected_version=1)
    assert get_organization(db, oid).name_en == "City of Akita"
    moved = OrganizationData("P-9", K.PARTNER, "秋田市", None, None)
    save_organization(db, ADMIN, moved, expected_version=2, organization_id=oid)
    assert get_organization(db, oid).code == "P-9"
    with pytest.raises(NotFound):
        save_organization(db, ADMIN, OrganizationData("P-10", K.PARTNER, "x"), 1)
    with pytest.raises(NotFound):
        get_organization(db, oid + 100)


def test_only_administrators_change_organizations(db: Database) -> None:
    with pytest.raises(PermissionDenied):
        save_organization(db, MANAGER, AKITA, expected_version=None)
    with pytest.raises(PermissionDenied), db.unit_of_work(MANAGER) as uow:
        upsert_organization(uow, AKITA)
    assert row_counts(db)["organizations"] == 0


def test_a_failing_upsert_leaves_the_whole_unit_of_work_unwritten(db: Database) -> None:
    with pytest.raises(ValidationError), db.unit_of_work(ADMIN) as uow:
        upsert_organization(uow, AKITA)
        upsert_organization(uow, OrganizationData("052028", K.CITY, "能代市"))
    assert row_counts(db) == {k: 0 for k in row_counts(db)}


def test_list_filters_by_kind_and_text_in_sql_in_code_order(db: Database) -> None:
    add_bodies(db)
    assert [r.code for r in list_organizations(db)] == [
        "050008",
        "052019",
        "052027",
        "ONE-AQITA",
        "P001",
    ]
    assert [r.name_ja for r in list_organizations(db, kind=K.CITY)] == ["秋田市", "能代市"]
    # Kana typed in katakana finds names stored in hiragana, and the other way round.
    assert [r.code for r in list_organizations(db, text="アキタシ")] == ["052019"]
    assert [r.code for r in list_organizations(db, text="アキタ")] == [
        "050008",
        "052019",
        "ONE-AQITA",
    ]
    assert [r.code for r in list_organizations(db, text="かんろ")] == ["P001"]
    assert [r.code for r in list_organizations(db, text="noshiro")] == ["052027"]
    assert [r.code for r in list_organizations(db, text="秋田 city")] == ["052019"]
    assert list_organizations(db, text="50%") == []
    assert all(r.version == 1 for r in list_organizations(db))


def test_renaming_a_client_reindexes_its_work_orders(db: Database) -> None:
    build_sample(db)
    assert count_work_orders(db, WorkOrderFilter(text="あきたし")) == 0
    with db.unit_of_work(ADMIN) as uow:
        upsert_organization(uow, AKITA)
    assert count_work_orders(db, WorkOrderFilter(text="あきたし")) == 2
