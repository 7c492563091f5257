"""Kind ``time-entries``: no single key: a row with the same person (employee number), date,
work order (by number) and category as a stored entry replaces it; ``hours`` as people write
them (``7.5``, ``7:30``, ``7h30``: oneaqita/durations.py; a number or time cell of a
spreadsheet too); a work order or a category (training, office, travel, leave, or 研修, 事務,
移動, 休暇), not both.

Every rule of services/time_entries.py applies to each row, against what is stored and the
rows before it in the file (they are stored in file order in the one unit of work): more than
24 hours on a day across rows is refused at the row that passes it, as is a day outside the
person's secondment or employment, an order they are not assigned to, and a week submitted
or approved. A row that holds what is stored is unchanged (an export imports back unchanged,
approved weeks too). Exports write the hours as ``7:30``."""

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from oneaqita.durations import format_minutes, parse_minutes
from oneaqita.errors import ValidationError
from oneaqita.labels import ja_words
from oneaqita.models import OverheadCategory, Person, TimeEntry, WorkOrder
from oneaqita.permissions import Action, requires
from oneaqita.services.changes import Entity
from oneaqita.services.time_entries import NOTE_LIMIT, Cell, upsert_entry
from oneaqita.services.unit_of_work import UnitOfWork
from oneaqita.services.work_order_queries import work_order_id_by_number
from oneaqita.transfer.columns import Column, KindSpec, Stored, choice
from oneaqita.values import Cell as SheetCell
from oneaqita.values import ValueParseError, parse_date, parse_hours_to_minutes, quote

__all__ = ["SPEC", "TimeEntryRow"]


@dataclass(frozen=True)
class TimeEntryRow:
    employee_no: str
    date: date
    minutes: int
    work_order: str | None = None
    category: OverheadCategory | None = None
    note: str | None = None


def hours(value: SheetCell) -> int | None:
    """Minutes of an hours cell: text as durations.py reads it, a spreadsheet's number or
    time cell as values.py does."""
    if value is None or not isinstance(value, str):
        return parse_hours_to_minutes(value)
    try:
        return parse_minutes(value, "minutes")
    except ValidationError as exc:
        raise ValueParseError(exc.ja, exc.en) from None


def _person_id(uow: UnitOfWork, number: str) -> int:
    found = uow.session.scalar(select(Person.id).where(Person.employee_no == number))
    if found is None:
        raise ValidationError(
            f"職員番号 {quote(number, ja=True)} の職員がいません。",
            f"no person with employee number {quote(number)}",
            "employee_no",
        )
    return found


def _work_order_id(uow: UnitOfWork, number: str | None) -> int | None:
    return None if number is None else work_order_id_by_number(uow.session, number)


@requires(Action.LOG_OWN_HOURS)
def upsert_row(uow: UnitOfWork, row: TimeEntryRow) -> Stored:
    cell = Cell(
        person_id=_person_id(uow, row.employee_no),
        work_date=row.date,
        work_order_id=_work_order_id(uow, row.work_order),
        category=row.category,
        minutes=row.minutes,
        note=row.note,
    )
    return upsert_entry(uow, cell)


def _records(session: Session, numbers: Collection[object] | None) -> Iterator[TimeEntryRow]:
    query = (
        select(TimeEntry, Person.employee_no, WorkOrder.number)
        .join(Person, Person.id == TimeEntry.person_id)
        .outerjoin(WorkOrder, WorkOrder.id == TimeEntry.work_order_id)
        .order_by(Person.employee_no, TimeEntry.work_date, WorkOrder.number, TimeEntry.category)
        .execution_options(yield_per=2000)
    )
    if numbers is not None:
        query = query.where(Person.employee_no.in_(numbers))
    for e, employee_no, number in session.execute(query):
        yield TimeEntryRow(
            employee_no=employee_no,
            date=e.work_date,
            minutes=e.minutes,
            work_order=number,
            category=e.category,
            note=e.note,
        )


def _hours_out(minutes: int | None) -> str | None:
    return None if minutes is None else format_minutes(minutes)


_CATEGORIES = ja_words(OverheadCategory)

SPEC = KindSpec(
    name="time-entries",
    name_ja="作業時間",
    record_type=TimeEntryRow,
    columns=(
        Column("employee_no", "職員番号", required=True, max_length=20, aliases=("person",)),
        Column("date", "日付", parse_date, required=True, aliases=("work_date", "week_start")),
        Column(
            "hours",
            "時間",
            hours,
            required=True,
            field="minutes",
            export=_hours_out,
            aliases=("cells",),
        ),
        Column("work_order", "作業番号", max_length=40),
        Column("category", "区分", choice(OverheadCategory, _CATEGORIES, "区分", "category")),
        Column("note", "備考", max_length=NOTE_LIMIT, multiline=True),
    ),
    key=("employee_no", "date", "work_order", "category"),
    upsert=upsert_row,
    records=_records,
    entity=Entity.TIME_ENTRIES,
)
