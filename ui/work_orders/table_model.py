"""The work-order list's table model: the paged model (ui/paged_model.py) over
count_work_orders and list_work_orders, with the list's columns and header sorting.

A deep page in some orders (client body, contract) still takes 0.7–4 s at 500,000 orders
(measured; before the core's sort indexes, 1–7 s in most orders), which is why pages load in
the background and only while on screen.
"""

from oneaqita.services.work_order_queries import (
    WorkOrderFilter,
    WorkOrderRow,
    count_work_orders,
    list_work_orders,
)
from ui.paged_model import (
    ID_ROLE,
    LOADING_TEXT,
    MAX_PAGES,
    MAX_WANTED,
    PAGE_SIZE,
    PagedTableModel,
)
from ui.work_orders.columns import COLUMNS

__all__ = [
    "ID_ROLE",
    "LOADING_TEXT",
    "MAX_PAGES",
    "MAX_WANTED",
    "PAGE_SIZE",
    "WorkOrderTableModel",
]


class WorkOrderTableModel(PagedTableModel[WorkOrderFilter, WorkOrderRow]):
    columns = COLUMNS
    filter_type = WorkOrderFilter
    count_rows = staticmethod(count_work_orders)
    list_rows = staticmethod(list_work_orders)
