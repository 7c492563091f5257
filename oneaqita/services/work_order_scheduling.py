"""Moving a work order's planned dates (the schedule's drag), under the editor's rules.

Rules enforced here:

- A move is an edit of the planned dates alone: it goes through
  services/work_order_editing.edit_work_order with the order as stored and the new dates,
  so every rule of the editor holds unchanged: the version the user saw (ConcurrentEdit
  otherwise), no edit of an accepted or cancelled order [status], the end not before the
  start [planned_end], every assignee employed or seconded for the whole new period, naming
  who is not and why [assignees], the audit entry and the re-index.
- Both new dates are given; the number stays as it is, even when the move
  crosses into another fiscal year (a number is kept once given: it is on paper already).
- Coordinators, managers and administrators only (Action.EDIT_WORK_ORDERS).
"""

import dataclasses
from datetime import date

from oneaqita.errors import ConcurrentEdit
from oneaqita.permissions import Action, requires
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change
from oneaqita.services.database import Database
from oneaqita.services.work_order_editing import edit_work_order, work_order_to_edit


@requires(Action.EDIT_WORK_ORDERS)
def reschedule_work_order(
    db: Database,
    actor: Actor,
    work_order_id: int,
    planned_start: date,
    planned_end: date,
    expected_version: int,
    today: date | None = None,
) -> Change:
    """Set the order's planned period to `planned_start`..`planned_end` (the module's rules);
    an unchanged period changes nothing."""
    stored = work_order_to_edit(db, work_order_id)
    if stored.version != expected_version:  # the edit would refuse it too; say so first
        raise ConcurrentEdit()
    moved = dataclasses.replace(
        stored.data, planned_start=planned_start, planned_end=planned_end, number=None
    )
    # The edit re-checks the version in its own transaction: a change between the read above
    # and the save is refused there, so the dates never land on data the user did not see.
    return edit_work_order(db, actor, work_order_id, moved, expected_version, today)
