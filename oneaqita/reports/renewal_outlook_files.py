"""The renewal outlook as a spreadsheet (.xlsx) or CSV (UTF-8 with a BOM, for Excel): one row
per fiscal year — count, km, renewal cost, the backlog part, the cost per kind and, when a
budget was given, the levelled scenario's spending and carry-over — then the km past service
life now, in 10 and in 20 years and the work left at the end of the horizon."""

from decimal import Decimal
from pathlib import Path

from oneaqita.errors import ValidationError
from oneaqita.labels import Language, label
from oneaqita.models import AssetKind
from oneaqita.reports.renewal_levelling import LevelledPlan
from oneaqita.reports.renewal_outlook import PAST_LIFE_AHEAD, RenewalOutlook
from oneaqita.reports.report_files import write_sheet
from oneaqita.values import Cell

__all__ = ["OUTLOOK_SUFFIXES", "outlook_table", "write_outlook"]

OUTLOOK_SUFFIXES = (".xlsx", ".csv")


def _km(metres: Decimal) -> float:
    return float(round(metres / 1000, 3))


_HEADERS: dict[Language, tuple[list[str], str, list[str]]] = {
    "ja": (
        ["年度", "件数", "延長(km)", "改築費(円)", "うち耐用年数超過分(円)"],
        "{kind}(円)",
        ["平準化後の支出(円)", "平準化後の繰越(円)"],
    ),
    "en": (
        ["Fiscal year", "Assets", "Length (km)", "Renewal cost (yen)", "Of it past life (yen)"],
        "{kind} (yen)",
        ["Levelled spending (yen)", "Levelled carry-over (yen)"],
    ),
}


def outlook_table(
    outlook: RenewalOutlook, plan: LevelledPlan | None, language: Language = "ja"
) -> tuple[list[str], list[list[Cell]]]:
    """The header and rows of the export (the page's table shows the same columns, with the
    header in the UI's language; the files are in Japanese)."""
    kinds = [k for k in AssetKind if any(c.kind is k for c in outlook.cells)]
    fixed, per_kind, levelled_columns = _HEADERS[language]
    header = list(fixed)
    header += [per_kind.format(kind=label(k, language)) for k in kinds]
    if plan is not None:
        header += levelled_columns
    levelled = {y.fiscal_year: y for y in plan.years} if plan else {}
    rows: list[list[Cell]] = []
    for t in outlook.year_totals():
        row: list[Cell] = [t.fiscal_year, t.count, _km(t.metres), t.cost_yen, t.backlog_cost_yen]
        row += [t.by_part.get(k, 0) for k in kinds]
        if plan is not None:
            year = levelled[t.fiscal_year]
            row += [year.spent_yen, year.carried_yen]
        rows.append(row)
    for ahead in PAST_LIFE_AHEAD:
        when = "現在" if ahead == 0 else f"{ahead}年後"
        rows.append([f"耐用年数超過延長(km) {when}", _km(outlook.past_life_metres[ahead])])
    if plan is not None:
        rows.append(["期間末に残る改築費(円)", plan.left_over_yen])
    return header, rows


def write_outlook(path: Path | str, outlook: RenewalOutlook, plan: LevelledPlan | None) -> int:
    """Write the outlook to `path` (.xlsx or .csv by its suffix), whole or not at all; the
    number of rows written."""
    path = Path(path)
    if path.suffix.lower() not in OUTLOOK_SUFFIXES:
        raise ValidationError(
            f"{path}: 保存するファイルは .xlsx か .csv にしてください。",
            f"{path}: the file must end in .xlsx or .csv.",
            "output",
        )
    header, rows = outlook_table(outlook, plan)
    return write_sheet(path, "改築需要", header, rows)
