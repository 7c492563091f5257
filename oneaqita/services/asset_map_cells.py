"""The map's pre-counted cells (oneaqita/db/asset_map_sql.py keeps them): folding the changes
written since into them, and reading a view's cells from them.

Rules enforced here:

- A filter the cells can answer asks for nothing but one of the owner, the kind or the
  status (or none of them), and perhaps the condition. Anything else — a district, an age
  range, a free text, or two or more of owner, kind and status together — is counted live by
  services/asset_map.py (``slice_of`` returns None).
- A view of level LEVELS[0] .. LEVELS[-1] reads the cells of its level; a coarser view reads
  those of LEVELS[0] and adds them up into its own cells (a shift of their x and y); a finer
  view is counted live.
- The cells read are the whole cells the box touches, as the live count counts them, plus the
  changes not yet folded in the same box, in one statement (one snapshot of both).
- ``fold`` is called before a unit of work that wrote assets commits (services/noted_folds.py,
  on its connection), and by the demo loader; on PostgreSQL it runs the owner's function.
"""

import math
from typing import Any

from sqlalchemy import Connection, TextClause, text

from oneaqita.db import asset_map_sql as grid
from oneaqita.models import AssetKind, AssetStatus
from oneaqita.services.asset_picking import AssetFilter

__all__ = [
    "MAX_LEVEL",
    "MIN_LEVEL",
    "CellCounts",
    "fold",
    "read_cells",
    "slice_of",
    "whole_cells",
]

MIN_LEVEL, MAX_LEVEL = grid.LEVELS[0], grid.LEVELS[-1]
# (x, y) of a cell → its counts by severity (none, III, II, I).
CellCounts = dict[tuple[int, int], tuple[int, int, int, int]]


def fold(conn: Connection) -> None:
    """Move the changes written so far into the cells (inside the caller's transaction)."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(f"SELECT {grid.FOLD_FUNCTION}")
    else:
        for statement in grid.sqlite_fold():
            conn.exec_driver_sql(statement)


def slice_of(flt: AssetFilter) -> dict[str, Any] | None:
    """The slice's key values (owner_id, kind, status; placeholders where the slice does not
    count) for `flt`, or None when the cells cannot answer it."""
    if flt != AssetFilter(
        owner_id=flt.owner_id, kind=flt.kind, status=flt.status, condition=flt.condition
    ):
        return None
    asked = {"owner_id": flt.owner_id, "kind": flt.kind, "status": flt.status}
    dims = tuple(d for d, v in asked.items() if v is not None)
    if dims not in grid.SLICES:
        return None
    return {
        "owner_id": flt.owner_id or 0,
        "kind": _value(flt.kind),
        "status": _value(flt.status),
    }


def _value(member: AssetKind | AssetStatus | None) -> str:
    return "" if member is None else str(member)  # a StrEnum member is its value


def _statement(dialect: str, read_at: int, key: dict[str, Any]) -> TextClause:
    x = grid.cell(dialect, "c.longitude", 180, read_at)
    y = grid.cell(dialect, "c.latitude", 90, read_at)
    changed = "".join(f" AND c.{d} = :{d}" for d, v in key.items() if v not in (0, ""))
    sums = ", ".join(
        f"sum(CASE WHEN c.severity = {n} THEN c.sign ELSE 0 END)" for n in range(len(grid.COUNTS))
    )
    # The cells' rows in key order (a range of the primary key), then the changes not folded
    # yet, grouped per cell: one statement, one snapshot; a cell may come twice.
    return text(
        f"SELECT cx, cy, {', '.join(grid.COUNTS)} FROM asset_map_cells WHERE level = {read_at} "
        "AND owner_id = :owner_id AND kind = :kind AND status = :status "
        "AND cx BETWEEN :x0 AND :x1 AND cy BETWEEN :y0 AND :y1 "
        f"UNION ALL SELECT {x}, {y}, {sums} FROM asset_map_changes c "
        f"WHERE {x} BETWEEN :x0 AND :x1 AND {y} BETWEEN :y0 AND :y1{changed} GROUP BY 1, 2"
    )


def read_cells(
    conn: Connection, key: dict[str, Any], level: int, x0: int, x1: int, y0: int, y1: int
) -> CellCounts:
    """The counts of the cells x0..x1 × y0..y1 of `level` (at most MAX_LEVEL) of the slice
    `key`: the whole cells, read from those of max(level, MIN_LEVEL), and the changes not
    folded yet. The rows are counts already; a coarser view's cell adds up the finer ones it
    holds (and a cell's changes), never more rows than the finer cells in the box."""
    read_at = max(level, MIN_LEVEL)
    shift = read_at - level
    rows = conn.execute(
        _statement(conn.dialect.name, read_at, key),
        {
            **key,
            "x0": x0 << shift,
            "x1": ((x1 + 1) << shift) - 1,
            "y0": y0 << shift,
            "y1": ((y1 + 1) << shift) - 1,
        },
    ).all()
    merged: CellCounts = {}
    for cx, cy, a, b, c, d in rows:
        at = (cx >> shift, cy >> shift)
        old = merged.get(at)
        merged[at] = (
            (a, b, c, d) if old is None else (old[0] + a, old[1] + b, old[2] + c, old[3] + d)
        )
    return merged


def whole_cells(value_from: float, value_to: float, offset: int, level: int) -> tuple[int, int]:
    """The first and last cell index of `level` that a range of values touches."""
    k = 2.0**level
    return math.floor((value_from + offset) * k), math.floor((value_to + offset) * k)
