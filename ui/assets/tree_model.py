"""The registry's tree as a lazy item model: the owning bodies, a body's districts, a
district's top-level assets, an asset's children (services/asset_tree.py).

Nothing below a node is read until the view expands it: hasChildren answers from the counts
the level above came with, canFetchMore/fetchMore read the next level (a page of PAGE nodes
at a time: a district of 20,000 spans fills in as it is scrolled) on the thread pool, never
inside data(), and insert the rows when they arrive. A refresh (after a change) drops every
level and starts again from the bodies."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import shiboken6
from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from oneaqita.services.asset_tree import (
    TreeAsset,
    TreeDistrict,
    TreeOwner,
    child_assets,
    district_assets,
    tree_districts,
    tree_owners,
)
from oneaqita.services.database import Database
from ui.assets.columns import condition_text
from ui.labels import domain_label, ui_language
from ui.operations import QueryOp

Index = QModelIndex | QPersistentModelIndex
ASSET_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
PAGE = 500  # nodes of one level read at a time
Payload = TreeOwner | TreeDistrict | TreeAsset | None


@dataclass(eq=False)
class Node:
    payload: Payload
    parent: "Node | None"
    row: int = 0  # its place among its parent's children (only ever appended to)
    children: list["Node"] = field(default_factory=list)
    expected: int | None = None  # how many children there are, when known
    done: bool = False  # every child is loaded
    loading: bool = False


def _count_under(payload: Payload) -> int | None:
    if isinstance(payload, TreeOwner):
        return None  # districts: unknown until read (the count shown is its assets)
    if isinstance(payload, TreeDistrict):
        return payload.top_level
    if isinstance(payload, TreeAsset):
        return payload.children
    return None


class AssetTreeModel(QAbstractItemModel):
    loaded = Signal()  # a level arrived
    load_failed = Signal(object)

    def __init__(self, db: Database, parent: Any = None) -> None:
        super().__init__(parent)
        self._db = db
        self._root = Node(None, None)
        self._generation = 0
        self._headers: list[Callable[[], str]] = [
            lambda: self.tr("管理者・処理区・施設"),
            lambda: self.tr("種別"),
            lambda: self.tr("布設年度"),
            lambda: self.tr("緊急度"),
            lambda: self.tr("件数"),
        ]

    # -- structure -----------------------------------------------------------------------
    def node(self, index: Index) -> Node:
        return index.internalPointer() if index.isValid() else self._root

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        node = self.node(parent)
        if 0 <= row < len(node.children) and 0 <= column < len(self._headers):
            return self.createIndex(row, column, node.children[row])
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        up = self.node(index).parent
        if up is None or up is self._root:
            return QModelIndex()
        return self.createIndex(up.row, 0, up)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return len(self._headers)

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008, N802
        node = self.node(parent)
        if node is self._root or isinstance(node.payload, TreeOwner):
            return not node.done or bool(node.children)
        return bool(node.children) or (node.expected or 0) > 0

    def canFetchMore(self, parent: Index) -> bool:  # noqa: N802
        node = self.node(parent)
        return not node.done and not node.loading

    def fetchMore(self, parent: Index) -> None:  # noqa: N802
        node = self.node(parent)
        if node.done or node.loading:
            return
        node.loading = True
        generation, db, offset, payload = (
            self._generation,
            self._db,
            len(node.children),
            node.payload,
        )
        QueryOp(None, lambda: _read_level(db, payload, offset)).success(
            lambda rows: self._arrived(generation, node, rows)
        ).failure(lambda exc: self._failed(generation, node, exc)).run()

    def _arrived(self, generation: int, node: Node, rows: list[Any]) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        node.loading = False
        paged = isinstance(node.payload, TreeDistrict | TreeAsset)
        parent = QModelIndex() if node is self._root else self.createIndex(node.row, 0, node)
        if rows:
            first = len(node.children)
            self.beginInsertRows(parent, first, first + len(rows) - 1)
            node.children.extend(
                Node(r, node, first + i, expected=_count_under(r)) for i, r in enumerate(rows)
            )
            self.endInsertRows()
        known = node.expected
        node.done = (
            not paged or len(rows) < PAGE or (known is not None and len(node.children) >= known)
        )
        if not node.children:  # nothing there after all: the expander goes
            self.dataChanged.emit(parent, parent)
        self.loaded.emit()

    def _failed(self, generation: int, node: Node, exc: BaseException) -> None:
        if shiboken6.isValid(self) and generation == self._generation:
            node.loading = False
            node.done = True  # no retry loop: a refresh tries again
            self.load_failed.emit(exc)

    def refresh(self) -> None:
        self._generation += 1
        self.beginResetModel()
        self._root = Node(None, None)
        self.endResetModel()
        self.fetchMore(QModelIndex())

    # -- what it shows -------------------------------------------------------------------
    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]()
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        payload = self.node(index).payload
        if role == ASSET_ID_ROLE:
            return payload.id if isinstance(payload, TreeAsset) else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._texts(payload)[index.column()]

    def _texts(self, p: Payload) -> list[str]:
        if isinstance(p, TreeOwner):
            name = p.name_en if ui_language() == "en" and p.name_en else p.name
            return [name, "", "", "", f"{p.assets:,}"]
        if isinstance(p, TreeDistrict):
            return [p.district or self.tr("(処理区なし)"), "", "", "", f"{p.top_level:,}"]
        if isinstance(p, TreeAsset):
            year = str(p.installed_year) if p.installed_year is not None else ""
            count = f"{p.children:,}" if p.children else ""
            return [p.code, domain_label(p.kind), year, condition_text(p.condition), count]
        return [""] * len(self._headers)


def _read_level(db: Database, payload: Payload, offset: int) -> list[Any]:
    if payload is None:
        return list(tree_owners(db))
    if isinstance(payload, TreeOwner):
        return list(tree_districts(db, payload.id))
    if isinstance(payload, TreeDistrict):
        return list(district_assets(db, payload.owner_id, payload.district, offset, PAGE))
    return list(child_assets(db, payload.id, offset, PAGE))
