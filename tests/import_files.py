"""Import files made inside the tests: CSV in a given encoding, XLSX with typed cells."""

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def write_csv(path: Path, rows: Sequence[Sequence[Any]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(
            [["" if v is None else v for v in row] for row in rows]
        )
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], title: str = "Sheet1") -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path
