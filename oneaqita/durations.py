"""What people type into a time cell, as whole minutes, and minutes back as people read them.

Rules (pure: no database, no Qt):

- The text is NFKC-normalised first (全角 ``７：３０`` is ``7:30``) and trimmed; empty (or only
  spaces) is "no entry": ``None``.
- Accepted forms: decimal hours ``7.5`` or with a decimal comma ``7,5`` (Excel in a European
  locale; one or two digits after the comma, so never a thousands separator), a clock
  ``7:30``, hours and minutes ``7h30`` / ``7h30m`` / ``7時間30分``, hours alone ``7h`` /
  ``7時間``, minutes alone ``30m`` / ``30分`` / ``90min``. Case and spaces between the parts
  do not matter.
- Refused, with a ValidationError in Japanese and English on the given field: negative values,
  more than 24 hours, minutes 60 or more after hours (``7:75``, ``7h75``), decimal hours that
  are not whole minutes (``7.51``), and anything else. Nothing else is ever raised.
- ``format_minutes(450)`` is ``"7:30"``; ``parse_minutes(format_minutes(m)) == m``.
"""

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from oneaqita.errors import ValidationError

__all__ = ["MAX_MINUTES", "format_minutes", "parse_minutes"]

MAX_MINUTES = 24 * 60
_FORMS = "7.5, 7:30, 7h30, 7h, 30m"

_DECIMAL = re.compile(r"(?P<h>[0-9]+(?:[.,][0-9]{1,2})?|[.,][0-9]{1,2}|[0-9]+\.[0-9]*)")
_CLOCK = re.compile(r"(?P<h>[0-9]+):(?P<m>[0-9]{1,2})")
_HOURS_MINUTES = re.compile(
    r"(?P<h>[0-9]+(?:\.[0-9]+)?)\s*(?:h|hr|hrs|hours?|時間)"
    r"(?:\s*(?P<m>[0-9]+)\s*(?:m|min|mins|minutes?|分)?)?"
)
_MINUTES = re.compile(r"(?P<m>[0-9]+)\s*(?:m|min|mins|minutes?|分)")


def _quoted(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:40] + "…")


def _refuse(why_ja: str, why_en: str, text: str, field: str) -> ValidationError:
    return ValidationError(
        f"時間が不正です ({why_ja}): {_quoted(text)}", f"{why_en}: {_quoted(text)}", field
    )


def _checked(minutes: Decimal, text: str, field: str) -> int:
    if minutes != minutes.to_integral_value():
        raise _refuse(
            "分が整数になりません", "hours must be a whole number of minutes", text, field
        )
    if minutes > MAX_MINUTES:
        raise _refuse("24時間を超えています", "at most 24 hours a day", text, field)
    return int(minutes)


def _minutes_part(value: str | None, text: str, field: str) -> int:
    minutes = int(value or 0)
    if minutes >= 60:
        raise _refuse("分は0〜59です", "minutes after hours must be 0 to 59", text, field)
    return minutes


def parse_minutes(value: str | None, field: str = "minutes") -> int | None:
    """Whole minutes of what was typed, or None for an empty cell (see the module's rules)."""
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", value).strip().lower().replace(" ", "")
    if not text:
        return None
    if len(text) > 20:
        raise _refuse("長すぎます", "too long for a duration", value, field)
    if text.startswith("-") or text.startswith("−"):
        raise _refuse("負の値です", "hours must not be negative", value, field)
    try:
        if m := _DECIMAL.fullmatch(text):
            return _checked(Decimal(m["h"].replace(",", ".")) * 60, value, field)
        if m := _CLOCK.fullmatch(text):
            minutes = _minutes_part(m["m"], value, field)
            return _checked(Decimal(int(m["h"]) * 60 + minutes), value, field)
        if m := _HOURS_MINUTES.fullmatch(text):
            if m["m"] is not None and "." in m["h"]:
                raise _refuse(
                    _FORMS + " の形で入力してください", f"write it as {_FORMS}", value, field
                )
            minutes = _minutes_part(m["m"], value, field)
            return _checked(Decimal(m["h"]) * 60 + minutes, value, field)
        if m := _MINUTES.fullmatch(text):
            return _checked(Decimal(int(m["m"])), value, field)
    except InvalidOperation:  # pragma: no cover - the patterns only let digits through
        pass
    raise _refuse(f"{_FORMS} の形で入力してください", f"write it as {_FORMS}", value, field)


def format_minutes(minutes: int | None) -> str:
    """``450`` → ``"7:30"``; None (no entry) → ``""``."""
    if minutes is None:
        return ""
    sign = "-" if minutes < 0 else ""
    hours, rest = divmod(abs(minutes), 60)
    return f"{sign}{hours}:{rest:02d}"
