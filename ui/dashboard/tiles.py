"""What each tile of the dashboard shows of the core's figures (oneaqita/reports/
dashboard_figures.py), and where each of its parts leads: the big number, its caption, the
rows of its table and the request of every row or cell."""

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from oneaqita.reports.contract_progress import FiscalYearProgress
from oneaqita.reports.dashboard_figures import (
    HoursTile,
    LeavingTile,
    OpenOrdersTile,
    OverdueTile,
    UrgentFindingsTile,
)
from oneaqita.services.contract_queries import ContractFilter
from oneaqita.services.work_order_attention import OPEN_STATUSES
from oneaqita.services.work_order_queries import WorkOrderFilter
from ui.dashboard.tile import ROWS, TileRow
from ui.labels import date_text, percent_text, status_label
from ui.navigation import NavigationRequest, PageKey, StaffingFocus, TeamMonthFocus
from ui.organizations.labels import yen_text
from ui.staffing.labels import days_left_text, fiscal_year_text

translate = QCoreApplication.translate


@dataclass(frozen=True)
class TileContent:
    number: str
    caption: str
    rows: list[TileRow]
    request: NavigationRequest
    tone: str = "normal"
    empty_text: str = ""


def _orders(**values: object) -> NavigationRequest:
    return NavigationRequest(PageKey.WORK_ORDERS, WorkOrderFilter(**values))  # type: ignore[arg-type]


def _count(n: int) -> str:
    return f"{n:,}"


def _hours(minutes: int) -> str:
    return translate("DashboardTiles", "{hours} 時間").format(hours=f"{minutes // 60:,}")


def open_orders_content(tile: OpenOrdersTile) -> TileContent:
    counts = tile.counts
    caption = "・".join(f"{status_label(s)} {counts[s]:,}" for s in OPEN_STATUSES)
    rows = []
    for body in tile.bodies[:ROWS]:
        whole = _orders(client_id=body.client_id, statuses=frozenset(OPEN_STATUSES))
        per_status = [
            _orders(client_id=body.client_id, statuses=frozenset({s})) for s in OPEN_STATUSES
        ]
        rows.append(
            TileRow(
                (body.name, *(_count(body.counts[s]) for s in OPEN_STATUSES), _count(body.total)),
                (whole, *per_status, whole),
                numeric=frozenset(range(1, len(OPEN_STATUSES) + 2)),
            )
        )
    return TileContent(
        translate("DashboardTiles", "{count} 件").format(count=_count(tile.total)),
        caption,
        rows,
        _orders(statuses=frozenset(OPEN_STATUSES)),
        empty_text=translate("DashboardTiles", "未完了の作業指示はありません。"),
    )


def overdue_content(tile: OverdueTile) -> TileContent:
    rows = [
        TileRow(
            (body.name, _count(body.orders), date_text(body.oldest_end)),
            (_orders(client_id=body.client_id, overdue_on=tile.today),),
            numeric=frozenset({1}),
        )
        for body in tile.bodies[:ROWS]
    ]
    caption = (
        translate("DashboardTiles", "完了予定日を過ぎた未完了の作業・最長 {days} 日超過").format(
            days=tile.longest_days
        )
        if tile.total
        else translate("DashboardTiles", "完了予定日を過ぎた未完了の作業")
    )
    return TileContent(
        translate("DashboardTiles", "{count} 件").format(count=_count(tile.total)),
        caption,
        rows,
        _orders(overdue_on=tile.today),
        "alert" if tile.total else "good",
        translate("DashboardTiles", "期限を過ぎた作業はありません。"),
    )


def urgent_content(tile: UrgentFindingsTile) -> TileContent:
    request = _orders(urgent_findings=True)
    rows = [
        TileRow(
            (body.name, _count(body.findings), _count(body.assets)),
            (request,),
            numeric=frozenset({1, 2}),
        )
        for body in tile.bodies[:ROWS]
    ]
    return TileContent(
        translate("DashboardTiles", "{count} 件").format(count=_count(tile.findings)),
        translate(
            "DashboardTiles", "後続の作業が未発注の所見・作業 {orders} 件・施設 {assets} 件"
        ).format(orders=_count(tile.orders), assets=_count(tile.assets)),
        rows,
        request,
        "alert" if tile.findings else "good",
        translate("DashboardTiles", "未対応の緊急度Iの所見はありません。"),
    )


def hours_content(tile: HoursTile) -> TileContent:
    rows = []
    for body in tile.bodies:
        share = (
            body.minutes / body.capacity_to_date_minutes if body.capacity_to_date_minutes else 0.0
        )
        rows.append(
            TileRow(
                (
                    body.name,
                    _count(body.people),
                    _hours(body.minutes),
                    percent_text(body.pct_to_date),
                ),
                (NavigationRequest(PageKey.TEAM_MONTH, TeamMonthFocus(body.organization_id)),),
                bar=share,
                tooltip=translate(
                    "DashboardTiles", "今月の稼働可能時間 {month}（今日まで {to_date}）"
                ).format(
                    month=_hours(body.capacity_minutes),
                    to_date=_hours(body.capacity_to_date_minutes),
                ),
                numeric=frozenset({1, 2, 3}),
            )
        )
    rows.sort(key=lambda r: -(r.bar or 0.0))
    caption = translate(
        "DashboardTiles", "{month}月の実績 {hours} / 稼働可能 {to_date}（今日まで {days} 営業日）"
    ).format(
        month=tile.month.month,
        hours=_hours(tile.minutes),
        to_date=_hours(tile.capacity_to_date_minutes),
        days=tile.working_days_to_date,
    )
    return TileContent(
        percent_text(tile.pct_to_date),
        caption,
        rows[:ROWS],
        NavigationRequest(PageKey.TEAM_MONTH, TeamMonthFocus()),
        empty_text=translate("DashboardTiles", "今月の出向者はいません。"),
    )


def leaving_content(tile: LeavingTile) -> TileContent:
    request = NavigationRequest(PageKey.STAFFING, StaffingFocus())
    rows = [
        TileRow(
            (
                row.person_name,
                row.from_organization_name,
                date_text(row.end),
                days_left_text(row.days_left),
            ),
            (request,),
            numeric=frozenset({3}),
        )
        for row in tile.rows[:ROWS]
    ]
    soon = tile.within(30)
    return TileContent(
        translate("DashboardTiles", "{count} 人").format(count=_count(tile.total)),
        translate("DashboardTiles", "うち30日以内 {count} 人").format(count=soon),
        rows,
        request,
        "warning" if soon else "normal",
        translate("DashboardTiles", "{days}日以内に終了する出向はありません。").format(
            days=tile.days
        ),
    )


def contracts_content(progress: FiscalYearProgress) -> TileContent:
    fy = progress.fiscal_year
    largest = sorted(progress.contracts, key=lambda c: (-c.amount_yen, c.number))[:ROWS]
    rows = [
        TileRow(
            (
                f"{c.client_name}　{c.title}",
                percent_text(c.progress_pct),
                yen_text(c.done_yen),
            ),
            (NavigationRequest(PageKey.CONTRACTS, ContractFilter(text=c.number, fiscal_year=fy)),),
            bar=c.done / c.live if c.live else 0.0,
            tooltip=translate(
                "DashboardTiles", "{number}・年度の作業 {live} 件のうち完了・検収 {done} 件"
            ).format(number=c.number, live=c.live, done=c.done),
            numeric=frozenset({1, 2}),
        )
        for c in largest
    ]
    return TileContent(
        percent_text(progress.done_pct_of_year),
        translate("DashboardTiles", "出来高 {done} / 年度計画 {planned}・契約 {count} 件").format(
            done=yen_text(progress.done_yen),
            planned=yen_text(progress.year_yen),
            count=len(progress.contracts),
        ),
        rows,
        NavigationRequest(PageKey.CONTRACTS, ContractFilter(fiscal_year=fy)),
        empty_text=translate("DashboardTiles", "{year}の契約はありません。").format(
            year=fiscal_year_text(fy, False)
        ),
    )
