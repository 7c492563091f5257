"""KPI targets: set, corrected, cleared, audited; hostile values refused at the KPI's field;
two editors at once; managers and administrators only. SQLite and PostgreSQL."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from oneaqita.errors import ConcurrentEdit, PermissionDenied, ValidationError
from oneaqita.models import AuditEntry, Kpi, KpiTarget, Role
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Entity
from oneaqita.services.database import Database
from oneaqita.services.kpi_targets import kpi_targets, parse_target, set_kpi_target, set_kpi_targets
from tests.settlement_builders import add_user


@pytest.fixture
def manager(db: Database) -> Actor:
    return add_user(db, "boss", Role.MANAGER)


def _audit(db: Database) -> list[tuple[str, dict | None, dict | None]]:
    with db.read() as s:
        rows = s.execute(
            select(AuditEntry.action, AuditEntry.before, AuditEntry.after)
            .where(AuditEntry.entity == "kpi_targets")
            .order_by(AuditEntry.id)
        ).all()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def test_set_correct_and_clear_a_target(db: Database, manager: Actor) -> None:
    change = set_kpi_target(db, manager, 2025, Kpi.KM_INSPECTED, "1,234.5")
    assert change.touches(Entity.KPI_TARGETS)
    row = kpi_targets(db, 2025)[Kpi.KM_INSPECTED]
    assert (row.target, row.version) == (Decimal("1234.50"), 1)
    set_kpi_target(db, manager, 2025, Kpi.KM_INSPECTED, "１２３４．５")  # the same, full-width
    assert kpi_targets(db, 2025)[Kpi.KM_INSPECTED].version == 1  # unchanged: no write
    set_kpi_target(db, manager, 2025, Kpi.KM_INSPECTED, Decimal("980"), expected_version=1)
    assert kpi_targets(db, 2025)[Kpi.KM_INSPECTED].target == Decimal("980.00")
    assert kpi_targets(db, 2026) == {}
    set_kpi_target(db, manager, 2025, Kpi.KM_INSPECTED, "  ")  # blank: no target
    assert kpi_targets(db, 2025) == {}
    actions = [(a, (b or {}).get("target"), (c or {}).get("target")) for a, b, c in _audit(db)]
    assert actions == [
        ("create", None, "1234.50"),
        ("update", "1234.50", "980.00"),
        ("delete", "980.00", None),
    ]


@pytest.mark.parametrize(
    ("kpi", "value", "why"),
    [
        (Kpi.KM_INSPECTED, "-1", "0以上"),
        (Kpi.KM_INSPECTED, "1.234", "小数第2位"),
        (Kpi.KM_INSPECTED, "1e400", "数値"),
        (Kpi.KM_INSPECTED, "NaN", "数値"),
        (Kpi.KM_INSPECTED, "=1+1", "数値"),
        (Kpi.KM_INSPECTED, "12\x00", "数値"),
        (Kpi.KM_INSPECTED, "9" * 40, "大きすぎ"),
        (Kpi.KM_INSPECTED, "10000000000", "大きすぎ"),
        (Kpi.KM_INSPECTED, True, "数値"),
        (Kpi.ORDERS_ACCEPTED, "2.5", "整数"),
    ],
)
def test_hostile_values_are_refused_at_the_kpi(
    db: Database, manager: Actor, kpi: Kpi, value: object, why: str
) -> None:
    with pytest.raises(ValidationError) as err:
        set_kpi_target(db, manager, 2025, kpi, value)  # type: ignore[arg-type]
    assert err.value.field == kpi.value
    assert why in err.value.ja and err.value.en
    with db.read() as s:
        assert s.scalar(select(func.count(KpiTarget.id))) == 0


def test_the_largest_target_fits(db: Database, manager: Actor) -> None:
    assert parse_target(Kpi.TRAINING_HOURS, "9,999,999,999.99") == Decimal("9999999999.99")
    set_kpi_target(db, manager, 2025, Kpi.TRAINING_HOURS, "9999999999.99")
    assert kpi_targets(db, 2025)[Kpi.TRAINING_HOURS].target == Decimal("9999999999.99")


def test_bad_year_or_kpi(db: Database, manager: Actor) -> None:
    for year in (1999, 2201, True, "2025"):
        with pytest.raises(ValidationError) as err:
            set_kpi_target(db, manager, year, Kpi.KM_INSPECTED, "1")  # type: ignore[arg-type]
        assert err.value.field == "fiscal_year"
    with pytest.raises(ValidationError) as err:
        set_kpi_target(db, manager, 2025, "no_such_kpi", "1")  # type: ignore[arg-type]
    assert err.value.field == "kpi"


def test_all_or_nothing_and_two_editors_at_once(db: Database, manager: Actor) -> None:
    with pytest.raises(ValidationError):
        set_kpi_targets(
            db, manager, 2025, {Kpi.KM_INSPECTED: ("10", None), Kpi.PLANS_DELIVERED: ("x", None)}
        )
    assert kpi_targets(db, 2025) == {}
    set_kpi_targets(db, manager, 2025, {Kpi.KM_INSPECTED: ("10", None)})
    # Another editor, who saw no target, now saves one: refused, nothing written.
    with pytest.raises(ConcurrentEdit):
        set_kpi_targets(
            db, manager, 2025, {Kpi.PLANS_DELIVERED: ("3", None), Kpi.KM_INSPECTED: ("20", None)}
        )
    assert {k: r.target for k, r in kpi_targets(db, 2025).items()} == {
        Kpi.KM_INSPECTED: Decimal("10.00")
    }
    with pytest.raises(ConcurrentEdit):
        set_kpi_targets(db, manager, 2025, {Kpi.KM_INSPECTED: ("20", 7)})


def test_only_managers_and_administrators(db: Database, manager: Actor) -> None:
    for role in (Role.COORDINATOR, Role.SECONDED):
        actor = add_user(db, f"u-{role.value}", role)
        with pytest.raises(PermissionDenied):
            set_kpi_target(db, actor, 2025, Kpi.KM_INSPECTED, "1")
    admin = add_user(db, "root", Role.ADMIN)
    set_kpi_target(db, admin, 2025, Kpi.KM_INSPECTED, "1")
    assert Kpi.KM_INSPECTED in kpi_targets(db, 2025)
