"""Where the timeline's rows, bars and month lines go, in days and rows, and what their
tooltips say (no painting here).

One header row per sending body (in the service's code order), then one row per person
seconded from it within the window, holding all that person's bars from that body (renewals
line up one after another). The view turns days into pixels.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from oneaqita.services.staffing import TimelineBar, TimelineGroup
from ui.staffing.labels import kind_label, period_text


@dataclass(frozen=True)
class TimelineRow:
    index: int
    group: TimelineGroup
    bar: TimelineBar | None = None  # None on a body's header row; else the person's first bar

    @property
    def is_group(self) -> bool:
        return self.bar is None


@dataclass(frozen=True)
class BarSlot:
    """One secondment as drawn: clipped to the window, on its person's row."""

    bar: TimelineBar
    group: TimelineGroup
    row: int
    first_day: date  # the first day drawn (the window's start if it began earlier)
    last_day: date  # the last day drawn (the window's end if it runs on, or has no end)
    starts_before: bool  # began before the window
    runs_on: bool  # ends after the window (a fixed end)

    @property
    def open_ended(self) -> bool:
        return self.bar.end is None


@dataclass
class TimelineLayout:
    start: date
    end: date  # the window's last day
    rows: list[TimelineRow] = field(default_factory=list)
    slots: list[BarSlot] = field(default_factory=list)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def day_offset(self, d: date) -> int:
        """Days from the window's start to the start of `d`."""
        return (d - self.start).days

    def slots_in_rows(self, first: int, last: int) -> list[BarSlot]:
        return [s for s in self.slots if first <= s.row <= last]


def build_layout(groups: list[TimelineGroup], start: date, end: date) -> TimelineLayout:
    layout = TimelineLayout(start, end)
    for group in groups:
        layout.rows.append(TimelineRow(len(layout.rows), group))
        row_of: dict[int, int] = {}
        for bar in group.bars:
            if bar.person_id not in row_of:
                row_of[bar.person_id] = len(layout.rows)
                layout.rows.append(TimelineRow(len(layout.rows), group, bar))
            layout.slots.append(
                BarSlot(
                    bar,
                    group,
                    row_of[bar.person_id],
                    max(bar.start, start),
                    end if bar.end is None else min(bar.end, end),
                    bar.start < start,
                    bar.end is not None and bar.end > end,
                )
            )
    return layout


def month_starts(start: date, end: date) -> list[date]:
    """The first day of every month that begins inside [start, end], plus `start` itself
    when it is not a first (the left edge starts a partial month)."""
    months = [] if start.day == 1 else [start]
    d = date(start.year, start.month, 1)
    while d <= end:
        if d >= start:
            months.append(d)
        d = (d + timedelta(days=32)).replace(day=1)
    return months


def people_in(group: TimelineGroup) -> int:
    return len({bar.person_id for bar in group.bars})


def bar_tooltip(slot: BarSlot) -> str:
    """Who, from where, which kind, when, as what."""
    bar = slot.bar
    lines = [
        f"{bar.person_name}（{bar.employee_no}）",
        f"{slot.group.name_ja}　{kind_label(bar.kind)}",
        period_text(bar.start, bar.end),
    ]
    if bar.position:
        lines.append(bar.position)
    return "\n".join(lines)


def row_tooltip(row: TimelineRow) -> str:
    if row.bar is None:
        return f"{row.group.name_ja}（{row.group.code}）"
    return f"{row.bar.person_name}（{row.bar.employee_no}）"
