"""Choosing a work order's assets: by code, or every asset a filter matches (thousands at
once), set-based.

Rules enforced here:

- A filter combines, all at once, the owning body, the kind, the district (exact), assets
  installed from a year and before a year (those without a known year never match either),
  the material (exact), the status and a free text that every term of must appear in the
  code. The asset registry's list adds the condition (one urgency, or none yet) and a text of
  which every term occurs in the code, the district or the material. An empty filter matches
  every asset. Each part is a plain comparison on its column,
  so the database can answer from an index on it (kind, owner and installed year have one).
- A year outside what the column holds is refused on its field instead of reaching the
  database.
- Codes are checked as stored text; an unknown code is refused naming it (the first ten, and
  how many more), on the field ``assets``.
- Lookups go in chunks of a few hundred codes, so that any number fits every database's limit
  of bound parameters; an order's assets are written with one executemany INSERT.
- The picker's list shows each asset's kind, district, installed year, material and length
  (`asset_lines`, in the order asked, unknown codes left out); its search field offers the
  first few assets, in code order, of which every term of the text occurs in the code or the
  district (`search_assets`).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal, NamedTuple

from sqlalchemy import ColumnElement, Select, delete, func, insert, select
from sqlalchemy.orm import Session

from oneaqita.errors import ValidationError
from oneaqita.models import (
    Asset,
    AssetKind,
    AssetStatus,
    Organization,
    Urgency,
    work_order_assets,
)
from oneaqita.services.database import Database
from oneaqita.services.number_fields import checked_number
from oneaqita.services.text_fields import matches_all_terms, reference_text
from oneaqita.values import QUOTED_CHARS, quote

_CHUNK = 500
_NAMED = 10
NO_CONDITION = "none"  # the condition filter's choice "not assessed yet"
ConditionChoice = Urgency | Literal["none"]


@dataclass(frozen=True)
class AssetFilter:
    owner_id: int | None = None
    kind: AssetKind | None = None
    district: str | None = None
    installed_before: int | None = None  # a year: installed in an earlier one
    code_text: str = ""
    installed_from: int | None = None  # a year: installed in it or a later one
    material: str | None = None
    status: AssetStatus | None = None
    condition: ConditionChoice | None = None
    text: str = ""  # every term in the code, the district or the material


def filter_conditions(flt: AssetFilter) -> list[ColumnElement[bool]]:
    """The WHERE conditions of `flt` on Asset (for a query that reads more than codes)."""
    return _conditions(flt)


class AssetLine(NamedTuple):
    """One asset as the picker's list shows it (a named tuple: thousands are made at once,
    and a tuple is made from a row faster than a frozen dataclass)."""

    code: str
    kind: AssetKind
    district: str | None
    installed_year: int | None
    material: str | None
    length_m: Decimal | None


@dataclass(frozen=True)
class PickerChoices:
    """What the filter dialog offers: the bodies owning assets (id, code, name), and the
    districts and materials in use, sorted."""

    owners: list[tuple[int, str, str]]
    districts: list[str]
    materials: list[str]


_LINE_COLUMNS = (
    Asset.code,
    Asset.kind,
    Asset.district,
    Asset.installed_year,
    Asset.material,
    Asset.length_m,
)


def _year(value: int | None, field: str, ja: str, en: str) -> int | None:
    return checked_number(value, Asset.installed_year, field, ja, en)


def _conditions(flt: AssetFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if flt.owner_id is not None:
        where.append(Asset.owner_id == flt.owner_id)
    if flt.kind is not None:
        where.append(Asset.kind == flt.kind)
    district = reference_text(flt.district, "district", "地区", "District")
    if district is not None:
        where.append(Asset.district == district)
    before = _year(flt.installed_before, "installed_before", "設置年(より前)", "Installed before")
    if before is not None:
        where.append(Asset.installed_year < before)
    since = _year(flt.installed_from, "installed_from", "設置年(以降)", "Installed from")
    if since is not None:
        where.append(Asset.installed_year >= since)
    material = reference_text(flt.material, "material", "材質", "Material")
    if material is not None:
        where.append(Asset.material == material)
    if flt.status is not None:
        where.append(Asset.status == flt.status)
    if flt.condition == NO_CONDITION:
        where.append(Asset.condition.is_(None))
    elif flt.condition is not None:
        where.append(Asset.condition == flt.condition)
    for text in (
        matches_all_terms(flt.code_text, [Asset.code]),
        matches_all_terms(flt.text, [Asset.code, Asset.district, Asset.material]),
    ):
        if text is not None:
            where.append(text)
    return where


def _matching(flt: AssetFilter) -> Select[str]:
    return select(Asset.code).where(*_conditions(flt))


def count_assets(db: Database, flt: AssetFilter) -> int:
    """How many assets `flt` matches (the picker shows it before adding them)."""
    with db.read() as session:
        return int(session.scalar(count_statement(flt)) or 0)


def asset_codes(db: Database, flt: AssetFilter) -> list[str]:
    """The codes of every asset `flt` matches, in code order."""
    with db.read() as session:
        return list(session.scalars(codes_statement(flt)))


def count_statement(flt: AssetFilter) -> Select[int]:
    """The statement `count_assets` runs (the benchmark sends the same SQL by hand)."""
    return select(func.count()).select_from(_matching(flt).subquery())


def codes_statement(flt: AssetFilter) -> Select[str]:
    """The statement `asset_codes` runs."""
    return _matching(flt).order_by(Asset.code)


def matching_lines(db: Database, flt: AssetFilter) -> list[AssetLine]:
    """Every asset `flt` matches, as list lines, in code order (the filter dialog adds them)."""
    stmt = select(*_LINE_COLUMNS).where(*_conditions(flt)).order_by(Asset.code)
    with db.read() as session:
        return [AssetLine._make(row) for row in session.execute(stmt).all()]


def asset_lines(db: Database, codes: Sequence[str]) -> list[AssetLine]:
    """The list lines of the assets with these codes, in the order given (repeats once),
    leaving out codes that name no asset; read in chunks, so any number fits."""
    wanted = list(dict.fromkeys(codes))
    found: dict[str, AssetLine] = {}
    with db.read() as session:
        for chunk in _chunks(wanted):
            rows = session.execute(select(*_LINE_COLUMNS).where(Asset.code.in_(chunk))).all()
            for row in rows:  # all(): one fetchall, not a fetchone per row
                found[row[0]] = AssetLine._make(row)
    return [found[c] for c in wanted if c in found]


def search_assets(db: Database, text: str, limit: int = 8) -> list[AssetLine]:
    """The first `limit` assets, in code order, of which every term of `text` occurs in the
    code or the district; none for a text without terms."""
    where = matches_all_terms(text, [Asset.code, Asset.district])
    if where is None:
        return []
    stmt = select(*_LINE_COLUMNS).where(where).order_by(Asset.code).limit(limit)
    with db.read() as session:
        return [AssetLine._make(row) for row in session.execute(stmt).all()]


def _distinct(session: Session, column: Any) -> list[str]:
    return sorted(v for v in session.scalars(select(column).where(column.is_not(None)).distinct()))


def district_choices(db: Database) -> list[str]:
    with db.read() as session:
        return _distinct(session, Asset.district)


def picker_choices(db: Database) -> PickerChoices:
    owners = (
        select(Organization.id, Organization.code, Organization.name_ja)
        .where(Organization.id.in_(select(Asset.owner_id)))
        .order_by(Organization.code)
    )
    with db.read() as session:
        return PickerChoices(
            [(i, c, n) for i, c, n in session.execute(owners)],
            _distinct(session, Asset.district),
            _distinct(session, Asset.material),
        )


def _chunks(values: Sequence[str]) -> Iterable[Sequence[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]


def asset_ids_by_code(session: Session, codes: Iterable[str]) -> list[int]:
    """The ids of the assets with these codes (duplicates once), or a ValidationError on
    ``assets`` naming the unknown ones."""
    wanted: list[str] = []
    for code in codes:
        clean = reference_text(code, "assets", "対象施設", "Assets")
        if clean is not None:
            wanted.append(clean)
    wanted = list(dict.fromkeys(wanted))
    ids: dict[str, int] = {}
    for chunk in _chunks(wanted):
        for code, asset_id in session.execute(
            select(Asset.code, Asset.id).where(Asset.code.in_(chunk))
        ):
            ids[code] = asset_id
    unknown = [c for c in wanted if c not in ids]
    if unknown:
        named = "、".join(_named(c, ja=True) for c in unknown[:_NAMED])
        more_ja = f" ほか{len(unknown) - _NAMED}件" if len(unknown) > _NAMED else ""
        more_en = f" and {len(unknown) - _NAMED} more" if len(unknown) > _NAMED else ""
        raise ValidationError(
            f"施設コード {named}{more_ja} が見つかりません。",
            f"No asset with code {', '.join(_named(c) for c in unknown[:_NAMED])}{more_en}.",
            "assets",
        )
    return [ids[c] for c in wanted]


def stored_asset_ids(session: Session, work_order_id: int) -> set[int]:
    return set(
        session.scalars(
            select(work_order_assets.c.asset_id).where(
                work_order_assets.c.work_order_id == work_order_id
            )
        )
    )


def replace_assets(session: Session, work_order_id: int, asset_ids: Iterable[int]) -> bool:
    """Make the order's assets exactly `asset_ids`, writing only the difference: one
    executemany INSERT for the added, DELETEs in chunks for the removed. Whether any changed."""
    new = set(asset_ids)
    old = stored_asset_ids(session, work_order_id)
    added, removed = sorted(new - old), sorted(old - new)
    if added:
        session.execute(
            insert(work_order_assets),
            [{"work_order_id": work_order_id, "asset_id": a} for a in added],
        )
    c = work_order_assets.c
    for start in range(0, len(removed), _CHUNK):
        chunk = removed[start : start + _CHUNK]
        session.execute(
            delete(work_order_assets).where(c.work_order_id == work_order_id, c.asset_id.in_(chunk))
        )
    return bool(added or removed)


def _named(code: str, ja: bool = False) -> str:
    """A code as typed in a message; one longer than a code can be is cut (values.quote)."""
    return code if len(code) <= QUOTED_CHARS else quote(code, ja)
