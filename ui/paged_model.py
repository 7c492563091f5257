"""A table model over a paged list service that holds only the pages the view has shown.

The lists (work orders, people) subclass it with their columns and the service's count and
list calls. rowCount is the service's count for the filter; rows come in pages of
`page_size` from list(offset, limit) and at most `max_pages` pages are kept (least recently
used go first), so memory stays flat at 500,000 rows.

Pages load on the thread pool, never inside data(): a deep page in some orders takes seconds
at 500,000 work orders, which would freeze the window mid-scroll. So data() answers "…" for a
row not loaded yet and asks for its page; the rows fill in when it arrives (dataChanged).
Pages are fetched one at a time, most recently wanted first, and only while still on screen
(the view reports what is, set_visible_rows), so a fast scroll does not queue up work for
pages long gone.

A new filter, sort or refresh counts and fetches the first page(s) in the background and then
swaps everything in one reset, so the view never shows a count from one filter with rows of
another. The filter is a frozen dataclass; one with `sort` and `descending` fields lets the
header sort by the columns that name a sort key.
"""

import dataclasses
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from oneaqita.services.database import Database
from ui.operations import QueryOp

PAGE_SIZE = 200
MAX_PAGES = 20
MAX_WANTED = 6  # pages asked for but not loaded; older wishes are dropped
LOADING_TEXT = "…"
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
DISPLAY_ROLE = int(Qt.ItemDataRole.DisplayRole)
TOOLTIP_ROLE = int(Qt.ItemDataRole.ToolTipRole)
ALIGNMENT_ROLE = int(Qt.ItemDataRole.TextAlignmentRole)

F = TypeVar("F")  # the filter
R = TypeVar("R")  # a row; it has an `id`
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[R]):
    header: Callable[[], str]  # called at display time, so a new translator takes effect
    sort: Any  # the service's sort key for this column, or None: not sortable
    text: Callable[[R], str]
    sample: Callable[[], str]  # a typical long value: the initial width fits it
    centered: bool = False


def alignment(column: Column[Any]) -> Qt.AlignmentFlag:
    horizontal = Qt.AlignmentFlag.AlignHCenter if column.centered else Qt.AlignmentFlag.AlignLeft
    return horizontal | Qt.AlignmentFlag.AlignVCenter


class PagedTableModel(QAbstractTableModel, Generic[F, R]):
    """Subclasses set the columns, the filter type (its defaults are the first filter) and
    the service's count and list calls (run on a worker thread)."""

    counted = Signal(int)  # a reset finished: the new row count
    page_loaded = Signal(int)  # page number
    load_failed = Signal(object)  # the exception; once per filter

    columns: list[Column[Any]] = []
    filter_type: Callable[[], F]
    count_rows: Callable[[Database, F], int]
    list_rows: Callable[[Database, F, int, int], list[R]]
    # The count and one page in one call (one connection), when the service has it.
    open_rows: Callable[[Database, F, int, int], tuple[int, list[R]]] | None = None

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
        self._alignments = [alignment(c) for c in self.columns]
        self._filter: F = self.filter_type()
        self._pending_filter: F | None = None
        self._count = 0
        self._pages: OrderedDict[int, list[R]] = OrderedDict()
        self._wanted: OrderedDict[int, None] = OrderedDict()
        self._fetching: int | None = None
        self._generation = 0
        self._failed = False
        self._visible = range(0)  # pages on screen, as the view last reported them

    # -- what the view asks -------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header()
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called for every cell and role on each paint: plain int comparisons, no allocation.
        if role == ALIGNMENT_ROLE:
            return self._alignments[index.column()]
        if role != DISPLAY_ROLE and role != TOOLTIP_ROLE and role != ID_ROLE:
            return None
        row = self.row_at(index.row())
        if row is None:
            if index.isValid():
                self._want(index.row() // self.page_size)
            return LOADING_TEXT if role == DISPLAY_ROLE and index.column() == 0 else None
        if role == ID_ROLE:
            return row.id  # type: ignore[attr-defined]
        return self.columns[index.column()].text(row)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Maps a header click to the service's sort; a column it cannot sort by is ignored."""
        key = self.columns[column].sort if 0 <= column < len(self.columns) else None
        if key is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_filter(dataclasses.replace(self.filter, sort=key, descending=descending))  # type: ignore[type-var]

    # -- what the page asks --------------------------------------------------------------
    @property
    def filter(self) -> F:
        """The filter being applied (pending) or in force."""
        return self._pending_filter or self._filter

    def sortable(self) -> bool:
        return any(c.sort is not None for c in self.columns)

    def sort_column(self) -> int:
        """The column of the filter's order (-1: none)."""
        key = getattr(self.filter, "sort", None)
        return next((i for i, c in enumerate(self.columns) if c.sort is key), -1)

    def sort_order(self) -> Qt.SortOrder:
        descending = getattr(self.filter, "descending", False)
        return Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder

    def is_loading(self) -> bool:
        return self._pending_filter is not None or self._fetching is not None

    def row_at(self, row: int) -> R | None:
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

    def loaded_row_of(self, row_id: int) -> int | None:
        """Where a row stands among the loaded pages (no query: None if not loaded)."""
        for page, rows in self._pages.items():
            for offset, row in enumerate(rows):
                if row.id == row_id:  # type: ignore[attr-defined]
                    return page * self.page_size + offset
        return None

    def set_visible_rows(self, first: int, last: int) -> None:
        """The view reports what is on screen, so that pages scrolled past before their turn
        came are not fetched at all (a deep page can take a second at 500,000 rows)."""
        size = self.page_size
        self._visible = range(max(first, 0) // size, max(last, first, 0) // size + 1)

    def set_filter(self, flt: F) -> None:
        if flt == self.filter and self._pending_filter is None and self._generation > 0:
            return
        self._start_reset(flt, [0])

    def refresh(self) -> None:
        """Counts again and reloads the pages most recently shown (after a change)."""
        recent = list(self._pages)[-2:] or [0]
        self._start_reset(self.filter, sorted(recent))

    # -- loading -------------------------------------------------------------------------
    def _start_reset(self, flt: F, pages: list[int]) -> None:
        self._generation += 1
        generation = self._generation
        self._pending_filter = flt
        self._wanted.clear()
        db, size, count_rows, list_rows = self._db, self.page_size, self.count_rows, self.list_rows
        open_rows = self.open_rows

        def load() -> tuple[int, dict[int, list[R]]]:
            loaded: dict[int, list[R]] = {}
            if open_rows is None:
                count = count_rows(db, flt)
            else:
                count, loaded[pages[0]] = open_rows(db, flt, pages[0] * size, size)
            wanted = [p for p in pages if p * size < count]
            return count, {
                p: loaded.pop(p, None) or list_rows(db, flt, p * size, size) for p in wanted
            }

        QueryOp(None, load).success(
            lambda result: self._reset_done(generation, flt, *result)
        ).failure(lambda exc: self._reset_failed(generation, exc)).run()

    def _reset_done(self, generation: int, flt: F, count: int, pages: dict[int, list[R]]) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return  # the page closed meanwhile, or a newer filter is on its way
        self.beginResetModel()
        self._filter, self._pending_filter = flt, None
        self._count = count
        self._pages = OrderedDict(sorted(pages.items()))
        self._wanted.clear()
        self._failed = False
        self.endResetModel()
        self.counted.emit(count)

    def _reset_failed(self, generation: int, exc: BaseException) -> None:
        if shiboken6.isValid(self) and generation == self._generation:
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
        list_rows = self.list_rows
        QueryOp(None, lambda: list_rows(db, flt, page * size, size)).success(
            lambda rows: self._page_done(generation, page, rows)
        ).failure(lambda exc: self._page_failed(generation, exc)).run()

    def _page_done(self, generation: int, page: int, rows: list[R]) -> None:
        if not shiboken6.isValid(self):
            return  # the page closed meanwhile
        self._fetching = None
        if generation == self._generation and self._pending_filter is None:
            self._pages[page] = rows
            while len(self._pages) > self.max_pages:
                self._pages.popitem(last=False)
            first = page * self.page_size
            last = min(first + self.page_size, self._count) - 1
            if last >= first:
                self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))
            self.page_loaded.emit(page)
        self._fetch_next()

    def _page_failed(self, generation: int, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._fetching = None
        if generation == self._generation:
            self._report(exc)
        self._fetch_next()

    def _report(self, exc: BaseException) -> None:
        if not self._failed:
            self._failed = True  # one message per filter; a refresh tries again
            self.load_failed.emit(exc)
