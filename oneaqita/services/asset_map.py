"""The assets' map (地図): what to draw for a view box, read from SQL by level of detail.

Rules enforced here:

- A view box is a longitude/latitude range (west < east, south < north, inside −180..180 and
  −90..90, finite); anything else is refused on the field ``box``. Only assets with both
  coordinates are drawn; the list's filter (services/asset_registry.py: owner, kind,
  district, status, condition, age range, free text) decides which, so the map shows what the
  list is filtered to.
- Few assets in the box (at most ``max_points``): each is read (id, longitude, latitude,
  condition). More: they are counted per grid cell and condition and each cell is drawn
  once, with its count and its worst condition (I worse than II worse than III worse than
  none). A cell is 2**-level degrees square, the smallest power of two at least ``cell_px``
  pixels of the view, so that the cells stay where they are while the view pans and only
  change at a zoom step; every cell the box touches is counted whole (its count does not
  change while the view pans). The answer is bounded either way: at most ``max_points``
  points, or at most one cell per ``cell_px`` × ``cell_px`` pixels of a view of at most
  MAX_VIEW_PX pixels a side.
- The counts come from the pre-counted cells (services/asset_map_cells.py, migration 0020)
  whenever they can answer: a level up to asset_map_cells.MAX_LEVEL (1/512°) and a filter
  of nothing but one of owner, kind or status, with or without a condition. Counted live
  from the assets instead (GROUP BY cell x, cell y, condition): a finer level (a box of
  few assets), a filter on the district, an age range, a free text, or on two or more of
  owner, kind and status together. Both give the very same cells (tests/db/
  test_asset_map_cells.py). Live cells of INDEXED_LEVEL (1/64°) or larger are counted at
  INDEXED_LEVEL and merged; smaller ones are counted as they are.
- The points and the finer cells read the index (longitude, latitude, condition, id); the
  cells of INDEXED_LEVEL come in order from an index on them (migration 0016), whose
  expressions the statements repeat as constants. The box is bound as numeric (as the columns
  are), and SQLite is told the box's share of the prefecture, so that a filter's own index
  wins when the box is wide. Whether the box holds more than ``max_points`` assets is
  known from the pre-counted cells when they answer (those inside the box hold at least,
  those it touches at most, its assets), else counted (LIMIT ``max_points`` + 1) before
  anything is read, so an aggregated view never fetches rows it does not draw.
- A click finds the nearest drawn asset within a radius (``nearest_asset``), under the same
  filter; none when nothing is that near.
"""

import math
from array import array
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Float,
    Integer,
    Select,
    cast,
    func,
    literal_column,
    select,
)

from oneaqita.errors import ValidationError
from oneaqita.models import Asset, Urgency
from oneaqita.services.asset_map_cells import (
    MAX_LEVEL,
    CellCounts,
    read_cells,
    slice_of,
    whole_cells,
)
from oneaqita.services.asset_picking import NO_CONDITION, AssetFilter, filter_conditions
from oneaqita.services.asset_registry import AssetListFilter
from oneaqita.services.database import Database

__all__ = [
    "AKITA",
    "CELL_PX",
    "MAX_POINTS",
    "MAX_VIEW_PX",
    "SEVERITY",
    "MapBox",
    "MapPicture",
    "INDEXED_LEVEL",
    "cell_level",
    "cell_size",
    "map_picture",
    "nearest_asset",
]

MAX_POINTS = 5_000  # assets drawn one by one at most; beyond, cells
CELL_PX = 8  # a cell's side on the screen, about
MAX_VIEW_PX = 8_192  # a view's side counted at most (a bigger widget gets coarser cells)
# Cells of 1/64° (about 1.4 × 1.1 km in Akita) are indexed on SQLite (migration 0016): a box
# whose cells are that size or larger is counted at this level, read in order from the index
# without sorting, and the counts merged into the larger cells here.
INDEXED_LEVEL = 6
# The condition as a small number, the larger the worse: what a cell keeps of its assets.
SEVERITY: dict[Urgency | None, int] = {None: 0, Urgency.III: 1, Urgency.II: 2, Urgency.I: 3}
_BY_SEVERITY: dict[str | None, int] = {
    (None if k is None else k.value): v for k, v in SEVERITY.items()
}


@dataclass(frozen=True)
class MapBox:
    """A longitude/latitude range: west..east, south..north (degrees)."""

    west: float
    south: float
    east: float
    north: float

    def checked(self) -> "MapBox":
        values = (self.west, self.south, self.east, self.north)
        if not all(isinstance(v, int | float) and math.isfinite(v) for v in values) or not (
            -180 <= self.west < self.east <= 180 and -90 <= self.south < self.north <= 90
        ):
            raise ValidationError(
                f"地図の範囲が正しくありません ({self.west}, {self.south}, {self.east}, "
                f"{self.north})。",
                f"The map's box is not valid ({self.west}, {self.south}, {self.east}, "
                f"{self.north}).",
                "box",
            )
        return self

    @property
    def width(self) -> float:
        return self.east - self.west

    @property
    def height(self) -> float:
        return self.north - self.south


# Akita Prefecture with a margin: the view the map opens on (and returns to with 0).
AKITA = MapBox(139.55, 38.85, 141.0, 40.6)


@dataclass(frozen=True)
class MapPicture:
    """What to draw for a box: points (cell sizes 0, every count 1, ids known) or cells
    (centres of the cells, their counts and worst severities, no ids)."""

    box: MapBox
    aggregated: bool
    cell_w: float = 0.0  # degrees of longitude (0 for points)
    cell_h: float = 0.0  # degrees of latitude
    ids: "array[int]" = field(default_factory=lambda: array("q"))  # points only
    lons: "array[float]" = field(default_factory=lambda: array("d"))
    lats: "array[float]" = field(default_factory=lambda: array("d"))
    counts: "array[int]" = field(default_factory=lambda: array("q"))
    severities: bytes = b""  # SEVERITY of each point, or each cell's worst

    @property
    def total(self) -> int:
        """How many assets the picture stands for (the count the map shows)."""
        return len(self.ids) if not self.aggregated else sum(self.counts)

    def __len__(self) -> int:
        return len(self.lons)


def cell_level(box: MapBox, width_px: int, height_px: int, cell_px: int = CELL_PX) -> int:
    """The grid's level for a box seen on a view this big: cells of 2**-level degrees (square
    in degrees), the smallest power of two at least `cell_px` pixels across the view's finer
    axis. Clamped to −8 (256°) .. 30."""
    rows = max(1, min(height_px, MAX_VIEW_PX) // cell_px)
    cols = max(1, min(width_px, MAX_VIEW_PX) // cell_px)
    size = min(box.height / rows, box.width / cols)
    return max(-8, min(30, math.floor(-math.log2(size)))) if size > 0 else 30


def cell_size(
    box: MapBox, width_px: int, height_px: int, cell_px: int = CELL_PX
) -> tuple[float, float]:
    """The grid's cell (degrees of longitude, of latitude) for a box seen on a view this big."""
    size = 2.0 ** -cell_level(box, width_px, height_px, cell_px)
    return size, size


def _degrees(value: float) -> Decimal:
    """A bound as the column's own type: a float parameter would make PostgreSQL compare the
    column as double precision, and no index on it would serve the box."""
    return Decimal(repr(value)).quantize(_MICRO, rounding=ROUND_FLOOR)


_MICRO = Decimal("0.000001")  # the columns' scale (Numeric(9, 6))


def _located(flt: AssetListFilter, box: MapBox, dialect: str = "") -> list[ColumnElement[bool]]:
    east, north = _degrees(box.east) + _MICRO, _degrees(box.north) + _MICRO
    longitude: ColumnElement[bool] = Asset.longitude.between(_degrees(box.west), east)
    if dialect == "sqlite":
        # SQLite guesses a range keeps a small share of the rows; told the box's share of
        # the prefecture, it reads one owner's assets of a wide box from the owner's index
        # instead of the whole box from the map's index, row by row from the table.
        share = (box.width / AKITA.width) * (box.height / AKITA.height)
        likely: ColumnElement[Any] = literal_column(f"{min(max(share, 1e-4), 1.0):.4f}")
        longitude = func.likelihood(longitude, likely)
    return [
        longitude,
        Asset.latitude.between(_degrees(box.south), north),
        *filter_conditions(flt.asset_filter()),
    ]


def points_statement(
    flt: AssetListFilter, box: MapBox, limit: int, dialect: str = ""
) -> Select[Any, Any, Any, Any]:
    """The assets in the box one by one (at most `limit`), as the map reads them."""
    return (
        select(
            Asset.id,
            cast(Asset.longitude, Float),
            cast(Asset.latitude, Float),
            Asset.condition,
        )
        .where(*_located(flt, box, dialect))
        .limit(limit)
    )


def _cell_index(
    dialect: str, name: str, offset: int, level: int, indexed: bool = False
) -> ColumnElement[int]:
    """floor((value + offset) × 2**level): the value plus offset is never negative, so
    SQLite's CAST (which truncates) floors; PostgreSQL's CAST rounds, hence floor() there.
    The text is that of the cells' indexes of migration 0016 (constants, not parameters), so
    that the planner reads the cells from them in order. On SQLite, unless `indexed`, the
    factor is written as a real, which no index matches, so that the planner takes the index
    of another filter (reading the table row by row for it costs far more than a sort);
    PostgreSQL weighs that itself."""
    if dialect == "sqlite":
        factor = f"{2**level}" if indexed and level >= 0 else f"{2.0**level!r}"
        return literal_column(f"CAST((assets.{name} + {offset}) * {factor} AS INTEGER)", Integer)
    return literal_column(
        f"CAST(floor((CAST(assets.{name} AS FLOAT) + {offset}) * {2.0**level!r}) AS INTEGER)",
        Integer,
    )


def _index_only(flt: AssetListFilter) -> bool:
    """Whether the filter asks for nothing but the condition (in the cells' index)."""
    picked = flt.asset_filter()
    return picked == AssetFilter(condition=picked.condition)


def cells_statement(
    dialect: str, flt: AssetListFilter, box: MapBox, level: int
) -> Select[Any, Any, Any, Any]:
    """The assets of the whole cells the box touches, counted live per cell of 2**-level
    degrees and condition (GROUP BY cell x, cell y, condition): the very cells the
    pre-counted ones are. At INDEXED_LEVEL on SQLite the box is given as a range of cells, so
    that the cells come from the index in order (when the filter asks for nothing the index
    does not hold)."""
    indexed = level == INDEXED_LEVEL and _index_only(flt)
    cx = _cell_index(dialect, "longitude", 180, level, indexed)
    cy = _cell_index(dialect, "latitude", 90, level, indexed)
    x0, x1 = whole_cells(box.west, box.east, 180, level)
    y0, y1 = whole_cells(box.south, box.north, 90, level)
    k = 2**level
    where = filter_conditions(flt.asset_filter())
    if indexed and dialect != "sqlite":
        where += [
            Asset.longitude >= _degrees(x0 / k - 180),
            Asset.longitude < _degrees((x1 + 1) / k - 180),
            Asset.latitude >= _degrees(y0 / k - 90),
            Asset.latitude < _degrees((y1 + 1) / k - 90),
        ]
    else:
        if not indexed:  # the map's index searched over the cells' edges, then exactly
            whole = MapBox(x0 / k - 180, y0 / k - 90, (x1 + 1) / k - 180, (y1 + 1) / k - 90)
            where = _located(flt, whole, dialect)
        where += [cx.between(x0, x1), cy.between(y0, y1)]
    return (
        select(cx, cy, Asset.condition, func.count())
        .where(*where)
        .group_by(cx, cy, Asset.condition)
    )


def map_picture(
    db: Database,
    flt: AssetListFilter,
    box: MapBox,
    width_px: int,
    height_px: int,
    max_points: int = MAX_POINTS,
    cell_px: int = CELL_PX,
) -> MapPicture:
    """What to draw for `box` on a view of `width_px` × `height_px` (see the module's rules)."""
    box = box.checked()
    level = cell_level(box, width_px, height_px, cell_px)
    picked = flt.asset_filter()
    key = slice_of(picked) if level <= MAX_LEVEL else None
    with db.read_connection() as conn:
        counts: CellCounts | None = None
        many: bool | None = None  # more than max_points assets in the box
        if key is not None:
            x0, x1 = whole_cells(box.west, box.east, 180, level)
            y0, y1 = whole_cells(box.south, box.north, 90, level)
            counts = _only_condition(read_cells(conn, key, level, x0, x1, y0, y1), picked.condition)
            # The cells inside the box hold at least, all of them at most, the box's assets.
            inside = sum(sum(v) for (x, y), v in counts.items() if x0 < x < x1 and y0 < y < y1)
            if inside > max_points:
                many = True
            elif sum(sum(v) for v in counts.values()) <= max_points:
                many = False
        if many is None:
            few = points_statement(flt, box, max_points + 1, db.dialect).subquery()
            many = conn.execute(select(func.count()).select_from(few)).scalar_one() > max_points
        if not many:  # counted first: the rows are only read to be drawn
            rows = conn.execute(points_statement(flt, box, max_points, db.dialect)).all()
            return MapPicture(
                box,
                aggregated=False,
                ids=array("q", [r[0] for r in rows]),
                lons=array("d", [r[1] for r in rows]),
                lats=array("d", [r[2] for r in rows]),
                counts=array("q", [1] * len(rows)),
                severities=bytes(_BY_SEVERITY[_key(r[3])] for r in rows),
            )
        if counts is None:
            counts = live_cells(conn, flt, box, level)
    return _cells_picture(box, level, counts)


def live_cells(conn: Connection, flt: AssetListFilter, box: MapBox, level: int) -> CellCounts:
    """The whole cells of `level` the box touches, counted live from the assets (cells of
    INDEXED_LEVEL or larger counted at INDEXED_LEVEL and added up)."""
    read_at = max(level, INDEXED_LEVEL)
    shift = read_at - level
    merged: dict[tuple[int, int], list[int]] = {}
    for cx, cy, condition, n in conn.execute(cells_statement(conn.dialect.name, flt, box, read_at)):
        by_severity = merged.setdefault((cx >> shift, cy >> shift), [0, 0, 0, 0])
        by_severity[_BY_SEVERITY[_key(condition)]] += n
    return {k: (v[0], v[1], v[2], v[3]) for k, v in merged.items()}


def _only_condition(counts: CellCounts, condition: object) -> CellCounts:
    """The counts of the condition asked for alone (the cells count every condition)."""
    if condition is None:
        return counts
    wanted = 0 if condition == NO_CONDITION else SEVERITY[Urgency(str(condition))]
    return {k: (v[0], 0, 0, 0) if wanted == 0 else _one(v, wanted) for k, v in counts.items()}


def _one(counts: tuple[int, int, int, int], severity: int) -> tuple[int, int, int, int]:
    kept = [0, 0, 0, 0]
    kept[severity] = counts[severity]
    return kept[0], kept[1], kept[2], kept[3]


def _cells_picture(box: MapBox, level: int, counts: CellCounts) -> MapPicture:
    """The cells with at least one asset: centre, count and worst severity."""
    size = 2.0**-level
    lons, lats, totals = array("d"), array("d"), array("q")
    worst = bytearray()
    for (x, y), (n0, n3, n2, n1) in counts.items():  # by severity: none, III, II, I
        total = n0 + n3 + n2 + n1
        if total > 0:
            lons.append((x + 0.5) * size - 180)
            lats.append((y + 0.5) * size - 90)
            totals.append(total)
            worst.append(3 if n1 else 2 if n2 else 1 if n3 else 0)
    return MapPicture(
        box, aggregated=True, cell_w=size, cell_h=size, lons=lons, lats=lats, counts=totals,
        severities=bytes(worst),
    )  # fmt: skip


def _key(condition: object) -> str | None:
    """The stored condition as its key (the ORM type gives the enum, a raw row the text)."""
    if condition is None:
        return None
    return condition.value if isinstance(condition, Urgency) else str(condition)


def nearest_asset(
    db: Database, flt: AssetListFilter, lon: float, lat: float, radius: float
) -> int | None:
    """The id of the asset nearest to (lon, lat) within `radius` degrees of latitude (the
    longitude scaled by the latitude's cosine, as the map draws it), under the list's filter;
    None when none is that near."""
    if not all(math.isfinite(v) for v in (lon, lat, radius)) or radius <= 0:
        return None
    squeeze = max(math.cos(math.radians(max(-89.0, min(89.0, lat)))), 0.01)
    dlon = min(radius / squeeze, 180.0)
    box = MapBox(
        max(-180.0, lon - dlon), max(-90.0, lat - radius), min(180.0, lon + dlon),
        min(90.0, lat + radius),
    )  # fmt: skip
    if not (box.west < box.east and box.south < box.north):
        return None
    x = (cast(Asset.longitude, Float) - lon) * squeeze
    y = cast(Asset.latitude, Float) - lat
    stmt = (
        select(Asset.id, x * x + y * y).where(*_located(flt, box)).order_by(x * x + y * y, Asset.id)
    )
    with db.read_connection() as conn:
        row = conn.execute(stmt.limit(1)).first()
    if row is None or row[1] > radius * radius:
        return None
    return int(row[0])
