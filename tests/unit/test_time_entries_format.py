"""The time-entries file format (no database): what export writes, import reads back as the
same rows, the hours as ``7:30`` whatever was typed."""

from hypothesis import given
from hypothesis import strategies as st

from oneaqita.models import OverheadCategory
from oneaqita.transfer.kinds.time_entries import TimeEntryRow
from tests.unit.test_import_properties import SETTINGS, _round_trip, dates, formula_like, texts

rows = st.builds(
    TimeEntryRow,
    employee_no=texts.filter(lambda s: len(s) <= 20),
    date=dates,
    minutes=st.integers(0, 24 * 60),
    work_order=st.none() | texts,
    category=st.none() | st.sampled_from(OverheadCategory),
    note=st.none() | texts | formula_like,
)


def _key(row: TimeEntryRow) -> tuple[object, ...]:
    return (row.employee_no, row.date, row.work_order, row.category)


@SETTINGS
@given(st.lists(rows, max_size=5, unique_by=_key))
def test_time_entries_written_by_export_read_back_the_same(records: list[TimeEntryRow]) -> None:
    assert _round_trip("time-entries", records, ".csv") == records


@SETTINGS
@given(st.lists(rows, min_size=1, max_size=3, unique_by=_key))
def test_time_entries_written_to_xlsx_read_back_the_same(records: list[TimeEntryRow]) -> None:
    assert _round_trip("time-entries", records, ".xlsx") == records
