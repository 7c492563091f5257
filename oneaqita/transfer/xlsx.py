"""Reading the first worksheet of an ``.xlsx`` workbook defensively, row by row.

Rules (IMPORT-FORMAT.md):

- Before any XML is parsed, the zip directory is checked (a zip member never yields more than
  its recorded size: zipfile stops there and checks the CRC). Refused at once: more than
  MAX_TOTAL_BYTES (2 GiB) uncompressed in all; a worksheet over MAX_SHEET_BYTES (1 GiB), the
  shared strings over MAX_STRINGS_BYTES (256 MiB), any other part over MAX_PART_BYTES
  (16 MiB); a member over 1 MiB compressed more than MAX_RATIO (100) times. A real
  200,000-row, 7-column sheet is a 90 MB worksheet compressed 12 times.
- The XML is parsed by openpyxl's parsers, which use defusedxml: a document that declares
  entities (billion laughs) is refused, and so is XML that does not parse (a truncated sheet);
  either is an ImportFileError naming the part, never a traceback.
- A formula cell without a saved value (as scripts and openpyxl write them) and a text cell
  longer than MAX_CELL_CHARS (32,767, Excel's own limit) are RefusedCell: an error at that cell.
- Memory does not grow with the file: the sheet is streamed row by row, and the shared strings
  are streamed once into a temporary file (text and an 8-byte offset index) and looked up
  there, with a small cache for strings that repeat.
- Values are those formulas were last computed to; number cells formatted as dates become
  ``datetime``/``time``/``timedelta`` as openpyxl makes them.
"""

import contextlib
import functools
import struct
import tempfile
import zipfile
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import ParseError

from oneaqita.transfer.reading import (
    MAX_CELL_CHARS,
    ImportFileError,
    RefusedCell,
    Rows,
    too_long,
)

__all__ = ["xlsx_rows"]

MAX_TOTAL_BYTES = 2 << 30
MAX_SHEET_BYTES = 1 << 30
MAX_STRINGS_BYTES = 256 << 20
MAX_PART_BYTES = 16 << 20
MAX_RATIO = 100
_RATIO_FROM = 1 << 20
MAX_ROW = 1_048_576  # Excel's last row

NO_SAVED_VALUE = RefusedCell(
    "数式の結果が保存されていません。Excelで開いて保存し直してください",
    "formula without a saved value: open and save the file in Excel first",
)


def _mib(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB"


def _check_sizes(archive: zipfile.ZipFile) -> None:
    total = 0
    for info in archive.infolist():
        total += info.file_size
        name = info.filename
        if name.startswith("xl/worksheets/"):
            limit = MAX_SHEET_BYTES
        elif name.lower().endswith("sharedstrings.xml"):
            limit = MAX_STRINGS_BYTES
        elif name.endswith((".xml", ".rels")):
            limit = MAX_PART_BYTES
        else:
            limit = MAX_SHEET_BYTES  # pictures and the like are never parsed
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limit or (info.file_size > _RATIO_FROM and ratio > MAX_RATIO):
            raise ImportFileError(
                f"Excelファイルの中身「{name}」が大きすぎます (展開すると{_mib(info.file_size)}、"
                f"圧縮率{ratio:,.0f}倍。上限は{_mib(limit)}、{MAX_RATIO}倍)。"
                "壊れているか、取り込み用のファイルではありません",
                f"the workbook part {name!r} is too large ({_mib(info.file_size)} uncompressed, "
                f"compressed {ratio:,.0f} times; the limits are {_mib(limit)} and {MAX_RATIO} "
                "times): the file is damaged or not meant for importing",
            )
    if total > MAX_TOTAL_BYTES:
        raise ImportFileError(
            f"Excelファイルが大きすぎます (展開すると{_mib(total)}、上限{_mib(MAX_TOTAL_BYTES)})",
            f"the workbook is too large ({_mib(total)} uncompressed, at most "
            f"{_mib(MAX_TOTAL_BYTES)})",
        )


def _broken(part: str, exc: Exception) -> ImportFileError:
    why = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return ImportFileError(
        f"Excelファイルの「{part}」が壊れています ({why})。Excelで開いて保存し直してください",
        f"the workbook part {part!r} is damaged ({why}); open and save the file in Excel",
    )


class _SharedStrings:
    """The shared string table in a temporary file; ``strings[i]`` reads string i back."""

    def __init__(self, text: IO[bytes], ends: IO[bytes]) -> None:
        self._text = text  # the strings in UTF-8, one after the other
        self._ends = ends  # where each ends in _text, 8 bytes each
        self._count = 0
        self._long: dict[int, int] = {}  # index -> length, for strings over MAX_CELL_CHARS
        self._cached = functools.lru_cache(maxsize=4096)(self._load)

    def add(self, text: str) -> None:
        if len(text) > MAX_CELL_CHARS:
            self._long[self._count] = len(text)
        else:
            self._text.write(text.encode("utf-8", "surrogatepass"))
        self._ends.write(struct.pack("<Q", self._text.tell()))
        self._count += 1

    def __getitem__(self, index: int) -> str | RefusedCell:
        return self._cached(index)

    def _load(self, index: int) -> str | RefusedCell:
        if not 0 <= index < self._count:
            raise IndexError(f"shared string {index} of {self._count}")
        if index in self._long:
            return too_long(self._long[index])
        self._ends.seek(max(index - 1, 0) * 8)
        pair = self._ends.read(16 if index else 8)
        start, end = struct.unpack("<QQ", pair) if index else (0, *struct.unpack("<Q", pair))
        self._text.seek(start)
        return self._text.read(end - start).decode("utf-8", "surrogatepass")


def _read_strings(archive: zipfile.ZipFile, part: str, into: _SharedStrings) -> None:
    from openpyxl.cell.text import Text
    from openpyxl.xml.constants import SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    tag = f"{{{SHEET_MAIN_NS}}}si"
    root = None
    with archive.open(part) as src:
        for event, node in iterparse(src, events=("start", "end")):
            if event == "start":
                root = node if root is None else root
            elif node.tag == tag:
                # As openpyxl reads it: the text runs without the phonetic (furigana) runs.
                text = Text.from_tree(node)
                into.add("" if text is None else text.content.replace("x005F_", ""))
                assert root is not None
                root.clear()  # the strings read so far, not only their text (see _sheet_parser)


def _sheet_parser(src: IO[bytes], strings: _SharedStrings, wb: Any) -> Any:
    from openpyxl.worksheet._reader import (
        DATA_TAG,
        FORMULA_TAG,
        ROW_TAG,
        VALUE_TAG,
        WorkSheetParser,
    )
    from openpyxl.xml.functions import iterparse

    class Parser(WorkSheetParser):
        def parse(self) -> Generator[tuple[int, list[dict[str, Any]]], None, None]:
            # Only the rows; each is removed from the tree once read (openpyxl's parse only
            # empties them, and the empty elements pile up: 100 bytes a row).
            data = None
            for event, element in iterparse(self.source, events=("start", "end")):
                if event == "start":
                    if element.tag == DATA_TAG:
                        data = element
                elif element.tag == ROW_TAG:
                    row: tuple[int, list[dict[str, Any]]] = self.parse_row(element)
                    self.row_dimensions.clear()  # the row heights, never used here
                    yield row
                    if data is not None:
                        data.clear()

        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            value = cell["value"]
            if element.find(FORMULA_TAG) is not None and cell["data_type"] != "str":
                saved = element.find(VALUE_TAG)
                if saved is None or not saved.text:
                    cell["value"] = NO_SAVED_VALUE
            elif isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                cell["value"] = too_long(len(value))
            return cell

    return Parser(
        src,
        strings,  # type: ignore[arg-type]  # a too-long string is a RefusedCell
        data_only=True,
        epoch=wb.epoch,
        date_formats=getattr(wb, "_date_formats", set()),
        timedelta_formats=getattr(wb, "_timedelta_formats", set()),
    )


def _open(path: Path) -> tuple[Any, str | None, str | None]:
    """openpyxl's reader with the workbook and styles read, the first worksheet's part and
    the shared strings' part (None where the workbook has none)."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet
    from openpyxl.xml.constants import SHARED_STRINGS

    reader = ExcelReader(path, read_only=True, data_only=True)
    _check_sizes(reader.archive)
    reader.read_manifest()
    reader.read_workbook()
    apply_stylesheet(reader.archive, reader.wb)
    sheets = [
        rel.target
        for _sheet, rel in reader.parser.find_sheets()
        if rel.target in reader.valid_files and "chartsheet" not in rel.Type
    ]
    strings = reader.package.find(SHARED_STRINGS)  # type: ignore[no-untyped-call]
    return reader, sheets[0] if sheets else None, strings.PartName[1:] if strings else None


def _rows(parser: Any) -> Iterator[tuple[int, list[object]]]:
    expected = 1
    for number, cells in parser.parse():
        if not expected <= number <= MAX_ROW:
            raise ValueError(f"row {number} out of order or past row {MAX_ROW:,}")
        for missing in range(expected, number):
            yield missing, []
        values: list[object] = [None] * (max((c["column"] for c in cells), default=0))
        for c in cells:
            values[c["column"] - 1] = c["value"]
        yield number, values
        expected = number + 1


def xlsx_rows(path: Path) -> Rows:
    """The first worksheet's rows (see the module docstring)."""
    from openpyxl.utils.exceptions import InvalidFileException

    part = "workbook"
    try:
        with contextlib.ExitStack() as stack:
            try:
                reader, sheet, strings_part = _open(path)
            except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError) as exc:
                raise ImportFileError(
                    f"Excelファイル (.xlsx) として開けません: {exc}",
                    f"cannot open as an Excel workbook (.xlsx): {exc}",
                ) from exc
            stack.callback(reader.archive.close)
            if sheet is None:
                return
            strings = _SharedStrings(
                stack.enter_context(tempfile.TemporaryFile()),
                stack.enter_context(tempfile.TemporaryFile()),
            )
            if strings_part is not None:
                part = strings_part
                _read_strings(reader.archive, strings_part, strings)
            part = sheet
            src = stack.enter_context(reader.archive.open(sheet))
            for number, values in _rows(_sheet_parser(src, strings, reader.wb)):
                yield number, [_cell(v) for v in values]
    except ImportFileError:
        raise
    except (ParseError, ValueError, IndexError, KeyError, TypeError, zipfile.BadZipFile) as exc:
        # defusedxml's refusals of entities are ValueErrors too.
        raise _broken(part, exc) from exc


def _cell(value: object) -> Any:
    from datetime import date, time, timedelta

    if value is None or isinstance(value, str | int | float | date | time | timedelta):
        return value
    if isinstance(value, RefusedCell):
        return value
    # Decimal or rich text: its text, which the column's parser reads.
    return str(value)
