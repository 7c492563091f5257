"""KPI targets: the 目標 a manager sets per fiscal year for each KPI of the report to the
shareholders (its 実績 the data computes: oneaqita/reports/shareholders_kpi.py).

Rules enforced here:

- One target per fiscal year and KPI (the key); setting it again corrects it, clearing it
  (no value) removes it. Every write is audited with the value before and after.
- A fiscal year is 2000 to 2200 (a column check as well). A target is a number zero or more
  that its column holds (12 digits, 2 places): km and hours to 0.01, counts (件, 回) and the
  cost reduction (千円) whole. Text
  is read as the spreadsheets write numbers ("1,234.5", full-width digits); anything else —
  control characters, a formula, "1e400", "NaN", true/false — is refused naming the KPI.
- The editor sends the version of each target it showed (None: it showed none); a target
  changed or added by someone else since is a ConcurrentEdit and nothing is written.
- Managers and administrators set targets (Action.SET_KPI_TARGETS); every role reads them.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import select

from oneaqita.errors import ConcurrentEdit, ValidationError
from oneaqita.labels import label
from oneaqita.models import Kpi, KpiTarget
from oneaqita.permissions import Action, requires
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.number_fields import range_problem
from oneaqita.services.unit_of_work import UnitOfWork
from oneaqita.values import ValueParseError, parse_decimal

__all__ = [
    "COUNT_KPIS",
    "ENTITY",
    "FIRST_FISCAL_YEAR",
    "LAST_FISCAL_YEAR",
    "KpiTargetRow",
    "TargetValue",
    "kpi_places",
    "kpi_targets",
    "kpi_unit",
    "parse_target",
    "set_kpi_target",
    "set_kpi_targets",
]

ENTITY = Entity.KPI_TARGETS
FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR = 2000, 2200
COUNT_KPIS = frozenset({Kpi.ORDERS_ACCEPTED, Kpi.PLANS_DELIVERED, Kpi.TRAININGS_HELD})
_UNITS = {
    Kpi.ORDERS_ACCEPTED: "件",
    Kpi.PLANS_DELIVERED: "件",
    Kpi.TRAINING_HOURS: "時間",
    Kpi.TRAININGS_HELD: "回",
    Kpi.COST_REDUCTION: "千円",
}
_CENT = Decimal("0.01")

TargetValue = Decimal | int | str | None


@dataclass(frozen=True, slots=True)
class KpiTargetRow:
    kpi: Kpi
    target: Decimal
    version: int


def kpi_unit(kpi: Kpi) -> str:
    """The unit a KPI is counted in: km, 件, 回, 時間 or 千円."""
    return _UNITS.get(kpi, "km")


def kpi_places(kpi: Kpi) -> int:
    """The decimal places a KPI's target and 実績 are shown with: counts and 千円 whole,
    km and hours to 0.01."""
    return 0 if kpi in COUNT_KPIS or kpi is Kpi.COST_REDUCTION else 2


def _refuse(kpi: Kpi, why_ja: str, why_en: str) -> ValidationError:
    name = label(kpi)
    return ValidationError(
        f"{name}の目標{why_ja}", f"The target for {label(kpi, 'en')} {why_en}", kpi.value
    )


def parse_target(kpi: Kpi, value: TargetValue) -> Decimal | None:
    """The target ``value`` for ``kpi`` as stored (two places), None for none; a
    ValidationError on the KPI's field for anything the module's rules refuse."""
    if isinstance(value, bool):
        raise _refuse(kpi, "は数値で入力してください。", "must be a number.")
    try:
        number = value if isinstance(value, Decimal) else parse_decimal(value)
    except ValueParseError as exc:
        raise ValidationError(f"{label(kpi)}の目標: {exc.ja}", exc.en, kpi.value) from exc
    if number is None:
        return None
    if not number.is_finite():
        raise _refuse(kpi, "は数値で入力してください。", "must be a number.")
    if number < 0:
        raise _refuse(kpi, "は0以上にしてください。", "must be zero or more.")
    problem = range_problem(number, KpiTarget.target, "目標", "the target")
    if problem is not None:
        raise _refuse(kpi, f"が大きすぎます ({problem[0]})。", f"is too large ({problem[1]}).")
    if kpi in COUNT_KPIS and number != number.to_integral_value():
        raise _refuse(kpi, "は件数です。整数で入力してください。", "is a count: a whole number.")
    if kpi is Kpi.COST_REDUCTION and number != number.to_integral_value():
        raise _refuse(
            kpi, "は千円単位です。整数で入力してください。", "is in thousand yen: a whole number."
        )
    try:
        rounded = number.quantize(_CENT)
    except InvalidOperation as exc:  # pragma: no cover - the range check keeps it small
        raise _refuse(kpi, "が大きすぎます。", "is too large.") from exc
    if rounded != number:
        raise _refuse(kpi, "は小数第2位までです。", "has at most two decimal places.")
    return rounded


def _check_year(fiscal_year: Any) -> int:
    if (
        isinstance(fiscal_year, bool)
        or not isinstance(fiscal_year, int)
        or not FIRST_FISCAL_YEAR <= fiscal_year <= LAST_FISCAL_YEAR
    ):
        raise ValidationError(
            f"年度は{FIRST_FISCAL_YEAR}〜{LAST_FISCAL_YEAR}で指定してください ({fiscal_year!r})。",
            f"The fiscal year must be {FIRST_FISCAL_YEAR} to {LAST_FISCAL_YEAR} "
            f"(got {fiscal_year!r}).",
            "fiscal_year",
        )
    return fiscal_year


def _kpi(value: Any) -> Kpi:
    try:
        return Kpi(value)
    except ValueError:
        raise ValidationError(
            f"KPI {value!r} はありません。", f"There is no KPI {value!r}.", "kpi"
        ) from None


def _snapshot(row: KpiTarget) -> dict[str, Any]:
    return {
        "fiscal_year": row.fiscal_year,
        "kpi": row.kpi.value,
        "target": str(row.target),
        "version": row.version,
    }


def kpi_targets(db: Database, fiscal_year: int) -> dict[Kpi, KpiTargetRow]:
    """The targets set for ``fiscal_year``, by KPI (a KPI without a target is absent)."""
    year = _check_year(fiscal_year)
    stmt = select(KpiTarget.kpi, KpiTarget.target, KpiTarget.version).where(
        KpiTarget.fiscal_year == year
    )
    with db.read() as session:
        return {
            Kpi(k): KpiTargetRow(Kpi(k), Decimal(t).quantize(_CENT), v)
            for k, t, v in session.execute(stmt)
        }


def _store(
    uow: UnitOfWork, year: int, kpi: Kpi, value: Decimal | None, version: int | None
) -> None:
    session = uow.session
    row = session.scalar(
        select(KpiTarget).where(KpiTarget.fiscal_year == year, KpiTarget.kpi == kpi)
    )
    if (row.version if row is not None else None) != version:
        raise ConcurrentEdit()
    if row is None:
        if value is None:
            return
        row = KpiTarget(fiscal_year=year, kpi=kpi, target=value)
        session.add(row)
        session.flush()
        uow.audit("create", ENTITY, row.id, None, _snapshot(row))
        return
    before = _snapshot(row)
    if value is None:
        session.delete(row)
        session.flush()
        uow.audit("delete", ENTITY, row.id, before, None)
        return
    if Decimal(row.target) == value:
        return
    row.target = value
    session.flush()
    uow.audit("update", ENTITY, row.id, before, _snapshot(row))


@requires(Action.SET_KPI_TARGETS)
def set_kpi_targets(
    db: Database,
    actor: Actor,
    fiscal_year: int,
    targets: Mapping[Kpi, tuple[TargetValue, int | None]],
) -> Change:
    """Set the targets of ``fiscal_year``: per KPI its value (None or blank: no target) and
    the version the editor showed (None: none was shown). All or nothing: every value is
    checked before anything is written, and a ConcurrentEdit writes nothing."""
    year = _check_year(fiscal_year)
    checked = [
        (_kpi(kpi), parse_target(_kpi(kpi), value), version)
        for kpi, (value, version) in targets.items()
    ]
    with db.unit_of_work(actor) as uow:
        for kpi, value, version in checked:
            _store(uow, year, kpi, value, version)
        return uow.change


@requires(Action.SET_KPI_TARGETS)
def set_kpi_target(
    db: Database,
    actor: Actor,
    fiscal_year: int,
    kpi: Kpi,
    target: TargetValue,
    expected_version: int | None = None,
) -> Change:
    """Set one KPI's target for ``fiscal_year`` (see set_kpi_targets). Without
    ``expected_version`` the target in force is replaced whatever its version (a script)."""
    year, which = _check_year(fiscal_year), _kpi(kpi)
    if expected_version is None:
        current = kpi_targets(db, year).get(which)
        expected_version = current.version if current is not None else None
    return set_kpi_targets(db, actor, year, {which: (target, expected_version)})
