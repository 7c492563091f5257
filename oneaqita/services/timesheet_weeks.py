"""A person's week as a whole: submitted, then approved or returned with a comment.

Rules enforced here (each refusal a bilingual ValidationError; nothing is written):

- A week is named by its person and its Monday [week_start]. A person submits their own
  week (Action.LOG_OWN_HOURS); coordinators, managers and administrators may submit anyone's
  (Action.LOG_HOURS_FOR_OTHERS). A week is submitted when it is being entered or was
  returned, and holds at least one entry [week_start].
- Managers and administrators (Action.APPROVE_HOURS) approve a submitted week, or return a
  submitted or approved one with a comment (required, at most 1000 characters) [comment].
  Nobody approves or returns their own hours, not even an administrator [person].
- Approved entries are locked (services/time_entries.py refuses edits); a correction goes
  through a return, which unlocks the week until it is submitted again. The return's
  comment stays on the week until it is decided again (the audit log keeps every one).
- The week's row (timesheet_weeks) and the status of each of its entries change together;
  the decision checks the version of the week the manager saw (ConcurrentEdit). Every step is
  audited: the week (create/update) and its entries (one update entry each, set-based).
"""

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select, update

from oneaqita.errors import ValidationError
from oneaqita.labels import label
from oneaqita.models import Person, TimeEntry, TimeEntryStatus, TimesheetWeek
from oneaqita.models.base import utcnow
from oneaqita.permissions import Action, check, requires
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.text_fields import optional_text
from oneaqita.services.unit_of_work import UnitOfWork
from oneaqita.services.upserts import row_to_edit

__all__ = ["approve_week", "approve_weeks", "return_week", "submit_week", "week_snapshot"]

ENTITY = Entity.TIMESHEET_WEEKS
_WHAT = ("週の勤務表", "Timesheet week")
_SUBMITTABLE = frozenset({TimeEntryStatus.DRAFT, TimeEntryStatus.RETURNED})


def week_snapshot(w: TimesheetWeek) -> dict[str, Any]:
    return {
        "person_id": w.person_id,
        "week_start": w.week_start.isoformat(),
        "status": str(w.status),
        "comment": w.comment,
        "decided_by_id": w.decided_by_id,
        "version": w.version,
    }


def _slash(d: date) -> str:
    return d.strftime("%Y/%m/%d")


def _set_entries(
    uow: UnitOfWork, week: TimesheetWeek, status: TimeEntryStatus, **values: Any
) -> None:
    """Every entry of the week to `status` (and `values`), audited one entry each."""
    end = week.week_start + timedelta(days=6)
    where = (
        TimeEntry.person_id == week.person_id,
        TimeEntry.work_date >= week.week_start,
        TimeEntry.work_date <= end,
    )
    rows = uow.session.execute(select(TimeEntry.id, TimeEntry.status).where(*where)).all()
    uow.session.execute(
        update(TimeEntry)
        .where(*where)
        .values(status=status, version=TimeEntry.version + 1, updated_at=utcnow(), **values)
        .execution_options(synchronize_session=False)
    )
    uow.audit_many(
        "update",
        Entity.TIME_ENTRIES,
        [(i, {"status": str(old)}, {"status": str(status)}) for i, old in rows],
    )


@requires(Action.LOG_OWN_HOURS)
def submit_week(db: Database, actor: Actor, person_id: int, week_start: date) -> Change:
    """Submit the week of `person_id` that starts on Monday `week_start`."""
    if week_start.weekday() != 0:
        raise ValidationError(
            f"週は月曜日から始まります ({_slash(week_start)} は月曜日ではありません)。",
            f"A week starts on a Monday ({_slash(week_start)} is not one).",
            "week_start",
        )
    with db.unit_of_work(actor) as uow:
        if uow.actor.person_id != person_id:
            check(uow.actor, Action.LOG_HOURS_FOR_OTHERS)
        s = uow.session
        week = s.scalar(
            select(TimesheetWeek).where(
                TimesheetWeek.person_id == person_id, TimesheetWeek.week_start == week_start
            )
        )
        if week is not None and week.status not in _SUBMITTABLE:
            raise ValidationError(
                f"{_slash(week_start)} の週は既に「{label(week.status)}」です。",
                f"The week of {_slash(week_start)} is already {label(week.status, 'en').lower()}.",
                "week_start",
            )
        entries = s.scalar(
            select(TimeEntry.id)
            .where(
                TimeEntry.person_id == person_id,
                TimeEntry.work_date >= week_start,
                TimeEntry.work_date <= week_start + timedelta(days=6),
            )
            .limit(1)
        )
        if entries is None:
            raise ValidationError(
                f"{_slash(week_start)} の週には時間が入力されていません。",
                f"The week of {_slash(week_start)} has no hours to submit.",
                "week_start",
            )
        before = week_snapshot(week) if week is not None else None
        if week is None:
            week = TimesheetWeek(person_id=person_id, week_start=week_start)
            s.add(week)
        week.status = TimeEntryStatus.SUBMITTED
        week.submitted_at = utcnow()
        week.submitted_by_id = uow.actor.user_id
        week.decided_at = None
        week.decided_by_id = None
        s.flush()
        uow.audit(
            "create" if before is None else "update", ENTITY, week.id, before, week_snapshot(week)
        )
        _set_entries(uow, week, TimeEntryStatus.SUBMITTED, approved_by_id=None, approved_at=None)
        return uow.change


def _week_to_decide(
    uow: UnitOfWork, week_id: int, expected_version: int, allowed: frozenset[TimeEntryStatus]
) -> TimesheetWeek:
    week = row_to_edit(
        uow, TimesheetWeek, TimesheetWeek.id, week_id, week_id, expected_version, _WHAT
    )
    if uow.actor.person_id is not None and uow.actor.person_id == week.person_id:
        raise ValidationError(
            "自分の時間は承認・差戻しできません。別の管理職に依頼してください。",
            "Nobody approves or returns their own hours; ask another manager.",
            "person",
        )
    if week.status not in allowed:
        raise ValidationError(
            f"{_slash(week.week_start)} の週は「{label(week.status)}」のため、"
            "この操作はできません。",
            f"The week of {_slash(week.week_start)} is {label(week.status, 'en').lower()}: "
            "this cannot be done to it.",
            "week_start",
        )
    return week


def _approve(uow: UnitOfWork, week_id: int, expected_version: int) -> None:
    week = _week_to_decide(uow, week_id, expected_version, frozenset({TimeEntryStatus.SUBMITTED}))
    before = week_snapshot(week)
    now = utcnow()
    week.status = TimeEntryStatus.APPROVED
    week.decided_at = now
    week.decided_by_id = uow.actor.user_id
    week.comment = None
    uow.session.flush()
    uow.audit("update", ENTITY, week.id, before, week_snapshot(week))
    _set_entries(
        uow, week, TimeEntryStatus.APPROVED, approved_by_id=uow.actor.user_id, approved_at=now
    )


@requires(Action.APPROVE_HOURS)
def approve_week(db: Database, actor: Actor, week_id: int, expected_version: int) -> Change:
    """Approve a submitted week: its entries are locked."""
    with db.unit_of_work(actor) as uow:
        _approve(uow, week_id, expected_version)
        return uow.change


@requires(Action.APPROVE_HOURS)
def approve_weeks(db: Database, actor: Actor, weeks: Sequence[tuple[int, int]]) -> Change:
    """Approve several submitted weeks, each given as (id, version seen), all or nothing: a
    refusal names the person and the week, and nothing is approved."""
    with db.unit_of_work(actor) as uow:
        for week_id, expected_version in weeks:
            try:
                _approve(uow, week_id, expected_version)
            except ValidationError as exc:
                who = uow.session.execute(
                    select(Person.employee_no, Person.name, TimesheetWeek.week_start)
                    .join(TimesheetWeek, TimesheetWeek.person_id == Person.id)
                    .where(TimesheetWeek.id == week_id)
                ).one()
                where = f"{who.employee_no} {who.name} {_slash(who.week_start)}"
                raise ValidationError(
                    f"{where}: {exc.ja} (どの週も承認していません)",
                    f"{where}: {exc.en} (no week was approved)",
                    exc.field,
                ) from exc
        return uow.change


@requires(Action.APPROVE_HOURS)
def return_week(
    db: Database, actor: Actor, week_id: int, expected_version: int, comment: str
) -> Change:
    """Return a submitted or approved week with `comment`: editable again until resubmitted."""
    text = optional_text(comment, "comment", "差戻しの理由", "The reason", 1000, multiline=True)
    if text is None:
        raise ValidationError(
            "差戻しの理由を入力してください。", "Say why the week is returned.", "comment"
        )
    with db.unit_of_work(actor) as uow:
        week = _week_to_decide(
            uow,
            week_id,
            expected_version,
            frozenset({TimeEntryStatus.SUBMITTED, TimeEntryStatus.APPROVED}),
        )
        before = week_snapshot(week)
        week.status = TimeEntryStatus.RETURNED
        week.decided_at = utcnow()
        week.decided_by_id = uow.actor.user_id
        week.comment = text
        uow.session.flush()
        uow.audit("update", ENTITY, week.id, before, week_snapshot(week))
        _set_entries(uow, week, TimeEntryStatus.RETURNED, approved_by_id=None, approved_at=None)
        return uow.change
