"""Where the schedule's rows, lanes and bars go, in days and lanes, and what tooltips say
(no painting here; the view turns days into pixels).

One row per assignee, as the service lists them; within a row the orders are stacked in
lanes, each order in the first lane whose last bar ends before it starts, so that bars never
overlap. A row is as high as its lanes need (one lane at least).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from PySide6.QtCore import QCoreApplication

from oneaqita.services.schedule_queries import AssigneeRow, Schedule, ScheduledOrder
from oneaqita.workdays import holiday_name
from ui.labels import date_text, priority_label, status_label, work_type_name

translate = QCoreApplication.translate


@dataclass(frozen=True)
class BarSlot:
    """One order as drawn on one assignee's row, clipped to the view."""

    order: ScheduledOrder
    row: int
    lane: int
    first_day: date
    last_day: date
    starts_before: bool
    runs_on: bool


@dataclass(frozen=True)
class ScheduleRow:
    index: int
    assignee: AssigneeRow
    top_lane: int  # lanes above this row, summed (the view multiplies by the lane height)
    lanes: int


@dataclass
class ScheduleLayout:
    start: date
    end: date
    rows: list[ScheduleRow] = field(default_factory=list)
    slots: list[BarSlot] = field(default_factory=list)
    by_row: dict[int, list[BarSlot]] = field(default_factory=dict)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def lanes(self) -> int:
        return sum(r.lanes for r in self.rows)

    def day_offset(self, d: date) -> int:
        return (d - self.start).days

    def day_list(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range(self.days)]


def _lanes(orders: list[ScheduledOrder], start: date, end: date) -> list[tuple[int, date, date]]:
    """(lane, first day, last day) for each order, clipped to start..end."""
    ends: list[date] = []  # the last day of each lane so far
    out = []
    for o in orders:
        first, last = max(o.planned_start, start), min(o.planned_end, end)
        lane = next((i for i, e in enumerate(ends) if e < first), len(ends))
        if lane == len(ends):
            ends.append(last)
        else:
            ends[lane] = last
        out.append((lane, first, last))
    return out


def build_layout(schedule: Schedule) -> ScheduleLayout:
    layout = ScheduleLayout(schedule.start, schedule.end)
    top = 0
    for index, assignee in enumerate(schedule.rows):
        placed = _lanes(assignee.orders, schedule.start, schedule.end)
        lanes = max([lane + 1 for lane, _, _ in placed], default=1)
        layout.rows.append(ScheduleRow(index, assignee, top, lanes))
        top += lanes
        for o, (lane, first, last) in zip(assignee.orders, placed, strict=True):
            slot = BarSlot(
                o,
                index,
                lane,
                first,
                last,
                o.planned_start < schedule.start,
                o.planned_end > schedule.end,
            )
            layout.slots.append(slot)
            layout.by_row.setdefault(index, []).append(slot)
    return layout


def load_text(a: AssigneeRow) -> str:
    """The row's load as planned/capacity working days."""
    return f"{a.planned}/{a.capacity}"


def bar_tooltip(o: ScheduledOrder) -> str:
    lines = [
        f"{o.number}　{o.title}",
        f"{status_label(o.status)}　{work_type_name(o.type_name_ja, o.type_name_en)}",
        translate("ScheduleLayout", "予定: {start} 〜 {end}").format(
            start=date_text(o.planned_start), end=date_text(o.planned_end)
        ),
        translate("ScheduleLayout", "契約: {contract}（{client}）").format(
            contract=o.contract_number, client=o.client_name
        ),
        translate("ScheduleLayout", "優先度: {priority}").format(
            priority=priority_label(o.priority)
        ),
    ]
    return "\n".join(lines)


def row_tooltip(a: AssigneeRow) -> str:
    text = translate(
        "ScheduleLayout", "{name}（{number}）\n{body}\n予定 {planned} 日 / 稼働可能 {capacity} 日"
    ).format(
        name=a.name,
        number=a.employee_no,
        body=a.sending_body,
        planned=a.planned,
        capacity=a.capacity,
    )
    if a.overloaded:
        text += "\n" + translate("ScheduleLayout", "過負荷: 予定が稼働可能日数を超えています")
    return text


def day_tooltip(d: date) -> str | None:
    """The holiday's name (or 年末年始), None on an ordinary day."""
    return holiday_name(d)
