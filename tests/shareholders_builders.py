"""A small company whose every figure of the report to the shareholders is computed by hand
in the tests (FY2025 = 2025-04-01 … 2026-03-31 against FY2024).

Work, FY2025 (done = completed or accepted, day = actual end else 検収日):
- 秋田市, contract C-A (9,000,000 yen; 3 live orders → 3,000,000 each):
  A1 点検 completed 2025-06-30 on pipes P1 (1,250 m), P2 (400 m) and manhole M1;
  A2 TVカメラ調査 accepted, ended 2025-09-15, 検収 2025-09-30, on P1;
  A3 ストックマネジメント計画策定 accepted 2026-01-20 without an actual end; A4 cancelled.
- 能代市, contract C-N2 (100,000 yen; 3 live orders → 33,333 each): N3 点検 completed
  2025-05-20 on P3 (50 m); N4 completed 2026-04-02 (next year); N5 draft.
- FY2024: 能代市 C-N (1,000,000 yen, 2 live → 500,000): N1 清掃 completed 2024-07-10 on P3;
  N2 running.
Hours: E0001 on A1 480 min (approved) and 240 (returned, not counted), on A2 720
(submitted), 研修 90 (draft); on N1 240 in FY2024.
Findings: A1 — P1 腐食 a (I), P2 クラック b (III); A2 (later) — P1 破損 a (II). So P1 is II,
P2 III, M1 and P3 unsurveyed; a retired pipe P9 (condition I) is not counted.
Staff: E0001 秋田市 在籍派遣 from 2025-04-01; E0002 秋田県 退職派遣 2025-04-01…2026-03-31;
E0003 P001 出向 2024-04-01…2025-03-31; own hires E0004 (registered 2024-01-05) and E0005
(2025-06-01).
Register from 2023-11-20: 秋田県 1,821, 秋田市 2,000, 能代市 1,279, P001 4,900 shares at
¥10,000.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal

from oneaqita.condition import recompute_conditions
from oneaqita.models import (
    Asset,
    AssetKind,
    AssetStatus,
    Contract,
    Finding,
    FindingRank,
    Organization,
    OrganizationKind,
    OverheadCategory,
    Person,
    Secondment,
    SecondmentKind,
    Shareholding,
    TimeEntry,
    TimeEntryStatus,
    Urgency,
    WorkOrder,
    WorkOrderStatus,
)
from oneaqita.search import reindex_work_orders
from oneaqita.services.actor import SYSTEM_ACTOR
from oneaqita.services.database import Database

S = WorkOrderStatus
D = date
FOUNDED = D(2023, 11, 20)
HOLDINGS = (("050008", 1_821), ("052019", 2_000), ("052027", 1_279), ("P001", 4_900))


@dataclass(frozen=True)
class Case:
    ids: dict[str, int]  # organization code → id


def _orgs(s) -> dict[str, int]:  # type: ignore[no-untyped-def]
    orgs = [
        Organization(code="050008", kind=OrganizationKind.PREFECTURE, name_ja="秋田県"),
        Organization(code="052019", kind=OrganizationKind.CITY, name_ja="秋田市"),
        Organization(code="052027", kind=OrganizationKind.CITY, name_ja="能代市"),
        Organization(
            code="P001", kind=OrganizationKind.PARTNER, name_ja="試験管路(架空)", is_fictional=True
        ),
        Organization(code="C001", kind=OrganizationKind.COMPANY, name_ja="株式会社ONE・AQITA"),
    ]
    s.add_all(orgs)
    s.flush()
    ids = {o.code: o.id for o in orgs}
    for code, shares in HOLDINGS:
        s.add(
            Shareholding(
                organization_id=ids[code],
                shares=shares,
                capital_yen=shares * 10_000,
                since=FOUNDED,
            )
        )
    return ids


def _asset(code: str, kind: AssetKind, owner: int, length: str | None, **kw: object) -> Asset:
    return Asset(
        code=code,
        kind=kind,
        owner_id=owner,
        service_life_years=50,
        length_m=Decimal(length) if length else None,
        **kw,
    )


def _order(number: str, contract: Contract, type_: str, status: S, **kw: object) -> WorkOrder:
    return WorkOrder(number=number, contract=contract, title=number, type=type_, status=status, **kw)


def build_shareholders_case(db: Database) -> Case:
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        s = uow.session
        ids = _orgs(s)
        akita, noshiro = ids["052019"], ids["052027"]
        p1 = _asset("A-P1", AssetKind.PIPE, akita, "1250.00")
        p2 = _asset("A-P2", AssetKind.PIPE, akita, "400.00")
        m1 = _asset("A-M1", AssetKind.MANHOLE, akita, None)
        p3 = _asset("N-P3", AssetKind.PIPE, noshiro, "50.00")
        p9 = _asset(
            "A-P9",
            AssetKind.PIPE,
            akita,
            "999.00",
            status=AssetStatus.RETIRED,
            condition=Urgency.I,
        )
        s.add_all([p1, p2, m1, p3, p9])
        ca = Contract(
            number="C-A",
            client_id=akita,
            title="令和7年度 秋田市 包括業務委託",
            start_date=D(2025, 4, 1),
            end_date=D(2026, 3, 31),
            amount_yen=9_000_000,
        )
        cn = Contract(
            number="C-N",
            client_id=noshiro,
            title="令和6年度 能代市 管路清掃",
            start_date=D(2024, 4, 1),
            end_date=D(2025, 3, 31),
            amount_yen=1_000_000,
        )
        cn2 = Contract(
            number="C-N2",
            client_id=noshiro,
            title="令和7年度 能代市 管路点検",
            start_date=D(2025, 4, 1),
            end_date=D(2025, 9, 30),
            amount_yen=100_000,
        )
        s.add_all([ca, cn, cn2])
        a1 = _order("A1", ca, "inspection", S.COMPLETED, actual_end=D(2025, 6, 30))
        a1.assets = [p1, p2, m1]
        a2 = _order(
            "A2",
            ca,
            "tv_survey",
            S.ACCEPTED,
            actual_end=D(2025, 9, 15),
            accepted_on=D(2025, 9, 30),
        )
        a2.assets = [p1]
        a3 = _order("A3", ca, "stock_plan", S.ACCEPTED, accepted_on=D(2026, 1, 20))
        a4 = _order("A4", ca, "inspection", S.CANCELLED, actual_end=D(2025, 7, 1))
        a4.assets = [p1]
        n1 = _order("N1", cn, "cleaning", S.COMPLETED, actual_end=D(2024, 7, 10))
        n1.assets = [p3]
        n2 = _order("N2", cn, "inspection", S.IN_PROGRESS, actual_start=D(2024, 8, 1))
        n3 = _order("N3", cn2, "inspection", S.COMPLETED, actual_end=D(2025, 5, 20))
        n3.assets = [p3]
        n4 = _order("N4", cn2, "inspection", S.COMPLETED, actual_end=D(2026, 4, 2))
        n5 = _order("N5", cn2, "inspection", S.DRAFT)
        s.add_all([a1, a2, a3, a4, n1, n2, n3, n4, n5])
        s.flush()
        s.add_all(
            [
                Finding(work_order_id=a1.id, asset_id=p1.id, category="腐食", rank=FindingRank.A),
                Finding(
                    work_order_id=a1.id, asset_id=p2.id, category="クラック", rank=FindingRank.B
                ),
                Finding(work_order_id=a2.id, asset_id=p1.id, category="破損", rank=FindingRank.A),
            ]
        )
        people = _people(s, ids)
        t = TimeEntryStatus
        entries = (
            (a1, D(2025, 6, 1), 480, t.APPROVED),
            (a1, D(2025, 6, 2), 240, t.RETURNED),
            (a2, D(2025, 8, 1), 720, t.SUBMITTED),
            (None, D(2025, 7, 1), 90, t.DRAFT),
            (n1, D(2024, 7, 5), 240, t.APPROVED),
        )
        for order, day, minutes, status in entries:
            s.add(
                TimeEntry(
                    person_id=people["E0001"],
                    work_date=day,
                    minutes=minutes,
                    work_order_id=order.id if order else None,
                    category=None if order else OverheadCategory.TRAINING,
                    status=status,
                )
            )
        s.flush()
        recompute_conditions(s, [p1.id, p2.id, m1.id, p3.id])
        reindex_work_orders(s)
    return Case(ids)


def _people(s, ids: dict[str, int]) -> dict[str, int]:  # type: ignore[no-untyped-def]
    k = SecondmentKind
    rows = (
        ("E0001", "052019", k.ON_ROLL, D(2025, 4, 1), None, None),
        ("E0002", "050008", k.RETIRED, D(2025, 4, 1), D(2026, 3, 31), None),
        ("E0003", "P001", k.PARTNER, D(2024, 4, 1), D(2025, 3, 31), None),
        ("E0004", "C001", None, None, None, D(2024, 1, 5)),
        ("E0005", "C001", None, None, None, D(2025, 6, 1)),
    )
    out: dict[str, int] = {}
    for number, home, kind, start, end, registered in rows:
        person = Person(employee_no=number, name=f"職員 {number}", home_organization_id=ids[home])
        if registered is not None:
            stamp = datetime(registered.year, registered.month, registered.day, 1, tzinfo=UTC)
            person.created_at = person.updated_at = stamp
        s.add(person)
        s.flush()
        out[number] = person.id
        if kind is not None:
            s.add(
                Secondment(
                    person_id=person.id,
                    from_organization_id=ids[home],
                    kind=kind,
                    start_date=start,
                    end_date=end,
                    salary_borne_by_company_pct=100,
                )
            )
    return out
