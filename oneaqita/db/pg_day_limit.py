"""The 24 hours of a day, checked over a whole statement on PostgreSQL (refused as a policy
refuses: insufficient_privilege).

The seconded role's row-level policy (oneaqita/db/pg_policies.py) checks each entry against
the rows stored before the statement, so one INSERT of many rows of the same day (or one
UPDATE of several) could together pass 24 hours, which the app never lets anyone do. These
statement-level triggers check the days the statement touched, after it, against every entry
of those days: a statement that leaves a person's day over 24 hours is refused as a whole.
Like the audit triggers they fire for every session but the owner's (the migrations, the demo
loader), and their function runs as the owner, so it reads the whole day of any role.
"""

from oneaqita.durations import MAX_MINUTES

__all__ = ["DAY_LIMIT_FUNCTION", "day_limit_drops", "day_limit_statements"]

DAY_LIMIT_FUNCTION = "oneaqita_day_limit()"
_EVENTS = ("insert", "update")  # a transition table serves one event only


def day_limit_statements(schema: str, owner: str) -> list[str]:
    """The function and the triggers (dropped first: running them twice changes nothing)."""
    function = (
        "CREATE OR REPLACE FUNCTION oneaqita_day_limit() RETURNS trigger LANGUAGE plpgsql "
        f'SECURITY DEFINER SET search_path = "{schema}", pg_temp AS $$ BEGIN '
        "IF EXISTS (SELECT 1 FROM time_entries t JOIN "
        "(SELECT DISTINCT person_id, work_date FROM changed) d "
        "ON d.person_id = t.person_id AND d.work_date = t.work_date "
        f"GROUP BY t.person_id, t.work_date HAVING sum(t.minutes) > {MAX_MINUTES}) THEN "
        "RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege', "
        "MESSAGE = 'oneaqita: a day holds at most 24 hours'; "
        "END IF; RETURN NULL; END $$"
    )
    statements = [function]
    quoted = owner.replace("'", "''")
    for event in _EVENTS:
        statements += [
            f"DROP TRIGGER IF EXISTS oneaqita_day_limit_{event} ON time_entries",
            f"CREATE TRIGGER oneaqita_day_limit_{event} AFTER {event.upper()} ON time_entries "
            "REFERENCING NEW TABLE AS changed FOR EACH STATEMENT "
            f"WHEN (session_user <> '{quoted}') EXECUTE FUNCTION {DAY_LIMIT_FUNCTION}",
        ]
    return statements


def day_limit_drops() -> list[str]:
    """What ``day_limit_statements`` created, removed."""
    return [
        *(f"DROP TRIGGER IF EXISTS oneaqita_day_limit_{e} ON time_entries" for e in _EVENTS),
        f"DROP FUNCTION IF EXISTS {DAY_LIMIT_FUNCTION}",
    ]
