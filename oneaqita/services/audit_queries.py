"""Reading the audit log for its viewer: who changed what and when, before and after.

Filtering, sorting and paging happen in SQL; nothing here writes (the log is append-only,
its triggers refuse UPDATE and DELETE, and no service offers either). Rules:

- Only the roles of ``Action.READ_AUDIT_LOG`` (administrators and managers) read it: the
  before and after of every change hold everything, users and the settlement's figures too.
- The filter is exact on the user (``user_id``), the table (``entity``: an ``Entity`` value;
  without a record also the tables of its parts, which PostgreSQL's triggers name: a work
  order's assignees, the renewal basis's three tables) and the record (``entity_id``);
  ``since`` / ``until`` bound ``at`` as instants (the UI turns
  the local dates chosen into them: since inclusive, until exclusive).
- The free text matches the stored before or after JSON. The services store it with non-ASCII
  characters escaped (``\\u79cb``), so the text is matched escaped the same way, and as typed
  too (an entry written by a database trigger holds the characters themselves); case does not
  count. It reads every row the other filters leave (the log's JSON has no
  index): with a user, table or period chosen it stays quick.
- Newest first by default (``at``, then ``id``, descending; ascending when asked), the id as
  the tie-break so that pages never overlap. The indexes of migration 0015 (user, at, id) and
  (entity, at, id), with (at) and (entity, entity_id) of 0001, hand every filter's first page
  over without sorting the log: see the module's benchmark for 1,000,000 entries.
"""

import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Select, String, cast, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from oneaqita.models import AuditEntry, User
from oneaqita.permissions import Action, requires
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database

__all__ = [
    "AuditFilter",
    "AuditRow",
    "AuditSort",
    "AuditUser",
    "audit_entry",
    "audit_users",
    "changed_fields",
    "count_audit_entries",
    "list_audit_entries",
]

MAX_TEXT = 200  # a longer search text is cut: nobody types more, and LIKE patterns stay small


class AuditSort(StrEnum):
    AT = "at"


@dataclass(frozen=True)
class AuditFilter:
    text: str = ""  # in the before or after JSON
    user_id: int | None = None
    entity: str | None = None  # an Entity value
    entity_id: int | None = None
    since: datetime | None = None  # at >= since
    until: datetime | None = None  # at < until
    sort: AuditSort = AuditSort.AT
    descending: bool = True


@dataclass(frozen=True, slots=True)
class AuditRow:
    id: int
    at: datetime  # UTC
    user_id: int | None
    actor: str  # the login as it was when the entry was written
    action: str
    entity: str
    entity_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class AuditUser:
    id: int
    login: str
    display_name: str


_E = AuditEntry
_COLUMNS = (
    _E.id,
    _E.at,
    _E.user_id,
    _E.actor,
    _E.action,
    _E.entity,
    _E.entity_id,
    _E.before,
    _E.after,
)


def _json_needle(text: str, ascii_only: bool = True) -> str:
    """The text as it appears inside stored JSON: quotes, backslashes and control characters
    escaped, and non-ASCII characters too unless `ascii_only` is False."""
    return json.dumps(text, ensure_ascii=ascii_only)[1:-1]


# Before and after as one text (ILIKE on each of them, for each needle, took twice as long
# on PostgreSQL). The separator is a control character, which a needle never holds (JSON
# escapes it), so that no match spans the two.
_HAYSTACK = (
    func.coalesce(cast(_E.before, String), "") + "\x1f" + func.coalesce(cast(_E.after, String), "")
)


def _pattern(needle: str, lower: bool) -> str:
    escaped = needle.replace("/", "//").replace("%", "/%").replace("_", "/_")
    return f"%{escaped.lower() if lower else escaped}%"


# What the app's entries name by one entity, PostgreSQL's triggers record under each table's
# own name (oneaqita/db/pg_security.py): the filter on the entity (without a record) takes them.
_PARTS = {
    "renewal_basis": ("service_lives", "body_service_lives", "renewal_unit_costs"),
    "work_orders": ("work_order_assets", "work_order_assignees", "work_order_events"),
    "people": ("person_qualifications",),
}


def _conditions(flt: AuditFilter) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if flt.user_id is not None:
        where.append(_E.user_id == flt.user_id)
    if flt.entity is not None and flt.entity_id is None and flt.entity in _PARTS:
        where.append(_E.entity.in_((flt.entity, *_PARTS[flt.entity])))
    elif flt.entity is not None:
        where.append(_E.entity == flt.entity)
    if flt.entity_id is not None:
        where.append(_E.entity_id == flt.entity_id)
    if flt.since is not None:
        where.append(_E.at >= flt.since)
    if flt.until is not None:
        where.append(_E.at < flt.until)
    text = flt.text.strip()[:MAX_TEXT]
    if text:
        # As the services write it (escaped), and as a trigger may (json_object, to_json: not).
        needles = dict.fromkeys([_json_needle(text), _json_needle(text, ascii_only=False)])
        # lower() only for a text with letters that have a case: it tripled the time of a
        # Japanese search on PostgreSQL, and JSON's own escapes are lower-case already.
        cased = text.lower() != text.upper()
        haystack = func.lower(_HAYSTACK) if cased else _HAYSTACK
        where.append(or_(*(haystack.like(_pattern(n, cased), escape="/") for n in needles)))
    return where


def _ordered(query: Select[Any], flt: AuditFilter) -> Select[Any]:
    if flt.descending:
        return query.order_by(_E.at.desc(), _E.id.desc())
    return query.order_by(_E.at.asc(), _E.id.asc())


def _row(values: Any) -> AuditRow:
    return AuditRow(*values)


@requires(Action.READ_AUDIT_LOG)
def count_audit_entries(db: Database, actor: Actor, flt: AuditFilter) -> int:
    """How many entries `flt` selects."""
    query = select(func.count()).select_from(_E).where(*_conditions(flt))
    with db.read_connection() as conn:
        return int(conn.execute(query).scalar_one())


@requires(Action.READ_AUDIT_LOG)
def list_audit_entries(
    db: Database, actor: Actor, flt: AuditFilter, offset: int = 0, limit: int = 200
) -> list[AuditRow]:
    """One page of the entries `flt` selects, in its order."""
    query = _ordered(select(*_COLUMNS).where(*_conditions(flt)), flt)
    query = query.offset(max(offset, 0)).limit(max(limit, 0))
    with db.read_connection() as conn:
        return [_row(values) for values in conn.execute(query)]


@requires(Action.READ_AUDIT_LOG)
def audit_entry(db: Database, actor: Actor, entry_id: int) -> AuditRow | None:
    """One entry (None: there is no such entry)."""
    with db.read_connection() as conn:
        found = conn.execute(select(*_COLUMNS).where(_E.id == entry_id)).first()
    return None if found is None else _row(found)


@requires(Action.READ_AUDIT_LOG)
def audit_users(db: Database, actor: Actor) -> list[AuditUser]:
    """The users an entry can name, by login (the viewer's user chooser)."""
    query = select(User.id, User.login, User.display_name).order_by(User.login)
    with db.read_connection() as conn:
        return [AuditUser(*values) for values in conn.execute(query)]


def changed_fields(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[str]:
    """The fields whose value differs between before and after (one side missing counts)."""
    old, new = before or {}, after or {}
    fields = list(old) + [k for k in new if k not in old]
    return [k for k in fields if k not in old or k not in new or old[k] != new[k]]
