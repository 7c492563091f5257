"""The paged model (ui/paged_model.py) on its own, fed with fake count and page functions
instead of a database (as vorta tests its table models): the row count, pages that load in
the background and are evicted, sorting, and answers that come too late to be shown."""

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from PySide6.QtCore import Qt

from ui.operations import running_operations
from ui.paged_model import ID_ROLE, LOADING_TEXT, Column, PagedTableModel

PAGE = 10


@dataclass(frozen=True)
class Filter:
    text: str = ""  # "even": the even ids only
    sort: str = "id"
    descending: bool = False


@dataclass(frozen=True)
class Row:
    id: int
    name: str


COLUMNS: list[Column[Row]] = [
    Column(lambda: "番号", "id", lambda r: str(r.id), lambda: "0000"),
    Column(lambda: "名前", "name", lambda r: r.name, lambda: "名前 0000"),
    Column(lambda: "メモ", None, lambda r: "", lambda: ""),  # not sortable
]


@dataclass
class FakeService:
    """`total` rows named in reverse of their ids; a call can be held at a gate until the test
    opens it (gates keyed by ("count", filter) or ("page", filter, offset))."""

    total: int = 95
    gates: dict[tuple[Any, ...], threading.Event] = field(default_factory=dict)
    calls: list[tuple[Any, ...]] = field(default_factory=list)
    fail: bool = False

    def rows(self, flt: Filter) -> list[Row]:
        ids = [i for i in range(1, self.total + 1) if flt.text != "even" or i % 2 == 0]
        rows = [Row(i, f"名前 {self.total - i:04d}") for i in ids]
        rows.sort(key=lambda r: getattr(r, flt.sort), reverse=flt.descending)
        return rows

    def _pass(self, key: tuple[Any, ...]) -> None:
        self.calls.append(key)
        gate = self.gates.get(key)
        if gate is not None:
            assert gate.wait(5), f"gate {key} never opened"
        if self.fail:
            raise OSError("the server went away")

    def count(self, _db: object, flt: Filter) -> int:
        self._pass(("count", flt))
        return len(self.rows(flt))

    def page(self, _db: object, flt: Filter, offset: int, limit: int) -> list[Row]:
        self._pass(("page", flt, offset))
        return self.rows(flt)[offset : offset + limit]

    def hold(self, *key: Any) -> threading.Event:
        self.gates[key] = threading.Event()
        return self.gates[key]


def fake_model(service: FakeService, max_pages: int = 20) -> PagedTableModel[Filter, Row]:
    class FakeModel(PagedTableModel[Filter, Row]):
        columns = COLUMNS
        filter_type = Filter
        count_rows = staticmethod(service.count)
        list_rows = staticmethod(service.page)

    return FakeModel(None, page_size=PAGE, max_pages=max_pages)  # type: ignore[arg-type]


@pytest.fixture
def service(qtbot) -> Iterator[FakeService]:  # type: ignore[no-untyped-def]
    fake = FakeService()
    yield fake
    for gate in fake.gates.values():
        gate.set()  # no worker left waiting
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=5000)


def _loaded(qtbot, service: FakeService, **kwargs: Any) -> PagedTableModel[Filter, Row]:  # type: ignore[no-untyped-def]
    model = fake_model(service, **kwargs)
    with qtbot.waitSignal(model.counted, timeout=5000):
        model.refresh()
    return model


def _text(model: PagedTableModel[Filter, Row], row: int, column: int = 0) -> str:
    return str(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole))


def _show_row(qtbot, model: PagedTableModel[Filter, Row], row: int) -> None:  # type: ignore[no-untyped-def]
    """As a view painting `row`: it asks, and its page arrives in the background."""
    with qtbot.waitSignal(model.page_loaded, timeout=5000) as loaded:
        assert _text(model, row) == LOADING_TEXT
    assert loaded.args == [row // PAGE]


def test_the_row_count_is_the_services_count(qtbot, service: FakeService) -> None:
    model = _loaded(qtbot, service)
    assert model.rowCount() == 95 and model.columnCount() == 3
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "番号",
        "名前",
        "メモ",
    ]
    assert _text(model, 0) == "1" and _text(model, 0, 1) == "名前 0094"
    assert model.data(model.index(9, 0), ID_ROLE) == 10
    assert model.loaded_pages() == [0]  # only the first page was read
    assert service.calls == [("count", Filter()), ("page", Filter(), 0)]
    with qtbot.waitSignal(model.counted, timeout=5000) as counted:
        model.set_filter(Filter(text="even"))
    assert counted.args == [47] and model.rowCount() == 47 and _text(model, 0) == "2"


def test_a_row_further_down_loads_in_the_background(qtbot, service: FakeService) -> None:
    model = _loaded(qtbot, service)
    _show_row(qtbot, model, 93)  # the last page: five rows
    assert _text(model, 93) == "94" and _text(model, 94) == "95"
    assert model.row_at(95) is None and model.loaded_pages() == [0, 9]


def test_pages_are_evicted_least_recently_used_first(qtbot, service: FakeService) -> None:
    model = _loaded(qtbot, service, max_pages=3)
    for page in range(1, 7):  # scrolling far down
        _show_row(qtbot, model, page * PAGE)
        assert len(model.loaded_pages()) <= 3
    assert model.loaded_pages() == [4, 5, 6]
    assert sum(model.row_at(r) is not None for r in range(95)) == 3 * PAGE  # memory bounded
    assert model.row_at(40) is not None  # reading page 4 makes it the most recent
    _show_row(qtbot, model, 0)  # scrolling back: page 0 is read again
    assert model.loaded_pages() == [6, 4, 0]
    assert service.calls.count(("page", Filter(), 0)) == 2


def test_a_reset_while_a_page_is_fetched_drops_the_old_page(qtbot, service: FakeService) -> None:
    model = _loaded(qtbot, service)
    gate = service.hold("page", Filter(), 50)
    assert _text(model, 55) == LOADING_TEXT  # page 5 of the old filter is on its way
    qtbot.waitUntil(lambda: ("page", Filter(), 50) in service.calls, timeout=5000)
    with qtbot.waitSignal(model.counted, timeout=5000):
        model.set_filter(Filter(text="even"))  # the list is reset meanwhile
    gate.set()  # the old page's answer comes now
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=5000)
    assert model.loaded_pages() == [0]  # it was dropped, not shown
    assert model.row_at(55) is None
    assert [_text(model, r) for r in range(3)] == ["2", "4", "6"]
    _show_row(qtbot, model, 45)  # the new filter's page 4 loads as usual
    assert _text(model, 45) == "92"


def test_a_reset_overtaken_by_another_is_dropped(qtbot, service: FakeService) -> None:
    model = _loaded(qtbot, service)
    slow = Filter(text="even", sort="name")
    gate = service.hold("count", slow)
    counted: list[int] = []
    model.counted.connect(counted.append)
    model.set_filter(slow)
    qtbot.waitUntil(lambda: ("count", slow) in service.calls, timeout=5000)
    assert model.filter == slow and model.is_loading()
    assert model.rowCount() == 95 and _text(model, 0) == "1"  # the old rows until the new come
    assert _text(model, 15) == LOADING_TEXT  # a page of the old rows is not fetched now
    assert not [c for c in service.calls if c[0] == "page" and c[2] == 10]
    fast = Filter(descending=True)
    with qtbot.waitSignal(model.counted, timeout=5000):
        model.set_filter(fast)
    gate.set()
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=5000)
    assert counted == [95]  # the overtaken reset never showed
    assert model.filter == fast and not model.is_loading()
    assert model.rowCount() == 95 and _text(model, 0) == "95"


def test_sorting_by_a_header_asks_the_service_for_that_order(qtbot, service: FakeService) -> None:
    model = _loaded(qtbot, service)
    assert model.sortable() and model.sort_column() == 0
    with qtbot.waitSignal(model.counted, timeout=5000):
        model.sort(1, Qt.SortOrder.DescendingOrder)
    assert model.filter == Filter(sort="name", descending=True)
    assert model.sort_column() == 1 and model.sort_order() == Qt.SortOrder.DescendingOrder
    assert _text(model, 0, 1) == "名前 0094" and _text(model, 0) == "1"
    with qtbot.waitSignal(model.counted, timeout=5000):
        model.sort(1, Qt.SortOrder.AscendingOrder)
    assert _text(model, 0, 1) == "名前 0000" and _text(model, 0) == "95"
    calls = len(service.calls)
    model.sort(2, Qt.SortOrder.AscendingOrder)  # the column without a sort key: ignored
    assert len(service.calls) == calls and not model.is_loading()


def test_only_pages_still_on_screen_are_fetched(qtbot, service: FakeService) -> None:
    model = _loaded(qtbot, service)
    gate = service.hold("page", Filter(), 10)
    assert _text(model, 10) == LOADING_TEXT  # page 1 held at the gate
    qtbot.waitUntil(lambda: ("page", Filter(), 10) in service.calls, timeout=5000)
    assert _text(model, 30) == LOADING_TEXT  # page 3 wanted, then scrolled past
    model.set_visible_rows(70, 79)  # only page 7 on screen now
    assert _text(model, 70) == LOADING_TEXT
    with qtbot.waitSignal(model.page_loaded, timeout=5000) as loaded:
        gate.set()
    assert loaded.args == [1]
    qtbot.waitUntil(lambda: 7 in model.loaded_pages(), timeout=5000)
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=5000)
    assert ("page", Filter(), 30) not in service.calls and 3 not in model.loaded_pages()


def test_refresh_counts_again_and_reloads_the_pages_last_shown(qtbot, service: FakeService) -> None:
    model = _loaded(qtbot, service)
    for row in (40, 60):
        _show_row(qtbot, model, row)
    service.total = 65  # rows deleted elsewhere
    with qtbot.waitSignal(model.counted, timeout=5000) as counted:
        model.refresh()
    assert counted.args == [65]
    assert model.loaded_pages() == [4, 6]  # the two most recent pages, read again
    assert _text(model, 64) == "65" and model.row_at(65) is None


def test_a_failing_service_is_reported_once_and_the_rows_stay(qtbot, service: FakeService) -> None:
    model = _loaded(qtbot, service)
    failures: list[BaseException] = []
    model.load_failed.connect(failures.append)
    service.fail = True
    model.refresh()
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert model.rowCount() == 95 and _text(model, 0) == "1"  # the previous rows stay
    assert _text(model, 50) == LOADING_TEXT
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=5000)
    assert len(failures) == 1 and isinstance(failures[0], OSError)
