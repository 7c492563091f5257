"""コスト縮減額: the yen by which the company's check of a design or estimate reduced it, the
basis of the report's cost-reduction KPI (reports/shareholders_kpi.py).

Rules enforced here (a refusal is a ValidationError on ``cost_reduction_yen``):

- It is recorded on a work order of a type where a reduction arises: 設計照査 (the design
  submitted, checked), 積算 (the estimate, recomputed) and 工事監督 (changes agreed during the
  works): COST_REDUCTION_TYPES. An order of any other type has none: a value is refused
  naming the types that take one.
- Whole yen, zero or more, at most LIMIT_YEN (just under 1兆円, well above any sewer works
  the company checks): a negative amount, a fraction, text or a bool is refused.
- None (an empty field or cell) records no reduction; 0 records that the check found none.
"""

from typing import Any

from oneaqita.errors import ValidationError
from oneaqita.models import WorkType
from oneaqita.values import quote

__all__ = ["COST_REDUCTION_TYPES", "FIELD", "LIMIT_YEN", "checked_cost_reduction"]

COST_REDUCTION_TYPES = ("design_review", "estimate", "supervision")
LIMIT_YEN = 999_999_999_999
FIELD = "cost_reduction_yen"
_TYPE_NAMES = ("設計照査・積算・工事監督", "design checks, cost estimates and supervision")


def checked_cost_reduction(value: Any, work_type: WorkType) -> int | None:
    """``value`` as stored once the module's rules hold for an order of ``work_type``."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(
            f"コスト縮減額は円単位の整数で入力してください ({quote(value, ja=True)})。",
            f"The cost reduction must be whole yen (got {quote(value)}).",
            FIELD,
        )
    if value < 0:
        raise ValidationError(
            f"コスト縮減額は0円以上にしてください ({value:,}円)。",
            f"The cost reduction must not be negative (got {value:,} yen).",
            FIELD,
        )
    if value > LIMIT_YEN:
        raise ValidationError(
            f"コスト縮減額は{LIMIT_YEN:,}円以下にしてください ({value:,}円)。",
            f"The cost reduction must be at most {LIMIT_YEN:,} yen (got {value:,}).",
            FIELD,
        )
    if work_type.code not in COST_REDUCTION_TYPES:
        raise ValidationError(
            f"作業種別「{work_type.name_ja}」の作業にはコスト縮減額を記録できません"
            f"({_TYPE_NAMES[0]}の作業だけです)。",
            f"A {work_type.name_en} work order has no cost reduction (only {_TYPE_NAMES[1]} do).",
            FIELD,
        )
    return value
