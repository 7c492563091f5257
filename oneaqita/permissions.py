"""Every action a user can take, and which roles may take it: the one table that services
check and the UI asks what to offer.

Rules:

- A service declares its action with ``@requires(Action.X)``; the check runs on every call,
  always against the user as the database has it now: the actor of the unit of work it is
  given (re-read when the unit of work began), or, for a function given a database and an
  actor, that actor's user read again before the function runs. ``tests/unit/
  test_permissions.py`` walks every public function of the services, imports and exports that
  takes an actor or a unit of work, and fails on one without it.
- The UI shows a command only when ``allowed(actor, action)``; the service refuses anyway.
- Reading the lists is every role's; what a seconded user may see of them is decided when
  logins arrive, here too.
- A new action also says which tables it needs (``oneaqita.db.action_grants.ACTION_GRANTS``,
  the PostgreSQL GRANTs of the group roles; ``tests/unit/test_action_grants.py`` fails
  without), and on PostgreSQL row-level security (``oneaqita.db.pg_policies``) limits a
  seconded user to their own hours, assignments and orders.
"""

import enum
import functools
import inspect
from collections.abc import Callable, Mapping
from typing import Any, ParamSpec, TypeVar

from oneaqita.errors import PermissionDenied
from oneaqita.labels import label
from oneaqita.models import Role
from oneaqita.services.actor import Actor

__all__ = ["PERMISSIONS", "Action", "allowed", "check", "requires", "roles_for"]


class Action(enum.StrEnum):
    READ_LISTS = "read_lists"  # open the pages, export what they show
    IMPORT_FILES = "import_files"
    EDIT_ORGANIZATIONS = "edit_organizations"
    RECORD_SHAREHOLDINGS = "record_shareholdings"
    EDIT_PEOPLE = "edit_people"
    EDIT_SECONDMENTS = "edit_secondments"
    EDIT_CONTRACTS = "edit_contracts"
    EDIT_ASSETS = "edit_assets"
    MOVE_WORK_ORDERS = "move_work_orders"  # plan, start, complete, cancel
    ACCEPT_WORK_ORDERS = "accept_work_orders"  # record the client's acceptance (検収)
    EDIT_WORK_ORDERS = "edit_work_orders"  # create, edit and duplicate orders
    RECORD_FINDINGS = "record_findings"  # defects found on an order's assets
    MANAGE_USERS = "manage_users"
    MANAGE_WORK_TYPES = "manage_work_types"  # the work-type catalogue (reference data)
    READ_SETTLEMENT = "read_settlement"  # the secondment settlement: money owed to the bodies
    LOG_OWN_HOURS = "log_own_hours"  # enter and submit one's own time entries
    LOG_HOURS_FOR_OTHERS = "log_hours_for_others"  # enter and submit someone else's
    APPROVE_HOURS = "approve_hours"  # approve or return a submitted week (never one's own)
    SET_KPI_TARGETS = "set_kpi_targets"  # the report's KPI targets per fiscal year
    READ_REPORTS = "read_reports"  # the 報告書 page: the shareholders' report, statements
    # service lives, bodies' target lives and unit renewal costs: every outlook rests on them
    EDIT_RENEWAL_BASIS = "edit_renewal_basis"
    BACKUP_DATABASE = "backup_database"  # a copy of the whole (SQLite) database to a file
    RESTORE_DATABASE = "restore_database"  # replace the whole database by a backup
    READ_DASHBOARD = "read_dashboard"  # the manager's dashboard: every figure at a glance
    READ_AUDIT_LOG = "read_audit_log"  # who changed what and when, before and after


_A, _M, _C, _S = Role.ADMIN, Role.MANAGER, Role.COORDINATOR, Role.SECONDED

PERMISSIONS: Mapping[Action, frozenset[Role]] = {
    Action.READ_LISTS: frozenset({_A, _M, _C, _S}),
    Action.IMPORT_FILES: frozenset({_A}),
    Action.EDIT_ORGANIZATIONS: frozenset({_A}),
    Action.RECORD_SHAREHOLDINGS: frozenset({_A, _M}),
    Action.EDIT_PEOPLE: frozenset({_A, _M, _C}),
    Action.EDIT_SECONDMENTS: frozenset({_A, _M, _C}),
    Action.EDIT_CONTRACTS: frozenset({_A, _M, _C}),
    Action.EDIT_ASSETS: frozenset({_A}),
    Action.MOVE_WORK_ORDERS: frozenset({_A, _M, _C}),
    Action.EDIT_WORK_ORDERS: frozenset({_A, _M, _C}),
    Action.ACCEPT_WORK_ORDERS: frozenset({_A, _M}),
    Action.RECORD_FINDINGS: frozenset({_A, _M, _C}),
    Action.MANAGE_USERS: frozenset({_A}),
    Action.MANAGE_WORK_TYPES: frozenset({_A}),
    Action.READ_SETTLEMENT: frozenset({_A, _M}),
    Action.LOG_OWN_HOURS: frozenset({_A, _M, _C, _S}),
    Action.LOG_HOURS_FOR_OTHERS: frozenset({_A, _M, _C}),
    Action.APPROVE_HOURS: frozenset({_A, _M}),
    Action.SET_KPI_TARGETS: frozenset({_A, _M}),
    Action.READ_REPORTS: frozenset({_A, _M, _C}),
    Action.EDIT_RENEWAL_BASIS: frozenset({_A, _M}),
    # A backup holds everything, the settlement's cost bases and the users included: only
    # those who may read all of it (as READ_SETTLEMENT), never seconded staff, who are to see
    # only their own assignments. A restore replaces everyone's data: administrators only.
    Action.BACKUP_DATABASE: frozenset({_A, _M}),
    Action.RESTORE_DATABASE: frozenset({_A}),
    Action.READ_DASHBOARD: frozenset({_A, _M}),
    # Every change's before and after: the users' and the settlement's figures included.
    Action.READ_AUDIT_LOG: frozenset({_A, _M}),
}


def roles_for(action: Action) -> frozenset[Role]:
    return PERMISSIONS[action]


def allowed(actor: Actor | None, action: Action) -> bool:
    """Whether `actor` may take `action` (the UI asks this before offering a command)."""
    return actor is not None and actor.role in PERMISSIONS[action]


def check(actor: Actor, action: Action) -> None:
    """PermissionDenied, naming the roles that may, unless `actor` may take `action`."""
    if not allowed(actor, action):
        roles = [r for r in Role if r in PERMISSIONS[action]]
        raise PermissionDenied(
            f"この操作は{'・'.join(label(r) for r in roles)}だけが行えます。",
            f"Only {', '.join(r.value for r in roles)} may do this.",
        )


P = ParamSpec("P")
R = TypeVar("R")


def requires(action: Action) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Declare and enforce that a service function takes `action`. The function has a
    parameter ``uow`` (its actor is checked) or the parameters ``db`` and ``actor`` (the
    actor's user is read again and checked)."""

    def decorate(fn: Callable[P, R]) -> Callable[P, R]:
        names = list(inspect.signature(fn).parameters)
        if "uow" not in names and not {"db", "actor"} <= set(names):
            raise TypeError(f"{fn.__qualname__} takes neither a unit of work nor db and actor")

        def argument(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
            position = names.index(name)
            return args[position] if position < len(args) else kwargs[name]

        @functools.wraps(fn)
        def checked(*args: P.args, **kwargs: P.kwargs) -> R:
            if "uow" in names:
                check(argument("uow", args, kwargs).actor, action)
            else:
                db = argument("db", args, kwargs)
                check(db.current_actor(argument("actor", args, kwargs)), action)
            return fn(*args, **kwargs)

        checked.__permission__ = action  # type: ignore[attr-defined]
        return checked

    return decorate
