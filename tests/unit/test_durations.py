"""What people type into a time cell: parsed to minutes, refused with a reason, formatted back."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneaqita.durations import MAX_MINUTES, format_minutes, parse_minutes
from oneaqita.errors import ValidationError


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [
        ("7.5", 450),
        ("7,5", 450),
        ("7,25", 435),
        (".5", 30),
        ("7.", 420),
        ("7:30", 450),
        ("7:5", 425),
        ("0:00", 0),
        ("24:00", 1440),
        ("7h30", 450),
        ("7H30m", 450),
        ("7 h 30", 450),
        ("7h", 420),
        ("1.5h", 90),
        ("7時間30分", 450),
        ("8時間", 480),
        ("30m", 30),
        ("90min", 90),
        ("45分", 45),
        ("７：３０", 450),
        ("７．５", 450),
        ("　8　", 480),
        ("0", 0),
    ],
)
def test_accepted_forms(typed: str, minutes: int) -> None:
    assert parse_minutes(typed) == minutes


@pytest.mark.parametrize("typed", [None, "", "   ", "　"])
def test_empty_is_no_entry(typed: str | None) -> None:
    assert parse_minutes(typed) is None


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("-1", "負の値"),
        ("-0:30", "負の値"),
        ("24:01", "24時間"),
        ("25", "24時間"),
        ("1441m", "24時間"),
        ("99999999999999999999", "24時間"),
        ("7:75", "0〜59"),
        ("7h60", "0〜59"),
        ("7.51", "整数"),
        ("seven", "7.5, 7:30"),
        ("=1+2", "7.5, 7:30"),
        ("1,234", "7.5, 7:30"),
        ("7:30:00:00", "7.5, 7:30"),
        ("7\x00", "7.5, 7:30"),
        ("1.5h30", "7.5, 7:30"),
        ("x" * 10_000, "長すぎ"),
    ],
)
def test_refused_with_the_reason(typed: str, why: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_minutes(typed, "cell")
    assert why in caught.value.ja
    assert caught.value.en
    assert caught.value.field == "cell"
    assert len(caught.value.ja) < 200  # a huge cell is quoted cut


def test_format() -> None:
    assert format_minutes(450) == "7:30"
    assert format_minutes(0) == "0:00"
    assert format_minutes(1440) == "24:00"
    assert format_minutes(None) == ""


@given(st.integers(min_value=0, max_value=MAX_MINUTES))
def test_round_trip(minutes: int) -> None:
    assert parse_minutes(format_minutes(minutes)) == minutes


@given(st.integers(min_value=0, max_value=MAX_MINUTES // 15))
def test_quarter_hours_as_decimals(quarters: int) -> None:
    assert parse_minutes(str(quarters * 15 / 60)) == quarters * 15


@given(st.text(max_size=30))
def test_never_anything_but_a_validation_error(typed: str) -> None:
    try:
        result = parse_minutes(typed)
    except ValidationError:
        return
    assert result is None or 0 <= result <= MAX_MINUTES
