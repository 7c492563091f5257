"""Reading an import file row by row, whatever spreadsheet program wrote it.

Rules (IMPORT-FORMAT.md):

- FILE is ``.csv`` or ``.xlsx`` (the suffix decides, in any case); for ``.xlsx`` the FIRST sheet
  is read (not whichever sheet was active when it was saved), with the values formulas last
  computed to.
- A CSV's encoding is detected without asking: UTF-8 with or without BOM when the whole file
  decodes strictly as UTF-8, else CP932 (Shift_JIS with the Windows extensions, as Excel writes
  it) when the whole file decodes as that AND reads as Japanese: no private-use or C1 control
  character (what unassigned bytes become), no half-width katakana touching a lowercase Latin
  letter or between two Latin letters, no other non-ASCII character between two Latin letters
  one of which is lowercase ("Straße" in Latin-1 reads "Straﾟe", "Françoise" "Fran輟ise").
  Anything else is refused, saying which encodings are accepted and the line where reading
  failed; UTF-16 or binary files get a message that says so.
- A cell longer than MAX_CELL_CHARS (32,767, Excel's limit) is a RefusedCell, an error at that
  cell; one longer than the csv module's field limit (131,072) ends the file (it is most often
  an unclosed quote). For .xlsx see xlsx.py (limits checked before parsing, formulas without a
  saved value).
- Rows are numbered as a spreadsheet numbers them: the header is line 1. A CSV value spanning
  several physical lines (a quoted line break) is one row, as Excel shows it.
- Rows are streamed: the file is read twice at most (the encoding check, then the rows) and never
  held in memory whole.
"""

import codecs
import csv
import re
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path

from oneaqita.values import Cell

__all__ = [
    "MAX_CELL_CHARS",
    "SUFFIXES",
    "ImportFileError",
    "RefusedCell",
    "Rows",
    "detect_encoding",
    "read_rows",
    "too_long",
]

SUFFIXES = (".csv", ".xlsx")
MAX_CELL_CHARS = 32_767
_CHUNK = 1 << 20


@dataclass(frozen=True)
class RefusedCell:
    """A cell the reader could not take as it is; ``ja``/``en`` say why (an error there)."""

    ja: str
    en: str


def too_long(length: int) -> RefusedCell:
    return RefusedCell(
        f"セルが長すぎます ({length:,}文字、上限{MAX_CELL_CHARS:,}文字)",
        f"cell too long ({length:,} characters, at most {MAX_CELL_CHARS:,})",
    )


Rows = Generator[tuple[int, list[Cell | RefusedCell]], None, None]


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


_HALF_KANA = "\uff61-\uff9f"
_NOT_JAPANESE = re.compile(
    "[\x80-\x9f\ue000-\uf8ff]"
    f"|[A-Za-z][{_HALF_KANA}][A-Za-z]|[a-z][{_HALF_KANA}]|[{_HALF_KANA}][a-z]"
    "|[a-z][^\x00-\x7f][A-Za-z]|[A-Za-z][^\x00-\x7f][a-z]"
)


def _first_implausible_cp932_line(path: Path) -> int | None:
    """The first line that, read as CP932, does not look like Japanese (module docstring)."""
    with path.open("r", encoding="cp932", newline="") as f:
        for number, line in enumerate(f, start=1):
            if _NOT_JAPANESE.search(line):
                return number
    return None


def _undetected(why_ja: str, why_en: str, line: int) -> ImportFileError:
    return ImportFileError(
        f"文字コードを判別できません。{why_ja}。"
        "使えるのはUTF-8 (BOM付き・なし) とShift_JIS (CP932) です。どちらかで保存し直してください",
        f"cannot detect the encoding: {why_en}; the accepted encodings are UTF-8 (with or "
        "without BOM) and Shift_JIS (CP932): save the file in one of them",
        line,
    )


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
        odd = _first_implausible_cp932_line(path)
        if odd is None:
            return "cp932"
        raise _undetected(
            f"UTF-8ではなく、Shift_JISとして読むと{odd}行目が日本語になりません "
            "(Latin-1など別の文字コードのようです)",
            f"the file is not UTF-8, and read as Shift_JIS line {odd} is not Japanese text "
            "(it looks like Latin-1 or another encoding)",
            odd,
        )
    # The encoding that read further is most likely the one the file was meant to be in.
    line, name = (bad_utf8, "UTF-8") if bad_utf8 >= bad_cp932 else (bad_cp932, "CP932")
    raise _undetected(
        f"UTF-8でもShift_JIS (CP932)でも読めない文字があります ({name}として{line}行目で"
        "読めなくなります)",
        f"the file is neither valid UTF-8 nor Shift_JIS (CP932) (as {name} it becomes "
        f"unreadable on line {line})",
        line,
    )


def _csv_rows(path: Path) -> Rows:
    encoding = detect_encoding(path)
    with path.open("r", encoding=encoding, newline="") as f:
        try:
            for number, row in enumerate(csv.reader(f, strict=True), start=1):
                yield number, [too_long(len(v)) if len(v) > MAX_CELL_CHARS else v for v in row]
        except csv.Error as exc:
            raise ImportFileError(
                f"CSVの形式が正しくありません (引用符の閉じ忘れ、または長すぎるセル): {exc}",
                f"malformed CSV (an unclosed quote, or a cell far too long): {exc}",
            ) from exc


def read_rows(path: Path) -> Rows:
    """(line number, cells) for every row of the file, the header row being line 1.

    Cells are what the file holds: ``str`` (``""`` for empty) from a CSV; ``str``, ``int``,
    ``float``, ``bool``, ``datetime``, ``time`` or ``None`` from a workbook; a RefusedCell
    from either. Raises ImportFileError (when the first row is requested) for a file that
    cannot be read, and later for one whose rest cannot be.
    """
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv_rows(path)
    if suffix == ".xlsx":
        from oneaqita.transfer.xlsx import xlsx_rows

        return xlsx_rows(path)
    raise ValueError(f"unsupported suffix {suffix!r}")
