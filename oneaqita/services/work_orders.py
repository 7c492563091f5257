"""Changing work orders: the status machine, one explicit action per move, each recorded with
who and when (a WorkOrderEvent with its note) and audited.

draft → planned → in_progress → completed → accepted; cancelled from any state before
accepted. No move leaves accepted or cancelled, and none goes back.

Rules, each refusal a ValidationError naming its field [in brackets]:

- Every move may carry a note (multi-line, at most 1000 characters, checked like all stored
  text: text_fields.optional_text) [note]; cancelling needs one: the reason [note].
- Planning (→ planned) changes nothing but the status.
- Starting (→ in_progress) sets the actual start: the day given, else today; not in the future
  and not after an actual end already stored [actual_start].
- Completing (→ completed) needs the actual end, given by the user: not before the actual
  start, not in the future [actual_end].
- Accepting (→ accepted) is for managers and administrators (Action.ACCEPT_WORK_ORDERS; every
  other move is Action.MOVE_WORK_ORDERS): it records the client's 検収日, not before the
  actual end and not in the future [accepted_on], and the client's reference, optional
  [acceptance_ref].
- `expected_version` is the version the user saw: if someone changed the order since,
  ConcurrentEdit is raised and nothing is written. An illegal move is IllegalTransition
  [status].

`transition` is the one entry by target status (it calls the move's own function, so that
accepting is checked as accepting); `plan`, `start`, `complete`, `accept` and `cancel` are
the moves by name.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from oneaqita.errors import ConcurrentEdit, IllegalTransition, ValidationError
from oneaqita.models import WorkOrder, WorkOrderEvent, WorkOrderStatus
from oneaqita.permissions import Action, allowed, requires
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.text_fields import optional_text
from oneaqita.services.work_order_queries import stored_work_order
from oneaqita.vocabulary import WORK_ORDER_STATUS_JA

S = WorkOrderStatus
LEGAL_MOVES: dict[WorkOrderStatus, frozenset[WorkOrderStatus]] = {
    S.DRAFT: frozenset({S.PLANNED, S.CANCELLED}),
    S.PLANNED: frozenset({S.IN_PROGRESS, S.CANCELLED}),
    S.IN_PROGRESS: frozenset({S.COMPLETED, S.CANCELLED}),
    S.COMPLETED: frozenset({S.ACCEPTED, S.CANCELLED}),
    S.ACCEPTED: frozenset(),
    S.CANCELLED: frozenset(),
}
NOTE_LIMIT = 1000
REF_LIMIT = 100  # WorkOrder.acceptance_ref

# The action each move takes (the UI asks the same table what to offer).
MOVE_ACTIONS: dict[WorkOrderStatus, Action] = {
    s: Action.ACCEPT_WORK_ORDERS if s is S.ACCEPTED else Action.MOVE_WORK_ORDERS
    for s in WorkOrderStatus
}
_LABELS = {
    "actual_start": ("実績開始日", "The actual start"),
    "actual_end": ("実績終了日", "The actual end"),
    "accepted_on": ("検収日", "The acceptance date"),
}


def allowed_moves(status: WorkOrderStatus, actor: Actor | None = None) -> list[WorkOrderStatus]:
    """The legal moves from `status`; with an actor, only those its role may make."""
    return [
        s
        for s in WorkOrderStatus
        if s in LEGAL_MOVES[status] and (actor is None or allowed(actor, MOVE_ACTIONS[s]))
    ]


def _note(note: str | None, *, required: bool = False) -> str | None:
    text = optional_text(note, "note", "メモ", "Note", NOTE_LIMIT, multiline=True)
    if text is None and required:
        raise ValidationError(
            "中止の理由をメモに入力してください。",
            "Cancelling needs a note: write the reason.",
            "note",
        )
    return text


def _check_day(
    field: str, day: date | None, today: date, after: tuple[str, date | None] | None = None
) -> date:
    """`day` given, not after `today` and, when `after` names a stored day, not before it."""
    ja, en = _LABELS[field]
    if day is None:
        raise ValidationError(f"{ja}を入力してください。", f"{en} is required.", field)
    if day > today:
        raise ValidationError(
            f"{ja} {day.isoformat()} は未来の日付です。"
            f"今日 ({today.isoformat()}) 以前にしてください。",
            f"{en} {day.isoformat()} is in the future; give today ({today.isoformat()}) "
            "or earlier.",
            field,
        )
    if after is not None and after[1] is not None and day < after[1]:
        other_ja, other_en = _LABELS[after[0]]
        raise ValidationError(
            f"{ja} {day.isoformat()} が{other_ja} {after[1].isoformat()} より前です。",
            f"{en} {day.isoformat()} is before {other_en.lower()} {after[1].isoformat()}.",
            field,
        )
    return day


Apply = Callable[[WorkOrder], dict[str, Any]]  # sets the move's data, returns it for the audit


def _move(
    db: Database,
    actor: Actor,
    work_order_id: int,
    to_status: WorkOrderStatus,
    expected_version: int,
    note: str | None,
    apply: Apply | None = None,
    *,
    reason: bool = False,
) -> Change:
    """The move, once it is legal from where the order stands: `apply` checks and sets its
    data; `reason` requires a note."""
    with db.unit_of_work(actor) as uow:
        wo = stored_work_order(uow.session, work_order_id)
        if wo.version != expected_version:
            raise ConcurrentEdit()
        current = wo.status
        if to_status not in LEGAL_MOVES[current]:
            raise IllegalTransition(
                f"作業 {wo.number} は「{WORK_ORDER_STATUS_JA[current]}」から"
                f"「{WORK_ORDER_STATUS_JA[to_status]}」にできません。",
                f"Work order {wo.number} cannot move from {current.value} to {to_status.value}.",
                field="status",
            )
        note = _note(note, required=reason)
        before: dict[str, Any] = {"status": current.value, "version": wo.version}
        data = apply(wo) if apply is not None else {}
        before |= {k: _plain(getattr(wo, k)) for k in data}
        for key, value in data.items():
            setattr(wo, key, value)
        wo.status = to_status
        uow.session.add(
            WorkOrderEvent(
                work_order_id=wo.id,
                user_id=uow.actor.user_id,
                from_status=current,
                to_status=to_status,
                note=note,
            )
        )
        uow.session.flush()
        after = {"status": to_status.value, "version": wo.version, "note": note}
        uow.audit(
            "transition",
            Entity.WORK_ORDERS,
            wo.id,
            before,
            after | {k: _plain(v) for k, v in data.items()},
        )
        return uow.change


def _plain(value: object) -> object:
    return value.isoformat() if isinstance(value, date) else value


@requires(Action.MOVE_WORK_ORDERS)
def plan(
    db: Database, actor: Actor, work_order_id: int, expected_version: int, note: str | None = None
) -> Change:
    return _move(db, actor, work_order_id, S.PLANNED, expected_version, note)


@requires(Action.MOVE_WORK_ORDERS)
def start(
    db: Database,
    actor: Actor,
    work_order_id: int,
    expected_version: int,
    actual_start: date | None = None,
    note: str | None = None,
    today: date | None = None,
) -> Change:
    """Starts the work on `actual_start` (today when not given)."""
    today = today or date.today()

    def apply(wo: WorkOrder) -> dict[str, Any]:
        day = _check_day("actual_start", actual_start or today, today)
        if wo.actual_end is not None and day > wo.actual_end:
            ja, en = _LABELS["actual_start"]
            raise ValidationError(
                f"{ja} {day.isoformat()} が実績終了日 {wo.actual_end.isoformat()} より後です。",
                f"{en} {day.isoformat()} is after the actual end {wo.actual_end.isoformat()}.",
                "actual_start",
            )
        return {"actual_start": day}

    return _move(db, actor, work_order_id, S.IN_PROGRESS, expected_version, note, apply)


@requires(Action.MOVE_WORK_ORDERS)
def complete(
    db: Database,
    actor: Actor,
    work_order_id: int,
    expected_version: int,
    actual_end: date | None,
    note: str | None = None,
    today: date | None = None,
) -> Change:
    """Completes the work, which ended on `actual_end` (required)."""
    today = today or date.today()

    def apply(wo: WorkOrder) -> dict[str, Any]:
        after = ("actual_start", wo.actual_start)
        return {"actual_end": _check_day("actual_end", actual_end, today, after)}

    return _move(db, actor, work_order_id, S.COMPLETED, expected_version, note, apply)


@requires(Action.ACCEPT_WORK_ORDERS)
def accept(
    db: Database,
    actor: Actor,
    work_order_id: int,
    expected_version: int,
    accepted_on: date | None,
    acceptance_ref: str | None = None,
    note: str | None = None,
    today: date | None = None,
) -> Change:
    """Records the client's acceptance (検収) on `accepted_on`, with its reference."""
    today = today or date.today()
    ref = optional_text(acceptance_ref, "acceptance_ref", "検収番号", "The reference", REF_LIMIT)

    def apply(wo: WorkOrder) -> dict[str, Any]:
        day = _check_day("accepted_on", accepted_on, today, ("actual_end", wo.actual_end))
        return {"accepted_on": day, "acceptance_ref": ref}

    return _move(db, actor, work_order_id, S.ACCEPTED, expected_version, note, apply)


@requires(Action.MOVE_WORK_ORDERS)
def cancel(
    db: Database, actor: Actor, work_order_id: int, expected_version: int, note: str | None
) -> Change:
    """Cancels the order for the reason in `note` (required)."""
    return _move(db, actor, work_order_id, S.CANCELLED, expected_version, note, reason=True)


@requires(Action.MOVE_WORK_ORDERS)
def transition(
    db: Database,
    actor: Actor,
    work_order_id: int,
    to_status: WorkOrderStatus,
    expected_version: int,
    note: str | None = None,
    today: date | None = None,
    *,
    actual_start: date | None = None,
    actual_end: date | None = None,
    accepted_on: date | None = None,
    acceptance_ref: str | None = None,
) -> Change:
    """The move to `to_status` with what it needs (see the module's rules)."""
    wid, version = work_order_id, expected_version
    if to_status is S.IN_PROGRESS:
        return start(db, actor, wid, version, actual_start, note, today)
    if to_status is S.COMPLETED:
        return complete(db, actor, wid, version, actual_end, note, today)
    if to_status is S.ACCEPTED:
        return accept(db, actor, wid, version, accepted_on, acceptance_ref, note, today)
    if to_status is S.CANCELLED:
        return cancel(db, actor, wid, version, note)
    if to_status is S.PLANNED:
        return plan(db, actor, wid, version, note)
    return _move(db, actor, wid, to_status, version, note)  # refused: nothing leads there
