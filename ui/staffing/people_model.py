"""A table model over the people service that holds only the pages the view has shown.

The same approach as the work-order list (ui/work_orders/table_model.py), smaller: rowCount is
count_people for the filter, rows come in pages from list_people(offset, limit) on the thread
pool and at most MAX_PAGES are kept. A new filter or a refresh counts and fetches the first
page in the background, then swaps everything in one reset.

The service lists people in employee-number order only (no sort keys), so the model does not
sort: header clicks are not offered.
"""

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from oneaqita.services.database import Database
from oneaqita.services.people_queries import PeopleFilter, PersonRow, count_people, list_people
from ui.operations import QueryOp
from ui.staffing.labels import end_text

PAGE_SIZE = 200
MAX_PAGES = 20
LOADING_TEXT = "…"
ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
DISPLAY_ROLE = int(Qt.ItemDataRole.DisplayRole)
TOOLTIP_ROLE = int(Qt.ItemDataRole.ToolTipRole)

Index = QModelIndex | QPersistentModelIndex
Pages = dict[int, list[PersonRow]]
translate = QCoreApplication.translate


@dataclass(frozen=True)
class Column:
    header: Callable[[], str]  # called at display time, so a new translator takes effect
    text: Callable[[PersonRow], str]
    sample: str  # a typical long value: the initial width fits it


def _seconded_text(row: PersonRow) -> str:
    """Until when; the sending body too when it is not the home body."""
    if not row.currently_seconded:
        return ""
    until = translate("PeopleColumns", "〜{end}").format(end=end_text(row.seconded_until))
    if row.seconded_from and row.seconded_from != row.home_organization_name:
        return f"{row.seconded_from} {until}"
    return until


COLUMNS: list[Column] = [
    Column(lambda: translate("PeopleColumns", "職員番号"), lambda r: r.employee_no, "E000000"),
    Column(lambda: translate("PeopleColumns", "氏名"), lambda r: r.name, "小笠原 大翔"),
    Column(
        lambda: translate("PeopleColumns", "カナ"), lambda r: r.name_kana or "", "オガサワラ ヒロト"
    ),
    Column(
        lambda: translate("PeopleColumns", "所属団体"),
        lambda r: r.home_organization_name,
        "秋北水環境テクノ株式会社",
    ),
    Column(
        lambda: translate("PeopleColumns", "出向中（終了予定）"),
        _seconded_text,
        "〜2027/03/31",
    ),
    Column(
        lambda: translate("PeopleColumns", "メールアドレス"),
        lambda r: r.email or "",
        "kagaya.naomi@example.jp",
    ),
]


class PeopleTableModel(QAbstractTableModel):
    counted = Signal(int)  # a reset finished: the new row count
    page_loaded = Signal(int)
    load_failed = Signal(object)  # the exception; once per filter

    def __init__(self, db: Database, parent: Any = None, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._db = db
        self.page_size = page_size
        self._filter = PeopleFilter()
        self._pending: PeopleFilter | None = None
        self._count = 0
        self._pages: OrderedDict[int, list[PersonRow]] = OrderedDict()
        self._fetching: set[int] = set()
        self._generation = 0
        self._failed = False

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
        if role != DISPLAY_ROLE and role != TOOLTIP_ROLE and role != ID_ROLE:
            return None
        row = self.row_at(index.row())
        if row is None:
            if index.isValid():
                self._fetch(index.row() // self.page_size)
            return LOADING_TEXT if role == DISPLAY_ROLE and index.column() == 0 else None
        if role == ID_ROLE:
            return row.id
        return COLUMNS[index.column()].text(row)

    # -- what the page asks --------------------------------------------------------------
    @property
    def filter(self) -> PeopleFilter:
        """The filter being applied (pending) or in force."""
        return self._pending or self._filter

    def is_loading(self) -> bool:
        return self._pending is not None or bool(self._fetching)

    def row_at(self, row: int) -> PersonRow | None:
        """The row if its page is loaded; never queries."""
        page = self._pages.get(row // self.page_size)
        if page is None:
            return None
        self._pages.move_to_end(row // self.page_size)
        offset = row % self.page_size
        return page[offset] if offset < len(page) else None

    def loaded_row_of(self, person_id: int) -> int | None:
        for page, rows in self._pages.items():
            for offset, row in enumerate(rows):
                if row.id == person_id:
                    return page * self.page_size + offset
        return None

    def set_filter(self, flt: PeopleFilter) -> None:
        if flt == self.filter and self._pending is None and self._generation > 0:
            return
        self._start_reset(flt, [0])

    def refresh(self) -> None:
        """Counts again and reloads the pages most recently shown (after a change)."""
        self._start_reset(self.filter, sorted(list(self._pages)[-2:] or [0]))

    # -- loading -------------------------------------------------------------------------
    def _start_reset(self, flt: PeopleFilter, pages: list[int]) -> None:
        self._generation += 1
        generation, db, size = self._generation, self._db, self.page_size
        self._pending = flt

        def load() -> tuple[int, Pages]:
            count = count_people(db, flt)
            wanted = [p for p in pages if p * size < count]
            return count, {p: list_people(db, flt, p * size, size) for p in wanted}

        QueryOp(None, load).success(
            lambda result: self._reset_done(generation, flt, *result)
        ).failure(lambda exc: self._failed_on(generation, exc, reset=True)).run()

    def _reset_done(self, generation: int, flt: PeopleFilter, count: int, pages: Pages) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return  # a newer filter is on its way
        self.beginResetModel()
        self._filter, self._pending = flt, None
        self._count = count
        self._pages = OrderedDict(sorted(pages.items()))
        self._fetching.clear()
        self._failed = False
        self.endResetModel()
        self.counted.emit(count)

    def _fetch(self, page: int) -> None:
        if self._pending is not None or self._failed or page in self._fetching:
            return
        self._fetching.add(page)
        generation, flt, db, size = self._generation, self._filter, self._db, self.page_size
        QueryOp(None, lambda: list_people(db, flt, page * size, size)).success(
            lambda rows: self._page_done(generation, page, rows)
        ).failure(lambda exc: self._failed_on(generation, exc, reset=False)).run()

    def _page_done(self, generation: int, page: int, rows: list[PersonRow]) -> None:
        if not shiboken6.isValid(self):
            return  # the page closed meanwhile
        self._fetching.discard(page)
        if generation != self._generation or self._pending is not None:
            return
        self._pages[page] = rows
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        first = page * self.page_size
        last = min(first + self.page_size, self._count) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        self.page_loaded.emit(page)

    def _failed_on(self, generation: int, exc: BaseException, reset: bool) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        if reset:
            self._pending = None  # the previous filter's rows stay
        else:
            self._fetching.clear()
        if not self._failed:
            self._failed = True  # one message per filter; a refresh tries again
            self.load_failed.emit(exc)
