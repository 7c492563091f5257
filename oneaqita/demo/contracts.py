"""Stage 4: the contracts the company holds with the prefecture and the municipalities.

Each municipality has a yearly inspection contract (or one multi-year comprehensive
contract), the larger cities a cleaning contract too, and the prefecture bulk-orders
TV-camera surveys for itself and several bodies at once (one contract per body, sharing a
bulk group) besides its own contract for the regional system.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Connection

from oneaqita.demo.batches import BulkInserter, table_of
from oneaqita.demo.dates import DemoCalendar, at_jst, fiscal_year_end, fiscal_year_start, reiwa
from oneaqita.demo.organizations import Body, OrgIndex
from oneaqita.demo.places import MULTI_YEAR_CLIENTS
from oneaqita.demo.work_codes import T
from oneaqita.models import Contract

COMPREHENSIVE = "管路施設点検 包括委託"
TV_SURVEY = "TVカメラ調査"
CLEANING = "管路清掃"
REGIONAL = "流域下水道 施設点検"
# Which kinds of work orders each kind of contract gives rise to, and how often.
WORK_MIX: dict[str, tuple[tuple[str, float], ...]] = {
    COMPREHENSIVE: (
        (T.INSPECTION, 50),
        (T.TV_SURVEY, 12),
        (T.CLEANING, 15),
        (T.REPAIR, 15),
        (T.EMERGENCY, 8),
    ),
    TV_SURVEY: ((T.TV_SURVEY, 95), (T.INSPECTION, 5)),
    CLEANING: ((T.CLEANING, 90), (T.EMERGENCY, 10)),
    REGIONAL: ((T.INSPECTION, 70), (T.REPAIR, 15), (T.TV_SURVEY, 10), (T.EMERGENCY, 5)),
}
PREFECTURE_WORK_PER_YEN = 0.25
BULK_BODIES = 8  # municipalities in each bulk order besides the prefecture itself


@dataclass(frozen=True)
class ContractInfo:
    id: int
    client_id: int
    start: date
    end: date
    kind: str
    # Work orders a year, relatively: the yearly amount, except that the prefecture's trunk
    # sewers and plants cost more per job, so its yen bring fewer (and larger) orders.
    order_weight: float


def _yen(rng: random.Random, base: float, per_k: float, body: Body) -> int:
    """An amount in whole ten-thousand yen, growing with the body's size."""
    return int(round((base + per_k * body.weight) * rng.uniform(0.9, 1.1), -4))


def load_contracts(
    conn: Connection, orgs: OrgIndex, rng: random.Random, cal: DemoCalendar
) -> tuple[list[ContractInfo], dict[str, int]]:
    """The contracts of the calendar's two fiscal years (some run on beyond them)."""
    table = table_of(Contract)
    out = BulkInserter(conn, [table])
    infos: list[ContractInfo] = []
    seq: dict[int, int] = {}

    def add(
        body: Body,
        title: str,
        kind: str,
        span: tuple[date, date],
        annual: int,
        bulk: str | None = None,
    ) -> None:
        start, end = span
        seq[start.year] = seq.get(start.year, 0) + 1
        years = max(1, round((end - start).days / 365))
        drawn_up = start - timedelta(days=rng.randrange(10, 40))
        stamp = at_jst(min(drawn_up, cal.as_of), 14 * 60)  # none is signed in the future
        cid = len(infos) + 1
        out.add(
            table,
            {
                "id": cid,
                "number": f"C-{start.year}-{seq[start.year]:04d}",
                "client_id": body.id,
                "title": title,
                "kind": kind,
                "start_date": start,
                "end_date": end,
                "amount_yen": annual * years,
                "bulk_group": bulk,
                "version": 1,
                "created_at": stamp,
                "updated_at": stamp,
            },
        )
        weight = annual * (PREFECTURE_WORK_PER_YEN if body == orgs.prefecture else 1.0)
        infos.append(ContractInfo(cid, body.id, start, end, kind, weight))

    pref = orgs.prefecture
    first_year = cal.fiscal_years[0]
    for fy in cal.fiscal_years:
        r, year = reiwa(fy), (fiscal_year_start(fy), fiscal_year_end(fy))
        add(
            pref,
            f"令和{r}年度 秋田県流域下水道 管路・施設点検業務委託",
            REGIONAL,
            year,
            _yen(rng, 120e6, 0, pref),
        )
        for body in orgs.municipalities:
            if body.code in MULTI_YEAR_CLIENTS:
                if fy == first_year:
                    add(
                        body,
                        f"令和{r}〜{r + 2}年度 {body.name} 下水道管路施設包括的維持管理業務委託",
                        COMPREHENSIVE,
                        (year[0], fiscal_year_end(fy + 2)),
                        _yen(rng, 3e6, 0.9e6, body),
                    )
            else:
                add(
                    body,
                    f"令和{r}年度 {body.name} 管路施設点検業務委託",
                    COMPREHENSIVE,
                    year,
                    _yen(rng, 3e6, 0.9e6, body),
                )
            if body.weight >= 40:
                add(
                    body,
                    f"令和{r}年度 {body.name} 管路清掃業務委託",
                    CLEANING,
                    (date(fy, 5, 1), date(fy + 1, 2, 28)),
                    _yen(rng, 1e6, 0.2e6, body),
                )
        # The current year's bulk order runs two years, so some surveys are planned for the next.
        span = (date(fy, 6, 1), date(fy + 1, 3, 15) if fy == first_year else date(fy + 2, 3, 15))
        label = f"令和{r}年度" if fy == first_year else f"令和{r}〜{r + 1}年度"
        bulk = f"BULK-R{r}-01"
        title = f"{label} 秋田県一括発注 管路施設TVカメラ調査業務委託"
        add(pref, f"{title} (秋田県流域下水道分)", TV_SURVEY, span, _yen(rng, 30e6, 0, pref), bulk)
        for body in sorted(rng.sample(orgs.municipalities, BULK_BODIES), key=lambda b: b.id):
            add(
                body,
                f"{title} ({body.name}分)",
                TV_SURVEY,
                span,
                _yen(rng, 1.5e6, 0.25e6, body),
                bulk,
            )
    out.close()
    return infos, out.counts
