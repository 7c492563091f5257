"""Parsing of import-file cell values (see IMPORT-FORMAT.md).

Rules enforced here:

- Text is NFKC-normalised (全角 digits and letters become half-width) and trimmed; an empty cell
  is "no value" and parses to ``None`` (``[]`` for lists).
- Stored text holds only what both databases and an .xlsx file can hold (``check_storable``,
  the one check every entry uses: import columns, services, hence dialogs and the CLI):
  no NUL or other C0/C1 control character, no lone surrogate, no bidi override or isolate
  (U+202A–U+202E, U+2066–U+2069, which make text display as something else), no noncharacter
  U+FFFE/U+FFFF (not allowed in XML). Tab and line breaks (CR, LF, U+2028, U+2029) are
  trimmed at the edges like any space, and inside a value allowed only in multi-line fields.
  The check gives the same answer before and after NFKC and trimming, so it may run on a raw
  cell.
- Spreadsheet formulas: a CSV export writes a text cell that starts with ``= + - @``, tab, CR
  or an apostrophe with one more apostrophe in front (``protect_formula``; the OWASP advice
  against CSV injection), and every import cell drops exactly that one apostrophe again
  (``unprotect_formula``): a leading apostrophe followed by one of those characters. So
  "'=1+1" imports as "=1+1", "''x" as "'x", while "'quoted" and "-5" stay as they are.
- Cells may hold what openpyxl gives: ``str``, ``int``, ``float``, ``date``/``datetime``, and for
  hours also ``time``/``timedelta``. ``bool`` is never a number.
- Numbers may carry correctly placed thousands separators ("1,234"; "1,23" is rejected); whole
  numbers may carry a yen sign ("¥1,234", "1,234円").
- Every rejection raises :class:`ValueParseError` whose message says why in Japanese and English;
  the caller prefixes ``FILE:LINE: column:``.
"""

import re
import unicodedata
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TypeAlias

from oneaqita.fiscal import find_era

__all__ = [
    "Cell",
    "ValueParseError",
    "FORMULA_STARTS",
    "cell_text",
    "check_storable",
    "normalize_header",
    "normalize_text",
    "parse_date",
    "parse_decimal",
    "parse_hours_to_minutes",
    "parse_int",
    "parse_percent",
    "protect_formula",
    "replace_unstorable",
    "quote",
    "split_list",
    "storable_text",
    "unprotect_formula",
]

Cell: TypeAlias = str | int | float | date | datetime | time | timedelta | None

MAX_MINUTES_PER_DAY = 24 * 60


class ValueParseError(ValueError):
    """A cell value that cannot be parsed; ``ja`` and ``en`` say why."""

    def __init__(self, ja: str, en: str) -> None:
        super().__init__(f"{ja} / {en}")
        self.ja = ja
        self.en = en


QUOTED_CHARS = 40


def quote(value: object, ja: bool = False) -> str:
    """A value as an error message quotes it: repr() for text (it shows the cell as typed,
    full-width or invisible characters too), cut to QUOTED_CHARS characters with "…" and the
    whole length, so that a 100,000-character cell makes a one-line message."""
    text = value if isinstance(value, str) else str(value)
    if len(text) <= QUOTED_CHARS:
        return repr(value) if isinstance(value, str) else text
    cut = repr(text[:QUOTED_CHARS])
    return f"{cut}… ({len(text):,}文字)" if ja else f"{cut}… ({len(text):,} characters)"


def _fail(what_ja: str, why_ja: str, why_en: str, value: object) -> ValueParseError:
    return ValueParseError(
        f"{what_ja}が不正です ({why_ja}): {quote(value, ja=True)}", f"{why_en}: {quote(value)}"
    )


# A BOM or zero-width space survives NFKC and str.strip() but is invisible in a spreadsheet.
_EDGES = re.compile(r"^[\s\ufeff\u200b]+|[\s\ufeff\u200b]+$")
_ZERO_WIDTH = "\ufeff\u200b"


def normalize_text(s: str | None) -> str | None:
    """NFKC-normalise and trim; an empty result is ``None``."""
    if s is None:
        return None
    # str.strip() trims what \s matches; the regex only for a BOM or zero-width space left.
    text = (s if s.isascii() else unicodedata.normalize("NFKC", s)).strip()
    if text and (text[0] in _ZERO_WIDTH or text[-1] in _ZERO_WIDTH):
        text = _EDGES.sub("", text)
    return text or None


# Never storable: C0 controls but tab, CR and LF; DEL and the C1 controls; lone surrogates;
# the bidi embeddings, overrides and isolates; the noncharacters XML 1.0 forbids.
_UNSTORABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\ufffe\uffff]"
)
# Storable in multi-line fields only (at the edges of a value they are trimmed like spaces).
_LINE_BREAKS = re.compile("[\t\n\r\u2028\u2029]")
_SUSPECT = re.compile(_UNSTORABLE.pattern[:-1] + _LINE_BREAKS.pattern[1:])  # either, one class


def _what(c: str) -> tuple[str, str]:
    code = ord(c)
    if 0xD800 <= code <= 0xDFFF:
        return "対になっていないサロゲート", "a lone surrogate"
    if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return "文字の向きを変える制御文字", "a bidi control that changes how text displays"
    if code in (0xFFFE, 0xFFFF):
        return "文字ではない符号", "a noncharacter"
    if _LINE_BREAKS.match(c):
        return "改行・タブ (この項目では使えません)", "a line break or tab (not in this field)"
    return "制御文字", "a control character"


def check_storable(text: str, *, multiline: bool = False) -> str:
    """``text`` itself if every character may be stored (see the module docstring);
    otherwise ValueParseError naming the first character that may not and where it is."""
    if _SUSPECT.search(text) is None:  # the common case, in one scan
        return text
    bad = _UNSTORABLE.search(text)
    if bad is None and not multiline and (inner := _EDGES.sub("", text)):
        # Only inside the value: the trimmed edges are whitespace, so this finds where it is.
        start = text.index(inner)
        bad = _LINE_BREAKS.search(text, start, start + len(inner))
    if bad is None:
        return text
    c, at = bad.group(), bad.start() + 1
    what_ja, what_en = _what(c)
    raise ValueParseError(
        f"保存できない文字があります ({at}文字目: U+{ord(c):04X} {what_ja})",
        f"contains a character that cannot be stored (character {at}: U+{ord(c):04X}, {what_en})",
    )


def storable_text(s: str | None, *, multiline: bool = False) -> str | None:
    """``normalize_text(s)`` once ``check_storable`` accepts it."""
    if s is not None:
        check_storable(s, multiline=multiline)
    return normalize_text(s)


def replace_unstorable(text: str) -> str:
    """``text`` with every character no field may store replaced by U+FFFD, for writing
    out rows stored before the check existed."""
    return _UNSTORABLE.sub("\ufffd", text)


# The first characters that make a spreadsheet read a cell as a formula (OWASP).
FORMULA_STARTS = frozenset("=+-@\t\r")
_PROTECTED = FORMULA_STARTS | {"'"}


def protect_formula(text: str) -> str:
    """The CSV form of a text cell: one more apostrophe in front when it starts with one of
    FORMULA_STARTS or with an apostrophe, so no spreadsheet computes it."""
    return "'" + text if text[:1] in _PROTECTED else text


def unprotect_formula(text: str) -> str:
    """An import cell's text without the one apostrophe ``protect_formula`` put in front."""
    return text[1:] if text[:1] == "'" and text[1:2] in _PROTECTED else text


def normalize_header(s: str) -> str:
    """Header comparison key: NFKC, case-folded, trimmed, inner whitespace collapsed to one space,
    so "　Code ", "ＣＯＤＥ" and "code" are the same column."""
    return " ".join((normalize_text(s) or "").casefold().split())


def cell_text(value: Cell) -> str | None:
    """A cell as normalised text: numbers without a spurious ".0", dates in ISO form."""
    if value is None or isinstance(value, str):
        return normalize_text(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime) and value.time() == time():
        return value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return normalize_text(str(value))


def split_list(s: Cell) -> list[str]:
    """Split on ";" (full-width "；" too), trim each item and drop empty items."""
    text = cell_text(s)
    if text is None:
        return []
    return [item.strip() for item in text.split(";") if item.strip()]


_GROUPED = r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+"
_NUMBER = re.compile(rf"(?P<sign>[+-]?)(?P<int>{_GROUPED})(?:\.(?P<frac>[0-9]+))?")
# CP932 files often carry the yen sign as a backslash, the byte 0x5C it shares with it.
_YEN = re.compile(rf"(?P<sign>[+-]?)[¥\\]?\s*(?P<int>{_GROUPED})(?:\.(?P<frac>[0-9]+))?\s*円?")


# Digits with an optional sign and fraction, nothing around them: Decimal() reads them as is.
_PLAIN = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")


def _to_decimal(value: Cell, what_ja: str, what_en: str, *, yen: bool = False) -> Decimal | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise _fail(what_ja, "真偽値です", f"expected a {what_en}, got a true/false value", value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise _fail(what_ja, "数値ではありません", f"not a {what_en}", value)
        # repr() is the shortest text that round-trips, so 0.1 becomes Decimal("0.1").
        return Decimal(repr(value))
    if not isinstance(value, str):
        raise _fail(what_ja, "日付・時刻が入っています", f"a date or time, not a {what_en}", value)
    if _PLAIN.fullmatch(value):  # the common case: what the slow path gives, sooner
        return Decimal(value)
    text = normalize_text(value.replace("\u2212", "-") if "\u2212" in value else value)
    if text is None:
        return None
    m = (_YEN if yen else _NUMBER).fullmatch(text)
    if m is None:
        raise _fail(what_ja, "数値として読めません", f"not a {what_en}", value)
    digits = m["int"].replace(",", "") + ("." + m["frac"] if m["frac"] else "")
    return Decimal(m["sign"] + digits)


def _whole(d: Decimal, what_ja: str, what_en: str, value: Cell) -> int:
    if d != d.to_integral_value():
        raise _fail(what_ja, "小数部があります", f"has a fraction, expected a {what_en}", value)
    return int(d)


def parse_int(s: Cell) -> int | None:
    """A whole number; thousands separators and a yen sign ("¥1,234", "1,234円") allowed,
    a fraction ("1.5") is not."""
    d = _to_decimal(s, "整数", "whole number", yen=True)
    return None if d is None else _whole(d, "整数", "whole number", s)


def parse_decimal(s: Cell) -> Decimal | None:
    """A decimal number ("1,234.5", "-0.25"); exact, never via binary floating point text."""
    return _to_decimal(s, "数値", "number")


def parse_percent(s: Cell) -> int | None:
    """A whole percentage 0–100, with or without "%" ("50", "50%", "５０％").

    A fraction such as 0.5 is rejected rather than guessed: it is what Excel stores for a cell
    formatted as 50 %, but 1 would then be ambiguous between 1 % and 100 %.
    """
    text = normalize_text(s) if isinstance(s, str) else s
    if isinstance(text, str) and text.endswith("%"):
        text = text[:-1].rstrip()
        if not text:
            raise _fail("割合", "数値がありません", "percentage without a number", s)
    d = _to_decimal(text, "割合", "percentage")
    if d is None:
        return None
    if d != d.to_integral_value():
        raise _fail("割合", "小数は使えません", "percentage must be a whole number", s)
    if not 0 <= d <= 100:
        raise _fail("割合", "0〜100の範囲外です", "percentage out of range 0 to 100", s)
    return int(d)


_CLOCK = re.compile(r"(?P<sign>[+-]?)(?P<h>[0-9]+):(?P<m>[0-9]{2})(?::(?P<s>[0-9]{2}))?")


def parse_hours_to_minutes(s: Cell) -> int | None:
    """Hours as whole minutes: decimal hours ("7.5", 7.5 → 450) or a clock form ("7:30" → 450,
    "7:30:00"); 0 to 24 hours. Rejects negative values, more than 24 h, minutes 60 or more in
    the clock form, and decimal hours that are not a whole number of minutes ("7.51")."""
    if isinstance(s, timedelta):
        minutes = Decimal(s.total_seconds()) / 60
    elif isinstance(s, time):
        minutes = Decimal(s.hour * 3600 + s.minute * 60 + s.second) / 60
        if s.microsecond:
            raise _fail("時間", "分が整数になりません", "hours must be whole minutes", s)
    elif isinstance(s, str) and (m := _CLOCK.fullmatch(normalize_text(s) or "")):
        if int(m["m"]) >= 60 or int(m["s"] or 0) >= 60:
            raise _fail("時間", "分・秒は00〜59です", "minutes and seconds must be 00 to 59", s)
        minutes = Decimal(int(m["h"]) * 60 + int(m["m"])) + Decimal(int(m["s"] or 0)) / 60
        minutes = -minutes if m["sign"] == "-" else minutes
    else:
        hours = _to_decimal(s, "時間", "number of hours")
        if hours is None:
            return None
        minutes = hours * 60
    if minutes < 0:
        raise _fail("時間", "負の値です", "hours must not be negative", s)
    if minutes > MAX_MINUTES_PER_DAY:
        raise _fail("時間", "24時間を超えています", "hours must not exceed 24", s)
    if minutes != minutes.to_integral_value():
        got = minutes.normalize()
        raise _fail(
            "時間", f"分が整数になりません: {got}分", f"not a whole number of minutes ({got})", s
        )
    return int(minutes)


# Excel writes a date cell to CSV as "2025/4/1 0:00": midnight is the date itself.
_TIME_SUFFIX = re.compile(
    r"(?:\s+|T)(?P<h>[0-9]{1,2}):(?P<m>[0-9]{2})(?::(?P<s>[0-9]{2})(?:\.(?P<f>[0-9]+))?)?$"
)
_KANJI_DATE = re.compile(r"(?P<y>.+?)年(?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})日")
_SEP_DATE = re.compile(r"(?P<y>.+?)(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})")
_ERA_YEAR = re.compile(r"(?P<era>[^0-9元]+)(?P<n>[0-9]{1,2}|元)")
_FORMS = "2025-04-01, 2025/4/1, R7.4.1, 令和7年4月1日"


def parse_date(s: Cell) -> date | None:
    """A date: "2025-04-01", "2025/4/1", "2025.4.1", "2025年4月1日", "R7.4.1", "R07.04.01",
    "令和7年4月1日", "令和元年5月1日", "H31.4.30", "S64.1.7", or a date/datetime cell.

    The date must exist, and an era date must fall inside its era (R1.4.1 is before Reiwa
    began; H31.5.1 is after Heisei ended). Eras: 令和/R, 平成/H, 昭和/S.

    A time of day is accepted only as midnight ("2025/4/1 0:00", "2025-04-01T00:00:00", a
    datetime cell at 00:00), which is how Excel writes a date cell: a date column holds a day
    (IMPORT-FORMAT.md), and which day a timestamp such as "2025/4/1 23:30" stands for is not
    guessed. Any other time is refused, an impossible one ("25:99") as such.
    """
    if isinstance(s, datetime):
        if s.time() != time():
            raise _has_time(s.time().isoformat(), s)
        return s.date()
    if isinstance(s, date):
        return s
    if s is None:
        return None
    if isinstance(s, int | float):
        raise _fail("日付", "日付ではなく数値です", "expected a date, got a number", s)
    if not isinstance(s, str):
        raise _fail("日付", "日付ではなく時刻です", "expected a date, got a time", s)
    text = normalize_text(s)
    if text is None:
        return None
    clock = _TIME_SUFFIX.search(text)
    if clock is not None:
        hour, minute, second = int(clock["h"]), int(clock["m"]), int(clock["s"] or 0)
        if hour > 23 or minute > 59 or second > 59:
            raise _fail("日付", "存在しない時刻です", "no such time of day", s)
        if hour or minute or second or (clock["f"] or "").strip("0"):
            raise _has_time(clock.group().strip(" T"), s)
        text = text[: clock.start()]
    text = re.sub(r"\s+", "", text)
    m = _KANJI_DATE.fullmatch(text) or _SEP_DATE.fullmatch(text)
    if m is None:
        raise _fail(
            "日付", f"形式が違います。例: {_FORMS}", f"unknown date format (use e.g. {_FORMS})", s
        )
    month, day = int(m["m"]), int(m["d"])
    if re.fullmatch(r"[0-9]{4}", m["y"]):
        return _make_date(int(m["y"]), month, day, s)
    era_match = _ERA_YEAR.fullmatch(m["y"])
    era = find_era(era_match["era"]) if era_match else None
    if era_match is None or era is None:
        raise _fail(
            "日付",
            f"年・元号が違います。例: {_FORMS}",
            f"unknown year or era (use e.g. {_FORMS})",
            s,
        )
    n = 1 if era_match["n"] == "元" else int(era_match["n"])
    if n < 1:
        raise _fail("日付", "元号の年は1以上です", "era year must be 1 or more", s)
    d = _make_date(era.western_year(n), month, day, s)
    # The era's name and bounds make the message self-explanatory, e.g. R1.4.1 or H31.5.1.
    if d < era.start:
        began = era.start.isoformat()
        raise _fail("日付", f"{era.name}は{began}から", f"{era.name_en} began on {began}", s)
    if era.end is not None and d > era.end:
        ended = era.end.isoformat()
        raise _fail("日付", f"{era.name}は{ended}まで", f"{era.name_en} ended on {ended}", s)
    return d


def _has_time(shown: str, value: Cell) -> ValueParseError:
    return _fail(
        "日付",
        f"時刻 {shown} が入っています。日付だけにしてください",
        f"has a time of day ({shown}); give the date only",
        value,
    )


def _make_date(year: int, month: int, day: int, value: Cell) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise _fail("日付", "存在しない日付です", "no such date", value) from exc
