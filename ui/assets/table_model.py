"""The asset list's table model: the paged model (ui/paged_model.py) over the registry's
open_registry (count and first page on one connection) and list_registry, with the list's
columns and header sorting."""

from oneaqita.services.asset_registry import (
    AssetListFilter,
    AssetRow,
    count_registry,
    list_registry,
    open_registry,
)
from ui.assets.columns import COLUMNS
from ui.paged_model import PagedTableModel


class AssetTableModel(PagedTableModel[AssetListFilter, AssetRow]):
    columns = COLUMNS
    filter_type = AssetListFilter
    count_rows = staticmethod(count_registry)
    list_rows = staticmethod(list_registry)
    open_rows = staticmethod(open_registry)
