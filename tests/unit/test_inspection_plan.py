"""The levelling of an inspection plan on plain data, against hand-computed cases: lengths per
year within the tolerance, the priority kept, assets grouped by district, dates inside the
years on working days."""

from datetime import date
from decimal import Decimal

import pytest

from oneaqita.inspection_plan import (
    PlanAsset,
    Priority,
    YearWindow,
    group_orders,
    level,
    ordered,
    plan_orders,
    weights,
)
from oneaqita.models import Urgency
from oneaqita.workdays import is_working_day


def pipes(*lengths: int | None, district: str = "旭北") -> list[PlanAsset]:
    return [
        PlanAsset(
            i,
            f"P{i:03d}",
            district,
            1960 + i,
            Decimal(n) if n is not None else None,
        )
        for i, n in enumerate(lengths, 1)
    ]


def lengths(spread: list[list[PlanAsset]]) -> list[float]:
    return [sum(float(a.length_m or 0) for a in year) for year in spread]


def test_equal_pipes_share_the_years_evenly() -> None:
    spread = level(pipes(100, 100, 100, 100, 100, 100), 3)
    assert [[a.id for a in y] for y in spread] == [[1, 2], [3, 4], [5, 6]]


def test_uneven_lengths_level_to_the_target_exactly_when_they_can() -> None:
    # total 1000, two years, target 500: the middles fall at 150, 350, 450 | 550, 700, 900
    spread = level(pipes(300, 100, 100, 100, 200, 200), 2)
    assert [[a.id for a in y] for y in spread] == [[1, 2, 3], [4, 5, 6]]
    assert lengths(spread) == [500, 500]


def test_a_long_pipe_keeps_each_year_within_one_asset_of_the_target() -> None:
    # total 1000, three years, target 333.3: middles 200 → 0; 425, 475, 650 → 1; 900 → 2
    spread = level(pipes(400, 50, 50, 300, 200), 3)
    assert [[a.id for a in y] for y in spread] == [[1], [2, 3, 4], [5]]
    assert lengths(spread) == [400, 400, 200]
    target, heaviest = 1000 / 3, 400
    assert all(abs(x - target) <= heaviest for x in lengths(spread))


def test_many_random_lengths_stay_within_the_tolerance_and_in_order() -> None:
    assets = pipes(*[(i * 37) % 250 + 5 for i in range(400)])
    spread = level(assets, 5)
    target = sum(float(a.length_m or 0) for a in assets) / 5
    heaviest = max(float(a.length_m or 0) for a in assets)
    assert all(abs(x - target) <= heaviest for x in lengths(spread))
    assert [a.id for y in spread for a in y] == [a.id for a in assets]  # priority kept


def test_assets_without_a_length_count_by_number_or_as_an_average_one() -> None:
    manholes = pipes(None, None, None, None)
    assert weights(manholes) == [1.0] * 4
    assert [len(y) for y in level(manholes, 2)] == [2, 2]
    assert weights(pipes(100, None, 300)) == [100.0, 200.0, 300.0]


def test_oldest_first_puts_unknown_years_last_and_worst_first_goes_by_condition() -> None:
    a = [
        PlanAsset(1, "A", installed_year=1990),
        PlanAsset(2, "B", installed_year=None, condition=Urgency.I),
        PlanAsset(3, "C", installed_year=1970, condition=Urgency.III),
        PlanAsset(4, "D", installed_year=1980, condition=Urgency.I),
        PlanAsset(5, "E", installed_year=1970),
    ]
    assert [x.code for x in ordered(a, Priority.OLDEST)] == ["C", "E", "D", "A", "B"]
    assert [x.code for x in ordered(a, Priority.WORST)] == ["D", "B", "C", "E", "A"]


def test_orders_group_by_district_at_most_n_each() -> None:
    year = pipes(1, 1, 1, district="旭北") + [
        PlanAsset(10, "X", "土崎"),
        PlanAsset(11, "Y", None),
    ]
    year.insert(1, PlanAsset(12, "Z", "土崎"))
    groups = group_orders(year, 2)
    assert [[a.id for a in g] for g in groups] == [[1, 2], [3], [12, 10], [11]]


def test_plan_orders_dates_lie_in_each_year_on_working_days_in_sequence() -> None:
    windows = [
        YearWindow(2025, date(2025, 6, 1), date(2026, 3, 31)),  # the contract starts in June
        YearWindow(2026, date(2026, 4, 1), date(2027, 3, 31)),
    ]
    orders = plan_orders(pipes(*[100] * 8), windows, Priority.OLDEST, 2, "点検")
    assert [o.fiscal_year for o in orders] == [2025, 2025, 2026, 2026]
    assert orders[0].title == "令和7年度 旭北 点検 (1/2)"
    assert orders[0].asset_ids == (1, 2) and orders[3].asset_ids == (7, 8)
    assert orders[0].length_m == Decimal(200)
    for o, w in zip(orders, [windows[0]] * 2 + [windows[1]] * 2, strict=True):
        assert w.first <= o.planned_start <= o.planned_end <= w.last
        assert is_working_day(o.planned_start) and is_working_day(o.planned_end)
    assert orders[0].planned_start == date(2025, 6, 2)  # 6/1 is a Sunday
    assert orders[0].planned_end < orders[1].planned_start
    assert orders[3].planned_end == date(2027, 3, 31)  # the last working day of FY2026


def test_more_orders_than_working_days_share_days() -> None:
    window = YearWindow(2025, date(2025, 6, 2), date(2025, 6, 3))  # two working days
    orders = plan_orders(pipes(*[1] * 3), [window], Priority.OLDEST, 1, "点検")
    assert [(o.planned_start, o.planned_end) for o in orders] == [
        (date(2025, 6, 2), date(2025, 6, 2)),
        (date(2025, 6, 2), date(2025, 6, 2)),
        (date(2025, 6, 3), date(2025, 6, 3)),
    ]


def test_nonsense_counts_are_refused() -> None:
    with pytest.raises(ValueError):
        level(pipes(1), 0)
    with pytest.raises(ValueError):
        group_orders(pipes(1), 0)
