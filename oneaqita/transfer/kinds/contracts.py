"""Kind ``contracts``: key ``number``; the client by its code or exact Japanese name (exports
write the code). An end before the start, a negative amount and an unknown client are refused
by the service, which also refreshes the work orders of a contract whose number, title or
client changes."""

from collections.abc import Collection, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from oneaqita.models import Contract, Organization
from oneaqita.services.changes import Entity
from oneaqita.services.contracts import upsert_contract
from oneaqita.services.records import ContractData
from oneaqita.transfer.columns import Column, KindSpec
from oneaqita.values import parse_date, parse_int


def _records(session: Session, numbers: Collection[object] | None) -> Iterator[ContractData]:
    query = (
        select(Contract, Organization.code)
        .join(Contract.client)
        .order_by(Contract.number)
        .execution_options(yield_per=1000)
    )
    if numbers is not None:
        query = query.where(Contract.number.in_(numbers))
    for c, client in session.execute(query):
        yield ContractData(
            number=c.number,
            client=client,
            title=c.title,
            start=c.start_date,
            end=c.end_date,
            amount_yen=c.amount_yen,
            kind=c.kind,
            bulk_group=c.bulk_group,
        )


SPEC = KindSpec(
    name="contracts",
    name_ja="契約",
    record_type=ContractData,
    columns=(
        Column("number", "契約番号", required=True, max_length=40),
        Column("client", "委託者", required=True, aliases=("client_id",)),
        Column("title", "件名", required=True, max_length=200),
        Column("kind", "業務種別", max_length=100),
        Column("start", "契約開始日", parse_date, required=True, aliases=("start_date",)),
        Column("end", "契約終了日", parse_date, required=True, aliases=("end_date",)),
        Column("amount_yen", "契約金額", parse_int, required=True, stored=Contract.amount_yen),
        Column("bulk_group", "一括発注グループ", max_length=40),
    ),
    key=("number",),
    upsert=upsert_contract,
    records=_records,
    entity=Entity.CONTRACTS,
)
