"""Phase 1 of an import: reading and parsing every row of the file, no database involved.

Rules (IMPORT-FORMAT.md):

- The header row (line 1) is matched to the kind's columns; unknown, doubled or missing required
  columns are errors on line 1 and nothing further is read.
- Every other row that is not entirely empty is parsed cell by cell; EVERY error of EVERY row is
  collected as ``FILE:LINE: column: reason`` (column = the header as the file spells it).
- A row with the same key as an earlier row is an error on the later one ("same key as line N").
- A file that cannot be read at all (encoding, not a workbook, broken CSV quoting) is one error.
- A cell the reader refused (reading.RefusedCell: too long, a formula without a saved value) is
  an error at that cell.
- Rows are parsed as they are read (``parsing`` yields them KEY_BATCH at a time, their keys
  checked together), so that the import holds a chunk at a time, not the file;
  ``parse_file`` collects them all. A text cell is read once per distinct text in a column
  whose parser depends on the cell alone (``_RowReader``).
"""

import contextlib
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oneaqita.errors import Cancelled
from oneaqita.transfer.columns import Column, Header, KindSpec, match_header
from oneaqita.transfer.kinds import get_kind
from oneaqita.transfer.reading import SUFFIXES, ImportFileError, RefusedCell, Rows, read_rows
from oneaqita.transfer.report import ImportReport, ImportRequestError, RowError
from oneaqita.transfer.seen import FirstLines
from oneaqita.values import Cell, ValueParseError, cell_text

__all__ = [
    "CancelCheck",
    "ParsedFile",
    "ParsedRow",
    "Progress",
    "check_request",
    "parse_file",
    "parsing",
]

# (stage "parse" or "store", rows done, rows in all or 0 while still reading)
Progress = Callable[[str, int, int], None]
# True once the user asked to stop: asked every PROGRESS_EVERY rows read (errors.Cancelled).
CancelCheck = Callable[[], bool]
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
    broken: bool = False  # the file could not be read to its end

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


def _empty(cell: Cell | RefusedCell) -> bool:
    return not isinstance(cell, RefusedCell) and cell_text(cell) is None


def _blank(cells: list[Cell | RefusedCell]) -> bool:
    """Whether every cell of a row is empty (a row of data mostly starts with a letter or a
    digit, which tells at once)."""
    first = cells[0] if cells else None
    if type(first) is str and first[:1].isalnum():
        return False
    return all(_empty(c) for c in cells)


# A column's memo holds at most this many distinct texts (what it read them as).
MEMO_SIZE = 4096
_MISS = object()


class _RowReader:
    """Reads the cells of a row by the header's columns. A text cell of a column whose parser
    depends on the cell alone (Column.memoizable) is read once per distinct text: an import
    meets the same kinds, bodies, districts and years again and again."""

    def __init__(self, header: Header) -> None:
        self.header = header
        self.slots = header.slots
        self.columns: list[tuple[int, Column, str, dict[str, object] | None]] = [
            (i, col, col.attr, {} if col.memoizable else None)
            for i, col in enumerate(header.slots)
            if col is not None
        ]
        self.unnamed = [i for i, col in enumerate(header.slots) if col is None]

    def values(
        self, p: "ParsedFile", line: int, cells: list[Cell | RefusedCell]
    ) -> dict[str, object] | None:
        values: dict[str, object] = {}
        failed = False
        count = len(cells)
        # A short CSV row lacks its last cells: they are empty.
        for i, col, attr, memo in self.columns:
            raw = cells[i] if i < count else None
            if memo is not None and type(raw) is str:
                hit = memo.get(raw, _MISS)
                if hit is not _MISS:
                    values[attr] = hit
                    continue
            try:
                if isinstance(raw, RefusedCell):
                    raise ValueParseError(raw.ja, raw.en)
                value = values[attr] = col.read(raw)
            except ValueParseError as exc:
                p.error(line, self.header.name_of(col), exc.ja, exc.en)
                failed = True
                continue
            if memo is not None and type(raw) is str and len(memo) < MEMO_SIZE:
                memo[raw] = value
        extra = [i for i in self.unnamed if i < count] + list(range(len(self.slots), count))
        for i in extra:
            raw = cells[i]
            if _empty(raw):
                continue
            ja, en = (
                (raw.ja, raw.en)
                if isinstance(raw, RefusedCell)
                else ("列名のない列に値があります", "value in a column without a header")
            )
            p.error(line, f"{_column_letter(i + 1)}列", ja, en)
            failed = True
        return None if failed else values


def _header(p: ParsedFile, rows: Rows) -> None:
    """Match line 1; ``p.header`` stays None when it is missing or wrong (errors on line 1)."""
    first = next(rows, None)
    if first is None or all(_empty(c) for c in first[1]):
        p.error(1, None, "見出し行がありません (1行目が空です)", "no header row (line 1 is empty)")
        return
    refused = [(i, c) for i, c in enumerate(first[1]) if isinstance(c, RefusedCell)]
    for i, cell in refused:
        p.error(1, f"{_column_letter(i + 1)}列", cell.ja, cell.en)
    if refused:
        return
    matched = match_header(p.spec, [c for c in first[1] if not isinstance(c, RefusedCell)])
    if isinstance(matched, list):
        for problem in matched:
            p.error(1, problem.column, problem.ja, problem.en)
        return
    p.header = matched


# Rows whose keys are looked up together among those seen before (FirstLines.first_many).
KEY_BATCH = 500


def _parse(
    p: ParsedFile, rows: Rows, progress: Progress | None, cancelled: CancelCheck | None
) -> Iterator[ParsedRow]:
    assert p.header is not None
    reader = _RowReader(p.header)
    key_attrs = [col.attr for col in p.spec.key_columns()]
    build = p.spec.build
    with FirstLines() as seen:
        batch: list[tuple[int, dict[str, object]]] = []
        for line, cells in rows:
            p.last_line = line
            if _blank(cells):
                continue
            p.report.rows += 1
            if p.report.rows % PROGRESS_EVERY == 0:
                if cancelled is not None and cancelled():
                    raise Cancelled()
                if progress:
                    progress("parse", p.report.rows, 0)
            values = reader.values(p, line, cells)
            if values is not None:
                batch.append((line, values))
            if len(batch) >= KEY_BATCH:
                yield from _unseen(p, seen, key_attrs, build, batch)
                batch = []
        yield from _unseen(p, seen, key_attrs, build, batch)


def _unseen(
    p: ParsedFile,
    seen: FirstLines,
    key_attrs: list[str],
    build: Callable[[dict[str, object]], object],
    batch: list[tuple[int, dict[str, object]]],
) -> Iterator[ParsedRow]:
    """The rows of `batch` whose key no earlier row had (an error on each of the others)."""
    keys = [(tuple(values.get(a) for a in key_attrs), line) for line, values in batch]
    for (line, values), first in zip(batch, seen.first_many(keys), strict=True):
        if first is not None:
            p.error(line, p.key_column(), f"{first}行目と同じキーです", f"same key as line {first}")
            continue
        yield ParsedRow(line, build(values))


def _file_error(p: ParsedFile, exc: ImportFileError) -> None:
    line = exc.line if exc.line is not None or p.header is None else p.last_line + 1
    p.error(line, None, exc.ja, exc.en)
    p.broken = True


def _guarded(
    p: ParsedFile, rows: Rows, progress: Progress | None, cancelled: CancelCheck | None
) -> Generator[ParsedRow, None, None]:
    if p.header is None:
        return
    try:
        yield from _parse(p, rows, progress, cancelled)
    except ImportFileError as exc:
        _file_error(p, exc)


@contextlib.contextmanager
def parsing(
    kind: str,
    path: Path | str,
    *,
    check_only: bool = False,
    display_name: str | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> Iterator[tuple[ParsedFile, Iterator[ParsedRow]]]:
    """FILE as KIND, read as far as its header (``header`` is None when that failed), and the
    rows that parse, in file order, read and parsed as they are taken; every problem goes to
    the report. Raises ImportRequestError if the request is wrong (check_request)."""
    path = Path(path)
    spec = check_request(kind, path)
    if spec.for_file is not None:
        spec = spec.for_file(path)
    p = ParsedFile(spec, ImportReport(spec.name, display_name or str(path), check_only))
    rows = read_rows(path)
    with contextlib.closing(rows):
        try:
            _header(p, rows)
        except ImportFileError as exc:
            _file_error(p, exc)
        parsed = _guarded(p, rows, progress, cancelled)
        with contextlib.closing(parsed):
            yield p, parsed


def parse_file(
    kind: str,
    path: Path | str,
    *,
    check_only: bool = False,
    display_name: str | None = None,
    progress: Progress | None = None,
) -> ParsedFile:
    """Read and parse FILE as KIND (see the module docstring), every row in ``rows`` (none if
    the file could not be read to its end). Raises ImportRequestError if the request is wrong
    (check_request); every problem of the content is in ``report``."""
    opened = parsing(
        kind, path, check_only=check_only, display_name=display_name, progress=progress
    )
    with opened as (p, parsed):
        p.rows.extend(parsed)
    if p.broken:
        p.rows.clear()
    return p
