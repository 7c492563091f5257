"""Contracts: upsert by number, the rules and their bilingual refusals, roles, the audit, the
edit dialog's version check, and the work orders' derived columns after a change."""

from datetime import date

import pytest
from sqlalchemy import select

from oneaqita.errors import ConcurrentEdit, NotFound, PermissionDenied, ValidationError
from oneaqita.models import Contract, WorkOrder
from oneaqita.services.changes import Entity
from oneaqita.services.contracts import save_contract, upsert_contract
from oneaqita.services.database import Database
from oneaqita.services.records import ContractData, UpsertOutcome
from oneaqita.services.work_order_queries import WorkOrderFilter, count_work_orders
from tests.builders import build_sample
from tests.staffing_builders import ADMIN, COORDINATOR, MANAGER, SECONDED, add_bodies, audits

U = UpsertOutcome
PIPES = ContractData(
    number="Ｋ-2025-001",
    client="秋田市",
    title=" 管路施設点検 包括委託 ",
    start=date(2025, 4, 1),
    end=date(2028, 3, 31),
    amount_yen=36_000_000,
    kind="管路施設点検",
    bulk_group="県一括R7",
)


def _stored(db: Database, number: str) -> Contract:
    with db.read() as s:
        contract = s.scalar(select(Contract).where(Contract.number == number))
        assert contract is not None
        s.expunge(contract)
        return contract


def test_upsert_adds_updates_and_leaves_unchanged_by_number(db: Database) -> None:
    bodies = add_bodies(db)
    with db.unit_of_work(COORDINATOR) as uow:
        cid, outcome = upsert_contract(uow, PIPES)
        assert outcome is U.ADDED
        assert upsert_contract(uow, PIPES) == (cid, U.UNCHANGED)
        by_code = ContractData(**{**PIPES.__dict__, "client": "052019", "number": "K-2025-001"})
        assert upsert_contract(uow, by_code) == (cid, U.UNCHANGED)
        more = ContractData(**{**PIPES.__dict__, "amount_yen": 38_000_000, "kind": None})
        assert upsert_contract(uow, more) == (cid, U.UPDATED)
    stored = _stored(db, "K-2025-001")
    assert (stored.client_id, stored.title, stored.kind, stored.bulk_group) == (
        bodies["052019"],
        "管路施設点検 包括委託",
        None,
        "県一括R7",
    )
    assert (stored.amount_yen, stored.version) == (38_000_000, 2)
    entries = audits(db, "contracts")
    assert [(a, who) for a, who, _, _ in entries] == [("create", "coord"), ("update", "coord")]
    _, _, before, after = entries[1]
    assert (before["amount_yen"], after["amount_yen"]) == (36_000_000, 38_000_000)
    assert (before["kind"], after["kind"], after["version"]) == ("管路施設点検", None, 2)


@pytest.mark.parametrize(
    ("change", "field", "ja", "en"),
    [
        ({"end": date(2025, 3, 31)}, "end", "契約終了日", "before the start"),
        ({"amount_yen": -1}, "amount_yen", "契約金額", "must not be negative"),
        ({"client": "湯沢市"}, "client", "湯沢市", "No organization"),
        ({"title": "　"}, "title", "件名", "Title is required"),
        ({"number": "K" * 41}, "number", "契約番号", "at most 40"),
        # BigInteger: OverflowError on SQLite and a key-column message on PostgreSQL before.
        (
            {"amount_yen": 2**63},
            "amount_yen",
            "契約金額は9,223,372,036,854,775,807以下",
            "at most 9,223,372,036,854,775,807 (got 9,223,372,036,854,775,808)",
        ),
    ],
)
def test_bad_contracts_are_refused_naming_the_field(
    db: Database, change: dict[str, object], field: str, ja: str, en: str
) -> None:
    add_bodies(db)
    with pytest.raises(ValidationError) as err, db.unit_of_work(ADMIN) as uow:
        upsert_contract(uow, ContractData(**{**PIPES.__dict__, **change}))
    assert (err.value.field, ja in err.value.ja, en in err.value.en) == (field, True, True)
    assert audits(db, "contracts") == []


def test_the_largest_amount_the_column_holds_is_stored(db: Database) -> None:
    add_bodies(db)
    with db.unit_of_work(ADMIN) as uow:
        upsert_contract(uow, ContractData(**{**PIPES.__dict__, "amount_yen": 2**63 - 1}))
    assert _stored(db, "K-2025-001").amount_yen == 2**63 - 1


def test_the_end_may_be_the_start_day(db: Database) -> None:
    add_bodies(db)
    with db.unit_of_work(ADMIN) as uow:
        one_day = ContractData(**{**PIPES.__dict__, "end": PIPES.start, "amount_yen": 0})
        assert upsert_contract(uow, one_day)[1] is U.ADDED


def test_coordinators_managers_and_administrators_write_seconded_staff_do_not(
    db: Database,
) -> None:
    add_bodies(db)
    for i, actor in enumerate((ADMIN, MANAGER, COORDINATOR)):
        with db.unit_of_work(actor) as uow:
            upsert_contract(uow, ContractData(**{**PIPES.__dict__, "number": f"K-{i}"}))
    with pytest.raises(PermissionDenied), db.unit_of_work(SECONDED) as uow:
        upsert_contract(uow, PIPES)
    with pytest.raises(PermissionDenied):
        save_contract(db, SECONDED, PIPES, None)
    assert [who for _, who, _, _ in audits(db, "contracts")] == ["admin", "manager", "coord"]


def test_save_checks_the_version_and_may_renumber(db: Database) -> None:
    add_bodies(db)
    save_contract(db, COORDINATOR, PIPES, None)
    stored = _stored(db, "K-2025-001")
    with pytest.raises(ValidationError) as err:
        save_contract(db, COORDINATOR, PIPES, None)  # "add" with a number already used
    assert err.value.field == "number"
    renumbered = ContractData(**{**PIPES.__dict__, "number": "K-2025-002"})
    change = save_contract(db, COORDINATOR, renumbered, stored.version, stored.id)
    assert change.touches("contracts") and stored.id in change.ids_of(Entity.CONTRACTS)
    assert _stored(db, "K-2025-002").version == stored.version + 1
    with pytest.raises(ConcurrentEdit):
        save_contract(db, COORDINATOR, renumbered, stored.version, stored.id)
    with pytest.raises(NotFound):
        save_contract(db, COORDINATOR, PIPES, 1)  # by number, and K-2025-001 is gone
    save_contract(db, COORDINATOR, PIPES, None)
    again = _stored(db, "K-2025-001")
    with pytest.raises(ValidationError) as err:  # renumbering onto another contract's number
        save_contract(db, COORDINATOR, renumbered, again.version, again.id)
    assert err.value.field == "number"


def _derived(db: Database, number: str) -> tuple[str, str]:
    with db.read() as s:
        row = s.execute(
            select(WorkOrder.client_code, WorkOrder.contract_number).where(
                WorkOrder.number == number
            )
        ).one()
        return row.client_code, row.contract_number


def test_a_new_title_number_or_client_refreshes_the_work_orders(db: Database) -> None:
    build_sample(db)  # C-1 for 秋田市 carries WO-0001 and WO-0002; C-2 for 能代市 the rest
    assert count_work_orders(db, WorkOrderFilter(text="汚泥処理")) == 0
    c1 = ContractData("C-1", "052019", "令和7年度 汚泥処理業務委託", date(2025, 4, 1),
                      date(2026, 3, 31), 12_000_000)  # fmt: skip
    with db.unit_of_work(ADMIN) as uow:
        assert upsert_contract(uow, c1)[1] is U.UPDATED
    assert count_work_orders(db, WorkOrderFilter(text="汚泥処理")) == 2
    assert count_work_orders(db, WorkOrderFilter(text="包括業務委託")) == 0
    assert count_work_orders(db, WorkOrderFilter(text="能代")) == 3
    stored = _stored(db, "C-1")
    moved = ContractData(**{**c1.__dict__, "number": "C-1b", "client": "能代市"})
    save_contract(db, ADMIN, moved, stored.version, stored.id)
    assert _derived(db, "WO-0001") == ("052027", "C-1b")
    assert count_work_orders(db, WorkOrderFilter(text="能代")) == 5
    assert count_work_orders(db, WorkOrderFilter(text="C-1b 汚泥")) == 2
    assert count_work_orders(db, WorkOrderFilter(text="秋田市")) == 0
    assert _derived(db, "WO-0003") == ("052027", "C-2")  # another contract's orders untouched
