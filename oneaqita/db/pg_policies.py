"""Row-level security of the PostgreSQL database: which rows each group role sees and writes
(``oneaqita.db.pg_security`` creates them; the GRANTs decide whether it touches a table at all).

Rules:

- Administrators, managers and coordinators see and write every row their GRANTs allow
  (one policy ``FOR ALL USING (true)``).
- A seconded user is the person of their user row (``oneaqita_session_person()``: the
  ``users.person_id`` of the row whose login is the session's PostgreSQL user). They see:
  their own user row, person, qualifications and secondments (never anyone else's, so none
  of the settlement's cost bases but their own); their own assignments, and only the work
  orders they are assigned to or have logged hours on, with those orders' assets, events,
  search documents, contracts and findings; their own time entries and weeks.
- A seconded user writes only their own hours, as the app lets them: an entry on an order
  they are assigned to (or an overhead category), never approved, in a week that is not
  submitted or approved (except the entries a submission marks submitted), within 24 hours a
  day and (when added) within their employment; only entries of a draft or returned week are
  changed or deleted; a week is only ever submitted by them. (A single statement adding many
  rows of one day is checked row by row against the rows stored before it.)
- Nobody, whatever their role, approves their own hours (a restrictive policy on entries and
  weeks: an approved row is never the session's own person's).
- The owner of the tables is not subject to the policies (no FORCE): migrations, the demo
  loader and the tests, connected as the owner, see everything.
- Reference tables (bodies, work types, assets, service lives, unit costs, shareholdings,
  KPI targets) have no policies: whoever may read them reads all of them.
"""

from oneaqita.db.pg_roles import GROUP_ROLES
from oneaqita.durations import MAX_MINUTES
from oneaqita.models import Role

__all__ = ["POLICIES", "Policy", "policy_statements"]

ME = "(SELECT oneaqita_session_person())"
MY_USER = "(SELECT oneaqita_session_user_id())"
_SECONDED = GROUP_ROLES[Role.SECONDED]
_EVERY_ROW = ", ".join(GROUP_ROLES[r] for r in Role if r is not Role.SECONDED)

# The status of the entry's week (none: still a draft); the week starts on its Monday.
_WEEK_STATUS = (
    "(SELECT w.status FROM timesheet_weeks w WHERE w.person_id = time_entries.person_id "
    "AND w.week_start = time_entries.work_date - (extract(isodow FROM time_entries.work_date)"
    "::integer - 1))"
)
_ASSIGNED = (
    "EXISTS (SELECT 1 FROM work_order_assignees a "
    f"WHERE a.work_order_id = time_entries.work_order_id AND a.person_id = {ME})"
)
_ENTRY_WRITABLE = (
    f"person_id = {ME} AND approved_by_id IS NULL AND approved_at IS NULL "
    f"AND (work_order_id IS NULL OR {_ASSIGNED}) "
    f"AND CASE WHEN status = 'submitted' THEN {_WEEK_STATUS} = 'submitted' "
    f"WHEN status IN ('draft', 'returned') THEN coalesce({_WEEK_STATUS}, 'draft') "
    "IN ('draft', 'returned') ELSE false END"
)
# The day's other hours of the person (a SECURITY DEFINER function: a policy of time_entries
# cannot read time_entries itself) and this entry's stay within 24 hours, as the app checks.
_DAY_FITS = "minutes + oneaqita_day_minutes(person_id, work_date, id) <= " + str(MAX_MINUTES)
# Company staff, or a secondment covering the day (assignee_eligibility.employed): checked when
# an entry is added (a later change of the secondment does not block submitting the week).
_EMPLOYED = (
    "(EXISTS (SELECT 1 FROM people p JOIN organizations o ON o.id = p.home_organization_id "
    "WHERE p.id = time_entries.person_id AND o.kind = 'company') "
    "OR EXISTS (SELECT 1 FROM secondments s WHERE s.person_id = time_entries.person_id "
    "AND s.start_date <= time_entries.work_date "
    "AND (s.end_date IS NULL OR s.end_date >= time_entries.work_date)))"
)
_ENTRY_OPEN = f"person_id = {ME} AND status IN ('draft', 'returned')"
_WEEK_SUBMITTED = (
    f"person_id = {ME} AND status = 'submitted' AND submitted_by_id = {MY_USER} "
    "AND decided_at IS NULL AND decided_by_id IS NULL"
)


def _of_visible_order(column: str) -> str:
    """The row belongs to a work order the session sees (the orders' own policy decides)."""
    return f"EXISTS (SELECT 1 FROM work_orders w WHERE w.id = {column})"


class Policy:
    def __init__(self, name: str, command: str, using: str | None, check: str | None = None):
        self.name, self.command, self.using, self.check = name, command, using, check


def _own(column: str) -> list[Policy]:
    return [Policy("seconded_read", "SELECT", f"{column} = {ME}")]


# The seconded role's policies per table; every table here has RLS enabled and the
# other roles' ``FOR ALL USING (true)``.
POLICIES: dict[str, list[Policy]] = {
    "users": [Policy("seconded_read", "SELECT", "login = session_user")],
    "people": _own("id"),
    "person_qualifications": _own("person_id"),
    "secondments": _own("person_id"),
    "work_order_assignees": _own("person_id"),
    "work_orders": [
        Policy(
            "seconded_read",
            "SELECT",
            "EXISTS (SELECT 1 FROM work_order_assignees a "
            f"WHERE a.work_order_id = work_orders.id AND a.person_id = {ME}) "
            "OR EXISTS (SELECT 1 FROM time_entries t "
            f"WHERE t.work_order_id = work_orders.id AND t.person_id = {ME})",
        )
    ],
    "work_order_assets": [
        Policy("seconded_read", "SELECT", _of_visible_order("work_order_assets.work_order_id"))
    ],
    "work_order_events": [
        Policy("seconded_read", "SELECT", _of_visible_order("work_order_events.work_order_id"))
    ],
    "work_order_search": [
        Policy("seconded_read", "SELECT", _of_visible_order("work_order_search.work_order_id"))
    ],
    "findings": [Policy("seconded_read", "SELECT", _of_visible_order("findings.work_order_id"))],
    "finding_attachments": [
        Policy(
            "seconded_read",
            "SELECT",
            "EXISTS (SELECT 1 FROM findings f WHERE f.id = finding_attachments.finding_id)",
        )
    ],
    "contracts": [
        Policy(
            "seconded_read",
            "SELECT",
            "EXISTS (SELECT 1 FROM work_orders w WHERE w.contract_id = contracts.id)",
        )
    ],
    "time_entries": [
        *_own("person_id"),
        Policy(
            "seconded_add", "INSERT", None, f"{_ENTRY_WRITABLE} AND {_DAY_FITS} AND {_EMPLOYED}"
        ),
        Policy("seconded_change", "UPDATE", _ENTRY_OPEN, f"{_ENTRY_WRITABLE} AND {_DAY_FITS}"),
        Policy("seconded_remove", "DELETE", _ENTRY_OPEN),
    ],
    "timesheet_weeks": [
        *_own("person_id"),
        Policy("seconded_submit", "INSERT", None, _WEEK_SUBMITTED),
        Policy(
            "seconded_resubmit",
            "UPDATE",
            f"person_id = {ME} AND status IN ('draft', 'returned')",
            _WEEK_SUBMITTED,
        ),
    ],
}


# Nobody approves their own hours (the app's rule for every role), as restrictive policies
# on every group: a new or changed row may be approved only when it is not the session's own.
NOT_OWN_APPROVAL = f"status <> 'approved' OR person_id IS DISTINCT FROM {ME}"
RESTRICTED = ("time_entries", "timesheet_weeks")
_EVERY_GROUP = ", ".join(GROUP_ROLES[r] for r in Role)


def policy_statements(table: str) -> list[str]:
    """The SQL that (re)creates the policies of ``table`` and enables its row-level security
    (dropping what an earlier run created first: running it twice changes nothing)."""
    statements = [f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY"]
    policies = [Policy("every_row", "ALL", "true", "true"), *POLICIES[table]]
    for p in policies:
        name = f"oneaqita_{p.name}"
        roles = _EVERY_ROW if p.name == "every_row" else _SECONDED
        sql = f"CREATE POLICY {name} ON {table} FOR {p.command} TO {roles}"
        if p.using is not None:
            sql += f" USING ({p.using})"
        if p.check is not None:
            sql += f" WITH CHECK ({p.check})"
        statements += [f"DROP POLICY IF EXISTS {name} ON {table}", sql]
    if table in RESTRICTED:
        statements += [
            f"DROP POLICY IF EXISTS oneaqita_not_own_approval ON {table}",
            f"CREATE POLICY oneaqita_not_own_approval ON {table} AS RESTRICTIVE FOR ALL "
            f"TO {_EVERY_GROUP} USING (true) WITH CHECK ({NOT_OWN_APPROVAL})",
        ]
    return statements


def drop_statements(table: str) -> list[str]:
    """The SQL that removes what ``policy_statements`` created."""
    names = ["every_row", "not_own_approval", *(p.name for p in POLICIES[table])]
    return [f"DROP POLICY IF EXISTS oneaqita_{n} ON {table}" for n in names] + [
        f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY"
    ]
