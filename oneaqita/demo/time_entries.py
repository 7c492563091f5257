"""Stage 6: the hours seconded staff log each working day of their secondments.

A day is 7 h 45 min (the public-service standard) plus some overtime, split over one to
three entries in quarter hours: the orders the person is working on that day, office work,
travel or training, or a day of leave. Weeks are approved by the manager on the Tuesday
after; the last two weeks before the data set's "today" are still submitted or drafts. Every
week that is not a draft has its row in timesheet_weeks with the entries' status (submitted
on its Friday evening; a returned one with the manager's comment).
"""

import random
from collections.abc import Callable
from datetime import date, datetime, timedelta

from sqlalchemy import Connection

from oneaqita.demo.batches import BulkInserter, Row, table_of
from oneaqita.demo.dates import DemoCalendar, at_jst, next_working_day, working_days
from oneaqita.demo.staff import StaffIndex
from oneaqita.demo.work_orders import Work
from oneaqita.models import OverheadCategory, TimeEntry, TimeEntryStatus, TimesheetWeek

C = OverheadCategory
DAY_MINUTES = 465  # 7 h 45 min
_OVERTIME = ((0, 55), (15, 8), (30, 10), (45, 5), (60, 10), (90, 7), (120, 5))
_NOTES = {
    C.TRAINING: ("下水道管理技術研修", "安全衛生教育", "TVカメラ操作研修", None),
    C.OFFICE: ("報告書作成", "打合せ", "調査結果の整理", None, None),
    C.TRAVEL: ("現場移動", "発注者打合せのため移動", None),
    C.LEAVE: ("年次休暇", None),
}
Entry = tuple[int | None, OverheadCategory | None, int]  # work order, category, minutes


def _split(rng: random.Random, minutes: int, parts: int) -> list[int]:
    """`minutes` in `parts` pieces of whole quarter hours, none empty."""
    units = minutes // 15
    parts = max(1, min(parts, units))
    cuts = sorted(rng.sample(range(1, units), parts - 1))
    bounds = [0, *cuts, units]
    return [15 * (b - a) for a, b in zip(bounds, bounds[1:], strict=False)]


def _day(rng: random.Random, active: list[int]) -> list[Entry]:
    r = rng.random()
    if r < 0.045:
        return [(None, C.LEAVE, DAY_MINUTES)]
    entries: list[Entry] = []
    total = (
        DAY_MINUTES + rng.choices([m for m, _ in _OVERTIME], weights=[w for _, w in _OVERTIME])[0]
    )
    if r < 0.075:  # half a day off
        entries.append((None, C.LEAVE, 225))
        total -= 225
    if not active:
        if rng.random() < 0.15:
            return [*entries, (None, C.TRAINING, total)]
        pieces = _split(rng, total, rng.choice((1, 2, 2)))
        return [*entries, (None, C.OFFICE, pieces[0]), *((None, C.TRAVEL, m) for m in pieces[1:])]
    orders = rng.sample(active, min(len(active), rng.choice((1, 2, 2))))
    if len(entries) + len(orders) < 3 and rng.random() < 0.5:
        overhead = 15 * rng.randint(2, 8)
        category = rng.choices((C.OFFICE, C.TRAVEL, C.TRAINING), weights=(60, 30, 10))[0]
        entries.append((None, category, overhead))
        total -= overhead
    for order, minutes in zip(orders, _split(rng, total, len(orders)), strict=False):
        entries.append((order, None, minutes))
    return entries


def load_time_entries(
    conn: Connection,
    staff: StaffIndex,
    work: dict[int, Work],
    rng: random.Random,
    report: Callable[[int, int], None],
    cal: DemoCalendar,
) -> dict[str, int]:
    """Every seconded person's hours on the working days up to the calendar's as_of
    (yesterday): nothing is logged for today or later."""
    table = table_of(TimeEntry)
    weeks = table_of(TimesheetWeek)
    people = sorted(staff.periods)
    done = 0
    out = BulkInserter(conn, [table, weeks], on_flush=lambda: report(done, len(people)))
    as_of = cal.as_of
    days = working_days(cal.data_start, as_of)
    dates = {d: date.fromordinal(d) for d in days}
    logged = {d: at_jst(dates[d], 17 * 60 + 30) for d in days}  # entered after work
    this_monday = as_of - timedelta(days=as_of.weekday())
    entry_id = week_id = 0
    for person_id in people:
        spans = staff.periods[person_id]
        mine = work.get(person_id, Work())
        pending = sorted(range(len(mine.order)), key=mine.first.__getitem__)
        next_up, active = 0, []
        week: tuple[date, str, datetime | None] | None = None
        for d in days:
            if not any(s <= d <= e for s, e in spans):
                continue
            while next_up < len(pending) and mine.first[pending[next_up]] <= d:
                active.append(pending[next_up])
                next_up += 1
            active = [a for a in active if mine.last[a] >= d]
            day = dates[d]
            monday = day - timedelta(days=day.weekday())
            if week is None or week[0] != monday:
                week = (monday, *_week_status(rng, monday, this_monday, cal.today))
                if week[1] != TimeEntryStatus.DRAFT.value:
                    week_id += 1
                    out.add(weeks, _week_row(week_id, person_id, week, staff, cal.today))
            _, status, approved_at = week
            for order, category, minutes in _day(rng, [mine.order[a] for a in active]):
                entry_id += 1
                row: Row = {
                    "id": entry_id,
                    "person_id": person_id,
                    "work_date": day,
                    "minutes": minutes,
                    "work_order_id": order,
                    "category": None if category is None else category.value,
                    "note": None if category is None else rng.choice(_NOTES[category]),
                    "status": status,
                    "approved_by_id": staff.users.manager_user_id if approved_at else None,
                    "approved_at": approved_at,
                    "version": 1,
                    "created_at": logged[d],
                    "updated_at": approved_at or logged[d],
                }
                out.add(table, row)
        done += 1
    out.close()
    return out.counts


def _week_row(
    week_id: int,
    person_id: int,
    week: tuple[date, str, datetime | None],
    staff: StaffIndex,
    today: date,
) -> Row:
    monday, status, approved_at = week
    submitted_at = at_jst(min(today, monday + timedelta(days=4)), 18 * 60)
    returned = status == TimeEntryStatus.RETURNED.value
    decided_at = approved_at or (
        at_jst(min(today, monday + timedelta(days=7)), 9 * 60) if returned else None
    )
    return {
        "id": week_id,
        "person_id": person_id,
        "week_start": monday,
        "status": status,
        "submitted_at": submitted_at,
        "submitted_by_id": None,
        "decided_at": decided_at,
        "decided_by_id": staff.users.manager_user_id if decided_at else None,
        "comment": "作業ごとの時間の内訳を確認してください。" if returned else None,
        "version": 1,
        "created_at": submitted_at,
        "updated_at": decided_at or submitted_at,
    }


def _week_status(
    rng: random.Random, monday: date, this_monday: date, today: date
) -> tuple[str, datetime | None]:
    if monday >= this_monday:
        return TimeEntryStatus.DRAFT.value, None
    if monday >= this_monday - timedelta(days=7):
        status = rng.choices(
            (TimeEntryStatus.SUBMITTED, TimeEntryStatus.RETURNED, TimeEntryStatus.DRAFT),
            weights=(85, 5, 10),
        )[0]
        return status.value, None
    # Approved on the first working day from the Tuesday after the week.
    approved_on = min(today, next_working_day(monday + timedelta(days=8)))
    return TimeEntryStatus.APPROVED.value, at_jst(approved_on, 10 * 60 + rng.randrange(0, 360))
