"""The コスト縮減額 through the work-order editor's service (services/cost_reduction.py):
stored, audited and edited on the types that take one, refused on the others and when
negative, a fraction, text, a bool or past the bound; a duplicate starts without it
(SQLite and PostgreSQL)."""

from typing import Any

import pytest
from sqlalchemy import select

from oneaqita.errors import ValidationError
from oneaqita.models import AuditEntry, WorkOrder
from oneaqita.services.cost_reduction import LIMIT_YEN
from oneaqita.services.database import Database
from oneaqita.services.work_order_editing import (
    duplicate_work_order,
    edit_work_order,
    work_order_to_edit,
)
from tests.db.test_work_order_editing import TODAY, _create, _data, _refused, base  # noqa: F401
from tests.staffing_builders import COORDINATOR


def _stored(db: Database, wo_id: int) -> int | None:
    with db.read() as s:
        return s.scalar(select(WorkOrder.cost_reduction_yen).where(WorkOrder.id == wo_id))


def test_recorded_on_a_design_check_edited_and_not_duplicated(
    db: Database,
    base: Any,  # noqa: F811
) -> None:
    wo_id = _create(db, type="design_review", cost_reduction_yen=LIMIT_YEN)
    assert _stored(db, wo_id) == LIMIT_YEN
    order = work_order_to_edit(db, wo_id)
    assert order.data.cost_reduction_yen == LIMIT_YEN
    edit_work_order(db, COORDINATOR, wo_id, _data(type="設計照査", cost_reduction_yen=0), 1, TODAY)
    assert _stored(db, wo_id) == 0
    with db.read() as s:
        after = s.scalars(select(AuditEntry.after).order_by(AuditEntry.id.desc())).first()
    assert after is not None and after["cost_reduction_yen"] == 0
    duplicate_work_order(db, COORDINATOR, wo_id, TODAY)
    with db.read() as s:
        costs = s.scalars(select(WorkOrder.cost_reduction_yen).order_by(WorkOrder.id)).all()
    assert costs == [0, None]


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (-1, "0円以上"),
        (LIMIT_YEN + 1, "999,999,999,999円以下"),
        (2**63, "999,999,999,999円以下"),
        ("1000", "整数"),
        (True, "整数"),
        (1.5, "整数"),
    ],
)
def test_refused_values(db: Database, base: Any, value: object, said: str) -> None:  # noqa: F811
    err = _refused(db, "cost_reduction_yen", type="estimate", cost_reduction_yen=value)
    assert said in err.ja and err.en


def test_refused_on_a_type_that_takes_none(db: Database, base: Any) -> None:  # noqa: F811
    err = _refused(db, "cost_reduction_yen", type="analysis", cost_reduction_yen=1000)
    assert "経営分析" in err.ja and "設計照査・積算・工事監督" in err.ja
    assert "design checks" in err.en
    with pytest.raises(ValidationError):  # a type changed away from one keeps none
        wo_id = _create(db, type="estimate", cost_reduction_yen=1000)
        edit_work_order(db, COORDINATOR, wo_id, _data(cost_reduction_yen=1000), 1, TODAY)
    assert _stored(db, wo_id) == 1000
