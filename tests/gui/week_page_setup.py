"""What the My week page tests share: a seconded demo person with a running order, the page
opened on their week, and waiting for its saves."""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_, select

from oneaqita.models import (
    Role,
    Secondment,
    TimeEntry,
    User,
    WorkOrder,
    WorkOrderStatus,
    work_order_assignees,
)
from oneaqita.services.actor import SYSTEM_ACTOR, Actor
from oneaqita.services.database import Database
from ui.operations import running_operations
from ui.timesheets.week_page import WeekPage

from .conftest import DEMO_TODAY

NEXT_MONDAY = date(2026, 4, 6)  # the week after the demo's today: no hours yet


@dataclass
class Seconded:
    actor: Actor
    person_id: int
    order_id: int  # a running order the person is assigned to
    secondment_end: date | None


def _seconded(db: Database) -> Seconded:
    """A demo seconded user whose secondment covers next week, with one of their planned
    orders started (the demo's few running orders have no seconded assignee)."""
    sunday = NEXT_MONDAY + timedelta(days=6)
    with db.unit_of_work(SYSTEM_ACTOR) as uow:  # a test may set up rows directly
        s = uow.session
        row = s.execute(
            select(User, Secondment.end_date, WorkOrder)
            .join(Secondment, Secondment.person_id == User.person_id)
            .join(work_order_assignees, work_order_assignees.c.person_id == User.person_id)
            .join(WorkOrder, WorkOrder.id == work_order_assignees.c.work_order_id)
            .where(
                User.role == Role.SECONDED,
                Secondment.start_date <= NEXT_MONDAY,
                or_(Secondment.end_date.is_(None), Secondment.end_date >= sunday),
                WorkOrder.status == WorkOrderStatus.PLANNED,
            )
            .order_by(User.id, WorkOrder.number)
            .limit(1)
        ).first()
        assert row is not None, "the demo has a seconded user with a planned order"
        user, end, order = row
        order.status = WorkOrderStatus.IN_PROGRESS
        assert user.person_id is not None
        return Seconded(Actor.of(user), user.person_id, order.id, end)


def _idle(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=10_000)


def _page(qtbot, db: Database, actor: Actor) -> WeekPage:  # type: ignore[no-untyped-def]
    page = WeekPage(db, actor, today=DEMO_TODAY)
    qtbot.addWidget(page)
    page.resize(1100, 520)
    page.show()
    _idle(qtbot)
    return page


def _next_week(qtbot, page: WeekPage) -> None:  # type: ignore[no-untyped-def]
    page.step(1)
    qtbot.waitUntil(lambda: page.grid is not None and page.grid.week_start == NEXT_MONDAY)
    _idle(qtbot)


def _settled(qtbot, page: WeekPage) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: page.saver.idle() and running_operations() == 0, timeout=10_000)


def _stored(db: Database, person_id: int, day: date) -> dict[tuple[int | None, str | None], int]:
    with db.read() as s:
        rows = s.execute(
            select(TimeEntry.work_order_id, TimeEntry.category, TimeEntry.minutes).where(
                TimeEntry.person_id == person_id, TimeEntry.work_date == day
            )
        ).all()
    return {(o, None if c is None else str(c)): m for o, c, m in rows}
