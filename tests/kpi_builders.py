"""The cost-reduction, training and officer data added to tests/shareholders_builders.py's
company for the KPI table and 職員の状況, each figure computed by hand in the tests.

Contract C-K of 秋田県 (2024-04-01 … 2026-03-31, 1,000,000 yen), orders (done = completed or
accepted, day = actual end else 検収日):
- K1 設計照査 completed 2025-07-31, コスト縮減額 1,234,567 yen;
- K2 積算 accepted, ended 2025-10-10, 1,000 yen;
- K3 工事監督 completed 2026-04-05 (FY2026), 9,000,000 yen: not FY2025;
- K4 積算 cancelled, 77,000 yen: not done;
- K5 研修・講習会 completed 2025-11-15; K6 accepted 2026-02-01 without an actual end;
  K7 in progress: not done;
- K8 設計照査 completed 2024-12-01, 2,000,000 yen, and K9 研修・講習会 completed 2024-11-01:
  FY2024.
So FY2025: 1,235,567 yen → 1,236 千円 (half up), 2 courses held; FY2024: 2,000 千円, 1 course;
FY2025 Q3 (October–December): 1 千円 and 1 course.

Officers: E0002 (秋田県, 退職派遣, on 2026-03-31), E0003 (P001 出向, a year earlier only) and
E0004 (own hire since 2024-01-05).
"""

from datetime import date

from sqlalchemy import select, update

from oneaqita.models import Contract, Organization, Person, WorkOrder, WorkOrderStatus
from oneaqita.search import reindex_work_orders
from oneaqita.services.actor import SYSTEM_ACTOR
from oneaqita.services.database import Database

S = WorkOrderStatus
D = date
OFFICERS = ("E0002", "E0003", "E0004")


def add_kpi_case(db: Database) -> None:
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        s = uow.session
        pref = s.scalar(select(Organization.id).where(Organization.code == "050008"))
        ck = Contract(
            number="C-K",
            client_id=pref,
            title="県 設計照査・積算・研修",
            start_date=D(2024, 4, 1),
            end_date=D(2026, 3, 31),
            amount_yen=1_000_000,
        )
        s.add(ck)
        rows = (
            ("K1", "design_review", S.COMPLETED, D(2025, 7, 31), None, 1_234_567),
            ("K2", "estimate", S.ACCEPTED, D(2025, 10, 10), D(2025, 10, 20), 1_000),
            ("K3", "supervision", S.COMPLETED, D(2026, 4, 5), None, 9_000_000),
            ("K4", "estimate", S.CANCELLED, D(2025, 8, 1), None, 77_000),
            ("K5", "training", S.COMPLETED, D(2025, 11, 15), None, None),
            ("K6", "training", S.ACCEPTED, None, D(2026, 2, 1), None),
            ("K7", "training", S.IN_PROGRESS, None, None, None),
            ("K8", "design_review", S.COMPLETED, D(2024, 12, 1), None, 2_000_000),
            ("K9", "training", S.COMPLETED, D(2024, 11, 1), None, None),
        )
        for number, type_, status, end, accepted, yen in rows:
            s.add(
                WorkOrder(
                    number=number,
                    contract=ck,
                    title=number,
                    type=type_,
                    status=status,
                    actual_end=end,
                    accepted_on=accepted,
                    cost_reduction_yen=yen,
                )
            )
        s.execute(update(Person).where(Person.employee_no.in_(OFFICERS)).values(officer=True))
        s.flush()
        reindex_work_orders(s)
