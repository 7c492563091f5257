"""The asset registry's list (施設台帳): every asset, filtered, sorted and paged in SQL.

Rules enforced here:

- The filter is the picker's (services/asset_picking.py: owner, kind, district, status,
  condition, and a free text of which every term occurs in the code, the district or the
  material, kana either way) plus an age range in whole years: an asset's age is the current
  fiscal year (oneaqita/fiscal.py) minus its 布設年度; one of unknown year has no age and
  matches no age range. An age is 0 to MAX_AGE; anything else is refused on its field.
- Any column sorts, ascending or descending, ties broken by the id in the same direction, so
  that pages never overlap and never skip a row. Every order is read from an index (column,
  id) (migration 0009); the owner sorts by the body's code (JIS order), a join walked along the
  organizations' code index. Age sorts as the installed year the other way round. Kind and
  status sort by their stored keys; the condition I before II before III. Where rows without a
  value stand is the database's (SQLite first when ascending, PostgreSQL last).
- The free text is answered from the assets' search index (oneaqita/asset_search.py), not a
  LIKE over every asset: a text alone is counted from the index; a page collects the text's
  matches, or, for a common word in its first pages, walks the sort's index checking each
  row's search document (search_strategy.walk_pays, decided from the count just made, kept
  per database and filter for the pages that follow).
- A page is one statement: its ids found first on the indexes (a subquery), then only those
  rows read with their owner, as the work-order list does. Opening (open_registry) counts and
  reads the first page on one connection.
"""

import dataclasses
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache, partial
from threading import Lock
from typing import Any, NamedTuple

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    Select,
    bindparam,
    case,
    column,
    func,
    select,
    text,
)

from oneaqita.asset_search import (
    asset_search_docs,
    asset_terms,
    document_conditions,
    matching_asset_ids,
    matching_sql,
)
from oneaqita.db.compiled import Compiled, Shapes
from oneaqita.errors import ValidationError
from oneaqita.fiscal import fiscal_year
from oneaqita.models import Asset, AssetKind, AssetStatus, Organization, Urgency
from oneaqita.search import Conn
from oneaqita.search_strategy import walk_pays
from oneaqita.services.asset_picking import AssetFilter, ConditionChoice, filter_conditions
from oneaqita.services.database import Database

__all__ = [
    "MAX_AGE",
    "AssetListFilter",
    "AssetRow",
    "AssetSort",
    "count_registry",
    "list_registry",
    "open_registry",
    "registry_count_statement",
    "registry_ids_statement",
]

MAX_AGE = 400  # years; the schema's oldest 布設年度 is 1868


class AssetSort(StrEnum):
    CODE = "code"
    KIND = "kind"
    OWNER = "owner"
    DISTRICT = "district"
    INSTALLED_YEAR = "installed_year"
    AGE = "age"
    MATERIAL = "material"
    DIAMETER = "diameter"
    LENGTH = "length"
    STATUS = "status"
    CONDITION = "condition"


@dataclass(frozen=True)
class AssetListFilter:
    text: str = ""
    owner_id: int | None = None
    kind: AssetKind | None = None
    district: str | None = None
    status: AssetStatus | None = None
    condition: ConditionChoice | None = None
    age_from: int | None = None  # at least this many years old
    age_to: int | None = None  # at most this many years old
    sort: AssetSort = AssetSort.CODE
    descending: bool = False
    today: date | None = None  # the day ages count from (None: today)

    def asset_filter(self) -> AssetFilter:
        """The picker's filter with the ages as installed years (refused when out of range)."""
        year = fiscal_year(self.today or date.today())
        youngest = _age(self.age_from, "age_from", "経過年数(以上)", "Age from")
        oldest = _age(self.age_to, "age_to", "経過年数(以下)", "Age to")
        return AssetFilter(
            owner_id=self.owner_id,
            kind=self.kind,
            district=self.district,
            status=self.status,
            condition=self.condition,
            text=self.text,
            installed_before=None if youngest is None else year - youngest + 1,
            installed_from=None if oldest is None else year - oldest,
        )


class AssetRow(NamedTuple):
    """One line of the list (a named tuple: a page of 200 is built in a tenth of the time
    a frozen dataclass takes, which was a third of the page's Python)."""

    id: int
    code: str
    kind: AssetKind
    owner_code: str
    owner_name: str
    owner_name_en: str | None
    district: str | None
    installed_year: int | None
    age: int | None
    material: str | None
    diameter_mm: int | None
    length_m: Decimal | None
    status: AssetStatus
    condition: Urgency | None


def _age(value: int | None, field: str, ja: str, en: str) -> int | None:
    if value is not None and not 0 <= value <= MAX_AGE:
        raise ValidationError(
            f"{ja}は0〜{MAX_AGE}年にしてください ({value})。",
            f"{en} must be 0 to {MAX_AGE} years (it is {value}).",
            field,
        )
    return value


_SORT_COLUMNS: dict[AssetSort, Any] = {
    AssetSort.CODE: Asset.code,
    AssetSort.KIND: Asset.kind,
    AssetSort.OWNER: Organization.code,
    AssetSort.DISTRICT: Asset.district,
    AssetSort.INSTALLED_YEAR: Asset.installed_year,
    AssetSort.AGE: Asset.installed_year,
    AssetSort.MATERIAL: Asset.material,
    AssetSort.DIAMETER: Asset.diameter_mm,
    AssetSort.LENGTH: Asset.length_m,
    AssetSort.STATUS: Asset.status,
    AssetSort.CONDITION: Asset.condition,
}


def _where(flt: AssetListFilter, dialect: str, walk: bool = False) -> list[ColumnElement[bool]]:
    """The filter's conditions on assets: the picker's, the text answered from the search
    index (collecting its matches) unless `walk` (the caller joins the documents instead)."""
    where = filter_conditions(dataclasses.replace(flt.asset_filter(), text=""))
    if not walk:
        matching = matching_asset_ids(dialect, flt.text, Asset.id)
        if matching is not None:
            where.append(matching)
    return where


def _narrowed(flt: AssetListFilter) -> bool:
    """Whether any filter but the text is set."""
    return dataclasses.replace(flt, text="", sort=AssetSort.CODE, descending=False) != (
        AssetListFilter(today=flt.today)
    )


def registry_count_statement(flt: AssetListFilter, dialect: str) -> Select[int]:
    """The statement the count runs: a text alone is counted from the search index."""
    if flt.text and asset_terms(flt.text) and not _narrowed(flt):
        sql, params = matching_sql(dialect, flt.text)  # type: ignore[misc]
        matches = text(sql).bindparams(*(bindparam(k, v) for k, v in params.items()))
        return select(func.count()).select_from(matches.columns(column("asset_id")).subquery())
    return select(func.count()).select_from(Asset).where(*_where(flt, dialect))


def registry_ids_statement(
    flt: AssetListFilter, dialect: str, offset: int = 0, limit: int = 200, walk: bool = False
) -> Select[int]:
    """The ids of one page in the filter's order (what the list reads first). `walk`: read
    the sort's index in order checking each row's search document, instead of collecting
    every match of the text (oneaqita/search_strategy.py explains when that pays)."""
    stmt = select(Asset.id).where(*_where(flt, dialect, walk))
    if walk:
        docs = asset_search_docs
        stmt = stmt.join(docs, docs.c.asset_id == Asset.id).where(*document_conditions(flt.text))
    if flt.sort is AssetSort.OWNER:
        stmt = stmt.join(Organization, Organization.id == Asset.owner_id)
    return stmt.order_by(*_order(flt)).offset(offset).limit(limit)


def _order(flt: AssetListFilter) -> list[Any]:
    descending = flt.descending != (flt.sort is AssetSort.AGE)  # older is a smaller year
    keys = [_SORT_COLUMNS[flt.sort]]
    if flt.sort is not AssetSort.CODE:  # codes are unique: nothing to break ties
        keys.append(Asset.id)
    return [k.desc() if descending else k.asc() for k in keys]


def _dated(flt: AssetListFilter) -> AssetListFilter:
    """The filter with the day its ages count from (today unless given), the key of the
    statements built for it."""
    return flt if flt.today is not None else dataclasses.replace(flt, today=date.today())


def _count(conn: Connection, flt: AssetListFilter) -> int:
    count = int(_SHAPES.scalar(conn, _count_statement(_dated(flt), conn.dialect.name)) or 0)
    _remember(conn, flt, count)
    return count


def count_registry(db: Database, flt: AssetListFilter) -> int:
    """How many assets the filter matches (the count the page shows)."""
    with db.read_connection() as conn:
        return _count(conn, flt)


def _rows(year: int) -> Select[*tuple[Any, ...]]:
    """The list rows' columns, in AssetRow's order, the age counted in SQL from `year` (a
    bound value: every year has the same SQL); the owner joined."""
    fiscal = bindparam("fiscal_year", year, type_=Integer)
    age = case((Asset.installed_year > fiscal, 0), else_=fiscal - Asset.installed_year)
    columns = (
        Asset.id, Asset.code, Asset.kind, Organization.code, Organization.name_ja,
        Organization.name_en, Asset.district, Asset.installed_year, age, Asset.material,
        Asset.diameter_mm, Asset.length_m, Asset.status, Asset.condition,
    )  # fmt: skip
    if len(columns) != len(AssetRow._fields):
        raise AssertionError("the list's columns are not AssetRow's")
    return select(*columns).join(Organization, Organization.id == Asset.owner_id)


# A row straight from the statement's converted values (their count is AssetRow's, checked
# when the columns are built), without a Python call per row.
_row = partial(tuple.__new__, AssetRow)


def _year(today: date | None) -> int:
    return fiscal_year(today or date.today())


def rows_by_id(session: Conn, ids: list[int], today: date | None = None) -> list[AssetRow]:
    """The list rows of these assets, in the order given (ids that name none left out)."""
    if not ids:
        return []
    found = session.execute(_rows(_year(today)).where(Asset.id.in_(ids)))
    by_id = {r[0]: _row(r) for r in found}
    return [by_id[i] for i in ids if i in by_id]


def registry_page_statement(
    flt: AssetListFilter, dialect: str, offset: int = 0, limit: int = 200, walk: bool = False
) -> Select[*tuple[Any, ...]]:
    """One page's rows in one statement: the page's ids found first on the indexes (a
    subquery: a deep offset skips index entries, not joined rows), then only those rows read
    with their owner and put in the same order."""
    ids = registry_ids_statement(flt, dialect, offset, limit, walk)
    return _rows(_year(flt.today)).where(Asset.id.in_(ids)).order_by(*_order(flt))


def _page(conn: Connection, flt: AssetListFilter, offset: int, limit: int) -> list[AssetRow]:
    walk = False
    if flt.text and asset_terms(flt.text):
        matches = _remembered(conn, flt)
        if matches is None:
            matches = _count(conn, flt)
        if matches == 0:
            return []
        total = int(_TOTAL.scalar(conn) or 0)
        walk = walk_pays(matches, total, offset, limit)
    stmt = _page_statement(_dated(flt), conn.dialect.name, offset, limit, walk)
    return _SHAPES.rows(conn, stmt, _row)  # one fetchall


# A text alone matching at most this many assets on SQLite: its ids are read once, giving the
# count and the page's rows (a code fragment's bigrams check many candidates; reading the
# index once, not for the count and again for the page, halves the time). FTS5 hands its
# matches over as it finds them, so the LIMIT stops a common word early; PostgreSQL's GIN
# builds its whole bitmap first, so there the count goes first as usual.
FEW = 1000


def _few_matches(conn: Connection, flt: AssetListFilter) -> list[int] | None:
    if conn.dialect.name != "sqlite" or _narrowed(flt) or not asset_terms(flt.text):
        return None
    sql, params = matching_sql("sqlite", flt.text)  # type: ignore[misc]
    few = text(f"{sql} LIMIT {FEW + 1}").bindparams(*(bindparam(k, v) for k, v in params.items()))
    ids = [r[0] for r in _SHAPES.rows(conn, few.columns(column("asset_id")))]
    return ids if len(ids) <= FEW else None


def _rows_of(
    conn: Connection, flt: AssetListFilter, ids: list[int], offset: int, limit: int
) -> list[AssetRow]:
    if not ids or offset >= len(ids):
        return []
    stmt = _rows(_year(flt.today)).where(Asset.id.in_(ids))
    return [_row(r) for r in conn.execute(stmt.order_by(*_order(flt)).offset(offset).limit(limit))]


def list_registry(
    db: Database, flt: AssetListFilter, offset: int = 0, limit: int = 200
) -> list[AssetRow]:
    """One page of the list in the filter's order (see the module's rules)."""
    with db.read_connection() as conn:
        return _page(conn, flt, offset, limit)


def open_registry(
    db: Database, flt: AssetListFilter, offset: int = 0, limit: int = 200
) -> tuple[int, list[AssetRow]]:
    """The count and one page, on one connection (what opening the list or a new filter
    needs); the page's strategy chosen from the count just made."""
    with db.read_connection() as conn:
        few = _few_matches(conn, flt)
        if few is not None:
            _remember(conn, flt, len(few))
            return len(few), _rows_of(conn, flt, few, offset, limit)
        count = _count(conn, flt)
        return count, (_page(conn, flt, offset, limit) if count > offset else [])


# -- the match counts the pages' strategy is chosen from -------------------------------------
_TOTAL = Compiled(select(func.max(Asset.id)))
# The list's statements compiled once per shape (which filters, sort, direction, dialect,
# the text search's SQL), run on the driver (oneaqita/db/compiled.py).
_SHAPES = Shapes()
# The statements built per filter, kept: building one takes more Python than SQLite takes to
# answer it (0.65 ms for a page, against 1.1–1.5 ms for its SQL, cold); the compiled SQL is
# kept per shape by _SHAPES. A filter is hashable (frozen), its day resolved by _dated.
_count_statement = lru_cache(maxsize=256)(registry_count_statement)
_page_statement = lru_cache(maxsize=256)(registry_page_statement)
_REMEMBERED = 256
_counts: OrderedDict[tuple[int, AssetListFilter], int] = OrderedDict()
_lock = Lock()


def _key(conn: Connection, flt: AssetListFilter) -> tuple[int, AssetListFilter]:
    return id(conn.engine), dataclasses.replace(flt, sort=AssetSort.CODE, descending=False)


def _remember(conn: Connection, flt: AssetListFilter, count: int) -> None:
    with _lock:
        _counts[_key(conn, flt)] = count
        while len(_counts) > _REMEMBERED:
            _counts.popitem(last=False)


def _remembered(conn: Connection, flt: AssetListFilter) -> int | None:
    with _lock:
        return _counts.get(_key(conn, flt))
