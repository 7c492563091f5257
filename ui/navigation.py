"""Going from one page to another with a filter set: a page asks for a `NavigationRequest`
(which page, and the filter it is to show), the main window shows that page and hands it the
filter through the page's `show_filtered`. The dashboard's tiles use it; any page may."""

import enum
from dataclasses import dataclass

from oneaqita.services.contract_queries import ContractFilter
from oneaqita.services.work_order_queries import WorkOrderFilter


class PageKey(enum.StrEnum):
    WORK_ORDERS = "work_orders"
    CONTRACTS = "contracts"
    STAFFING = "staffing"
    TEAM_MONTH = "team_month"


@dataclass(frozen=True)
class StaffingFocus:
    """What the staffing overview is to show: one sending body (None: all of them)."""

    body_id: int | None = None


@dataclass(frozen=True)
class TeamMonthFocus:
    """What the team month is to show: this month's hours of one sending body (None: all)."""

    body_id: int | None = None


PageFilter = WorkOrderFilter | ContractFilter | StaffingFocus | TeamMonthFocus


@dataclass(frozen=True)
class NavigationRequest:
    page: PageKey
    filter: PageFilter
