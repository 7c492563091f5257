"""Exporting every stored record of one kind to a file that imports back unchanged.

Rules:

- ``.csv`` is written as UTF-8 with a BOM (so that Excel opens it as UTF-8, not as Shift_JIS)
  and CRLF line ends; ``.xlsx`` as one sheet. Any other suffix is refused.
- The header row has the Japanese column names (both languages are accepted on import); every
  column of the kind is written, in the kind's order, rows in key order.
- Values are written as the import reads them: fixed-list values as their Japanese word, dates
  ISO (real date cells in .xlsx), numbers without separators (number cells in .xlsx), codes and
  numbers-as-text as text cells, lists joined with "; ", no value as an empty cell. Importing an
  export therefore reports every row unchanged.
- No cell can become a formula in a spreadsheet (OWASP's advice against CSV injection). In a
  CSV, a text cell that starts with "= + - @", tab, CR or "'" gets one more apostrophe in
  front ("=SUM(A1)" is written "'=SUM(A1)", "'quoted" "''quoted"); numbers are never text
  cells, so -5 stays -5. In an .xlsx, every text cell is a text cell (never a formula), and
  only text the import would otherwise shorten ("'=x", "''x") gets the apostrophe. The import
  drops exactly that one apostrophe (values.unprotect_formula), so the round trip holds.
- A character no field may store (a row stored before values.check_storable existed) is
  written as U+FFFD instead of making the export fail.
- The file appears whole or not at all: it is written beside its destination and moved there.
- Any registered, active user may export (every role reads these lists in the app); a login
  that is not registered or deactivated, or an actor for no user, may not (PermissionDenied,
  before the file is touched).
"""

import csv
import os
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from oneaqita.permissions import Action, requires
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.users import require_registered
from oneaqita.transfer.kinds import get_kind
from oneaqita.transfer.reading import SUFFIXES
from oneaqita.transfer.report import ImportRequestError
from oneaqita.values import (
    FORMULA_STARTS,
    Cell,
    protect_formula,
    replace_unstorable,
    unprotect_formula,
)

__all__ = ["check_export_request", "export_kind", "write_table"]


def check_export_request(kind: str, path: Path) -> None:
    """ImportRequestError unless KIND is supported, FILE ends in .csv/.xlsx and its folder
    exists (the command was wrong, exit status 2)."""
    get_kind(kind)
    if path.suffix.lower() not in SUFFIXES:
        raise ImportRequestError(
            f"{path}: 対応していないファイル形式です。.csv か .xlsx にしてください",
            f"{path}: unsupported file type; use .csv or .xlsx",
        )
    if not path.parent.is_dir():
        raise ImportRequestError(
            f"{path}: 保存先のフォルダがありません", f"{path}: the folder does not exist"
        )


def _csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):  # never "1e-06", which the import would not read
        return format(Decimal(repr(value)), "f")
    if isinstance(value, str):
        return protect_formula(replace_unstorable(value))
    return str(value)


def _write_csv(path: Path, header: list[str], rows: Iterable[list[Cell]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([_csv_text(v) for v in row])
            count += 1
    return count


def _write_xlsx(path: Path, title: str, header: list[str], rows: Iterable[list[Cell]]) -> int:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    sheet = wb.create_sheet(title=title)
    for i, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = max(12, 2 * len(name) + 4)
    sheet.freeze_panes = "A2"
    sheet.append(header)
    count = 0
    for row in rows:
        sheet.append([_xlsx_value(sheet, v) for v in row])
        count += 1
    wb.save(path)
    return count


def _xlsx_value(sheet: Any, value: Cell) -> Any:
    """Text stays text: openpyxl would store "=…" as a formula, which Excel would then compute
    (and which would not read back as the value exported); the other formula starts are
    marked as text too, so no writer or reader guesses."""
    if not isinstance(value, str):
        return value
    value = replace_unstorable(value)
    if unprotect_formula(value) != value:
        value = "'" + value
    if value[:1] not in FORMULA_STARTS:
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def write_table(path: Path, title: str, header: list[str], rows: Iterable[list[Cell]]) -> int:
    """Write a header and rows as .csv (UTF-8 with BOM) or .xlsx by ``path``'s suffix; the
    number of rows written."""
    if path.suffix.lower() == ".csv":
        return _write_csv(path, header, rows)
    return _write_xlsx(path, title, header, rows)


@requires(Action.READ_LISTS)
def export_kind(db: Database, actor: Actor, kind: str, path: Path | str) -> int:
    """Write every record of KIND to FILE (see the module docstring); returns the number of
    records written. Raises ImportRequestError for an unsupported kind or suffix or a missing
    folder, PermissionDenied unless ``actor`` is a registered, active user; an existing file
    is replaced."""
    path = Path(path)
    check_export_request(kind, path)
    require_registered(actor)
    spec = get_kind(kind)
    header = [col.name_ja for col in spec.columns]
    partial = path.with_name(f".{path.stem}.partial{path.suffix}")
    try:
        with db.read() as session:
            rows = (spec.cells(record) for record in spec.records(session, None))
            count = write_table(partial, spec.name_ja, header, rows)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return count
