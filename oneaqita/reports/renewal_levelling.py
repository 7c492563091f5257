"""The levelled scenario of the renewal outlook: the renewals due each fiscal year spread so
that no year spends more than a budget.

The rule (computed from the per-year totals, never over the assets):

- Each year, what falls due that year (the first year: with the backlog of everything already
  past its service life) joins the queue of work waiting, behind what earlier years left.
- The year spends up to the budget on the queue in order of the year due, oldest first; a
  year due is taken as a whole amount of yen and may be spent over several years (the
  aggregate stands for many assets; a single asset's renewal is not split in practice, the
  figures are a planning level, not a works programme).
- What does not fit is carried over to the next year. Nothing is spent ahead of its year due,
  so a year with little due spends less than the budget and no work is pulled forward.
- When the horizon ends with work still waiting, it is neither spread beyond the horizon nor
  dropped: it is the plan's ``left_over_yen`` (with the oldest year due still waiting), which
  says that the budget does not cover the horizon's renewals — the page and the exports show
  it beside the last year.
- The budget is a whole number of yen per year, from 1 to 10^13 (what may be typed in, text
  of digits included); anything else is a ValidationError on "budget".
"""

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass

from oneaqita.services.service_lives import whole_number

__all__ = ["MAX_BUDGET_YEN", "LevelledPlan", "LevelledYear", "checked_budget", "levelled"]

MAX_BUDGET_YEN = 10**13


@dataclass(frozen=True, slots=True)
class LevelledYear:
    fiscal_year: int
    due_yen: int  # what falls due this year (the first year: with the backlog)
    spent_yen: int  # at most the budget
    carried_yen: int  # still waiting at the end of the year
    oldest_waiting: int | None  # the oldest year due of what is carried, None when nothing is


@dataclass(frozen=True)
class LevelledPlan:
    budget_yen: int
    years: list[LevelledYear]

    @property
    def left_over_yen(self) -> int:
        """Work still waiting when the horizon ends (0 when the budget covers it all)."""
        return self.years[-1].carried_yen if self.years else 0

    @property
    def oldest_left_over(self) -> int | None:
        return self.years[-1].oldest_waiting if self.years else None

    @property
    def longest_wait(self) -> int:
        """The most years any year's renewals waited beyond their year due (a wait that runs
        past the horizon counts up to the last year)."""
        return max(
            (y.fiscal_year - y.oldest_waiting + 1 for y in self.years if y.oldest_waiting),
            default=0,
        )


def checked_budget(value: object) -> int:
    return whole_number(value, "budget", "年間予算", "Yearly budget", 1, MAX_BUDGET_YEN)


def levelled(due: Sequence[tuple[int, int]], budget: object) -> LevelledPlan:
    """The levelled plan of `due` — (fiscal year, yen due that year) for consecutive years, in
    order — under `budget` yen a year (see the module's rule)."""
    limit = checked_budget(budget)
    waiting: deque[list[int]] = deque()  # [year due, yen still waiting]
    years: list[LevelledYear] = []
    carried = 0
    for year, amount in due:
        if amount > 0:
            waiting.append([year, amount])
        carried += amount
        spent = 0
        while waiting and spent < limit:
            head = waiting[0]
            take = min(head[1], limit - spent)
            head[1] -= take
            spent += take
            if head[1] == 0:
                waiting.popleft()
        carried -= spent
        oldest = waiting[0][0] if waiting else None
        years.append(LevelledYear(year, amount, spent, carried, oldest))
    return LevelledPlan(limit, years)
