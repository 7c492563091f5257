"""Phase 1 of an import: reading and parsing every row of the file, no database involved.

Rules (IMPORT-FORMAT.md):

- The header row (line 1) is matched to the kind's columns; unknown, doubled or missing required
  columns are errors on line 1 and nothing further is read.
- Every other row that is not entirely empty is parsed cell by cell; EVERY error of EVERY row is
  collected as ``FILE:LINE: column: reason`` (column = the header as the file spells it).
- A row with the same key as an earlier row is an error on the later one ("same key as line N").
- A file that cannot be read at all (encoding, not a workbook, broken CSV quoting) is one error.
"""

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oneaqita.importing.columns import Header, KindSpec, match_header
from oneaqita.importing.kinds import get_kind
from oneaqita.importing.reading import SUFFIXES, ImportFileError, Rows, read_rows
from oneaqita.importing.report import ImportReport, ImportRequestError, RowError
from oneaqita.values import Cell, ValueParseError, cell_text

__all__ = ["ParsedFile", "ParsedRow", "Progress", "check_request", "parse_file"]

# (stage "parse" or "store", rows done, rows in all or 0 while still reading)
Progress = Callable[[str, int, int], None]
PROGRESS_EVERY = 500


def check_request(kind: str, path: Path) -> KindSpec[Any]:
    """The kind's spec if KIND is supported and FILE an existing .csv or .xlsx file; otherwise
    ImportRequestError (the command was wrong, exit status 2)."""
    spec = get_kind(kind)
    if path.suffix.lower() not in SUFFIXES:
        raise ImportRequestError(
            f"{path}: 対応していないファイル形式です。.csv か .xlsx にしてください",
            f"{path}: unsupported file type; use .csv or .xlsx",
        )
    if not path.is_file():
        raise ImportRequestError(f"{path}: ファイルがありません", f"{path}: no such file")
    return spec


@dataclass(frozen=True)
class ParsedRow:
    line: int
    record: object


@dataclass
class ParsedFile:
    """What phase 1 found: the rows that parsed (in file order) and the report so far."""

    spec: KindSpec[Any]
    report: ImportReport
    header: Header | None = None
    rows: list[ParsedRow] = field(default_factory=list)
    last_line: int = 1

    def error(self, line: int | None, column: str | None, ja: str, en: str) -> None:
        self.report.errors.append(RowError(self.report.file, line, column, ja, en))

    def key_column(self) -> str:
        assert self.header is not None
        return self.header.name_of(self.spec.key_columns()[0])

    def column_for(self, field: str | None) -> str:
        col = self.spec.column(field)
        if col is None or self.header is None:
            return self.key_column()
        return self.header.name_of(col)


def _column_letter(number: int) -> str:
    """Excel's name of the 1-based column ``number``: A … Z, AA …"""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _parse_row(p: ParsedFile, line: int, cells: list[Cell]) -> dict[str, object] | None:
    assert p.header is not None
    values: dict[str, object] = {}
    failed = False
    slots = p.header.slots
    # A short CSV row lacks its last cells: they are empty.
    for i, col in enumerate(slots):
        if col is None:
            continue
        try:
            values[col.attr] = col.read(cells[i] if i < len(cells) else None)
        except ValueParseError as exc:
            p.error(line, p.header.name_of(col), exc.ja, exc.en)
            failed = True
    for i, raw in enumerate(cells):
        if (i >= len(slots) or slots[i] is None) and cell_text(raw) is not None:
            p.error(
                line,
                f"{_column_letter(i + 1)}列",
                "列名のない列に値があります",
                "value in a column without a header",
            )
            failed = True
    return None if failed else values


def _parse(p: ParsedFile, rows: Rows, progress: Progress | None) -> None:
    parsed = p.rows
    first = next(rows, None)
    if first is None or all(cell_text(c) is None for c in first[1]):
        p.error(1, None, "見出し行がありません (1行目が空です)", "no header row (line 1 is empty)")
        return
    matched = match_header(p.spec, first[1])
    if isinstance(matched, list):
        for problem in matched:
            p.error(1, problem.column, problem.ja, problem.en)
        return
    p.header = matched
    seen: dict[tuple[object, ...], int] = {}
    for line, cells in rows:
        p.last_line = line
        if all(cell_text(c) is None for c in cells):
            continue
        p.report.rows += 1
        if progress and p.report.rows % PROGRESS_EVERY == 0:
            progress("parse", p.report.rows, 0)
        values = _parse_row(p, line, cells)
        if values is None:
            continue
        key = tuple(values.get(col.attr) for col in p.spec.key_columns())
        if key in seen:
            p.error(
                line,
                p.key_column(),
                f"{seen[key]}行目と同じキーです",
                f"same key as line {seen[key]}",
            )
            continue
        seen[key] = line
        parsed.append(ParsedRow(line, p.spec.build(values)))


def parse_file(
    kind: str,
    path: Path | str,
    *,
    check_only: bool = False,
    display_name: str | None = None,
    progress: Progress | None = None,
) -> ParsedFile:
    """Read and parse FILE as KIND (see the module docstring). Raises ImportRequestError if
    the request is wrong (check_request); every problem of the content is in ``report``."""
    path = Path(path)
    spec = check_request(kind, path)
    p = ParsedFile(spec, ImportReport(spec.name, display_name or str(path), check_only))
    rows = read_rows(path)
    with contextlib.closing(rows):
        try:
            _parse(p, rows, progress)
        except ImportFileError as exc:
            line = exc.line if exc.line is not None or p.header is None else p.last_line + 1
            p.error(line, None, exc.ja, exc.en)
            p.rows.clear()
    return p
