"""Whether a database is still blank: the first start offers demo data or imports only then."""

from sqlalchemy import Connection, select

from oneaqita.models import (
    Asset,
    Contract,
    Finding,
    Organization,
    Person,
    Secondment,
    Shareholding,
    TimeEntry,
    WorkOrder,
    WorkOrderEvent,
)
from oneaqita.services.database import Database

# The business data. Users and the audit log are left out: opening a database already
# registers the desktop user, and that must not make it count as "in use".
BUSINESS_MODELS = (
    Organization,
    Shareholding,
    Person,
    Secondment,
    Asset,
    Contract,
    WorkOrder,
    WorkOrderEvent,
    Finding,
    TimeEntry,
)


def first_table_with_rows(conn: Connection) -> str | None:
    for model in BUSINESS_MODELS:
        if conn.execute(select(select(model.id).limit(1).exists())).scalar_one():
            return str(model.__tablename__)
    return None


def is_blank(db: Database) -> bool:
    """True when no business data at all is stored (only users and their audit entries)."""
    with db.engine.connect() as conn:
        return first_table_with_rows(conn) is None
