"""Asset search documents: the registry's free text from a gram index, not a LIKE

Revision ID: 0021_assetlist_search
Revises: 0020_mapgrid_cells
Create Date: 2026-12-02 05:20:00

The asset registry's text filter (code, district, material) was a LIKE over every asset:
2–4 s at 500,000. Each asset now has a search document in `asset_search`, indexed as the
work orders' are (oneaqita/search.py, oneaqita/asset_search.py): its bigrams in the
contentless FTS5 table `asset_search_fts` on SQLite, a GIN index on the expression
oneaqita_search_grams(doc) (migration 0002's function) on PostgreSQL. The documents of the
assets already stored are written here; on PostgreSQL the security is applied again, so that
the roles get what the grants table gives them on the new table.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0021_assetlist_search"
down_revision: str | None = "0020_mapgrid_cells"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The tables as this revision creates them (frozen here, as 0001 freezes the work orders').
UP = {
    "sqlite": [
        "CREATE TABLE asset_search (asset_id INTEGER PRIMARY KEY "
        "REFERENCES assets(id) ON DELETE CASCADE, doc TEXT NOT NULL)",
        "CREATE VIRTUAL TABLE asset_search_fts USING fts5("
        "tokens, content='', tokenize='ascii', detail='none')",
    ],
    "postgresql": [
        "CREATE TABLE asset_search ("
        "asset_id integer PRIMARY KEY REFERENCES assets(id) ON DELETE CASCADE, "
        "doc text NOT NULL)",
    ],
}
PG_INDEX = (
    "CREATE INDEX ix_asset_search_grams ON asset_search USING gin (oneaqita_search_grams(doc))"
)


def upgrade() -> None:
    from oneaqita.asset_search import reindex_assets

    bind = op.get_bind()
    dialect = bind.dialect.name
    for statement in UP[dialect]:
        op.execute(statement)
    reindex_assets(bind)
    if dialect == "postgresql":
        op.execute(PG_INDEX)  # built once over all documents: faster than row by row
        op.execute("ANALYZE asset_search")
        from oneaqita.db.pg_security import apply_security

        # The new table gets its grants (oneaqita/db/action_grants.py): the security applied
        # by 0014 knew it by name only, and the upgrade's refresh sees nothing changed.
        apply_security(bind)


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS asset_search_fts")
    op.execute("DROP TABLE IF EXISTS asset_search")
