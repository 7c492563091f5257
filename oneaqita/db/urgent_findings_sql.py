"""The SQL that keeps urgent_findings (the findings of 緊急度 I not yet acted on) up to date,
shared by migration 0024 (which creates the triggers and, on PostgreSQL, the functions) and
services/work_order_attention.py (which folds and reads them). Qt-free, no services imported:
the rule itself is passed in as SQL.

How the rows follow the data, on both databases (the pattern of asset_map_sql.py):

- The rule is local to an asset: whether a finding counts and whether it was acted on depends
  only on the findings of its asset, the orders of those findings and the orders its asset is
  linked to. So every write that may change the answer notes the asset in ``urgent_changes``:
  a finding added, removed or changed (order, asset, urgency, grade, item); a link of an asset
  to an order added or removed; an order's status or dates changed (every asset it is linked
  to or has findings on). Triggers write them, whoever writes (the services, an import, the
  demo loader, psql). SQLite: row triggers; PostgreSQL: statement triggers with transition
  tables, SECURITY DEFINER functions of the owner.
- ``fold`` recomputes the noted assets' rows by the rule and forgets the notes. The unit of
  work folds before it commits a change of work orders or findings; what a writer left
  unfolded is still right: the readers take the kept rows of the assets without notes and
  compute the rule live for the noted ones, in one statement.
- PostgreSQL: the fold runs as the owner (row-level security would hide orders from a
  seconded user's role), takes the notes it sees (DELETE … RETURNING), then a transaction
  lock per bucket of noted assets (LOCK_BUCKETS, in order), then recomputes them in new
  statements: a writer that noted the same asset concurrently waits for the first to commit,
  and its recompute then sees both. The function holds the rule as compiled when the
  migration ran: a revision that changes the rule must replace it.
"""

NOTES = "urgent_changes"
FOLD_FUNCTION = "oneaqita_urgent_fold()"
LOCK_CLASS = 11  # the first key of pg_advisory_xact_lock(int, int): urgent_findings' notes
# Assets locked by bucket (asset id modulo this), not one lock each: a bulk write noting
# 500,000 assets would exhaust the server's lock table (max_locks_per_transaction).
LOCK_BUCKETS = 256
# What of a finding or an order the rule reads (besides ids): a change of them notes its asset.
FINDING_COLUMNS = ("work_order_id", "asset_id", "urgency", "rank", "category")
ORDER_COLUMNS = ("status", "actual_start", "planned_start", "actual_end", "planned_end")
SQLITE_TRIGGERS = (
    "urgent_finding_insert",
    "urgent_finding_update",
    "urgent_finding_delete",
    "urgent_link_insert",
    "urgent_link_update",
    "urgent_link_delete",
    "urgent_order_update",
    "urgent_order_delete",
)
PG_TRIGGERS = {
    "urgent_finding_insert": "findings",
    "urgent_finding_update": "findings",
    "urgent_finding_delete": "findings",
    "urgent_link_insert": "work_order_assets",
    "urgent_link_update": "work_order_assets",
    "urgent_link_delete": "work_order_assets",
    "urgent_order_update": "work_orders",
    "urgent_order_delete": "work_orders",
}
PG_FUNCTIONS = (
    "oneaqita_urgent_note_findings()",
    "oneaqita_urgent_note_links()",
    "oneaqita_urgent_note_orders()",
    "oneaqita_urgent_note_order_deleted()",
    FOLD_FUNCTION,
)

_NOTE = f"INSERT INTO {NOTES} (asset_id)"


def _assets_of_order(order_id: str) -> str:
    return (
        f"SELECT asset_id FROM work_order_assets WHERE work_order_id = {order_id} "
        f"UNION SELECT asset_id FROM findings WHERE work_order_id = {order_id}"
    )


def sqlite_triggers() -> list[str]:
    finding_moved = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in FINDING_COLUMNS)
    order_moved = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in ORDER_COLUMNS)
    both = (
        f"{_NOTE} VALUES (OLD.asset_id); "
        f"{_NOTE} SELECT NEW.asset_id WHERE NEW.asset_id IS NOT OLD.asset_id;"
    )
    return [
        "CREATE TRIGGER urgent_finding_insert AFTER INSERT ON findings "
        f"BEGIN {_NOTE} VALUES (NEW.asset_id); END",
        f"CREATE TRIGGER urgent_finding_update AFTER UPDATE OF {', '.join(FINDING_COLUMNS)} "
        f"ON findings WHEN {finding_moved} BEGIN {both} END",
        "CREATE TRIGGER urgent_finding_delete AFTER DELETE ON findings "
        f"BEGIN {_NOTE} VALUES (OLD.asset_id); END",
        "CREATE TRIGGER urgent_link_insert AFTER INSERT ON work_order_assets "
        f"BEGIN {_NOTE} VALUES (NEW.asset_id); END",
        f"CREATE TRIGGER urgent_link_update AFTER UPDATE ON work_order_assets BEGIN {both} END",
        "CREATE TRIGGER urgent_link_delete AFTER DELETE ON work_order_assets "
        f"BEGIN {_NOTE} VALUES (OLD.asset_id); END",
        f"CREATE TRIGGER urgent_order_update AFTER UPDATE OF {', '.join(ORDER_COLUMNS)} "
        f"ON work_orders WHEN {order_moved} BEGIN {_NOTE} {_assets_of_order('NEW.id')}; END",
        # Before: its links and findings are still there (their own triggers note them too
        # when they go with it).
        "CREATE TRIGGER urgent_order_delete BEFORE DELETE ON work_orders "
        f"BEGIN {_NOTE} {_assets_of_order('OLD.id')}; END",
    ]


def sqlite_fold(kept: str, recompute: str) -> list[str]:
    """The statements of a fold on SQLite: `recompute` is the rule's SELECT (finding id, work
    order id, asset id) restricted to the noted assets, `kept` the table it fills."""
    noted = f"SELECT asset_id FROM {NOTES}"
    return [
        f"DELETE FROM {kept} WHERE asset_id IN ({noted})",
        f"INSERT INTO {kept} (finding_id, work_order_id, asset_id) {recompute}",
        f"DELETE FROM {NOTES}",
    ]


def postgresql_functions(schema: str, kept: str, recompute: str) -> list[str]:
    """The note functions and the fold; `recompute` is the rule's SELECT restricted to the
    assets of the array ``ids`` (the fold's local variable)."""
    path = f'SECURITY DEFINER SET search_path = "{schema}", pg_temp'
    finding_moved = " OR ".join(f"o.{c} IS DISTINCT FROM n.{c}" for c in FINDING_COLUMNS)
    order_moved = " OR ".join(f"o.{c} IS DISTINCT FROM n.{c}" for c in ORDER_COLUMNS)
    changed = f"FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE {finding_moved}"
    return [
        f"CREATE OR REPLACE FUNCTION oneaqita_urgent_note_findings() RETURNS trigger "
        f"LANGUAGE plpgsql {path} AS $$ BEGIN "
        "IF TG_OP = 'INSERT' THEN "
        f"{_NOTE} SELECT DISTINCT asset_id FROM new_rows; "
        "ELSIF TG_OP = 'DELETE' THEN "
        f"{_NOTE} SELECT DISTINCT asset_id FROM old_rows; "
        "ELSE "
        f"{_NOTE} SELECT o.asset_id {changed} UNION SELECT n.asset_id {changed}; "
        "END IF; RETURN NULL; END $$",
        f"CREATE OR REPLACE FUNCTION oneaqita_urgent_note_links() RETURNS trigger "
        f"LANGUAGE plpgsql {path} AS $$ BEGIN "
        "IF TG_OP IN ('INSERT', 'UPDATE') THEN "
        f"{_NOTE} SELECT DISTINCT asset_id FROM new_rows; END IF; "
        "IF TG_OP IN ('DELETE', 'UPDATE') THEN "
        f"{_NOTE} SELECT DISTINCT asset_id FROM old_rows; END IF; "
        "RETURN NULL; END $$",
        f"CREATE OR REPLACE FUNCTION oneaqita_urgent_note_orders() RETURNS trigger "
        f"LANGUAGE plpgsql {path} AS $$ BEGIN "
        f"WITH moved AS (SELECT n.id FROM old_rows o JOIN new_rows n ON n.id = o.id "
        f"WHERE {order_moved}) "
        f"{_NOTE} SELECT x.asset_id FROM work_order_assets x JOIN moved m "
        "ON m.id = x.work_order_id "
        "UNION SELECT f.asset_id FROM findings f JOIN moved m ON m.id = f.work_order_id; "
        "RETURN NULL; END $$",
        f"CREATE OR REPLACE FUNCTION oneaqita_urgent_note_order_deleted() RETURNS trigger "
        f"LANGUAGE plpgsql {path} AS $$ BEGIN "
        f"{_NOTE} {_assets_of_order('OLD.id')}; RETURN OLD; END $$",
        f"CREATE OR REPLACE FUNCTION {FOLD_FUNCTION} RETURNS void LANGUAGE plpgsql {path} "
        "AS $$ DECLARE ids integer[]; BEGIN "
        f"WITH moved AS (DELETE FROM {NOTES} RETURNING asset_id) "
        "SELECT array_agg(DISTINCT asset_id ORDER BY asset_id) INTO ids FROM moved; "
        "IF ids IS NULL THEN RETURN; END IF; "
        f"PERFORM pg_advisory_xact_lock({LOCK_CLASS}, b) FROM (SELECT DISTINCT a % {LOCK_BUCKETS} "
        "AS b FROM unnest(ids) AS a) AS q ORDER BY b; "
        f"DELETE FROM {kept} WHERE asset_id IN (SELECT unnest(ids)); "
        f"INSERT INTO {kept} (finding_id, work_order_id, asset_id) {recompute}; "
        "END $$",
    ]


def postgresql_triggers() -> list[str]:
    statement = {
        "insert": ("INSERT", "NEW TABLE AS new_rows"),
        "update": ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
        "delete": ("DELETE", "OLD TABLE AS old_rows"),
    }
    made = []
    for table, prefix, function in (
        ("findings", "urgent_finding", "oneaqita_urgent_note_findings()"),
        ("work_order_assets", "urgent_link", "oneaqita_urgent_note_links()"),
    ):
        for event, (verb, tables) in statement.items():
            made.append(
                f"CREATE TRIGGER {prefix}_{event} AFTER {verb} ON {table} REFERENCING {tables} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {function}"
            )
    verb, tables = statement["update"]
    made.append(
        f"CREATE TRIGGER urgent_order_update AFTER UPDATE ON work_orders REFERENCING {tables} "
        "FOR EACH STATEMENT EXECUTE FUNCTION oneaqita_urgent_note_orders()"
    )
    made.append(
        "CREATE TRIGGER urgent_order_delete BEFORE DELETE ON work_orders "
        "FOR EACH ROW EXECUTE FUNCTION oneaqita_urgent_note_order_deleted()"
    )
    return made
