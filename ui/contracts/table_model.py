"""The contract list's table model: the paged model (ui/paged_model.py) over count_contracts
and list_contracts, with the list's columns; every column sorts (in SQL, ContractSort)."""

from PySide6.QtCore import QCoreApplication

from oneaqita.services.contract_queries import (
    ContractFilter,
    ContractRow,
    ContractSort,
    count_contracts,
    list_contracts,
)
from ui.contracts.labels import yen_text
from ui.labels import date_text
from ui.paged_model import Column, PagedTableModel

translate = QCoreApplication.translate
Sort = ContractSort

COLUMNS: list[Column[ContractRow]] = [
    Column(
        lambda: translate("ContractColumns", "契約番号"),
        Sort.NUMBER,
        lambda r: r.number,
        lambda: "C-2025-0001",
    ),
    Column(
        lambda: translate("ContractColumns", "委託者"),
        Sort.CLIENT,
        lambda r: r.client_name,
        lambda: "由利本荘市",
    ),
    Column(
        lambda: translate("ContractColumns", "件名"),
        Sort.TITLE,
        lambda r: r.title,
        lambda: "令和7年度 秋田市 管路施設点検",
    ),
    Column(
        lambda: translate("ContractColumns", "業務種別"),
        Sort.KIND,
        lambda r: r.kind or "",
        lambda: "管路施設点検 包括委託",
    ),
    Column(
        lambda: translate("ContractColumns", "開始"),
        Sort.START,
        lambda r: date_text(r.start),
        lambda: "2025/04/01",
        centered=True,
    ),
    Column(
        lambda: translate("ContractColumns", "終了"),
        Sort.END,
        lambda r: date_text(r.end),
        lambda: "2026/03/31",
        centered=True,
    ),
    Column(
        lambda: translate("ContractColumns", "契約金額"),
        Sort.AMOUNT,
        lambda r: yen_text(r.amount_yen),
        lambda: "123,450,000円",
    ),
    Column(
        lambda: translate("ContractColumns", "一括発注"),
        Sort.BULK_GROUP,
        lambda r: r.bulk_group or "",
        lambda: "県一括R7-TV",
    ),
]


class ContractTableModel(PagedTableModel[ContractFilter, ContractRow]):
    columns = COLUMNS
    filter_type = ContractFilter
    count_rows = staticmethod(count_contracts)
    list_rows = staticmethod(list_contracts)
