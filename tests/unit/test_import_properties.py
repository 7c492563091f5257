"""Properties of the file format (no database): what export writes, import reads back as the
same records; garbage in a cell is always an error on its own line."""

import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from oneaqita.models import SecondmentKind
from oneaqita.services.records import PersonData, SecondmentData
from oneaqita.transfer import KINDS, parse_file
from oneaqita.transfer.export import write_table
from oneaqita.values import ValueParseError, normalize_text, parse_date
from tests.import_files import write_csv
from tests.strategies import storable_text

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _clean(s: str) -> str:
    return normalize_text(s) or ""


# Text as the import stores it: storable, already NFKC and trimmed.
texts = storable_text(min_size=1, max_size=15).map(_clean).filter(bool)
# Text that a spreadsheet would read as a formula, or that starts with apostrophes.
formula_like = (
    st.tuples(st.text(st.sampled_from("'=+-@"), min_size=1, max_size=3), texts)
    .map(lambda parts: _clean("".join(parts)))
    .filter(bool)
)
items = texts.filter(lambda s: ";" not in s)
dates = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))

people = st.builds(
    PersonData,
    employee_no=texts,
    name=texts | formula_like,
    home_organization=texts,
    name_kana=st.none() | texts | formula_like,
    email=st.none() | texts,
    phone=st.none() | texts | formula_like,
    qualifications=st.lists(items, unique=True, max_size=4).map(tuple),
)
secondments = st.builds(
    SecondmentData,
    employee_no=texts,
    from_organization=texts,
    kind=st.sampled_from(SecondmentKind),
    start=dates,
    end=st.none() | dates,
    position=st.none() | texts,
    salary_borne_by_company_pct=st.integers(0, 100),
)


def _round_trip(kind: str, records: list[Any], suffix: str) -> list[Any]:
    spec = KINDS[kind]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"out{suffix}"
        write_table(path, kind, [c.name_ja for c in spec.columns], map(spec.cells, records))
        parsed = parse_file(kind, path)
    assert parsed.report.errors == []
    return [row.record for row in parsed.rows]


@SETTINGS
@given(st.lists(people, max_size=5, unique_by=lambda p: p.employee_no))
def test_people_written_by_export_read_back_the_same(records: list[PersonData]) -> None:
    assert _round_trip("people", records, ".csv") == records


@settings(max_examples=15, deadline=None)
@given(st.lists(people, min_size=1, max_size=3, unique_by=lambda p: p.employee_no))
def test_people_written_to_xlsx_read_back_the_same(records: list[PersonData]) -> None:
    assert _round_trip("people", records, ".xlsx") == records


@SETTINGS
@given(st.lists(secondments, max_size=5, unique_by=lambda s: (s.employee_no, s.start)))
def test_secondments_written_by_export_read_back_the_same(records: list[SecondmentData]) -> None:
    assert _round_trip("secondments", records, ".csv") == records


@settings(max_examples=15, deadline=None)
@given(st.lists(secondments, min_size=1, max_size=3, unique_by=lambda s: (s.employee_no, s.start)))
def test_xlsx_export_reads_back_the_same(records: list[SecondmentData]) -> None:
    assert _round_trip("secondments", records, ".xlsx") == records


def _not_a_date(text: str) -> bool:
    try:
        parse_date(text)
    except ValueParseError:
        return True
    return False


@SETTINGS
@given(
    garbage=st.text(min_size=1, max_size=12).filter(_not_a_date),
    good_before=st.integers(0, 6),
    good_after=st.integers(0, 6),
)
def test_garbage_in_a_date_cell_is_an_error_on_its_line(
    garbage: str, good_before: int, good_after: int
) -> None:
    assume("\x00" not in garbage)
    row = ["秋田市", "在籍派遣", "", "2026-03-31"]
    rows = [["職員番号", "派遣元", "派遣形態", "開始日", "終了日"]]
    rows += [[f"E{i}", *row[:2], "2025-04-01", row[3]] for i in range(good_before)]
    rows.append(["BAD", *row[:2], garbage, row[3]])
    rows += [[f"F{i}", *row[:2], "2025-04-01", row[3]] for i in range(good_after)]
    with tempfile.TemporaryDirectory() as folder:
        path = write_csv(Path(folder) / "g.csv", rows)
        parsed = parse_file("secondments", path, display_name="g.csv")
    errors = [str(e) for e in parsed.report.errors]
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"g.csv:{good_before + 2}: 開始日: "), errors
    assert len(parsed.rows) == good_before + good_after


def test_text_that_looks_like_a_formula_stays_text_in_xlsx(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from openpyxl import load_workbook

    from oneaqita.transfer.export import write_table

    path = tmp_path / "formula.xlsx"
    write_table(path, "t", ["派遣元"], [["=0"], ['=HYPERLINK("x")']])
    sheet = load_workbook(path).active
    assert [c.value for c in sheet["A"]][1:] == ["=0", '=HYPERLINK("x")']
    assert {c.data_type for c in sheet["A"]} == {"s"}
