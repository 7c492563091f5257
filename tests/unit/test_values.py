"""Parsing of import-file cell values (IMPORT-FORMAT.md)."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneaqita.fiscal import to_wareki
from oneaqita.values import (
    Cell,
    ValueParseError,
    cell_text,
    normalize_header,
    normalize_text,
    parse_date,
    parse_decimal,
    parse_hours_to_minutes,
    parse_int,
    parse_percent,
    split_list,
)


def _full_width(s: str) -> str:
    """ASCII digits, letters and punctuation as their full-width forms (what NFKC undoes)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


# normalize_text / normalize_header / cell_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("   ", None),
        ("\u3000", None),
        ("  秋田市 ", "秋田市"),
        ("\u3000ＡＢＣ１２３\u3000", "ABC123"),
        ("ｱｷﾀ", "アキタ"),
        ("\ufeffcode", "code"),
        ("a  b", "a  b"),
    ],
)
def test_normalize_text(raw: str | None, expected: str | None) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    "raw", ["code", "Code", "　Code ", "ＣＯＤＥ", "CODE", "\ufeffcode", " ｃｏｄｅ\t"]
)
def test_normalize_header_matches_code(raw: str) -> None:
    assert normalize_header(raw) == "code"


def test_normalize_header_collapses_inner_whitespace() -> None:
    assert normalize_header(" Employee \u3000  No ") == "employee no"
    assert normalize_header("職員番号") == "職員番号"
    assert normalize_header("") == ""


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        (" Ａ１ ", "A1"),
        (1234, "1234"),
        (1234.0, "1234"),
        (1.5, "1.5"),
        (date(2025, 4, 1), "2025-04-01"),
        (datetime(2025, 4, 1), "2025-04-01"),
        (datetime(2025, 4, 1, 9, 30), "2025-04-01T09:30:00"),
        (time(7, 30), "07:30:00"),
    ],
)
def test_cell_text(value: Cell, expected: str | None) -> None:
    assert cell_text(value) == expected


# split_list


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, []),
        ("", []),
        ("A-1", ["A-1"]),
        ("A-1; A-2 ;A-3", ["A-1", "A-2", "A-3"]),
        ("A-1；A-2", ["A-1", "A-2"]),
        (";;A-1;; ;", ["A-1"]),
        ("第一種電気工事士; 下水道管理技術認定", ["第一種電気工事士", "下水道管理技術認定"]),
        (1234, ["1234"]),
    ],
)
def test_split_list(raw: Cell, expected: list[str]) -> None:
    assert split_list(raw) == expected


# parse_int


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("  ", None),
        ("0", 0),
        ("1234", 1234),
        ("1,234", 1234),
        ("1,234,567", 1234567),
        ("１，２３４", 1234),
        ("¥1,234", 1234),
        ("￥1,234", 1234),
        ("\\1,234", 1234),
        ("1,234円", 1234),
        ("¥ 1,234 円", 1234),
        ("-5", -5),
        ("+5", 5),
        ("\u22125", -5),
        ("1234.0", 1234),
        (1234, 1234),
        (1234.0, 1234),
        (-3, -3),
    ],
)
def test_parse_int(raw: Cell, expected: int | None) -> None:
    assert parse_int(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("1.5", "小数部があります"),
        (1.5, "小数部があります"),
        ("abc", "数値として読めません"),
        ("1,23", "数値として読めません"),
        ("12,34,567", "数値として読めません"),
        ("1 234", "数値として読めません"),
        ("1e3", "数値として読めません"),
        ("¥", "数値として読めません"),
        ("--1", "数値として読めません"),
        (True, "真偽値です"),
        (float("nan"), "数値ではありません"),
        (float("inf"), "数値ではありません"),
        (date(2025, 4, 1), "日付・時刻が入っています"),
    ],
)
def test_parse_int_rejects(raw: Cell, reason: str) -> None:
    with pytest.raises(ValueParseError) as info:
        parse_int(raw)
    assert reason in info.value.ja
    assert str(info.value).startswith("整数が不正です")
    assert " / " in str(info.value) and info.value.en in str(info.value)


def test_parse_int_error_is_a_value_error_that_shows_the_cell() -> None:
    with pytest.raises(ValueError, match=r"'1\.5'"):
        parse_int("1.5")


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_parse_int_reads_grouped_and_full_width_numbers(n: int) -> None:
    assert parse_int(f"{n:,}") == n
    assert parse_int(_full_width(f"{n:,}")) == n
    assert parse_int(str(n)) == n
    assert parse_int(n) == n


# parse_decimal


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("1.5", Decimal("1.5")),
        ("1,234.50", Decimal("1234.50")),
        ("-0.25", Decimal("-0.25")),
        ("39.7199", Decimal("39.7199")),
        ("１２．５", Decimal("12.5")),
        (0.1, Decimal("0.1")),
        (140.1023, Decimal("140.1023")),
        (7, Decimal(7)),
    ],
)
def test_parse_decimal(raw: Cell, expected: Decimal | None) -> None:
    assert parse_decimal(raw) == expected


@pytest.mark.parametrize("raw", ["abc", "1,5", "1.2.3", ".5", "¥12", "12円", True])
def test_parse_decimal_rejects(raw: Cell) -> None:
    with pytest.raises(ValueParseError, match="数値が不正です"):
        parse_decimal(raw)


# parse_percent


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("0", 0),
        ("50", 50),
        ("50%", 50),
        ("50 %", 50),
        ("５０％", 50),
        ("100", 100),
        (100, 100),
        (50.0, 50),
    ],
)
def test_parse_percent(raw: Cell, expected: int | None) -> None:
    assert parse_percent(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("101", "範囲外"),
        ("-1", "範囲外"),
        ("150%", "範囲外"),
        ("50.5", "小数は使えません"),
        (0.5, "小数は使えません"),
        ("%", "数値がありません"),
        ("half", "数値として読めません"),
        ("¥50", "数値として読めません"),
    ],
)
def test_parse_percent_rejects(raw: Cell, reason: str) -> None:
    with pytest.raises(ValueParseError) as info:
        parse_percent(raw)
    assert reason in info.value.ja
    assert info.value.ja.startswith("割合が不正です")


# parse_hours_to_minutes


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("7.5", 450),
        ("7:30", 450),
        ("0:45", 45),
        ("8", 480),
        ("0", 0),
        ("24", 1440),
        ("24:00", 1440),
        ("7.25", 435),
        ("0.1", 6),
        ("７：３０", 450),
        ("７．５", 450),
        ("7:30:00", 450),
        (7.5, 450),
        (8, 480),
        (time(7, 30), 450),
        (timedelta(hours=7, minutes=30), 450),
    ],
)
def test_parse_hours_to_minutes(raw: Cell, expected: int | None) -> None:
    assert parse_hours_to_minutes(raw) == expected


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("-1", "負の値です"),
        ("-0:30", "負の値です"),
        (-1.0, "負の値です"),
        ("24.5", "24時間を超えています"),
        ("25:00", "24時間を超えています"),
        ("24:01", "24時間を超えています"),
        (timedelta(hours=25), "24時間を超えています"),
        ("7.51", "分が整数になりません: 450.6分"),
        ("7.333", "分が整数になりません"),
        ("7:30:30", "分が整数になりません"),
        (time(7, 30, 0, 5), "分が整数になりません"),
        ("7:75", "00〜59"),
        ("7:5", "数値として読めません"),
        ("7h", "数値として読めません"),
        ("abc", "数値として読めません"),
        (True, "真偽値です"),
        (datetime(2025, 4, 1, 7, 30), "日付・時刻が入っています"),
    ],
)
def test_parse_hours_to_minutes_rejects(raw: Cell, reason: str) -> None:
    with pytest.raises(ValueParseError) as info:
        parse_hours_to_minutes(raw)
    assert reason in info.value.ja
    assert info.value.ja.startswith("時間が不正です")


@given(st.integers(min_value=0, max_value=24 * 60))
def test_clock_hours_round_trip(minutes: int) -> None:
    assert parse_hours_to_minutes(f"{minutes // 60}:{minutes % 60:02d}") == minutes


@given(st.integers(min_value=0, max_value=24 * 4))
def test_quarter_hours_as_decimal_round_trip(quarters: int) -> None:
    hours = Decimal(quarters) / 4
    assert parse_hours_to_minutes(str(hours)) == quarters * 15
    assert parse_hours_to_minutes(float(hours)) == quarters * 15


# parse_date


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        ("", None),
        ("2025-04-01", date(2025, 4, 1)),
        ("2025/4/1", date(2025, 4, 1)),
        ("2025.4.1", date(2025, 4, 1)),
        ("2025年4月1日", date(2025, 4, 1)),
        ("２０２５／４／１", date(2025, 4, 1)),
        ("R7.4.1", date(2025, 4, 1)),
        ("R07.04.01", date(2025, 4, 1)),
        ("r7/4/1", date(2025, 4, 1)),
        ("Ｒ７．４．１", date(2025, 4, 1)),
        ("令和7年4月1日", date(2025, 4, 1)),
        ("令和 7年 4月 1日", date(2025, 4, 1)),
        ("令和元年5月1日", date(2019, 5, 1)),
        ("R1.5.1", date(2019, 5, 1)),
        ("H31.4.30", date(2019, 4, 30)),
        ("平成31年4月30日", date(2019, 4, 30)),
        ("㍻31年4月30日", date(2019, 4, 30)),
        ("平成元年1月8日", date(1989, 1, 8)),
        ("S64.1.7", date(1989, 1, 7)),
        ("昭和64年1月7日", date(1989, 1, 7)),
        ("2025/4/1 0:00", date(2025, 4, 1)),
        ("2025-04-01T00:00:00", date(2025, 4, 1)),
        ("2024-02-29", date(2024, 2, 29)),
        (date(2025, 4, 1), date(2025, 4, 1)),
        (datetime(2025, 4, 1, 0, 0), date(2025, 4, 1)),
        ("2025/4/1 00:00:00", date(2025, 4, 1)),
        ("2025-04-01T00:00:00.000", date(2025, 4, 1)),
        ("令和7年4月1日 0:00", date(2025, 4, 1)),
    ],
)
def test_parse_date(raw: Cell, expected: date | None) -> None:
    result = parse_date(raw)
    assert result == expected
    assert result is None or type(result) is date


@pytest.mark.parametrize(
    ("raw", "ja", "en"),
    [
        ("2025-02-30", "存在しない日付です", "no such date"),
        ("2025-13-01", "存在しない日付です", "no such date"),
        ("2023-02-29", "存在しない日付です", "no such date"),
        ("R7.2.30", "存在しない日付です", "no such date"),
        ("R1.4.1", "令和は2019-05-01から", "Reiwa began on 2019-05-01"),
        ("令和元年4月30日", "令和は2019-05-01から", "Reiwa began on 2019-05-01"),
        ("H31.5.1", "平成は2019-04-30まで", "Heisei ended on 2019-04-30"),
        ("平成32年1月1日", "平成は2019-04-30まで", "Heisei ended on 2019-04-30"),
        ("H1.1.7", "平成は1989-01-08から", "Heisei began on 1989-01-08"),
        ("S64.1.8", "昭和は1989-01-07まで", "Showa ended on 1989-01-07"),
        ("R0.5.1", "1以上", "1 or more"),
        ("T10.1.1", "元号が違います", "unknown year or era"),
        ("25/4/1", "元号が違います", "unknown year or era"),
        ("2025-4/1", "形式が違います", "unknown date format"),
        ("2025", "形式が違います", "unknown date format"),
        ("tomorrow", "形式が違います", "unknown date format"),
        (45748, "数値です", "got a number"),
        (45748.0, "数値です", "got a number"),
        (time(7, 30), "時刻です", "got a time"),
        # A time of day: only midnight is a date (as Excel writes a date cell to CSV).
        ("2025/4/1 25:99", "存在しない時刻です", "no such time of day"),
        ("2025/4/1 24:00", "存在しない時刻です", "no such time of day"),
        ("2025-04-01T12:60", "存在しない時刻です", "no such time of day"),
        ("2025/4/1 0:00:61", "存在しない時刻です", "no such time of day"),
        ("2025/4/1 13:05", "時刻 13:05 が入っています", "has a time of day (13:05)"),
        ("2025-04-01T00:00:01", "時刻 00:00:01 が入っています", "has a time of day"),
        ("2025/4/1 0:00:00.5", "時刻 0:00:00.5 が入っています", "has a time of day"),
        (datetime(2025, 4, 1, 13, 5), "時刻 13:05:00 が入っています", "has a time of day"),
        (datetime(2025, 4, 1, 0, 0, 0, 1), "時刻 00:00:00.000001", "has a time of day"),
    ],
)
def test_parse_date_rejects_with_reason(raw: Cell, ja: str, en: str) -> None:
    with pytest.raises(ValueParseError) as info:
        parse_date(raw)
    assert ja in info.value.ja
    assert en in info.value.en
    assert info.value.ja.startswith("日付が不正です")


@given(st.dates(min_value=date(1989, 1, 1), max_value=date(2040, 12, 31)))
def test_parse_date_reads_to_wareki(d: date) -> None:
    assert parse_date(to_wareki(d)) == d


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31)))
def test_parse_date_reads_western_forms(d: date) -> None:
    assert parse_date(d.isoformat()) == d
    assert parse_date(f"{d.year}/{d.month}/{d.day}") == d
    assert parse_date(f"{d.year}.{d.month:02d}.{d.day:02d}") == d
    assert parse_date(f"{d.year}年{d.month}月{d.day}日") == d
    assert parse_date(_full_width(d.isoformat())) == d


@given(st.dates(min_value=date(1926, 12, 25), max_value=date(2099, 12, 31)))
def test_parse_date_reads_era_letter_forms(d: date) -> None:
    wareki = to_wareki(d)
    letter = {"令和": "R", "平成": "H", "昭和": "S"}[wareki[:2]]
    era_year = wareki[2 : wareki.index("年")].replace("元", "1")
    assert parse_date(f"{letter}{era_year}.{d.month}.{d.day}") == d
    assert parse_date(f"{letter}{int(era_year):02d}.{d.month:02d}.{d.day:02d}") == d
