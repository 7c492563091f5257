"""Japanese fiscal years, quarters and eras."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneaqita.fiscal import (
    ERAS,
    HEISEI,
    REIWA,
    SHOWA,
    era_of,
    era_year,
    find_era,
    fiscal_quarter,
    fiscal_quarter_range,
    fiscal_year,
    fiscal_year_label,
    fiscal_year_label_en,
    fiscal_year_range,
    format_era_year,
    to_wareki,
)

dates = st.dates(min_value=date(1927, 1, 1), max_value=date(2200, 12, 31))
fiscal_years = st.integers(min_value=1927, max_value=2200)


@pytest.mark.parametrize(
    ("d", "fy"),
    [
        (date(2025, 4, 1), 2025),
        (date(2026, 3, 31), 2025),
        (date(2025, 3, 31), 2024),
        (date(2025, 12, 31), 2025),
        (date(2026, 1, 1), 2025),
        (date(2026, 4, 1), 2026),
    ],
)
def test_fiscal_year(d: date, fy: int) -> None:
    assert fiscal_year(d) == fy


def test_fiscal_year_range_is_inclusive_april_to_march() -> None:
    assert fiscal_year_range(2025) == (date(2025, 4, 1), date(2026, 3, 31))
    assert fiscal_year_range(2023) == (date(2023, 4, 1), date(2024, 3, 31))


@pytest.mark.parametrize(
    ("month", "quarter"),
    [(4, 1), (5, 1), (6, 1), (7, 2), (9, 2), (10, 3), (12, 3), (1, 4), (2, 4), (3, 4)],
)
def test_fiscal_quarter(month: int, quarter: int) -> None:
    assert fiscal_quarter(date(2025, month, 15)) == quarter


def test_fiscal_quarter_ranges_of_fy2025() -> None:
    assert fiscal_quarter_range(2025, 1) == (date(2025, 4, 1), date(2025, 6, 30))
    assert fiscal_quarter_range(2025, 2) == (date(2025, 7, 1), date(2025, 9, 30))
    assert fiscal_quarter_range(2025, 3) == (date(2025, 10, 1), date(2025, 12, 31))
    assert fiscal_quarter_range(2025, 4) == (date(2026, 1, 1), date(2026, 3, 31))


def test_fiscal_quarter_4_includes_leap_day() -> None:
    assert fiscal_quarter_range(2027, 4) == (date(2028, 1, 1), date(2028, 3, 31))
    assert fiscal_quarter(date(2028, 2, 29)) == 4


@pytest.mark.parametrize("quarter", [0, 5, -1])
def test_fiscal_quarter_range_rejects_bad_quarter(quarter: int) -> None:
    with pytest.raises(ValueError, match="quarter must be 1 to 4"):
        fiscal_quarter_range(2025, quarter)


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2025, ("令和", 7)),
        (2020, ("令和", 2)),
        (2019, ("令和", 1)),
        (2018, ("平成", 30)),
        (1990, ("平成", 2)),
        (1989, ("平成", 1)),
        (1988, ("昭和", 63)),
        (1927, ("昭和", 2)),
        (1926, ("昭和", 1)),
    ],
)
def test_era_year(year: int, expected: tuple[str, int]) -> None:
    assert era_year(year) == expected


def test_era_year_before_showa_is_rejected() -> None:
    with pytest.raises(ValueError, match="昭和"):
        era_year(1925)


@pytest.mark.parametrize(
    ("d", "expected"),
    [
        (date(2025, 4, 1), "令和7年4月1日"),
        (date(2019, 5, 1), "令和元年5月1日"),
        (date(2019, 4, 30), "平成31年4月30日"),
        (date(1989, 1, 8), "平成元年1月8日"),
        (date(1989, 1, 7), "昭和64年1月7日"),
        (date(1926, 12, 25), "昭和元年12月25日"),
        (date(2020, 1, 1), "令和2年1月1日"),
    ],
)
def test_to_wareki(d: date, expected: str) -> None:
    assert to_wareki(d) == expected


def test_to_wareki_before_showa_is_rejected() -> None:
    with pytest.raises(ValueError, match="Showa"):
        to_wareki(date(1926, 12, 24))


@pytest.mark.parametrize(
    ("fy", "label"),
    [
        (2025, "令和7年度"),
        (2020, "令和2年度"),
        (2019, "令和元年度"),
        (2018, "平成30年度"),
        (1989, "平成元年度"),
        (1988, "昭和63年度"),
    ],
)
def test_fiscal_year_label(fy: int, label: str) -> None:
    assert fiscal_year_label(fy) == label


def test_fiscal_year_label_en() -> None:
    assert fiscal_year_label_en(2025) == "FY2025"
    assert fiscal_year_label_en(2019) == "FY2019"


def test_format_era_year_writes_gannen() -> None:
    assert format_era_year(1) == "元"
    assert format_era_year(2) == "2"
    assert format_era_year(30) == "30"


def test_era_boundaries_are_contiguous() -> None:
    # Each era ends the day before the next one starts, so every date since Showa has one era.
    for newer, older in zip(ERAS, ERAS[1:], strict=False):
        assert older.end is not None
        assert older.end + timedelta(days=1) == newer.start
    assert REIWA.end is None


@pytest.mark.parametrize(
    ("d", "era"),
    [
        (date(2019, 4, 30), HEISEI),
        (date(2019, 5, 1), REIWA),
        (date(1989, 1, 7), SHOWA),
        (date(1989, 1, 8), HEISEI),
    ],
)
def test_era_of_switches_on_the_first_day(d: date, era: object) -> None:
    assert era_of(d) == era


@pytest.mark.parametrize(
    ("key", "era"),
    [("令和", REIWA), ("R", REIWA), ("r", REIWA), ("Reiwa", REIWA), ("H", HEISEI), ("昭和", SHOWA)],
)
def test_find_era(key: str, era: object) -> None:
    assert find_era(key) == era


@pytest.mark.parametrize("key", ["T", "大正", "", "X"])
def test_find_era_unknown(key: str) -> None:
    assert find_era(key) is None


@given(dates)
def test_date_lies_in_range_of_its_fiscal_year(d: date) -> None:
    start, end = fiscal_year_range(fiscal_year(d))
    assert start <= d <= end


@given(fiscal_years)
def test_fiscal_year_range_round_trips(fy: int) -> None:
    start, end = fiscal_year_range(fy)
    assert fiscal_year(start) == fy
    assert fiscal_year(end) == fy
    assert fiscal_year(start - timedelta(days=1)) == fy - 1
    assert fiscal_year(end + timedelta(days=1)) == fy + 1


@given(dates)
def test_date_lies_in_range_of_its_quarter(d: date) -> None:
    start, end = fiscal_quarter_range(fiscal_year(d), fiscal_quarter(d))
    assert start <= d <= end


@given(fiscal_years)
def test_quarters_tile_the_fiscal_year(fy: int) -> None:
    ranges = [fiscal_quarter_range(fy, q) for q in (1, 2, 3, 4)]
    assert ranges[0][0] == fiscal_year_range(fy)[0]
    assert ranges[-1][1] == fiscal_year_range(fy)[1]
    for (_, end), (start, _) in zip(ranges, ranges[1:], strict=False):
        assert end + timedelta(days=1) == start


@given(dates)
def test_era_of_contains_the_date(d: date) -> None:
    era = era_of(d)
    assert era.contains(d)
    assert era.western_year(era.year_of(d.year)) == d.year
    assert to_wareki(d).startswith(era.name)


@given(fiscal_years)
def test_fiscal_year_label_uses_era_year(fy: int) -> None:
    name, n = era_year(fy)
    assert fiscal_year_label(fy) == f"{name}{format_era_year(n)}年度"
    assert n >= 1
