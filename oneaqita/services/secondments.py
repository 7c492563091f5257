"""Secondments: a person's stay at the company, from a sending body, for a period.

Rules enforced here (each refusal is a ValidationError that says what to fix, on the field
named in brackets):

- The person (employee_no) and the sending body (from_organization) must exist.
- The end, when there is one, is not before the start [end]. No end means open-ended.
- The company's share of the salary is a whole percentage 0–100 [salary_borne_by_company_pct].
- The monthly cost basis (月額負担基礎額: pay plus the employer's insurance) is whole yen, 0 or
  more and within what the column holds, or none (not stated yet) [monthly_cost_yen].
- A person never has two secondments that overlap; both ends are days of the secondment, an
  open end lasts forever [start when the new start falls inside the other one, else end].
- The kind fits the sending body [kind]: 出向 (partner) only from a partner firm; 在籍派遣
  (on_roll) and 退職派遣 (retired) only from a public body (prefecture, city, town, village),
  whose employees they are or were; the company itself never sends anyone
  [from_organization].
- Extending moves a fixed end later (or makes it open); ending sets an end no later than the
  planned one. Either keeps the start and is checked against the other secondments.
- Coordinators, managers and administrators change secondments; every write is audited.
"""

from datetime import date, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from oneaqita.errors import ConcurrentEdit, NotFound, ValidationError
from oneaqita.models import (
    Organization,
    OrganizationKind,
    Person,
    Secondment,
    SecondmentKind,
)
from oneaqita.permissions import Action, requires
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.number_fields import checked_number
from oneaqita.services.organizations import find_organization
from oneaqita.services.records import SecondmentData, UpsertOutcome
from oneaqita.services.text_fields import optional_text, required_text
from oneaqita.services.unit_of_work import UnitOfWork
from oneaqita.services.upserts import store_values
from oneaqita.vocabulary import ORGANIZATION_KIND_JA, SECONDMENT_KIND_JA

ENTITY = Entity.SECONDMENTS


def _period(start: date, end: date | None) -> str:
    return f"{start.isoformat()}〜{end.isoformat() if end else '(終了日なし)'}"


def _check_dates(start: date, end: date | None) -> None:
    if end is not None and end < start:
        raise ValidationError(
            f"終了日 {end.isoformat()} が開始日 {start.isoformat()} より前です。"
            "終了日を開始日以降にしてください。",
            f"The end {end.isoformat()} is before the start {start.isoformat()}; "
            "set an end on or after the start.",
            "end",
        )


def _check_kind(kind: SecondmentKind, sender: Organization) -> None:
    if sender.kind is OrganizationKind.COMPANY:
        raise ValidationError(
            f"{sender.name_ja} は当社なので派遣元にできません。派遣元の団体を指定してください。",
            f"{sender.name_ja} is the company itself and cannot send staff to itself.",
            "from_organization",
        )
    from_partner = sender.kind is OrganizationKind.PARTNER
    if (kind is SecondmentKind.PARTNER) == from_partner:
        return
    body = f"{sender.name_ja} ({ORGANIZATION_KIND_JA[sender.kind]})"
    if from_partner:
        raise ValidationError(
            f"{SECONDMENT_KIND_JA[kind]}は県・市町村からの派遣です。"
            f"{body} からは出向にしてください。",
            f"{kind.value} is for staff of public bodies; staff of {sender.name_ja} come as "
            "partner (出向).",
            "kind",
        )
    raise ValidationError(
        f"出向は協力会社からだけです。{body} からは在籍派遣か退職派遣にしてください。",
        f"partner (出向) is for staff of partner firms; from {sender.name_ja} choose on_roll "
        "or retired.",
        "kind",
    )


def _check_no_overlap(
    session: Session, person_id: int, start: date, end: date | None, own_id: int | None
) -> None:
    stmt = (
        select(Secondment, Organization.name_ja)
        .join(Organization, Organization.id == Secondment.from_organization_id)
        .where(
            Secondment.person_id == person_id,
            Secondment.not_ended_before(start),
        )
        .order_by(Secondment.start_date)
    )
    if end is not None:
        stmt = stmt.where(Secondment.start_date <= end)
    if own_id is not None:
        stmt = stmt.where(Secondment.id != own_id)
    found = session.execute(stmt).first()
    if found is None:
        return
    other, sender = found
    period = _period(other.start_date, other.end_date)
    if other.start_date <= start:
        field = "start"
        if other.end_date is None:
            fix_ja, fix_en = "先にその派遣を終了してください。", "end that secondment first."
        else:
            after = (other.end_date + timedelta(days=1)).isoformat()
            fix_ja, fix_en = f"開始日を {after} 以降にしてください。", f"start on {after} or later."
    else:
        field = "end"
        before = (other.start_date - timedelta(days=1)).isoformat()
        fix_ja, fix_en = f"終了日を {before} 以前にしてください。", f"end on {before} or earlier."
    raise ValidationError(
        f"{period} の {sender} からの派遣と重なっています。{fix_ja}",
        f"Overlaps the secondment from {sender} ({period.replace('〜', ' to ')}); {fix_en}",
        field,
    )


def _check_pct(pct: int) -> None:
    if not 0 <= pct <= 100:
        raise ValidationError(
            f"会社負担割合は0〜100 (%) にしてください ({pct})。",
            f"The company's share of the salary must be 0 to 100 % (got {pct}).",
            "salary_borne_by_company_pct",
        )


def _check_cost(cost: int | None) -> int | None:
    if cost is not None and cost < 0:
        raise ValidationError(
            f"月額負担基礎額は0円以上にしてください ({cost:,}円)。",
            f"The monthly cost basis must be 0 yen or more (got {cost:,}).",
            "monthly_cost_yen",
        )
    return checked_number(
        cost, Secondment.monthly_cost_yen, "monthly_cost_yen", "月額負担基礎額", "The monthly cost"
    )


def _checked(session: Session, data: SecondmentData, own_id: int | None) -> dict[str, Any]:
    """The secondment's column values, once every rule holds."""
    employee_no = required_text(data.employee_no, "employee_no", "職員番号", "Employee no.", 20)
    # Locking the person's row (PostgreSQL; SQLite lets one writer in at a time anyway)
    # makes two desktops adding secondments for one person check overlaps one after the other.
    person = session.scalar(
        select(Person).where(Person.employee_no == employee_no).with_for_update()
    )
    if person is None:
        raise ValidationError(
            f"職員番号 {employee_no} の職員が登録されていません。先に職員を登録してください。",
            f"No person with employee no. {employee_no}; add the person first.",
            "employee_no",
        )
    sender = find_organization(session, data.from_organization, "from_organization")
    _check_kind(data.kind, sender)
    _check_dates(data.start, data.end)
    _check_pct(data.salary_borne_by_company_pct)
    cost = _check_cost(data.monthly_cost_yen)
    position = optional_text(data.position, "position", "役職", "Position", 100)
    _check_no_overlap(session, person.id, data.start, data.end, own_id)
    return {
        "person_id": person.id,
        "from_organization_id": sender.id,
        "kind": data.kind,
        "start_date": data.start,
        "end_date": data.end,
        "position": position,
        "salary_borne_by_company_pct": data.salary_borne_by_company_pct,
        "monthly_cost_yen": cost,
    }


def snapshot(s: Secondment) -> dict[str, Any]:
    return {
        "person_id": s.person_id,
        "from_organization_id": s.from_organization_id,
        "kind": s.kind.value,
        "start": s.start_date.isoformat(),
        "end": s.end_date.isoformat() if s.end_date else None,
        "position": s.position,
        "salary_borne_by_company_pct": s.salary_borne_by_company_pct,
        "monthly_cost_yen": s.monthly_cost_yen,
        "version": s.version,
    }


@requires(Action.EDIT_SECONDMENTS)
def upsert_secondment(uow: UnitOfWork, data: SecondmentData) -> tuple[int, UpsertOutcome]:
    """Store a secondment under its key (employee_no + start): add it, update the stored one
    with that key, or leave it unchanged; all the module's rules apply, the overlap check
    leaving out the stored row itself. Every write audited."""
    session = uow.session
    employee_no = required_text(data.employee_no, "employee_no", "職員番号", "Employee no.", 20)
    stored = session.scalar(
        select(Secondment)
        .join(Person, Person.id == Secondment.person_id)
        .where(Person.employee_no == employee_no, Secondment.start_date == data.start)
    )
    values = _checked(session, data, stored.id if stored else None)
    return store_values(uow, ENTITY, Secondment, stored, values, snapshot)


@requires(Action.EDIT_SECONDMENTS)
def create_secondment(db: Database, actor: Actor, data: SecondmentData) -> Change:
    """Record a new secondment (the dialog's "add"), in its own unit of work; all the
    module's rules apply, so a second secondment with the same start is an overlap."""
    with db.unit_of_work(actor) as uow:
        store_values(uow, ENTITY, Secondment, None, _checked(uow.session, data, None), snapshot)
        return uow.change


@requires(Action.EDIT_SECONDMENTS)
def _locked(uow: UnitOfWork, secondment_id: int, expected_version: int) -> Secondment:
    s = uow.session.get(Secondment, secondment_id)
    if s is None:
        raise NotFound(
            f"派遣 (id {secondment_id}) が見つかりません。",
            f"Secondment {secondment_id} not found.",
        )
    if s.version != expected_version:
        raise ConcurrentEdit()
    uow.session.scalar(select(Person.id).where(Person.id == s.person_id).with_for_update())
    return s


def _set_end(uow: UnitOfWork, s: Secondment, end: date | None, action: str) -> None:
    _check_dates(s.start_date, end)
    _check_no_overlap(uow.session, s.person_id, s.start_date, end, s.id)
    before = snapshot(s)
    s.end_date = end
    uow.session.flush()
    uow.audit(action, ENTITY, s.id, before, snapshot(s))


@requires(Action.EDIT_SECONDMENTS)
def extend_secondment(
    db: Database,
    actor: Actor,
    secondment_id: int,
    new_end: date | None,
    expected_version: int,
) -> Change:
    """Move a secondment's fixed end later, or make it open-ended (`new_end` None). Refused
    for an open-ended one, for an end not after the current one (use end_secondment to end
    earlier), and when the longer stay would overlap the person's next secondment."""
    with db.unit_of_work(actor) as uow:
        s = _locked(uow, secondment_id, expected_version)
        if s.end_date is None:
            raise ValidationError(
                "この派遣には終了日がないので延長できません。",
                "This secondment has no end, so it cannot be extended.",
                "end",
            )
        if new_end is not None and new_end <= s.end_date:
            raise ValidationError(
                f"延長後の終了日 {new_end.isoformat()} を今の終了日 {s.end_date.isoformat()} "
                "より後にしてください。早く終えるときは「終了」を使ってください。",
                f"The new end {new_end.isoformat()} must be after the current end "
                f"{s.end_date.isoformat()}; to end earlier, end the secondment instead.",
                "end",
            )
        _set_end(uow, s, new_end, "extend")
        return uow.change


@requires(Action.EDIT_SECONDMENTS)
def end_secondment(
    db: Database, actor: Actor, secondment_id: int, end: date, expected_version: int
) -> Change:
    """End a secondment on `end` (its last day): not before the start and not after the
    planned end (use extend_secondment to stay longer). Ending on the planned end again
    changes nothing."""
    with db.unit_of_work(actor) as uow:
        s = _locked(uow, secondment_id, expected_version)
        if s.end_date is not None and end > s.end_date:
            raise ValidationError(
                f"終了日 {end.isoformat()} が予定の終了日 {s.end_date.isoformat()} より後です。"
                "期間を延ばすときは「延長」を使ってください。",
                f"The end {end.isoformat()} is after the planned end "
                f"{s.end_date.isoformat()}; extend the secondment to stay longer.",
                "end",
            )
        if end != s.end_date:
            _set_end(uow, s, end, "end")
        return uow.change
