"""Reading an import file row by row, whatever spreadsheet program wrote it.

Rules (IMPORT-FORMAT.md):

- FILE is ``.csv`` or ``.xlsx`` (the suffix decides, in any case); for ``.xlsx`` the FIRST sheet
  is read (not whichever sheet was active when it was saved), with the values formulas last
  computed to.
- A CSV's encoding is detected without asking: UTF-8 with or without BOM when the whole file
  decodes strictly as UTF-8, else CP932 (Shift_JIS with the Windows extensions, as Excel writes
  it) when the whole file decodes as that. Anything else is refused with the line of the first
  byte that could not be read, and UTF-16 or binary files get a message that says so.
- Rows are numbered as a spreadsheet numbers them: the header is line 1. A CSV value spanning
  several physical lines (a quoted line break) is one row, as Excel shows it.
- Rows are streamed: the file is read twice at most (the encoding check, then the rows) and never
  held in memory whole.
"""

import codecs
import csv
import zipfile
from collections.abc import Generator
from datetime import date, time, timedelta
from pathlib import Path

from oneaqita.values import Cell

__all__ = ["SUFFIXES", "ImportFileError", "Rows", "detect_encoding", "read_rows"]

SUFFIXES = (".csv", ".xlsx")
Rows = Generator[tuple[int, list[Cell]], None, None]
_CHUNK = 1 << 20


class ImportFileError(Exception):
    """The file as a whole cannot be read; ``line`` is where, when known."""

    def __init__(self, ja: str, en: str, line: int | None = None) -> None:
        super().__init__(f"{ja} / {en}")
        self.ja = ja
        self.en = en
        self.line = line


def _first_bad_line(path: Path, encoding: str) -> int | None:
    """The line of the first byte that does not decode strictly, or None if all does."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    line = 1
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return line + chunk[: max(exc.start, 0)].count(b"\n")
            line += chunk.count(b"\n")
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return line
    return None


def detect_encoding(path: Path) -> str:
    """``"utf-8-sig"`` (reads UTF-8 with or without BOM) or ``"cp932"``; else ImportFileError."""
    with path.open("rb") as f:
        head = f.read(4096)
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFileError(
            "UTF-16 (Unicodeテキスト) のファイルは読めません。"
            "「CSV UTF-8 (コンマ区切り)」で保存し直してください",
            "UTF-16 (Unicode text) files are not supported; save as 'CSV UTF-8 (comma delimited)'",
        )
    if b"\x00" in head:
        raise ImportFileError(
            "CSVではありません (バイナリファイルです。Excelのファイルなら拡張子は .xlsx です)",
            "not a CSV text file (it is binary; an Excel workbook must be named .xlsx)",
        )
    bad_utf8 = _first_bad_line(path, "utf-8-sig")
    if bad_utf8 is None:
        return "utf-8-sig"
    bad_cp932 = _first_bad_line(path, "cp932")
    if bad_cp932 is None:
        return "cp932"
    # The encoding that read further is most likely the one the file was meant to be in.
    line, name = (bad_utf8, "UTF-8") if bad_utf8 >= bad_cp932 else (bad_cp932, "CP932")
    raise ImportFileError(
        f"文字コードを判別できません。UTF-8でもShift_JIS (CP932)でも読めない文字があります "
        f"({name}として{line}行目で読めなくなります)。UTF-8またはShift_JISで保存し直してください",
        f"cannot detect the encoding: the file is neither valid UTF-8 nor Shift_JIS (CP932) "
        f"(as {name} it becomes unreadable on line {line}); save it as UTF-8 or Shift_JIS",
        line,
    )


def _csv_rows(path: Path) -> Rows:
    encoding = detect_encoding(path)
    with path.open("r", encoding=encoding, newline="") as f:
        try:
            for number, row in enumerate(csv.reader(f, strict=True), start=1):
                yield number, list(row)
        except csv.Error as exc:
            raise ImportFileError(
                f"CSVの形式が正しくありません (引用符の閉じ忘れなど): {exc}",
                f"malformed CSV (e.g. an unclosed quote): {exc}",
            ) from exc


def _xlsx_rows(path: Path) -> Rows:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise ImportFileError(
            f"Excelファイル (.xlsx) として開けません: {exc}",
            f"cannot open as an Excel workbook (.xlsx): {exc}",
        ) from exc
    try:
        if not wb.worksheets:
            return
        sheet = wb.worksheets[0]
        # Some writers store a wrong sheet size; without this, rows past it would be lost.
        sheet.reset_dimensions()
        rows = sheet.iter_rows(values_only=True)
        for number, row in enumerate(rows, start=1):
            yield number, [_xlsx_value(v) for v in row]
    finally:
        wb.close()


def _xlsx_value(value: object) -> Cell:
    if value is None or isinstance(value, str | int | float | date | time | timedelta):
        return value
    # Decimal, rich text or a formula object: its text, which the column's parser reads.
    return str(value)


def read_rows(path: Path) -> Rows:
    """(line number, cells) for every row of the file, the header row being line 1.

    Cells are what the file holds: ``str`` (``""`` for empty) from a CSV; ``str``, ``int``,
    ``float``, ``bool``, ``datetime``, ``time`` or ``None`` from a workbook. Raises
    ImportFileError (when the first row is requested) for a file that cannot be read.
    """
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv_rows(path)
    if suffix == ".xlsx":
        return _xlsx_rows(path)
    raise ValueError(f"unsupported suffix {suffix!r}")
