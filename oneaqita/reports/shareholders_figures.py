"""The figures of the report to the shareholders (株主向け事業報告) and of the statement per
body, as plain frozen data: the report's modules lay them out, nothing here knows of pages.

What the report holds, and where each figure is defined:

- 会社概要 and the register, 職員の状況: shareholders_company.py (on ReportPeriod.as_of: the
  period's last day, or the day of issue while it runs).
- 受託実績 per client body and per service, with the same period a year earlier:
  shareholders_work.py. The key figures (主要指標) are its totals and the staff total, the
  contracts in force and two KPIs, each against the year before.
- The KPI table: shareholders_kpi.py. The asset condition: shareholders_assets.py.
- One statement per public body on the register (the prefecture and the municipalities, in
  code order): its holding, its work by service against last year, its contracts in force in
  the period (start on or before the period's end, end on or after its start), the people it
  has seconded to the company on the standing day, and its assets' condition.
- The renewal outlook (改築需要) from the report's fiscal year, for the whole area and per
  body: shareholders_outlook.py (renewal_outlook.py's figures).
- Any registered user reads them (Action.READ_LISTS), as the other reports.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from oneaqita.errors import NotFound, ValidationError
from oneaqita.models import Contract, Kpi, Organization, OrganizationKind, Secondment
from oneaqita.permissions import Action, requires
from oneaqita.reports.report_period import ReportPeriod, report_period
from oneaqita.reports.shareholders_assets import ConditionRow, condition_by_owner, empty_condition
from oneaqita.reports.shareholders_company import (
    CompanyProfile,
    StaffFigures,
    company_profile,
    staff_figures,
)
from oneaqita.reports.shareholders_kpi import KpiLine, kpi_lines, kpi_pair, surveyed_km
from oneaqita.reports.shareholders_outlook import OutlookSummary, outlook_summaries
from oneaqita.reports.shareholders_work import (
    WorkCell,
    WorkFigures,
    service_names,
    work_pair,
    work_reads,
)
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.parallel_reads import Reads, read_consistently
from oneaqita.services.people_queries import active_on
from oneaqita.services.shareholders import RegisterRow
from oneaqita.services.users import require_registered

__all__ = [
    "BodyLine",
    "BodyStatement",
    "ContractLine",
    "KeyFigure",
    "ServiceLine",
    "ShareholdersFigures",
    "Statement",
    "body_statement",
    "shareholders_figures",
]


@dataclass(frozen=True, slots=True)
class KeyFigure:
    name: str
    unit: str
    current: Decimal
    previous: Decimal

    @property
    def change_pct(self) -> Decimal | None:
        """増減率 against the year before, to 0.1 %; None when last year was 0."""
        if not self.previous:
            return None
        return ((self.current - self.previous) * 100 / self.previous).quantize(Decimal("0.1"))


@dataclass(frozen=True, slots=True)
class ServiceLine:
    code: str
    name: str
    current: WorkCell
    previous: WorkCell


@dataclass(frozen=True, slots=True)
class BodyLine:
    """A client body's work in the period and a year earlier (受託実績 per body)."""

    body_id: int
    code: str
    name: str
    current: WorkCell
    previous: WorkCell


@dataclass(frozen=True, slots=True)
class ContractLine:
    number: str
    title: str
    kind: str
    start: date
    end: date
    amount_yen: int


@dataclass(frozen=True)
class BodyStatement:
    body_id: int
    code: str
    name: str
    kind: OrganizationKind
    holding: RegisterRow | None
    services: tuple[ServiceLine, ...]  # the work types with work in either year
    total: WorkCell
    previous_total: WorkCell
    contracts: tuple[ContractLine, ...]
    seconded: int  # people seconded from the body to the company on the standing day
    condition: ConditionRow
    outlook: OutlookSummary


@dataclass(frozen=True)
class ShareholdersFigures:
    period: ReportPeriod
    issued: date
    as_of: date
    company: CompanyProfile
    staff: StaffFigures
    key_figures: tuple[KeyFigure, ...]
    by_body: tuple[BodyLine, ...]  # client bodies with work in either year, in code order
    by_service: tuple[ServiceLine, ...]  # work types with work in either year, catalogue order
    total: WorkCell
    previous_total: WorkCell
    kpis: tuple[KpiLine, ...]
    conditions: tuple[tuple[str, str, ConditionRow], ...]  # (code, name, row) per owner
    condition_total: ConditionRow
    outlook: OutlookSummary  # the whole area's
    bodies: tuple[BodyStatement, ...]


def _service_lines(
    names: dict[str, tuple[str, int]], now: WorkFigures, before: WorkFigures, body: int | None
) -> tuple[ServiceLine, ...]:
    cur, prev = now.by_service(body), before.by_service(body)
    codes = sorted(cur.keys() | prev.keys(), key=lambda c: (names.get(c, (c, 0))[1], c))
    return tuple(
        ServiceLine(c, names.get(c, (c, 0))[0], cur.get(c, WorkCell()), prev.get(c, WorkCell()))
        for c in codes
    )


def _contracts(
    session: Session, period: ReportPeriod, body_ids: list[int]
) -> dict[int, list[ContractLine]]:
    stmt = (
        select(
            Contract.client_id,
            Contract.number,
            Contract.title,
            Contract.kind,
            Contract.start_date,
            Contract.end_date,
            Contract.amount_yen,
        )
        .where(
            Contract.client_id.in_(body_ids),
            Contract.start_date <= period.end,
            Contract.end_date >= period.start,
        )
        .order_by(Contract.client_id, Contract.start_date, Contract.number)
    )
    out: dict[int, list[ContractLine]] = {}
    for client, number, title, kind, start, end, amount in session.execute(stmt):
        line = ContractLine(number, title, kind or "", start, end, amount)
        out.setdefault(client, []).append(line)
    return out


def _seconded(session: Session, on: date) -> dict[int, int]:
    stmt = (
        select(Secondment.from_organization_id, func.count())
        .where(active_on(Secondment, on))
        .group_by(Secondment.from_organization_id)
    )
    return {org: int(n) for org, n in session.execute(stmt)}


def _statements(
    session: Session,
    period: ReportPeriod,
    as_of: date,
    bodies: list["Body"],
    holdings: dict[int, RegisterRow],
    now: WorkFigures,
    before: WorkFigures,
    conditions: dict[int, ConditionRow],
    outlooks: dict[int, OutlookSummary],
) -> tuple[BodyStatement, ...]:
    names = service_names(session)
    contracts = _contracts(session, period, [b[0] for b in bodies])
    seconded = _seconded(session, as_of)
    return tuple(
        BodyStatement(
            body_id,
            code,
            name,
            kind,
            holdings.get(body_id),
            _service_lines(names, now, before, body_id),
            now.total(body_id),
            before.total(body_id),
            tuple(contracts.get(body_id, [])),
            seconded.get(body_id, 0),
            conditions.get(body_id, empty_condition(body_id)),
            outlooks[body_id],
        )
        for body_id, code, name, kind in bodies
    )


def _key_figures(
    session: Session,
    period: ReportPeriod,
    now: WorkFigures,
    before: WorkFigures,
    staff: StaffFigures,
    kpi_now: dict[Kpi, Decimal],
    kpi_before: dict[Kpi, Decimal],
) -> tuple[KeyFigure, ...]:
    def contracts(p: ReportPeriod) -> Decimal:
        n = session.scalar(
            select(func.count())
            .select_from(Contract)
            .where(Contract.start_date <= p.end, Contract.end_date >= p.start)
        )
        return Decimal(int(n or 0))

    cur, prev = now.total(), before.total()
    return (
        KeyFigure("受託件数 (完了)", "件", Decimal(cur.orders), Decimal(prev.orders)),
        KeyFigure("受託金額", "千円", Decimal(cur.amount_thousand), Decimal(prev.amount_thousand)),
        KeyFigure("契約件数", "件", contracts(period), contracts(period.previous)),
        KeyFigure(
            "点検・調査延長",
            "km",
            kpi_now[Kpi.KM_INSPECTED],
            kpi_before[Kpi.KM_INSPECTED],
        ),
        KeyFigure(
            "緊急度I 判定延長",
            "km",
            kpi_now[Kpi.KM_URGENCY_I],
            kpi_before[Kpi.KM_URGENCY_I],
        ),
        KeyFigure("作業量", "人日", cur.person_days, prev.person_days),
        KeyFigure("職員数 (期末)", "名", Decimal(staff.total), Decimal(staff.previous_total)),
    )


Body = tuple[int, str, str, OrganizationKind]


def _public_bodies(session: Session, ids: set[int] | None = None) -> list[Body]:
    stmt = select(Organization.id, Organization.code, Organization.name_ja, Organization.kind)
    kinds = [k for k in OrganizationKind if k.is_public_body]
    stmt = stmt.where(Organization.kind.in_(kinds)).order_by(Organization.code)
    if ids is not None:
        stmt = stmt.where(Organization.id.in_(ids))
    return [(i, c, n, OrganizationKind(k)) for i, c, n, k in session.execute(stmt)]


@requires(Action.READ_LISTS)
def shareholders_figures(
    db: Database,
    actor: Actor,
    fiscal_year: int,
    quarter: int | None = None,
    today: date | None = None,
) -> ShareholdersFigures:
    """Everything the report to the shareholders shows for the fiscal year or its quarter,
    issued on ``today`` (default the day it runs)."""
    require_registered(actor)
    period = report_period(fiscal_year, quarter)
    issued = today or date.today()
    as_of = period.as_of(issued)
    company = company_profile(db, as_of)
    staff = staff_figures(db, as_of)
    holdings = {r.organization_id: r for r in company.register.rows}

    def build(reads: Reads) -> ShareholdersFigures:
        session = reads.session
        public = _public_bodies(session, set(holdings))
        ids = [b[0] for b in public]
        *work, surveyed, conditions, (area, outlooks) = reads.together(
            *work_reads(period),
            lambda s: surveyed_km(s, period),
            condition_by_owner,
            lambda s: outlook_summaries(s, period.fiscal_year, ids),
        )
        now, before = work_pair(session, period, work)
        names = service_names(session)
        cur_bodies, prev_bodies = now.by_body(), before.by_body()
        client_ids = cur_bodies.keys() | prev_bodies.keys()
        orgs = {
            i: (c, n)
            for i, c, n in session.execute(
                select(Organization.id, Organization.code, Organization.name_ja).where(
                    Organization.id.in_(client_ids | conditions.keys())
                )
            )
        }
        by_body = tuple(
            sorted(
                (
                    BodyLine(
                        i,
                        *orgs[i],
                        cur_bodies.get(i, WorkCell()),
                        prev_bodies.get(i, WorkCell()),
                    )
                    for i in client_ids
                ),
                key=lambda b: b.code,
            )
        )
        condition_rows = tuple(
            sorted(((*orgs[o], row) for o, row in conditions.items()), key=lambda r: r[0])
        )
        kpis = kpi_pair(session, period, (now, before), surveyed)
        kpi_now, kpi_before = kpis
        bodies = _statements(
            session, period, as_of, public, holdings, now, before, conditions, outlooks
        )
        return ShareholdersFigures(
            period=period,
            issued=issued,
            as_of=as_of,
            company=company,
            staff=staff,
            key_figures=_key_figures(session, period, now, before, staff, kpi_now, kpi_before),
            by_body=by_body,
            by_service=_service_lines(names, now, before, None),
            total=now.total(),
            previous_total=before.total(),
            kpis=kpi_lines(session, period, kpis),
            conditions=condition_rows,
            condition_total=sum(conditions.values(), empty_condition(0)),
            outlook=area,
            bodies=bodies,
        )

    # The sections' big reads side by side, all in one snapshot (services/parallel_reads.py).
    return read_consistently(db, build)


@dataclass(frozen=True)
class Statement:
    period: ReportPeriod
    issued: date
    as_of: date
    company_name: str
    body: BodyStatement


@requires(Action.READ_LISTS)
def body_statement(
    db: Database,
    actor: Actor,
    code: str,
    fiscal_year: int,
    quarter: int | None = None,
    today: date | None = None,
) -> Statement:
    """One public body's statement (its page of the report) for the fiscal year or quarter."""
    require_registered(actor)
    period = report_period(fiscal_year, quarter)
    issued = today or date.today()
    as_of = period.as_of(issued)
    wanted = (code or "").strip()
    company = company_profile(db, as_of)
    holdings = {r.organization_id: r for r in company.register.rows}
    with db.read() as session:
        org = session.execute(
            select(Organization.id, Organization.kind).where(Organization.code == wanted)
        ).first()
    if org is None:
        raise NotFound(
            f"団体コード {wanted!r} の団体はありません。",
            f"No organization has the code {wanted!r}.",
        )
    if not OrganizationKind(org.kind).is_public_body:
        raise ValidationError(
            f"団体 {wanted} は県・市町村ではありません。明細書は県と市町村について作成します。",
            f"{wanted} is not the prefecture or a municipality; statements are made for those.",
            "body",
        )

    def build(reads: Reads) -> BodyStatement:
        session = reads.session
        *work, conditions, (_, outlooks) = reads.together(
            *work_reads(period),
            condition_by_owner,
            lambda s: outlook_summaries(s, period.fiscal_year, [org.id]),
        )
        now, before = work_pair(session, period, work)
        bodies = _public_bodies(session, {org.id})
        (body,) = _statements(
            session, period, as_of, bodies, holdings, now, before, conditions, outlooks
        )
        return body

    body = read_consistently(db, build)  # as the report's (shareholders_figures)
    return Statement(period, issued, as_of, company.name, body)
