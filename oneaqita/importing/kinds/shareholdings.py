"""Kind ``shareholdings``: key ``organization`` + ``since``. The holder is given by its code or
exact Japanese name (the service resolves it); exports write the code."""

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from oneaqita.importing.columns import Column, KindSpec
from oneaqita.models import Organization, Shareholding
from oneaqita.services.records import ShareholdingData
from oneaqita.services.shareholders import upsert_shareholding
from oneaqita.values import parse_date, parse_int


def _records(session: Session) -> Iterator[ShareholdingData]:
    rows = session.execute(
        select(Organization.code, Shareholding.shares, Shareholding.capital_yen, Shareholding.since)
        .join(Shareholding.organization)
        .order_by(Organization.code, Shareholding.since)
    )
    for code, shares, capital_yen, since in rows:
        yield ShareholdingData(code, shares, capital_yen, since)


SPEC = KindSpec(
    name="shareholdings",
    name_ja="株主",
    record_type=ShareholdingData,
    columns=(
        Column("organization", "株主", required=True, aliases=("organization_id",)),
        Column("shares", "株式数", parse_int, required=True),
        Column("capital_yen", "出資額", parse_int, required=True),
        Column("since", "取得日", parse_date, required=True),
    ),
    key=("organization", "since"),
    upsert=lambda uow, data, _columns: upsert_shareholding(uow, data),
    records=_records,
    entity="shareholdings",
)
