"""Kind ``organizations``: key ``code``; kind accepts prefecture/city/town/village/partner/company
or 県/市/町/村/協力会社/当社. The JIS X 0402 check of a public body's code is the service's."""

from collections.abc import Collection, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from oneaqita.models import Organization, OrganizationKind
from oneaqita.services.changes import Entity
from oneaqita.services.organizations import upsert_organization
from oneaqita.services.records import OrganizationData
from oneaqita.transfer.columns import Column, KindSpec, choice, enum_ja
from oneaqita.vocabulary import ORGANIZATION_KIND_JA


def _records(session: Session, codes: Collection[object] | None) -> Iterator[OrganizationData]:
    query = select(Organization).order_by(Organization.code)
    if codes is not None:
        query = query.where(Organization.code.in_(codes))
    for org in session.scalars(query):
        yield OrganizationData(org.code, org.kind, org.name_ja, org.name_kana, org.name_en)


SPEC = KindSpec(
    name="organizations",
    name_ja="団体",
    record_type=OrganizationData,
    columns=(
        Column("code", "団体コード", required=True, max_length=20),
        Column(
            "kind",
            "種別",
            choice(OrganizationKind, ORGANIZATION_KIND_JA, "種別", "organization kind"),
            required=True,
            export=enum_ja(ORGANIZATION_KIND_JA),
        ),
        Column("name", "名称", required=True, max_length=100, field="name_ja"),
        Column("name_kana", "カナ", max_length=200),
        Column("name_en", "英語名", max_length=200),
    ),
    key=("code",),
    upsert=upsert_organization,
    records=_records,
    entity=Entity.ORGANIZATIONS,
)
