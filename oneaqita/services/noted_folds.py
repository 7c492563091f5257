"""Folding what the triggers noted, once, before a unit of work commits.

Two kinds of derived rows are kept by the database and caught up with here: the map's
pre-counted cells (db/asset_map_sql.py: every write of an asset notes a change) and the
findings of 緊急度 I not yet acted on (db/urgent_findings_sql.py: every write of a finding,
a link or an order's status and dates notes the asset). Their readers count what was noted
but not folded live, so a fold is what keeps them fast, never what keeps them right: a
change made outside the app (psql, the demo loader) is correct before anyone folds it.

The unit of work (services/database.py) calls ``fold_noted`` with its change before it
commits: the map's cells when assets were written or recomputed, the urgency's rows when work
orders, findings or contracts were; both when the whole database was (the demo).
"""

from collections.abc import Callable

from sqlalchemy import Connection

from oneaqita.services import asset_map_cells
from oneaqita.services.changes import Change, Entity

__all__ = ["MAP_SOURCES", "URGENT_SOURCES", "fold_noted"]

MAP_SOURCES = (Entity.ASSETS, Entity.DATABASE)
URGENT_SOURCES = (Entity.WORK_ORDERS, Entity.FINDINGS, Entity.CONTRACTS, Entity.DATABASE)


def fold_noted(conn: Connection, change: Change, flush: Callable[[], None] | None = None) -> None:
    """Fold the notes `change` may have left, inside the caller's transaction; `flush`
    first (the ORM session's pending writes) when there is anything to fold."""
    to_map, to_urgent = change.touches(*MAP_SOURCES), change.touches(*URGENT_SOURCES)
    if (to_map or to_urgent) and flush is not None:
        flush()
    if to_map:
        asset_map_cells.fold(conn)
    if to_urgent:
        # Here, not at the top: the rule's module imports the services.
        from oneaqita.services.work_order_attention import fold_urgent

        fold_urgent(conn)
