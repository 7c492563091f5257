"""What the settlement and hours reports share: the file to write (.pdf or .csv by its
suffix), the CSV written by the exports' own writer (transfer.export.write_table: UTF-8 with a
BOM for Excel, formula-looking text made safe), whole or not at all, and how hours and yen
are shown."""

import os
from collections.abc import Iterable
from pathlib import Path

from oneaqita.errors import DomainError, ValidationError
from oneaqita.transfer.export import write_table
from oneaqita.values import Cell

__all__ = ["REPORT_SUFFIXES", "hours", "report_format", "write_csv", "write_sheet", "yen"]

REPORT_SUFFIXES = (".pdf", ".csv")


def report_format(path: Path) -> str:
    """ "pdf" or "csv" by ``path``'s suffix; a ValidationError for any other."""
    suffix = path.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise ValidationError(
            f"{path}: 出力ファイルは .pdf か .csv にしてください。",
            f"{path}: the output file must end in .pdf or .csv.",
            "output",
        )
    return suffix[1:]


def hours(minutes: int) -> str:
    """Minutes as hours with two decimals at most: 450 → "7.5", 480 → "8", 0 → ""."""
    if not minutes:
        return ""
    whole, rest = divmod(minutes, 60)
    if not rest:
        return str(whole)
    return f"{minutes / 60:.2f}".rstrip("0")


def yen(amount: int | None) -> str:
    """Yen with thousands separators ("512,300"); None as ""."""
    return "" if amount is None else f"{amount:,}"


def write_csv(path: Path, title: str, header: list[str], rows: Iterable[list[Cell]]) -> int:
    """Write the rows as CSV beside ``path`` and move the file there; an unwritable place is
    a DomainError naming the path. Returns the number of rows."""
    return write_sheet(path, title, header, rows, ".csv")


def write_sheet(
    path: Path, title: str, header: list[str], rows: Iterable[list[Cell]], suffix: str = ""
) -> int:
    """write_csv for .csv or .xlsx, by `suffix` or else ``path``'s."""
    partial = path.with_name(f".{path.stem}.partial{suffix or path.suffix.lower()}")
    try:
        count = write_table(partial, title, header, rows)
        os.replace(partial, path)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise DomainError(
            f"{path}: ファイルを書き込めません ({reason})。保存先を確認してください。",
            f"{path}: cannot write the file ({reason}); check the folder and its permissions.",
        ) from exc
    finally:
        partial.unlink(missing_ok=True)
    return count
