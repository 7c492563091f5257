"""What each action of the permission table needs of the PostgreSQL tables: the one place the
GRANTs of the group roles come from (``oneaqita.db.pg_security`` applies them).

Rules:

- Every ``Action`` has an entry in ``ACTION_GRANTS`` (``tests/unit/test_action_grants.py``
  fails on one without): a new action cannot forget its grants. An entry maps a table to the
  privileges the action's services use on it (SELECT, INSERT, UPDATE, DELETE); an empty entry
  says the action needs nothing of the tables (a PostgreSQL restore is the owner's).
- A group role gets the union of the entries of the actions ``PERMISSIONS`` gives its app
  role, plus ``EVERY_SESSION`` (its own user row, the schema revision, the database's
  settings, and writing the audit of what it does). Nothing else: no TRUNCATE, REFERENCES or
  TRIGGER ever, and UPDATE or DELETE on ``audit_log`` to nobody.
- Which rows of a table a role sees or writes is row-level security's (``pg_policies``);
  here only whether it may touch the table at all.
"""

from collections.abc import Iterable, Mapping
from enum import StrEnum

from oneaqita.models import Role
from oneaqita.permissions import PERMISSIONS, Action

__all__ = ["ACTION_GRANTS", "EVERY_SESSION", "TABLES", "Privilege", "grants_for"]


class Privilege(StrEnum):
    SELECT = "SELECT"
    INSERT = "INSERT"
    UPDATE = "UPDATE"
    DELETE = "DELETE"


Grants = Mapping[str, frozenset[Privilege]]

_S = frozenset({Privilege.SELECT})
_SU = frozenset({Privilege.SELECT, Privilege.UPDATE})
_SI = frozenset({Privilege.SELECT, Privilege.INSERT})
_SIU = frozenset({Privilege.SELECT, Privilege.INSERT, Privilege.UPDATE})
_ALL = frozenset(Privilege)


def _merge(*entries: Grants) -> dict[str, frozenset[Privilege]]:
    merged: dict[str, frozenset[Privilege]] = {}
    for entry in entries:
        for table, privileges in entry.items():
            merged[table] = merged.get(table, frozenset()) | privileges
    return merged


def _reading(tables: Iterable[str]) -> dict[str, frozenset[Privilege]]:
    return dict.fromkeys(tables, _S)


# Every table of the schema, as the migrations create them (the search table by hand).
TABLES = (
    "alembic_version",
    "asset_map_changes",
    "asset_map_cells",
    "asset_search",
    "assets",
    "audit_log",
    "body_service_lives",
    "contracts",
    "database_settings",
    "finding_attachments",
    "findings",
    "kpi_targets",
    "login_failures",
    "organizations",
    "people",
    "person_qualifications",
    "renewal_unit_costs",
    "secondments",
    "service_lives",
    "shareholdings",
    "time_entries",
    "timesheet_weeks",
    "urgent_changes",
    "urgent_findings",
    "users",
    "work_order_assets",
    "work_order_assignees",
    "work_order_events",
    "work_order_search",
    "work_orders",
    "work_types",
)

# What every session needs whatever its role: its own user row (every unit of work re-reads
# it), the schema revision and the database's settings (read when the app opens it), and the
# audit entries of what it writes (INSERT only: the log is append-only).
EVERY_SESSION: Grants = {
    "users": _S,
    "alembic_version": _S,
    "database_settings": _S,
    "audit_log": frozenset({Privilege.INSERT}),
}

# The lists every page shows (what a seconded user sees of them row-level security narrows).
_LISTS = _reading(t for t in TABLES if t not in {"audit_log", "login_failures", "alembic_version"})
# An edit of a body, person, contract or work type re-indexes the orders that show it
# (oneaqita.search.reindex_work_orders): their list columns and their search documents.
_REINDEX: Grants = {"work_orders": _SU, "work_order_search": _ALL}
_HOURS: Grants = {"time_entries": _ALL, "timesheet_weeks": _SIU, "people": _S}
_MOVES: Grants = {"work_orders": _SU, "work_order_events": _SI}

_EDITS: dict[Action, Grants] = {
    Action.EDIT_ORGANIZATIONS: _merge({"organizations": _ALL}, _REINDEX),
    Action.RECORD_SHAREHOLDINGS: {"shareholdings": _ALL},
    Action.EDIT_PEOPLE: _merge({"people": _ALL, "person_qualifications": _ALL}, _REINDEX),
    Action.EDIT_SECONDMENTS: {"secondments": _ALL},
    Action.EDIT_CONTRACTS: _merge({"contracts": _ALL}, _REINDEX),
    Action.EDIT_ASSETS: {"assets": _ALL, "asset_search": _ALL},  # and their search documents
    Action.EDIT_WORK_ORDERS: _merge(
        {
            "work_orders": _ALL,
            "work_order_assets": _ALL,
            "work_order_assignees": _ALL,
            "work_order_events": _SI,
        },
        _REINDEX,
    ),
    Action.RECORD_FINDINGS: {"findings": _ALL, "finding_attachments": _ALL},
}

ACTION_GRANTS: Mapping[Action, Grants] = {
    Action.READ_LISTS: _LISTS,
    # An import writes what the editing actions write (an administrator's: all of them).
    Action.IMPORT_FILES: _merge(*_EDITS.values(), _HOURS),
    **_EDITS,
    Action.MOVE_WORK_ORDERS: _MOVES,
    Action.ACCEPT_WORK_ORDERS: _MOVES,
    Action.MANAGE_USERS: {"users": _ALL, "login_failures": _ALL, "audit_log": _S},
    Action.MANAGE_WORK_TYPES: _merge({"work_types": _ALL}, _REINDEX),
    Action.READ_SETTLEMENT: _reading(("secondments", "people", "organizations")),
    Action.LOG_OWN_HOURS: _HOURS,
    Action.LOG_HOURS_FOR_OTHERS: _HOURS,
    Action.APPROVE_HOURS: {"time_entries": _SU, "timesheet_weeks": _SU},
    Action.SET_KPI_TARGETS: {"kpi_targets": _ALL},
    Action.READ_REPORTS: _reading(("organizations", "shareholdings", "assets", "time_entries")),
    Action.EDIT_RENEWAL_BASIS: {
        "service_lives": _ALL,
        "body_service_lives": _ALL,
        "renewal_unit_costs": _ALL,
    },
    # A copy of the whole database (pg_dump on PostgreSQL) reads every table.
    Action.BACKUP_DATABASE: _reading(TABLES),
    # Replacing the whole database is the owner's on PostgreSQL (pg_restore): no grant.
    Action.RESTORE_DATABASE: {},
    Action.READ_DASHBOARD: _reading(("organizations", "people", "secondments", "work_orders")),
    # The audit log page: every entry, and the users they name.
    Action.READ_AUDIT_LOG: _reading(("audit_log", "users")),
}


def grants_for(role: Role) -> dict[str, frozenset[Privilege]]:
    """The privileges per table of the group role of ``role``: ``EVERY_SESSION`` and the
    entries of every action the permission table lets the role take."""
    return _merge(
        EVERY_SESSION, *(ACTION_GRANTS[a] for a, roles in PERMISSIONS.items() if role in roles)
    )
