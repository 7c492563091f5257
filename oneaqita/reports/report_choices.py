"""What the Reports page offers to choose: the fiscal years the data holds (plus the current
one), and the shareholder bodies a statement is made for.

- **Years**: from the earliest to the latest fiscal year in which a work order was done (its
  day of completion, as the report counts it: shareholders_work.done_on) or hours were
  logged, and always the fiscal year of ``today``; newest first. Two aggregates in SQL (the
  time entries' day is indexed), nothing else comes back.
- **Bodies**: the public bodies (the prefecture and the municipalities) on the shareholder
  register on ``as_of``, in code order, as the report gives each of them a page.
"""

from datetime import date

from sqlalchemy import func, select

from oneaqita.fiscal import fiscal_year
from oneaqita.models import TimeEntry, WorkOrder
from oneaqita.permissions import Action, requires
from oneaqita.reports.report_period import FIRST_YEAR, LAST_YEAR
from oneaqita.reports.shareholders_work import DONE_STATUSES, done_on
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.shareholders import shareholder_register

__all__ = ["report_years", "statement_bodies"]


@requires(Action.READ_LISTS)
def report_years(db: Database, actor: Actor, today: date) -> list[int]:
    """The fiscal years a report can be made for, newest first (see the module)."""
    with db.read() as session:
        done = session.execute(
            select(func.min(done_on()), func.max(done_on())).where(
                WorkOrder.status.in_(DONE_STATUSES)
            )
        ).one()
        logged = session.execute(
            select(func.min(TimeEntry.work_date), func.max(TimeEntry.work_date))
        ).one()
    years = {fiscal_year(today)}
    for day in (*done, *logged):
        if day is not None:
            years.add(fiscal_year(day))
    first, last = max(min(years), FIRST_YEAR), min(max(years), LAST_YEAR)
    return list(range(last, first - 1, -1))


@requires(Action.READ_LISTS)
def statement_bodies(db: Database, actor: Actor, as_of: date) -> list[tuple[str, str]]:
    """(code, name) of the public bodies on the register on ``as_of``, in code order."""
    register = shareholder_register(db, as_of)
    return [(r.code, r.name_ja) for r in register.rows if r.kind.is_public_body]
