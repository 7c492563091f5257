"""The charts of the report to the shareholders in the embedded font: bars of this period
against last year's, bars stacked by 緊急度, and the 改築需要 per fiscal year as columns with
the levelled scenario as a line.

Every value axis starts at 0 (PLATFORM.md: otherwise the smallest bar may be hidden), and
the labels are the bodies' or services' names, cut to fit.

Each chart is a flowable that draws its bars, axes, labels and legend straight onto the page
with the canvas: the geometry is reportlab.graphics' bar charts' (HorizontalBarChart and
VerticalBarChart as this module used to configure them: the same positions, colours, lines
and labels), computed once here instead of through the charts' widget tree, which set,
validated and measured every attribute and label anew and took most of the report's layout
time (57 charts in the full-year report)."""

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

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
GRID = colors.HexColor("#D5DCE4")
URGENCY_COLOURS = (
    colors.HexColor("#C0392B"),  # I
    colors.HexColor("#E69F00"),  # II
    colors.HexColor("#F2D16B"),  # III
)
_LABEL_WIDTH = 78
_BAR_ROW = 11  # points per category
_BAR, _GROUP_GAP, _BAR_GAP = 10.0, 3.0, 0.5  # bar thickness and gaps, before scaling
_TICK = 5.0  # tick length and the labels' distance from the axis
_LABEL_SIZE, _TITLE_SIZE = 7.0, 8.5
_SWATCH, _LEGEND_STEP, _LEGEND_TEXT = 6.0, 60.0, 16.0
_ALMOST_ZERO = 1e-8  # a bar this short is not drawn


def _nice_max(value: float) -> float:
    """A round axis maximum at or above ``value`` (1, 2 or 5 times a power of ten)."""
    if value <= 0:
        return 1.0
    power = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)  # pragma: no cover


def _line(canvas: Canvas, x1: float, y1: float, x2: float, y2: float) -> None:
    path = canvas.beginPath()
    path.moveTo(x1, y1)
    path.lineTo(x2, y2)
    canvas.drawPath(path, stroke=1, fill=0)


def _stroke(canvas: Canvas, colour: colors.Color, width: float) -> None:
    canvas.setStrokeColor(colour)
    canvas.setLineWidth(width)


def _bar(canvas: Canvas, colour: colors.Color, x: float, y: float, w: float, h: float) -> None:
    """A bar as the charts drew it: filled, with a hairline (width 0) black edge."""
    canvas.setFillColor(colour)
    canvas.rect(x, y, w, h, stroke=1, fill=1)


def _text_base(top: float, size: float) -> float:
    """The baseline of a one-line label whose box (1.2 × size high) has its top at ``top``."""
    return top - size


class _Chart(Flowable):
    """A fixed-size chart: a title at the top left, a legend at the top right."""

    def __init__(
        self,
        width: float,
        height: float,
        title: str,
        legend_x: float,
        legend: Sequence[tuple[colors.Color, str]],
    ) -> None:
        super().__init__()
        self.width, self.height = width, height
        self.title, self.legend_x, self.legend = title, legend_x, list(legend)
        self.font = register_font()

    def wrap(self, *_: Any) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setLineCap(0)
        canvas.setLineJoin(0)
        canvas.setDash()
        self.plot(canvas)
        canvas.setFillColor(colors.black)
        canvas.setFont(self.font, _TITLE_SIZE)
        canvas.drawString(0, self.height - 10, self.title)
        self._draw_legend(canvas)
        canvas.restoreState()

    def plot(self, canvas: Canvas) -> None:
        raise NotImplementedError

    def _draw_legend(self, canvas: Canvas) -> None:
        top = self.height - 5 - _SWATCH  # the swatches' lower edge
        ascent = getFont(self.font).face.ascent / 1000 * _LABEL_SIZE
        text_y = top + (_SWATCH - ascent) * 0.5
        canvas.setFont(self.font, _LABEL_SIZE)
        _stroke(canvas, colors.black, 1)
        for k, (colour, name) in enumerate(self.legend):
            x = self.legend_x + k * _LEGEND_STEP
            _bar(canvas, colour, x, top, _SWATCH, _SWATCH)
            canvas.setFillColor(colors.black)
            canvas.drawString(x + _LEGEND_TEXT, text_y, name)

    def _value_labels(self, places: int, ticks: int, step: float) -> list[str]:
        return [f"{i * step:,.{places}f}" for i in range(ticks)]


class _RowBars(_Chart):
    """One row per label (the first at the top), the values along the x axis: pairs of bars
    side by side, or the series stacked."""

    def __init__(
        self,
        width: float,
        labels: Sequence[str],
        data: list[list[float]],
        colours: Sequence[colors.Color],
        title: str,
        stacked: bool,
        legend_x: float,
        legend: Sequence[tuple[colors.Color, str]],
    ) -> None:
        rows = max(1, len(labels))
        height = rows * _BAR_ROW * (1 if stacked else 1.4) + 46
        super().__init__(width, height, title, legend_x, legend)
        # The first category at the top, as a table reads.
        self.data = [list(reversed(series)) for series in data]
        self.names = [fit(label, _LABEL_WIDTH, _LABEL_SIZE) for label in reversed(labels)]
        self.colours, self.stacked = list(colours), stacked
        self.x, self.y = _LABEL_WIDTH + 4, 26.0
        self.w, self.h = width - self.x - 16, height - 46
        if stacked:
            top = max((sum(col) for col in zip(*data, strict=True)), default=0)
        else:
            top = max((v for series in data for v in series), default=0)
        self.top = _nice_max(top)

    def plot(self, canvas: Canvas) -> None:
        x0, y0, w, h = self.x, self.y, self.w, self.h
        count = max((len(s) for s in self.data), default=0)
        ticks, step = 6, self.top / 5
        scale = w / self.top
        _stroke(canvas, GRID, 0.3)
        for i in range(ticks):
            _line(canvas, x0 + i * step * scale, y0, x0 + i * step * scale, y0 + h)
        if count:
            band = h / count
            series = 1 if self.stacked else len(self.data)
            group = _GROUP_GAP + series * _BAR + (series - 1) * _BAR_GAP
            factor = band / group
            thick, offset = _BAR * factor, 0.5 * _GROUP_GAP * factor
            gap = 0.0 if self.stacked else (_BAR + _BAR_GAP) * factor
            _stroke(canvas, colors.black, 0)
            reached = [0.0] * count
            for s, values in enumerate(self.data):
                for c, value in enumerate(values):
                    start = reached[c] if self.stacked else 0.0
                    if self.stacked:
                        reached[c] += value
                    length = value * scale
                    if -_ALMOST_ZERO < length <= _ALMOST_ZERO:
                        continue
                    y = y0 + c * band + offset + s * gap
                    _bar(canvas, self.colours[s], x0 + start * scale, y, length, thick)
            _stroke(canvas, colors.black, 1)
            _line(canvas, x0, y0, x0, y0 + h)
            canvas.setFillColor(colors.black)
            canvas.setFont(self.font, _LABEL_SIZE)
            for c, name in enumerate(self.names):
                middle = y0 + (c + 0.5) * band
                base = _text_base(middle + 0.6 * _LABEL_SIZE, _LABEL_SIZE)
                canvas.drawRightString(x0 - 3, base, name)
        else:
            _stroke(canvas, colors.black, 1)
            _line(canvas, x0, y0, x0, y0 + h)
        _line(canvas, x0, y0, x0 + w, y0)
        for i in range(ticks):
            _line(canvas, x0 + i * step * scale, y0, x0 + i * step * scale, y0 - _TICK)
        canvas.setFillColor(colors.black)
        canvas.setFont(self.font, _LABEL_SIZE)
        base = _text_base(y0 - _TICK, _LABEL_SIZE)
        for i, label in enumerate(self._value_labels(0, ticks, step)):
            canvas.drawCentredString(x0 + i * step * scale, base, label)


class _Columns(_Chart):
    """One column per fiscal year, the levelled line over them on the same axis."""

    def __init__(
        self,
        width: float,
        height: float,
        years: Sequence[int],
        due: Sequence[float],
        line: Sequence[float] | None,
        title: str,
        names: tuple[str, str],
    ) -> None:
        pairs: list[tuple[colors.Color, str]] = [(CURRENT, names[0])]
        self.line = list(line) if line and len(years) else None
        if self.line is not None:
            pairs.append((LINE, names[1]))
        super().__init__(width, height, title, width - 60 * len(pairs) - 10, pairs)
        self.years, self.due = list(years), list(due)
        self.x, self.y = 44.0, 22.0
        self.w, self.h = width - self.x - 10, height - 46
        self.top = _nice_max(max([*due, *(line or ())], default=0))
        # A low chart gets fewer ticks, so that the axis labels do not touch.
        self.parts = 5 if self.h >= 80 else 2

    def plot(self, canvas: Canvas) -> None:
        x0, y0, w, h = self.x, self.y, self.w, self.h
        step = self.top / self.parts
        scale = h / self.top
        ticks = self.parts + 1
        _stroke(canvas, GRID, 0.3)
        for i in range(ticks):
            _line(canvas, x0, y0 + i * step * scale, x0 + w, y0 + i * step * scale)
        count = len(self.due)
        band = w / count if count else w
        if count:
            factor = band / (_GROUP_GAP - 1 + _BAR)  # one series, groups 2 apart
            thick, offset = _BAR * factor, 0.5 * (_GROUP_GAP - 1) * factor
            _stroke(canvas, colors.black, 0)
            for i, value in enumerate(self.due):
                length = value * scale
                if -_ALMOST_ZERO < length <= _ALMOST_ZERO:
                    continue
                _bar(canvas, CURRENT, x0 + i * band + offset, y0, thick, length)
        _stroke(canvas, colors.black, 1)
        _line(canvas, x0, y0, x0 + w, y0)
        canvas.setFillColor(colors.black)
        canvas.setFont(self.font, 6)
        base = _text_base(y0 - _TICK, 6)
        for i, year in enumerate(self.years):
            if i % 5 == 0:
                canvas.drawCentredString(x0 + (i + 0.5) * band, base, str(year))
        _line(canvas, x0, y0, x0, y0 + h)
        for i in range(ticks):
            _line(canvas, x0, y0 + i * step * scale, x0 - _TICK, y0 + i * step * scale)
        canvas.setFont(self.font, _LABEL_SIZE)
        places = 0 if step >= 1 else 1  # a small body's axis: 0.2, 0.4…
        for i, label in enumerate(self._value_labels(places, ticks, step)):
            base = _text_base(y0 + i * step * scale + 0.6 * _LABEL_SIZE, _LABEL_SIZE)
            canvas.drawRightString(x0 - _TICK, base, label)
        if self.line is not None:
            _stroke(canvas, LINE, 1.2)
            path = canvas.beginPath()
            for i, v in enumerate(self.line):
                point = (x0 + (i + 0.5) * band, y0 + v * scale)
                path.lineTo(*point) if i else path.moveTo(*point)
            canvas.drawPath(path, stroke=1, fill=0)


def paired_bars(
    width: float,
    labels: Sequence[str],
    current: Sequence[float],
    previous: Sequence[float],
    title: str,
    names: tuple[str, str] = ("今期", "前年同期"),
) -> Flowable:
    """One pair of bars per label: this period (dark) above last year's (light)."""
    return _RowBars(
        width,
        labels,
        [list(previous), list(current)],
        [PREVIOUS, CURRENT],
        title,
        False,
        width - 150,
        [(CURRENT, names[0]), (PREVIOUS, names[1])],
    )


def stacked_bars(
    width: float,
    labels: Sequence[str],
    series: Sequence[Sequence[float]],
    names: Sequence[str],
    title: str,
    palette: Sequence[colors.Color] = URGENCY_COLOURS,
) -> Flowable:
    """One bar per label, its parts (``series``, in ``names``' order) stacked."""
    return _RowBars(
        width,
        labels,
        [list(s) for s in series],
        list(palette[: len(series)]),
        title,
        True,
        width - 60 * len(names) - 10,
        list(zip(palette, names, strict=False)),
    )


def outlook_columns(
    width: float,
    years: Sequence[int],
    due: Sequence[float],
    line: Sequence[float] | None,
    title: str,
    names: tuple[str, str] = ("改築需要", "平準化"),
    height: float = 150,
) -> Flowable:
    """One column per fiscal year (``due``), and ``line`` over them on the same axis."""
    return _Columns(width, height, years, due, line, title, names)
