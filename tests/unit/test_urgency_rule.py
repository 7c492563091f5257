"""The urgency rule (oneaqita/condition.py) against hand-computed cases, each with its reason."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneaqita.condition import (
    CATEGORIES,
    effective_urgency,
    most_urgent,
    span_urgency,
)
from oneaqita.models import FindingRank, Urgency

a, b, c = FindingRank.A, FindingRank.B, FindingRank.C
I, II, III = Urgency.I, Urgency.II, Urgency.III  # noqa: E741

CASES = [
    # (grades, expected, why)
    ([], None, "nothing found: no urgency"),
    ([("腐食", a)], I, "a span item graded A alone is I"),
    ([("たるみ", a), ("クラック", c)], I, "たるみ A decides, whatever else"),
    ([("腐食", b)], II, "a span item graded B is II"),
    ([("たるみ", b), ("油脂付着", c), ("浸入水", c)], II, "span B; per-length c's add nothing"),
    ([("腐食", c)], III, "a span item graded C is III"),
    ([("腐食", c), ("たるみ", c)], III, "two span items graded C are still III"),
    ([("破損", a)], II, "one per-length item graded a is II"),
    ([("破損", a), ("クラック", a)], I, "two per-length items graded a are I"),
    ([("破損", a), ("クラック", b)], II, "one a and one b: the a makes it II"),
    ([("破損", b)], III, "one per-length item graded b is III"),
    ([("破損", b), ("継手ズレ", b)], II, "two per-length items graded b are II"),
    ([("破損", c), ("継手ズレ", c), ("浸入水", c), ("樹木根侵入", c)], III, "c's never add up"),
    ([("腐食", c), ("破損", a)], II, "span C with one per-length a: the a makes it II"),
    ([("腐食", c), ("破損", a), ("クラック", a)], I, "two per-length a's make I over span C"),
    ([("腐食", b), ("破損", b)], II, "span B with one b: II from the span"),
    ([("はく離", a)], II, "a typed category counts as a per-length item: one a is II"),
    ([("はく離", a), ("破損", a)], I, "a typed category's a counts towards two a's"),
]


@pytest.mark.parametrize(("grades", "expected", "why"), CASES, ids=[c[2] for c in CASES])
def test_span_urgency_of_hand_computed_cases(
    grades: list[tuple[str, FindingRank]], expected: Urgency | None, why: str
) -> None:
    assert span_urgency(grades) is expected, why


def test_most_urgent_and_effective() -> None:
    assert most_urgent([III, None, II]) is II
    assert most_urgent([III, I]) is I
    assert most_urgent([None, None]) is None
    assert effective_urgency(III, I) is III  # the given one wins
    assert effective_urgency(None, I) is I


_grades = st.lists(
    st.tuples(st.sampled_from([*CATEGORIES, "はく離"]), st.sampled_from(list(FindingRank)))
)


@given(
    _grades, st.tuples(st.sampled_from([*CATEGORIES, "はく離"]), st.sampled_from(list(FindingRank)))
)
def test_another_grade_never_makes_a_span_less_urgent(
    grades: list[tuple[str, FindingRank]], more: tuple[str, FindingRank]
) -> None:
    order = [I, II, III]
    before, after = span_urgency(grades), span_urgency([*grades, more])
    assert after is not None
    assert before is None or order.index(after) <= order.index(before)
