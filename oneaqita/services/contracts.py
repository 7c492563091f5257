"""Contracts: a commissioned task from a client body, under which work orders are carried out.

Rules enforced here (each refusal is a ValidationError that says what to fix, on the field
named in brackets):

- A contract's key is its number, which names at most one contract [number].
- The client is an organization given by its code or exact Japanese name [client].
- The title is required; the number, title, kind and bulk-order group are normalised text of
  at most their column's length.
- The end is not before the start [end]; the amount is not negative and fits its column
  (services/number_fields.py) [amount_yen].
- When a contract's number, title or client changes, its work orders' derived columns and
  search documents (which carry them) are rebuilt in the same unit of work.
- Coordinators keep the contracts (DESIGN.md); managers and administrators may too. Every
  write is audited; the edit dialog's save checks the version the user edited.
"""

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from oneaqita.errors import ValidationError
from oneaqita.models import Contract, WorkOrder
from oneaqita.permissions import Action, requires
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.number_fields import checked_number
from oneaqita.services.organizations import find_organization
from oneaqita.services.records import ContractData, UpsertOutcome
from oneaqita.services.text_fields import optional_text, required_text
from oneaqita.services.unit_of_work import UnitOfWork
from oneaqita.services.upserts import holder_of, row_to_edit, store_values

ENTITY = Entity.CONTRACTS


def _check_period(start: date, end: date) -> None:
    if end < start:
        raise ValidationError(
            f"契約終了日 {end.isoformat()} が契約開始日 {start.isoformat()} より前です。"
            "契約終了日を開始日以降にしてください。",
            f"The end {end.isoformat()} is before the start {start.isoformat()}; "
            "set an end on or after the start.",
            "end",
        )


def _check_amount(amount_yen: int) -> None:
    checked_number(amount_yen, Contract.amount_yen, "amount_yen", "契約金額", "The contract amount")
    if amount_yen < 0:
        raise ValidationError(
            f"契約金額は0円以上にしてください ({amount_yen:,}円)。",
            f"The contract amount must not be negative (got {amount_yen:,} yen).",
            "amount_yen",
        )


def _checked(session: Session, data: ContractData) -> dict[str, Any]:
    """The contract's column values, once every rule but the number's uniqueness holds."""
    number = required_text(data.number, "number", "契約番号", "Contract number", 40)
    title = required_text(data.title, "title", "件名", "Title", 200)
    kind = optional_text(data.kind, "kind", "業務種別", "Kind of work", 100)
    bulk_group = optional_text(data.bulk_group, "bulk_group", "一括発注グループ", "Bulk group", 40)
    _check_period(data.start, data.end)
    _check_amount(data.amount_yen)
    client = find_organization(session, data.client, "client")
    return {
        "number": number,
        "client_id": client.id,
        "title": title,
        "kind": kind,
        "start_date": data.start,
        "end_date": data.end,
        "amount_yen": data.amount_yen,
        "bulk_group": bulk_group,
    }


def _check_unique_number(session: Session, number: str, own_id: int | None) -> None:
    if holder_of(session, Contract.number, number, own_id) is not None:
        raise ValidationError(
            f"契約番号「{number}」は既に別の契約に使われています。",
            f"The contract number '{number}' is already used by another contract.",
            "number",
        )


def snapshot(c: Contract) -> dict[str, Any]:
    return {
        "number": c.number,
        "client_id": c.client_id,
        "title": c.title,
        "kind": c.kind,
        "start": c.start_date.isoformat(),
        "end": c.end_date.isoformat(),
        "amount_yen": c.amount_yen,
        "bulk_group": c.bulk_group,
        "version": c.version,
    }


def _refresh_work_orders(uow: UnitOfWork, contract: Contract, changed: frozenset[str]) -> None:
    # The contract's number and title and its client's code and names are derived into each
    # of its work orders (search document, list columns).
    if changed & {"number", "title", "client_id"}:
        ids = uow.session.scalars(select(WorkOrder.id).where(WorkOrder.contract_id == contract.id))
        uow.reindex_work_orders(list(ids))


@requires(Action.EDIT_CONTRACTS)
def _store(
    uow: UnitOfWork, contract: Contract | None, values: dict[str, Any]
) -> tuple[int, UpsertOutcome]:
    _check_unique_number(uow.session, values["number"], contract.id if contract else None)
    return store_values(
        uow, ENTITY, Contract, contract, values, snapshot, on_update=_refresh_work_orders
    )


@requires(Action.EDIT_CONTRACTS)
def upsert_contract(uow: UnitOfWork, data: ContractData) -> tuple[int, UpsertOutcome]:
    """Store `data` under its number: add it, update the stored contract with that number, or
    leave it unchanged when it already says the same. Enforces the module's rules (known
    client, end not before start, amount not negative, coordinators, managers and
    administrators only); audits every write."""
    values = _checked(uow.session, data)
    contract = uow.session.scalar(select(Contract).where(Contract.number == values["number"]))
    return _store(uow, contract, values)


@requires(Action.EDIT_CONTRACTS)
def save_contract(
    db: Database,
    actor: Actor,
    data: ContractData,
    expected_version: int | None,
    contract_id: int | None = None,
) -> Change:
    """The edit dialog's save, in its own unit of work. `expected_version` None adds a new
    contract (refused if the number exists); otherwise it is the version the user edited, and
    a contract changed since raises ConcurrentEdit. The contract is found by `contract_id`
    when given (so that its number can change), else by the number."""
    with db.unit_of_work(actor) as uow:
        values = _checked(uow.session, data)
        if expected_version is None:
            _store(uow, None, values)
            return uow.change
        contract = row_to_edit(
            uow,
            Contract,
            Contract.number,
            values["number"],
            contract_id,
            expected_version,
            ("契約", "Contract"),
        )
        _store(uow, contract, values)
        return uow.change
