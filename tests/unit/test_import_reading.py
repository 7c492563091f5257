"""Reading import files: encoding detection, line numbers, XLSX cell types (no database)."""

import codecs
from datetime import datetime
from pathlib import Path

import pytest

from oneaqita.transfer.reading import ImportFileError, detect_encoding, read_rows
from tests.import_files import write_csv, write_xlsx

ROWS = [["職員番号", "氏名"], ["Ｅ００１", "佐藤 花子"], ["E002", "髙橋 一郎"]]


@pytest.mark.parametrize(
    ("encoding", "detected"),
    [("utf-8-sig", "utf-8-sig"), ("utf-8", "utf-8-sig"), ("cp932", "cp932")],
)
def test_encoding_is_detected(tmp_path: Path, encoding: str, detected: str) -> None:
    path = write_csv(tmp_path / "p.csv", ROWS, encoding)
    assert detect_encoding(path) == detected
    assert [cells for _, cells in read_rows(path)] == ROWS


def test_cp932_extensions_and_bom_are_read(tmp_path: Path) -> None:
    # ① and 髙 exist only in CP932, not in plain Shift_JIS; a BOM never reaches a header.
    path = write_csv(tmp_path / "p.csv", [["資格"], ["①級"]], "cp932")
    assert list(read_rows(path)) == [(1, ["資格"]), (2, ["①級"])]
    path = write_csv(tmp_path / "b.csv", [["code"]], "utf-8-sig")
    assert path.read_bytes().startswith(codecs.BOM_UTF8)
    assert list(read_rows(path)) == [(1, ["code"])]


def test_undecodable_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    # Valid UTF-8 and CP932 up to line 3, then bytes neither can read (0x8540 is unassigned).
    path.write_bytes(b"code,name\r\n1,a\r\n2,\x85\x40\r\n")
    with pytest.raises(ImportFileError) as err:
        detect_encoding(path)
    assert err.value.line == 3
    assert "UTF-8" in err.value.ja and "CP932" in err.value.en


def test_utf16_and_binary_files_are_refused_with_a_reason(tmp_path: Path) -> None:
    utf16 = tmp_path / "u.csv"
    utf16.write_bytes(codecs.BOM_UTF16_LE + "code\r\n".encode("utf-16-le"))
    with pytest.raises(ImportFileError, match="UTF-16"):
        list(read_rows(utf16))
    workbook = write_xlsx(tmp_path / "w.xlsx", [["code"]])
    renamed = tmp_path / "w.csv"
    renamed.write_bytes(workbook.read_bytes())
    with pytest.raises(ImportFileError, match=r"\.xlsx"):
        list(read_rows(renamed))


def test_csv_lines_count_rows_as_a_spreadsheet_does(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text('code,note\r\n1,"two\r\nlines"\r\n\r\n2,x\r\n', encoding="utf-8")
    assert list(read_rows(path)) == [
        (1, ["code", "note"]),
        (2, ["1", "two\r\nlines"]),
        (3, []),
        (4, ["2", "x"]),
    ]


def test_unclosed_quote_is_a_file_error(tmp_path: Path) -> None:
    path = tmp_path / "q.csv"
    path.write_text('code,name\r\n1,"open\r\n', encoding="utf-8")
    with pytest.raises(ImportFileError, match="CSV"):
        list(read_rows(path))


def test_xlsx_first_sheet_typed_cells_and_empty_rows(tmp_path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    first = wb.active
    assert first is not None
    first.append(["株主", "株式数", "取得日"])
    first.append(["052019", 1200, datetime(2024, 4, 1)])
    first.append([])
    first.append(["050008", 1.5e3, "R6.4.1"])
    other = wb.create_sheet("second")
    other.append(["not", "read"])
    wb.active = 1  # saved with the second sheet active: the first is still the one read
    path = tmp_path / "s.xlsx"
    wb.save(path)
    rows = list(read_rows(path))
    assert rows[0] == (1, ["株主", "株式数", "取得日"])
    assert rows[1] == (2, ["052019", 1200, datetime(2024, 4, 1)])
    assert rows[2][0] == 3 and all(c is None for c in rows[2][1])
    assert rows[3] == (4, ["050008", 1500, "R6.4.1"])


def test_not_a_workbook_is_a_file_error(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_text("code\n1\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match="xlsx"):
        list(read_rows(path))
