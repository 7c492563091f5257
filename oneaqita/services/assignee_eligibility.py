"""Who may be assigned to a work order for its planned period.

Rules enforced here:

- A person is eligible for a period when their home organization is the company itself
  (OrganizationKind.COMPANY: its own staff are always employed), or when one secondment of
  theirs covers the whole period (started on or before its first day and not ended before
  its last; an open end lasts forever). Several secondments that only together cover it do
  not count: no person has two that overlap, so a gap lies between them.
- The period is the order's planned start to its planned end; a missing end is the start,
  and with no planned dates at all the period is the day the order is written.
- A refusal says why for each refused person ("佐藤 花子: 2026/04/01〜2026/06/30 に出向期間が
  ありません"), on the field ``assignees``.

Everything is decided in one query, for a handful of people or for every candidate.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    exists,
    or_,
    select,
    true,
)
from sqlalchemy.orm import Session

from oneaqita.errors import ValidationError
from oneaqita.models import Organization, OrganizationKind, Person, Secondment
from oneaqita.services.database import Database


@dataclass(frozen=True, slots=True)
class Candidate:
    person_id: int
    employee_no: str
    name: str
    eligible: bool
    why_not_ja: str | None  # None when eligible
    why_not_en: str | None


def planned_period(start: date | None, end: date | None, today: date) -> tuple[date, date]:
    """The period eligibility is checked for (see the module's rules)."""
    first = start or end or today
    return first, end or first


def _slash(d: date) -> str:
    return d.strftime("%Y/%m/%d")


def _covered(
    first: date | BindParameter[date], last: date | BindParameter[date]
) -> ColumnElement[bool]:
    return exists().where(
        Secondment.person_id == Person.id,
        Secondment.start_date <= first,
        Secondment.not_ended_before(last),
    )


def _candidates(
    session: Session, first: date, last: date, where: ColumnElement[bool]
) -> list[Candidate]:
    stmt = (
        select(
            Person.id,
            Person.employee_no,
            Person.name,
            employed_clause(first, last),
        )
        .join(Organization, Organization.id == Person.home_organization_id)
        .where(where)
        .order_by(Person.employee_no)
    )
    period = f"{_slash(first)}〜{_slash(last)}"
    out = []
    for pid, number, name, ok in session.execute(stmt):
        out.append(
            Candidate(
                pid,
                number,
                name,
                bool(ok),
                None if ok else f"{name}: {period} に出向期間がありません",
                None if ok else f"{name}: no secondment covers {period}",
            )
        )
    return out


def assignee_candidates(db: Database, first: date, last: date) -> list[Candidate]:
    """Every person, in employee-number order, with whether they may be assigned for the
    period `first`..`last` and, if not, why (the editor's list of assignees)."""
    with db.read() as session:
        return _candidates(session, first, last, true())


def checked_assignees(
    session: Session, employee_nos: Sequence[str], first: date, last: date
) -> list[int]:
    """The ids of the people with these employee numbers, once every one exists and is
    eligible for the period; else a ValidationError on ``assignees`` naming each refusal."""
    wanted = list(dict.fromkeys(n.strip() for n in employee_nos if n.strip()))
    if not wanted:
        return []
    found = _candidates(session, first, last, Person.employee_no.in_(wanted))
    known = {c.employee_no for c in found}
    unknown = [n for n in wanted if n not in known]
    if unknown:
        listed = "、".join(unknown)
        raise ValidationError(
            f"社員番号 {listed} の人が見つかりません。",
            f"No person with employee number {', '.join(unknown)}.",
            "assignees",
        )
    refused = [c for c in found if not c.eligible]
    if refused:
        raise ValidationError(
            "担当にできない人がいます。" + "; ".join(c.why_not_ja or "" for c in refused),
            "Some people cannot be assigned. " + "; ".join(c.why_not_en or "" for c in refused),
            "assignees",
        )
    return [c.person_id for c in found]


def eligibility(
    session: Session, person_ids: Sequence[int], first: date, last: date
) -> dict[int, Candidate]:
    """Whether each of these people is employed (company staff, or a secondment covering
    `first`..`last`), by person id, in one query; a person not in the result does not exist."""
    wanted = list(dict.fromkeys(person_ids))
    if not wanted:
        return {}
    return {c.person_id: c for c in _candidates(session, first, last, Person.id.in_(wanted))}


def employed_clause(
    first: date | BindParameter[date], last: date | BindParameter[date]
) -> ColumnElement[bool]:
    """Whether the person (``Person``, joined to its home ``Organization``) is employed for
    `first`..`last`, as ``eligibility`` decides it: for one statement that checks it beside
    other things (typing an hour: services/time_entry_checks.py)."""
    return or_(Organization.kind == OrganizationKind.COMPANY, _covered(first, last))
