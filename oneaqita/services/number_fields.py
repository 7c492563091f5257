"""Numbers typed by people (in a dialog or a spreadsheet cell): checked against what their
column can hold, with the column named, before any database sees them.

Rules enforced here:

- The range of a column comes from its type in the models, never typed per column: an
  integer column holds what PostgreSQL's type holds (SmallInteger 16-bit, Integer 32-bit,
  BigInteger 64-bit); SQLite, which would take 64 bits in any of them (and raise
  OverflowError beyond), is held to the same range, so that both databases accept the same
  values. A Numeric(p, s) column holds less than 10^(p−s) in magnitude at s places
  (PostgreSQL's "numeric field overflow" otherwise; the caller rounds to s places first).
- A value out of range is refused as "…は…以下にしてください" / "must be at most …" (or
  "以上" / "at least"), naming the field; a very long number is shown by its digit count.
"""

from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import BigInteger, Integer, Numeric, SmallInteger

from oneaqita.errors import ValidationError

__all__ = ["checked_number", "column_range", "range_problem", "shown_number"]

N = TypeVar("N", int, Decimal, int | None, Decimal | None)

_BITS = ((BigInteger, 64), (SmallInteger, 16), (Integer, 32))  # subclasses before Integer
_SHOWN_DIGITS = 24


Bounds = tuple[int | Decimal, int | Decimal]
# By id() of the column (a model attribute's == builds SQL, so it cannot be a dict key), with
# the column itself, which keeps the id from being reused: an import checks every cell.
_RANGES: dict[int, tuple[Any, Bounds | None]] = {}


def column_range(column: Any) -> Bounds | None:
    """(lowest, highest) value a model column (``Contract.amount_yen`` or a table column)
    holds; None for a column that is not a number."""
    known = _RANGES.get(id(column))
    if known is not None and known[0] is column:
        return known[1]
    bounds = _column_range(column)
    _RANGES[id(column)] = (column, bounds)
    return bounds


def _column_range(column: Any) -> Bounds | None:
    sql_type = getattr(column, "type", None)
    for type_, bits in _BITS:
        if isinstance(sql_type, type_):
            return -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
    if isinstance(sql_type, Numeric) and sql_type.precision is not None:
        scale = sql_type.scale or 0
        highest = Decimal(10) ** (sql_type.precision - scale) - Decimal(10) ** -scale
        return -highest, highest
    return None


def shown_number(value: int | Decimal) -> str:
    """A number for a message: with thousands separators, or by its length when very long."""
    if abs(value) < 10**_SHOWN_DIGITS:
        return f"{value:,}"
    return f"({_SHOWN_DIGITS + 1}+ digits)"


def range_problem(
    value: int | Decimal, column: Any, subject_ja: str, subject_en: str
) -> tuple[str, str] | None:
    """(ja, en) saying that ``subject`` must be at most (least) what ``column`` holds, or
    None when ``value`` fits."""
    bounds = column_range(column)
    if bounds is None:
        return None
    lowest, highest = bounds
    if value > highest:
        return (
            f"{subject_ja}は{highest:,}以下にしてください",
            f"{subject_en} must be at most {highest:,}",
        )
    if value < lowest:
        return (
            f"{subject_ja}は{lowest:,}以上にしてください",
            f"{subject_en} must be at least {lowest:,}",
        )
    return None


def checked_number(value: N, column: Any, field: str, label_ja: str, label_en: str) -> N:
    """``value`` (None passes) once it fits ``column``; a ValidationError on ``field`` else."""
    problem = None if value is None else range_problem(value, column, label_ja, label_en)
    if problem is not None:
        shown = shown_number(value)  # type: ignore[arg-type]
        raise ValidationError(f"{problem[0]} ({shown})。", f"{problem[1]} (got {shown}).", field)
    return value
