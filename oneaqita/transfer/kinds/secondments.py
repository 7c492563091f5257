"""Kind ``secondments``: key ``employee_no`` + ``start``; kind 在籍派遣/退職派遣/出向 or
on_roll/retired/partner; the company's share of the salary 0–100 %, empty meaning 0; the
monthly cost basis (月額負担基礎額) in whole yen, empty meaning not stated. Overlaps,
an end before the start and unknown people or bodies are refused by the service."""

from collections.abc import Collection, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from oneaqita.models import Organization, Person, Secondment, SecondmentKind
from oneaqita.services.changes import Entity
from oneaqita.services.records import SecondmentData
from oneaqita.services.secondments import upsert_secondment
from oneaqita.transfer.columns import Column, KindSpec, choice, enum_ja
from oneaqita.values import parse_date, parse_int, parse_percent
from oneaqita.vocabulary import SECONDMENT_KIND_JA


def _records(session: Session, employee_nos: Collection[object] | None) -> Iterator[SecondmentData]:
    query = (
        select(Person.employee_no, Organization.code, Secondment)
        .join(Secondment.person)
        .join(Secondment.from_organization)
        .order_by(Person.employee_no, Secondment.start_date)
        .execution_options(yield_per=1000)
    )
    if employee_nos is not None:
        query = query.where(Person.employee_no.in_(employee_nos))
    for employee_no, org_code, s in session.execute(query):
        yield SecondmentData(
            employee_no=employee_no,
            from_organization=org_code,
            kind=s.kind,
            start=s.start_date,
            end=s.end_date,
            position=s.position,
            salary_borne_by_company_pct=s.salary_borne_by_company_pct,
            monthly_cost_yen=s.monthly_cost_yen,
        )


SPEC = KindSpec(
    name="secondments",
    name_ja="派遣",
    record_type=SecondmentData,
    columns=(
        Column("employee_no", "職員番号", required=True, aliases=("person", "person_id")),
        Column("from_organization", "派遣元", required=True, aliases=("from_organization_id",)),
        Column(
            "kind",
            "派遣形態",
            choice(SecondmentKind, SECONDMENT_KIND_JA, "派遣形態", "secondment kind"),
            required=True,
            export=enum_ja(SECONDMENT_KIND_JA),
        ),
        Column("start", "開始日", parse_date, required=True, aliases=("start_date",)),
        Column("end", "終了日", parse_date, aliases=("end_date",)),
        Column("position", "役職", max_length=100),
        Column(
            "salary_borne_by_company_pct",
            "会社負担割合",
            parse_percent,
            stored=Secondment.salary_borne_by_company_pct,
        ),
        Column("monthly_cost_yen", "月額負担基礎額", parse_int, stored=Secondment.monthly_cost_yen),
    ),
    key=("employee_no", "start"),
    upsert=upsert_secondment,
    records=_records,
    entity=Entity.SECONDMENTS,
)
