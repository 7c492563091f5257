"""The paged work-order table model on its own, against the service it reads."""

import dataclasses

from PySide6.QtCore import Qt

from oneaqita.models import WorkOrderStatus
from oneaqita.services.database import Database
from oneaqita.services.work_order_queries import (
    WorkOrderFilter,
    WorkOrderSort,
    count_work_orders,
    list_work_orders,
)
from ui.work_orders.columns import COLUMNS, column_of
from ui.work_orders.table_model import ID_ROLE, LOADING_TEXT, WorkOrderTableModel

NUMBER = column_of(WorkOrderSort.NUMBER)
TITLE = column_of(WorkOrderSort.TITLE)


def _loaded_model(qtbot, db: Database, **kwargs) -> WorkOrderTableModel:  # type: ignore[no-untyped-def]
    model = WorkOrderTableModel(db, **kwargs)
    with qtbot.waitSignal(model.counted, timeout=5000):
        model.refresh()
    return model


def _text(model: WorkOrderTableModel, row: int, column: int) -> str:
    return str(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole))


def test_row_count_is_the_services_count(qtbot, demo_db: Database) -> None:
    model = _loaded_model(qtbot, demo_db)
    expected = count_work_orders(demo_db, WorkOrderFilter())
    assert expected > 50
    assert model.rowCount() == expected
    assert model.columnCount() == len(COLUMNS)


def test_first_row_shows_the_first_service_row(qtbot, demo_db: Database) -> None:
    model = _loaded_model(qtbot, demo_db)
    first = list_work_orders(demo_db, WorkOrderFilter(), 0, 1)[0]
    assert _text(model, 0, NUMBER) == first.number
    assert _text(model, 0, TITLE) == first.title
    assert model.data(model.index(0, 0), ID_ROLE) == first.id
    dates = [_text(model, 0, column_of(WorkOrderSort.PLANNED_START))]
    assert all(d == "" or (len(d) == 10 and d[4] == d[7] == "/") for d in dates)


def test_a_row_beyond_the_first_page_loads_in_the_background(qtbot, demo_db: Database) -> None:
    model = _loaded_model(qtbot, demo_db, page_size=20)
    row = 45  # page 2
    assert _text(model, row, NUMBER) == LOADING_TEXT  # asks for the page, does not block
    with qtbot.waitSignal(model.page_loaded, timeout=5000) as blocker:
        pass
    assert blocker.args == [2]
    expected = list_work_orders(demo_db, WorkOrderFilter(), row, 1)[0]
    assert _text(model, row, NUMBER) == expected.number


def test_only_the_most_recent_pages_are_kept(qtbot, demo_db: Database) -> None:
    model = _loaded_model(qtbot, demo_db, page_size=10, max_pages=2)
    for page in (1, 2, 3):
        model.data(model.index(page * 10, 0))
        qtbot.waitUntil(lambda p=page: model.row_at(p * 10) is not None, timeout=5000)
    assert len(model.loaded_pages()) == 2
    assert model.row_at(0) is None  # page 0 was the least recently used


def test_sort_by_number_maps_to_the_service_sort(qtbot, demo_db: Database) -> None:
    model = _loaded_model(qtbot, demo_db)
    with qtbot.waitSignal(model.counted, timeout=5000):
        model.sort(NUMBER, Qt.SortOrder.AscendingOrder)
    assert model.filter.sort is WorkOrderSort.NUMBER and not model.filter.descending
    shown = [_text(model, r, NUMBER) for r in range(10)]
    assert shown == sorted(shown)
    service = list_work_orders(demo_db, model.filter, 0, 10)
    assert shown == [r.number for r in service]


def test_sorting_by_title_follows_the_service(qtbot, demo_db: Database) -> None:
    model = _loaded_model(qtbot, demo_db)
    with qtbot.waitSignal(model.counted, timeout=5000):
        model.sort(TITLE, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: _text(model, 9, TITLE) != LOADING_TEXT, timeout=5000)
    assert model.filter.sort is WorkOrderSort.TITLE and not model.filter.descending
    service = list_work_orders(demo_db, model.filter, 0, 10)
    assert [_text(model, r, TITLE) for r in range(10)] == [r.title for r in service]


def test_set_filter_counts_and_shows_only_matching_rows(qtbot, demo_db: Database) -> None:
    model = _loaded_model(qtbot, demo_db)
    flt = dataclasses.replace(model.filter, statuses=frozenset({WorkOrderStatus.COMPLETED}))
    with qtbot.waitSignal(model.counted, timeout=5000) as blocker:
        model.set_filter(flt)
    expected = count_work_orders(demo_db, flt)
    assert blocker.args == [expected]
    assert model.rowCount() == expected
    assert expected > 0
    status_column = column_of(WorkOrderSort.STATUS)
    assert {_text(model, r, status_column) for r in range(min(expected, 20))} == {"完了"}


def test_a_newer_filter_wins_over_an_older_one_still_loading(qtbot, demo_db: Database) -> None:
    model = _loaded_model(qtbot, demo_db)
    model.set_filter(WorkOrderFilter(text="zzzz-nothing"))
    final = WorkOrderFilter(statuses=frozenset({WorkOrderStatus.DRAFT}))
    with qtbot.waitSignal(model.counted, timeout=5000):
        model.set_filter(final)
    qtbot.waitUntil(lambda: not model.is_loading(), timeout=5000)
    assert model.filter == final
    assert model.rowCount() == count_work_orders(demo_db, final)
