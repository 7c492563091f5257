"""The SQL of the map's pre-counted cells (asset_map_cells), shared by migration 0020 (which
creates the triggers and, on PostgreSQL, the functions) and services/asset_map_cells.py
(which folds and reads them). Qt-free, no services imported.

How the counts follow the assets, on both databases:

- Every write of a placed asset (both coordinates) leaves a row in ``asset_map_changes``: +1
  with its new values, −1 with its old ones (owner, kind, status, severity of its condition,
  position). Triggers write them, so every writer is followed: the services, an import's
  executemany, the demo loader, psql. SQLite: row triggers (an INSERT of one small row per
  changed asset, about what one more index costs); PostgreSQL: statement triggers with
  transition tables (one INSERT … SELECT per statement), SECURITY DEFINER functions of the
  owner, so the app roles need no write grant on either table. An UPDATE that changes none
  of those columns leaves nothing.
- ``fold`` moves the changes into the cells, set-based: one INSERT … SELECT … GROUP BY … ON
  CONFLICT DO UPDATE adding to the counts of every level of LEVELS and every slice of SLICES,
  then the changes go. The services that write assets fold before they commit; what another
  writer left unfolded is still counted: the map reads the cells plus the changes not yet
  folded, in one statement (one snapshot). On PostgreSQL the fold deletes the changes it
  moves (DELETE … RETURNING in the same statement): two writers folding at once each move a
  change exactly once, the second waiting for the first's row locks; the counts' rows are
  updated by ON CONFLICT DO UPDATE, which locks them, in key order. On SQLite one writer at a
  time holds the database.
- A slice is a set of the filter's dimensions the counts are kept by: every asset is counted
  in the cells of each slice, under its own values of the slice's dimensions and the
  placeholders (owner 0, kind and status '') for the others. The condition is in every slice,
  as four counts per row (no condition, III, II, I).
- A cell of level L is 2**-L degrees square: x = floor((longitude + 180) × 2**L), y =
  floor((latitude + 90) × 2**L), written as the live count writes it (services/asset_map.py),
  so that both give the very same cells.

A change of LEVELS or SLICES needs a new revision that empties and rebuilds the cells.
"""

LEVELS = (6, 7, 8, 9)  # cells of 1/64° (about 1.4 km in Akita) .. 1/512° (about 180 m)
# The dimensions each slice counts by (besides the condition): none, the owner, the kind,
# the status. A filter on two or more of them is counted live (services/asset_map.py).
SLICES: tuple[tuple[str, ...], ...] = ((), ("owner_id",), ("kind",), ("status",))
PLACEHOLDER = {"owner_id": "0", "kind": "''", "status": "''"}
COUNTS = ("n_none", "n_iii", "n_ii", "n_i")  # by severity 0..3 (services/asset_map.SEVERITY)
KEY = ("level", "owner_id", "kind", "status", "cx", "cy")
CHANGED = ("sign", "owner_id", "kind", "status", "severity", "longitude", "latitude")
DIMENSIONS = ("longitude", "latitude", "owner_id", "kind", "status", "condition")

FOLD_FUNCTION = "oneaqita_asset_map_fold()"
NOTE_FUNCTION = "oneaqita_asset_map_note()"
TRIGGERS = ("asset_map_insert", "asset_map_update", "asset_map_delete")


def severity(row: str) -> str:
    """The severity (0 none, 1 III, 2 II, 3 I) of `row`'s condition."""
    return f"CASE {row}.condition WHEN 'I' THEN 3 WHEN 'II' THEN 2 WHEN 'III' THEN 1 ELSE 0 END"


def cell(dialect: str, value: str, offset: int, level: int) -> str:
    """floor((value + offset) × 2**level) as services/asset_map.py writes it for the live
    count (SQLite's CAST truncates, the value plus offset is never negative)."""
    if dialect == "sqlite":
        return f"CAST(({value} + {offset}) * {2.0**level!r} AS INTEGER)"
    return f"CAST(floor((CAST({value} AS FLOAT) + {offset}) * {2.0**level!r}) AS INTEGER)"


def _levels() -> str:
    return " UNION ALL ".join(f"SELECT {level} AS level" for level in LEVELS)


def _slices() -> str:
    parts = []
    for dims in SLICES:
        flags = ", ".join(f"{int(d in dims)} AS by_{d}" for d in PLACEHOLDER)
        parts.append(f"SELECT {flags}")
    return " UNION ALL ".join(parts)


def _cell_by_level(dialect: str, value: str, offset: int) -> str:
    whens = " ".join(f"WHEN {lv} THEN {cell(dialect, value, offset, lv)}" for lv in LEVELS)
    return f"CASE l.level {whens} END"


def fold_insert(dialect: str, source: str) -> str:
    """INSERT the changes of `source` (a table or CTE of CHANGED columns, alias c) into the
    cells of every level and slice, adding to the counts already there."""
    dims = ", ".join(
        f"CASE WHEN s.by_{d} = 1 THEN c.{d} ELSE {p} END" for d, p in PLACEHOLDER.items()
    )
    sums = ", ".join(
        f"sum(CASE WHEN c.severity = {n} THEN c.sign ELSE 0 END)" for n in range(len(COUNTS))
    )
    added = ", ".join(f"{n} = asset_map_cells.{n} + excluded.{n}" for n in COUNTS)
    return (
        f"INSERT INTO asset_map_cells ({', '.join(KEY + COUNTS)}) "
        f"SELECT l.level, {dims}, {_cell_by_level(dialect, 'c.longitude', 180)}, "
        f"{_cell_by_level(dialect, 'c.latitude', 90)}, {sums} "
        f"FROM {source} c CROSS JOIN ({_levels()}) l CROSS JOIN ({_slices()}) s "
        "WHERE true GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6 "
        f"ON CONFLICT ({', '.join(KEY)}) DO UPDATE SET {added}"
    )


def _noted(row: str, sign: int) -> str:
    return (
        f"{sign}, {row}.owner_id, {row}.kind, {row}.status, {severity(row)}, "
        f"{row}.longitude, {row}.latitude"
    )


def _placed(row: str) -> str:
    return f"{row}.longitude IS NOT NULL AND {row}.latitude IS NOT NULL"


def _note(select: str) -> str:
    return f"INSERT INTO asset_map_changes ({', '.join(CHANGED)}) SELECT {select}"


def sqlite_triggers() -> list[str]:
    moved = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in DIMENSIONS)
    return [
        f"CREATE TRIGGER asset_map_insert AFTER INSERT ON assets WHEN {_placed('NEW')} "
        f"BEGIN {_note(_noted('NEW', 1))}; END",
        f"CREATE TRIGGER asset_map_delete AFTER DELETE ON assets WHEN {_placed('OLD')} "
        f"BEGIN {_note(_noted('OLD', -1))}; END",
        f"CREATE TRIGGER asset_map_update AFTER UPDATE OF {', '.join(DIMENSIONS)} ON assets "
        f"WHEN {moved} BEGIN "
        f"{_note(_noted('OLD', -1))} WHERE {_placed('OLD')}; "
        f"{_note(_noted('NEW', 1))} WHERE {_placed('NEW')}; END",
    ]


def postgresql_functions(schema: str) -> list[str]:
    path = f'SECURITY DEFINER SET search_path = "{schema}", pg_temp'
    moved = " OR ".join(f"o.{c} IS DISTINCT FROM n.{c}" for c in DIMENSIONS)
    both = f"FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE ({moved})"
    fold = fold_insert("postgresql", "moved")
    return [
        f"CREATE OR REPLACE FUNCTION {NOTE_FUNCTION} RETURNS trigger LANGUAGE plpgsql {path} "
        "AS $$ BEGIN "
        "IF TG_OP = 'INSERT' THEN "
        f"{_note(_noted('n', 1))} FROM new_rows n WHERE {_placed('n')}; "
        "ELSIF TG_OP = 'DELETE' THEN "
        f"{_note(_noted('o', -1))} FROM old_rows o WHERE {_placed('o')}; "
        "ELSE "
        f"{_note(_noted('o', -1))} {both} AND {_placed('o')}; "
        f"{_note(_noted('n', 1))} {both} AND {_placed('n')}; "
        "END IF; RETURN NULL; END $$",
        f"CREATE OR REPLACE FUNCTION {FOLD_FUNCTION} RETURNS void LANGUAGE sql {path} AS $$ "
        f"WITH moved AS (DELETE FROM asset_map_changes RETURNING {', '.join(CHANGED)}) "
        f"{fold} $$",
    ]


def postgresql_triggers() -> list[str]:
    events = {
        "asset_map_insert": ("INSERT", "NEW TABLE AS new_rows"),
        "asset_map_update": ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
        "asset_map_delete": ("DELETE", "OLD TABLE AS old_rows"),
    }
    return [
        f"CREATE TRIGGER {name} AFTER {event} ON assets REFERENCING {tables} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION {NOTE_FUNCTION}"
        for name, (event, tables) in events.items()
    ]


def sqlite_fold() -> list[str]:
    return [fold_insert("sqlite", "asset_map_changes"), "DELETE FROM asset_map_changes"]


def note_every_asset() -> str:
    """Every placed asset as a +1 change (the migration's build, and a rebuild's)."""
    return _note(_noted("a", 1)) + f" FROM assets a WHERE {_placed('a')}"
