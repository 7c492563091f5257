"""The organizations list as a Qt model, and the kind/text filter over it.

There are about 30 organizations (the prefecture, 25 municipalities, a few partners and the
company), so the page loads the service's whole list once and sorts and filters it in memory
with a QSortFilterProxyModel. This is the deliberate exception to "filter and sort in SQL":
it would not scale to the work-order list, and need not here. The text filter follows the
service's rules (list_organizations): every term must occur in the code or a name, ignoring
case, the spaces inside stored values and the difference between hiragana and katakana.
"""

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from oneaqita.models import OrganizationKind
from oneaqita.services.organizations import OrganizationRow
from oneaqita.services.text_fields import hiragana_to_katakana, search_terms
from ui.organizations.labels import fictional_kind_label, organization_kind_label

translate = QCoreApplication.translate
Index = QModelIndex | QPersistentModelIndex

ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 2
CODE, KIND, NAME, KANA, NAME_EN = range(5)
_KIND_ORDER = {kind: i for i, kind in enumerate(OrganizationKind)}


def _headers() -> list[str]:
    return [
        translate("OrganizationTableModel", "コード"),
        translate("OrganizationTableModel", "種別"),
        translate("OrganizationTableModel", "名称"),
        translate("OrganizationTableModel", "カナ"),
        translate("OrganizationTableModel", "英語名"),
    ]


def _display(row: OrganizationRow, column: int) -> str:
    if column == CODE:
        return row.code
    if column == KIND:
        return (
            fictional_kind_label(row.kind)
            if row.is_fictional
            else organization_kind_label(row.kind)
        )
    if column == NAME:
        return row.name_ja
    if column == KANA:
        return row.name_kana or ""
    return row.name_en or ""


def _haystack(row: OrganizationRow) -> str:
    """Code and names as one searchable text, in katakana, case-folded, without spaces."""
    parts = (row.code, row.name_ja, row.name_kana or "", row.name_en or "")
    return "\n".join(hiragana_to_katakana(p.casefold().replace(" ", "")) for p in parts)


class OrganizationTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OrganizationRow] = []
        self._search: list[str] = []

    def set_rows(self, rows: list[OrganizationRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._search = [_haystack(r) for r in self._rows]
        self.endResetModel()

    def row_at(self, row: int) -> OrganizationRow:
        return self._rows[row]

    def search_text(self, row: int) -> str:
        return self._search[row]

    def row_of(self, organization_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == organization_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 5

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = 0
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _headers()[section]
        return None

    def data(self, index: Index, role: int = 0) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == ID_ROLE:
            return row.id
        if role == SORT_ROLE:
            # Kinds sort in their natural order (prefecture, city, … company), not by label.
            return _KIND_ORDER[row.kind] if column == KIND else _display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == KIND and row.is_fictional:
            return translate(
                "OrganizationTableModel", "デモデータの架空の会社です。実在の会社ではありません。"
            )
        return None


class OrganizationFilterModel(QSortFilterProxyModel):
    """Sorts on SORT_ROLE and keeps the rows of one kind (or all) whose text matches."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._kind: OrganizationKind | None = None
        self._terms: list[str] = []
        self.setSortRole(SORT_ROLE)

    def set_kind(self, kind: OrganizationKind | None) -> None:
        self.beginFilterChange()
        self._kind = kind
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._terms = [hiragana_to_katakana(t) for t in search_terms(text)]
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        model = self.sourceModel()
        assert isinstance(model, OrganizationTableModel)
        if self._kind is not None and model.row_at(source_row).kind is not self._kind:
            return False
        haystack = model.search_text(source_row)
        return all(term in haystack for term in self._terms)
