"""A table model over the work-order service that holds only the pages the view has shown.

rowCount is the service's count for the filter; rows come in pages of PAGE_SIZE from
list_work_orders(offset, limit) and at most MAX_PAGES pages are kept (least recently used
go first), so memory stays flat at 500,000 orders.

Pages load on the thread pool, never inside data(). A synchronous load would be defensible for
the default order (one indexed query, ~10 ms a page at 500,000 orders), but a deep page in
some orders (client body, contract) still takes 0.7–4 s there (measured; before the core's
sort indexes, 1–7 s in most orders), which would freeze the window mid-scroll. So data()
answers "…" for a row not loaded yet and asks for its page; the rows fill in when it arrives
(dataChanged). Pages are fetched one at a time, most recently wanted first, and only while
still on screen (the view reports what is, set_visible_rows), so a fast scroll does not queue
up work for pages long gone.

A new filter, sort or refresh counts and fetches the first page(s) in the background and then
swaps everything in one reset, so the view never shows a count from one filter with rows of
another.
"""

import dataclasses
from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from oneaqita.services.database import Database
from oneaqita.services.work_order_queries import (
    WorkOrderFilter,
    WorkOrderRow,
    count_work_orders,
    list_work_orders,
)
from ui.operations import QueryOp
from ui.work_orders.columns import COLUMNS, column_of

PAGE_SIZE = 200
MAX_PAGES = 20
MAX_WANTED = 6  # pages asked for but not loaded; older wishes are dropped
LOADING_TEXT = "…"
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
DISPLAY_ROLE = int(Qt.ItemDataRole.DisplayRole)
TOOLTIP_ROLE = int(Qt.ItemDataRole.ToolTipRole)
ALIGNMENT_ROLE = int(Qt.ItemDataRole.TextAlignmentRole)
_ALIGNMENTS = [
    (Qt.AlignmentFlag.AlignHCenter if c.centered else Qt.AlignmentFlag.AlignLeft)
    | Qt.AlignmentFlag.AlignVCenter
    for c in COLUMNS
]

Index = QModelIndex | QPersistentModelIndex
Pages = dict[int, list[WorkOrderRow]]


class WorkOrderTableModel(QAbstractTableModel):
    counted = Signal(int)  # a reset finished: the new row count
    page_loaded = Signal(int)  # page number
    load_failed = Signal(object)  # the exception; once per filter

    def __init__(
        self,
        db: Database,
        parent: Any = None,
        page_size: int = PAGE_SIZE,
        max_pages: int = MAX_PAGES,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self.page_size = page_size
        self.max_pages = max_pages
        self._filter = WorkOrderFilter()
        self._pending_filter: WorkOrderFilter | None = None
        self._count = 0
        self._pages: OrderedDict[int, list[WorkOrderRow]] = OrderedDict()
        self._wanted: OrderedDict[int, None] = OrderedDict()
        self._fetching: int | None = None
        self._generation = 0
        self._failed = False
        self._visible = range(0)  # pages on screen, as the view last reported them

    # -- what the view asks -------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].header()
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every cell and role on each paint: plain int comparisons, no allocation.
        if role == ALIGNMENT_ROLE:
            return _ALIGNMENTS[index.column()]
        if role != DISPLAY_ROLE and role != TOOLTIP_ROLE and role != ID_ROLE:
            return None
        row = self.row_at(index.row())
        if row is None:
            if index.isValid():
                self._want(index.row() // self.page_size)
            return LOADING_TEXT if role == DISPLAY_ROLE and index.column() == 0 else None
        if role == ID_ROLE:
            return row.id
        return COLUMNS[index.column()].text(row)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Maps a header click to the service's sort; a column it cannot sort by is ignored."""
        key = COLUMNS[column].sort
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_filter(dataclasses.replace(self.filter, sort=key, descending=descending))

    # -- what the page asks --------------------------------------------------------------
    @property
    def filter(self) -> WorkOrderFilter:
        """The filter being applied (pending) or in force."""
        return self._pending_filter or self._filter

    def sort_column(self) -> int:
        return column_of(self.filter.sort)

    def is_loading(self) -> bool:
        return self._pending_filter is not None or self._fetching is not None

    def row_at(self, row: int) -> WorkOrderRow | None:
        """The row if its page is loaded; never queries."""
        page = self._pages.get(row // self.page_size)
        if page is None:
            return None
        self._pages.move_to_end(row // self.page_size)
        offset = row % self.page_size
        return page[offset] if offset < len(page) else None

    def loaded_pages(self) -> list[int]:
        """Page numbers held, least recently used first."""
        return list(self._pages)

    def loaded_row_of(self, work_order_id: int) -> int | None:
        """Where a work order stands among the loaded pages (no query: None if not loaded)."""
        for page, rows in self._pages.items():
            for offset, row in enumerate(rows):
                if row.id == work_order_id:
                    return page * self.page_size + offset
        return None

    def set_visible_rows(self, first: int, last: int) -> None:
        """The view reports what is on screen, so that pages scrolled past before their turn
        came are not fetched at all (a deep page can take a second at 500,000 orders)."""
        size = self.page_size
        self._visible = range(max(first, 0) // size, max(last, first, 0) // size + 1)

    def set_filter(self, flt: WorkOrderFilter) -> None:
        if flt == self.filter and self._pending_filter is None and self._count_known():
            return
        self._start_reset(flt, [0])

    def refresh(self) -> None:
        """Counts again and reloads the pages most recently shown (after a change)."""
        recent = list(self._pages)[-2:] or [0]
        self._start_reset(self.filter, sorted(recent))

    # -- loading -------------------------------------------------------------------------
    def _count_known(self) -> bool:
        return self._generation > 0

    def _start_reset(self, flt: WorkOrderFilter, pages: list[int]) -> None:
        self._generation += 1
        generation = self._generation
        self._pending_filter = flt
        self._wanted.clear()
        db, size = self._db, self.page_size

        def load() -> tuple[int, Pages]:
            count = count_work_orders(db, flt)
            wanted = [p for p in pages if p * size < count]
            return count, {p: list_work_orders(db, flt, p * size, size) for p in wanted}

        QueryOp(None, load).success(
            lambda result: self._reset_done(generation, flt, *result)
        ).failure(lambda exc: self._reset_failed(generation, exc)).run()

    def _reset_done(self, generation: int, flt: WorkOrderFilter, count: int, pages: Pages) -> None:
        if generation != self._generation:
            return  # a newer filter is on its way
        self.beginResetModel()
        self._filter, self._pending_filter = flt, None
        self._count = count
        self._pages = OrderedDict(sorted(pages.items()))
        self._wanted.clear()
        self._failed = False
        self.endResetModel()
        self.counted.emit(count)

    def _reset_failed(self, generation: int, exc: BaseException) -> None:
        if generation == self._generation:
            self._pending_filter = None  # the previous filter's rows stay
            self._report(exc)

    def _want(self, page: int) -> None:
        if self._pending_filter is not None or self._failed:
            return  # rows of the old filter are about to go, or the database is failing
        self._wanted[page] = None
        self._wanted.move_to_end(page)
        while len(self._wanted) > MAX_WANTED:
            self._wanted.popitem(last=False)
        self._fetch_next()

    def _fetch_next(self) -> None:
        while self._fetching is None and self._wanted:
            page, _ = self._wanted.popitem(last=True)  # the most recently wanted first
            if page not in self._pages and (not self._visible or page in self._visible):
                self._fetch(page)

    def _fetch(self, page: int) -> None:
        self._fetching = page
        generation, flt, db, size = self._generation, self._filter, self._db, self.page_size
        QueryOp(None, lambda: list_work_orders(db, flt, page * size, size)).success(
            lambda rows: self._page_done(generation, page, rows)
        ).failure(lambda exc: self._page_failed(generation, exc)).run()

    def _page_done(self, generation: int, page: int, rows: list[WorkOrderRow]) -> None:
        self._fetching = None
        if generation == self._generation and self._pending_filter is None:
            self._pages[page] = rows
            while len(self._pages) > self.max_pages:
                self._pages.popitem(last=False)
            first = page * self.page_size
            last = min(first + self.page_size, self._count) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
            self.page_loaded.emit(page)
        self._fetch_next()

    def _page_failed(self, generation: int, exc: BaseException) -> None:
        self._fetching = None
        if generation == self._generation:
            self._report(exc)
        self._fetch_next()

    def _report(self, exc: BaseException) -> None:
        if not self._failed:
            self._failed = True  # one message per filter; a refresh tries again
            self.load_failed.emit(exc)
