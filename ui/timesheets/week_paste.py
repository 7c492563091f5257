"""Copying cells of the week out as text, and reading a block pasted from Excel.

- Copy: the selection's rectangle, cells separated by tabs and rows by line breaks, as
  Excel reads them; the totals and labels are copied as shown.
- Paste: tab-separated columns, rows by line breaks (``\\r\\n``, ``\\n`` or ``\\r``), Excel's
  quoted cells understood and its last line break ignored; the block starts at the current
  cell. Every cell must land on a day of an order or category row, and every text must be a
  duration (durations.py; empty clears the cell): otherwise nothing is sent and each refused
  cell is named, Japanese then English as the core's refusals. What passes goes to
  save_cells as one block, all or nothing.
"""

import csv
import io
from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, QModelIndex

from oneaqita.durations import parse_minutes
from oneaqita.errors import ValidationError
from ui.timesheets.week_model import CellKey, WeekModel

__all__ = ["PastedBlock", "copied_text", "read_block", "split_block"]

MAX_CELLS = 7 * 200  # more than any week holds


@dataclass(frozen=True)
class PastedBlock:
    cells: list[tuple[CellKey, int | None]]  # in block order
    refused: list[tuple[CellKey | None, str, str]]  # (cell, ja, en); None: outside the grid


def split_block(text: str) -> list[list[str]]:
    """Excel's clipboard text as rows of cells."""
    if text.endswith("\r\n"):
        text = text[:-2]
    elif text.endswith(("\n", "\r")):
        text = text[:-1]
    if not text:
        return []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", quotechar='"')
    return [list(row) for row in reader]


def read_block(model: WeekModel, start: QModelIndex, text: str) -> PastedBlock:
    """The block of `text` placed at `start`, by the module's rules."""
    rows = split_block(text)
    size = sum(len(r) for r in rows)
    if not rows or size == 0:
        return PastedBlock([], [])
    if size > MAX_CELLS or not start.isValid():
        return PastedBlock(
            [], [(None, "貼り付ける範囲が大きすぎます。", "The pasted block is too large.")]
        )
    cells: list[tuple[CellKey, int | None]] = []
    refused: list[tuple[CellKey | None, str, str]] = []
    outside = False
    for r, texts in enumerate(rows):
        for c, value in enumerate(texts):
            key = model.cell_key(model.index(start.row() + r, start.column() + c))
            if key is None:
                outside = outside or bool(value.strip())
                continue
            try:
                minutes = parse_minutes(value)
            except ValidationError as exc:
                refused.append((key, exc.ja, exc.en))
                continue
            cells.append((key, minutes or None))
    if outside:
        refused.insert(
            0,
            (
                None,
                "貼り付ける範囲が表の日付の欄からはみ出します。",
                "The pasted block reaches beyond the grid's day cells.",
            ),
        )
    return PastedBlock(cells, refused)


def copied_text(model: WeekModel, selection: QItemSelectionModel) -> str:
    """The selected rectangle as tab-separated text (empty when nothing is selected)."""
    indexes = selection.selectedIndexes() or (
        [selection.currentIndex()] if selection.currentIndex().isValid() else []
    )
    if not indexes:
        return ""
    rows = [i.row() for i in indexes]
    columns = [i.column() for i in indexes]
    lines = []
    for row in range(min(rows), max(rows) + 1):
        texts = [
            str(model.index(row, column).data() or "")
            for column in range(min(columns), max(columns) + 1)
        ]
        lines.append("\t".join(texts))
    return "\n".join(lines)
