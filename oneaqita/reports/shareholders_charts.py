"""The charts of the report to the shareholders, drawn with reportlab.graphics in the
embedded font: bars of this period against last year's, bars stacked by 緊急度, and the
改築需要 per fiscal year as columns with the levelled scenario as a line.

Every value axis starts at 0 (PLATFORM.md: otherwise the smallest bar may be hidden), and
the labels are the bodies' or services' names, cut to fit."""

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, PolyLine, String
from reportlab.lib import colors

from oneaqita.reports.pdf_base import fit, register_font

__all__ = [
    "CURRENT",
    "LINE",
    "PREVIOUS",
    "URGENCY_COLOURS",
    "outlook_columns",
    "paired_bars",
    "stacked_bars",
]

CURRENT = colors.HexColor("#2F5F8A")
PREVIOUS = colors.HexColor("#A9BCD0")
LINE = colors.HexColor("#C0392B")
URGENCY_COLOURS = (
    colors.HexColor("#C0392B"),  # I
    colors.HexColor("#E69F00"),  # II
    colors.HexColor("#F2D16B"),  # III
)
_LABEL_WIDTH = 78
_BAR_ROW = 11  # points per category


def _nice_max(value: float) -> float:
    """A round axis maximum at or above ``value`` (1, 2 or 5 times a power of ten)."""
    if value <= 0:
        return 1.0
    power = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)  # pragma: no cover


def _chart(
    width: float, labels: Sequence[str], data: list[list[float]], title: str, stacked: bool
) -> tuple[Drawing, HorizontalBarChart]:
    font = register_font()
    rows = max(1, len(labels))
    height = rows * _BAR_ROW * (1 if stacked else 1.4) + 46
    drawing = Drawing(width, height)
    # The renderer starts in this font, not Helvetica: no font in the file goes unembedded.
    drawing.initialFontName = font
    chart = HorizontalBarChart()
    chart.x, chart.y = _LABEL_WIDTH + 4, 26
    chart.width, chart.height = width - chart.x - 16, height - 46
    # The first category at the top, as a table reads.
    chart.data = [list(reversed(series)) for series in data]
    chart.categoryAxis.categoryNames = [fit(label, _LABEL_WIDTH, 7) for label in reversed(labels)]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.categoryAxis.tickLeft = 0
    chart.valueAxis.valueMin = 0
    top = max((sum(col) for col in zip(*data, strict=True)), default=0) if stacked else 0
    if not stacked:
        top = max((v for series in data for v in series), default=0)
    chart.valueAxis.valueMax = _nice_max(top)
    chart.valueAxis.valueStep = chart.valueAxis.valueMax / 5
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = lambda v: f"{v:,.0f}"
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#D5DCE4")
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.barSpacing = 0.5
    chart.groupSpacing = 3
    if stacked:
        chart.categoryAxis.style = "stacked"
    chart.bars.strokeWidth = 0
    drawing.add(chart)
    drawing.add(String(0, height - 10, title, fontName=font, fontSize=8.5))
    return drawing, chart


def _legend(drawing: Drawing, x: float, pairs: Sequence[tuple[colors.Color, str]]) -> None:
    legend = Legend()
    legend.x, legend.y = x, drawing.height - 5
    legend.fontName = register_font()
    legend.fontSize = 7
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 60
    legend.dx = legend.dy = 6
    legend.colorNamePairs = list(pairs)
    drawing.add(legend)


def paired_bars(
    width: float,
    labels: Sequence[str],
    current: Sequence[float],
    previous: Sequence[float],
    title: str,
    names: tuple[str, str] = ("今期", "前年同期"),
) -> Drawing:
    """One pair of bars per label: this period (dark) above last year's (light)."""
    drawing, chart = _chart(width, labels, [list(previous), list(current)], title, False)
    chart.bars[0].fillColor = PREVIOUS
    chart.bars[1].fillColor = CURRENT
    _legend(drawing, width - 150, [(CURRENT, names[0]), (PREVIOUS, names[1])])
    return drawing


def stacked_bars(
    width: float,
    labels: Sequence[str],
    series: Sequence[Sequence[float]],
    names: Sequence[str],
    title: str,
    palette: Sequence[colors.Color] = URGENCY_COLOURS,
) -> Drawing:
    """One bar per label, its parts (``series``, in ``names``' order) stacked."""
    drawing, chart = _chart(width, labels, [list(s) for s in series], title, True)
    for i, colour in enumerate(palette[: len(series)]):
        chart.bars[i].fillColor = colour
    _legend(drawing, width - 60 * len(names) - 10, list(zip(palette, names, strict=False)))
    return drawing


def outlook_columns(
    width: float,
    years: Sequence[int],
    due: Sequence[float],
    line: Sequence[float] | None,
    title: str,
    names: tuple[str, str] = ("改築需要", "平準化"),
    height: float = 150,
) -> Drawing:
    """One column per fiscal year (``due``), and ``line`` over them on the same axis."""
    font = register_font()
    drawing = Drawing(width, height)
    drawing.initialFontName = font
    chart = VerticalBarChart()
    chart.x, chart.y = 44, 22
    chart.width, chart.height = width - chart.x - 10, height - 46
    chart.data = [list(due)]
    chart.categoryAxis.categoryNames = [str(y) if i % 5 == 0 else "" for i, y in enumerate(years)]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 6
    chart.categoryAxis.tickDown = 0
    top = max([*due, *(line or ())], default=0)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = _nice_max(top)
    # A low chart gets fewer ticks, so that the axis labels do not touch.
    chart.valueAxis.valueStep = chart.valueAxis.valueMax / (5 if chart.height >= 80 else 2)
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    places = 0 if chart.valueAxis.valueStep >= 1 else 1  # a small body's axis: 0.2, 0.4…
    chart.valueAxis.labelTextFormat = lambda v: f"{v:,.{places}f}"
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#D5DCE4")
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.bars.strokeWidth = 0
    chart.bars[0].fillColor = CURRENT
    chart.groupSpacing = 2
    drawing.add(chart)
    pairs: list[tuple[colors.Color, str]] = [(CURRENT, names[0])]
    if line and len(years):
        step = chart.width / len(years)
        scale = chart.height / chart.valueAxis.valueMax
        points: list[float] = []
        for i, v in enumerate(line):
            points += [chart.x + (i + 0.5) * step, chart.y + v * scale]
        drawing.add(PolyLine(points, strokeColor=LINE, strokeWidth=1.2))
        pairs.append((LINE, names[1]))
    drawing.add(String(0, height - 10, title, fontName=font, fontSize=8.5))
    _legend(drawing, width - 60 * len(pairs) - 10, pairs)
    return drawing
