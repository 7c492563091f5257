"""Kind ``shareholdings``: key ``organization`` + ``since``. The holder is given by its code or
exact Japanese name (the service resolves it); exports write the code."""

from collections.abc import Collection, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from oneaqita.models import Organization, Shareholding
from oneaqita.services.changes import Entity
from oneaqita.services.records import ShareholdingData
from oneaqita.services.shareholders import upsert_shareholding
from oneaqita.transfer.columns import Column, KindSpec
from oneaqita.values import parse_date, parse_int


def _records(session: Session, holders: Collection[object] | None) -> Iterator[ShareholdingData]:
    query = (
        select(Organization.code, Shareholding.shares, Shareholding.capital_yen, Shareholding.since)
        .join(Shareholding.organization)
        .order_by(Organization.code, Shareholding.since)
    )
    if holders is not None:
        query = query.where(Organization.code.in_(holders))
    for code, shares, capital_yen, since in session.execute(query):
        yield ShareholdingData(code, shares, capital_yen, since)


SPEC = KindSpec(
    name="shareholdings",
    name_ja="株主",
    record_type=ShareholdingData,
    columns=(
        Column("organization", "株主", required=True, aliases=("organization_id",)),
        Column("shares", "株式数", parse_int, required=True, stored=Shareholding.shares),
        Column("capital_yen", "出資額", parse_int, required=True, stored=Shareholding.capital_yen),
        Column("since", "取得日", parse_date, required=True),
    ),
    key=("organization", "since"),
    upsert=upsert_shareholding,
    records=_records,
    entity=Entity.SHAREHOLDINGS,
)
