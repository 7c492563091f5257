"""Painting the assets' map: the projection between longitude/latitude and the view's pixels,
the district outlines underneath, the points or cells of a MapPicture coloured by condition,
the legend and the count. One QPainter over arrays (drawPoints per colour and size), never an
item per asset; the benchmark paints into a QImage with the same functions."""

import math
from dataclasses import dataclass

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QImage,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTransform,
)

from oneaqita.models import Urgency
from oneaqita.services.asset_map import SEVERITY, MapBox, MapPicture
from oneaqita.services.map_outlines import Outline
from ui.assets.columns import condition_text

BACKGROUND = QColor("#f4f1ea")
# By severity (SEVERITY: 0 none, 1 III, 2 II, 3 I): grey, yellow, orange, red.
COLOURS = {0: QColor("#8c8c8c"), 1: QColor("#e0b000"), 2: QColor("#f07800"), 3: QColor("#d01c1c")}
POINT_PX = 6
MIN_SCALE, MAX_SCALE = 0.5, 2_000_000.0  # pixels per degree of latitude


@dataclass(frozen=True)
class Projection:
    """Equirectangular around the centre: a degree of longitude is cos(centre latitude) of
    a degree of latitude, which is `scale` pixels."""

    lon: float
    lat: float
    scale: float
    width: int
    height: int

    @property
    def kx(self) -> float:
        return self.scale * max(math.cos(math.radians(self.lat)), 0.01)

    def to_screen(self, lon: float, lat: float) -> QPointF:
        return QPointF(
            (lon - self.lon) * self.kx + self.width / 2,
            self.height / 2 - (lat - self.lat) * self.scale,
        )

    def to_geo(self, x: float, y: float) -> tuple[float, float]:
        return (
            self.lon + (x - self.width / 2) / self.kx,
            self.lat - (y - self.height / 2) / self.scale,
        )

    def transform(self) -> QTransform:
        kx, k = self.kx, self.scale
        return QTransform(
            kx, 0, 0, -k, self.width / 2 - self.lon * kx, self.height / 2 + self.lat * k
        )

    def box(self) -> MapBox:
        """What the view shows, clamped to the world (never empty)."""
        west, north = self.to_geo(0, 0)
        east, south = self.to_geo(self.width, self.height)
        west, east = max(-180.0, west), min(180.0, east)
        south, north = max(-90.0, south), min(90.0, north)
        if not west < east:
            west, east = max(-180.0, min(west, 179.999)), min(180.0, max(east, west + 0.001))
        if not south < north:
            south, north = max(-90.0, min(south, 89.999)), min(90.0, max(north, south + 0.001))
        return MapBox(west, south, east, north)


def fit(box: MapBox, width: int, height: int) -> Projection:
    """The projection that shows all of `box` in a view this big."""
    lat = (box.south + box.north) / 2
    squeeze = max(math.cos(math.radians(lat)), 0.01)
    scale = min(height / box.height, width / (box.width * squeeze))
    return Projection((box.west + box.east) / 2, lat, scale, width, height)


def outline_path(outlines: list[Outline]) -> QPainterPath:
    """Every ring as a closed subpath, in longitude/latitude (drawn through the transform)."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)  # holes stay holes
    for outline in outlines:
        for ring in outline.rings:
            path.addPolygon(QPolygonF([QPointF(lon, lat) for lon, lat in ring]))
            path.closeSubpath()
    return path


def paint_map(
    painter: QPainter, view: Projection, picture: MapPicture | None, outlines: QPainterPath | None
) -> None:
    painter.fillRect(QRectF(0, 0, view.width, view.height), BACKGROUND)
    if outlines is not None and not outlines.isEmpty():
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setTransform(view.transform())
        pen = QPen(QColor("#7a8a99"), 1.2)
        pen.setCosmetic(True)  # one pixel wide at every zoom
        painter.setPen(pen)
        painter.setBrush(QBrush(QColor(255, 255, 255, 160)))
        painter.drawPath(outlines)
        painter.restore()
    if picture is not None:
        _paint_picture(painter, view, picture)


def _size(count: int) -> int:
    """A cell's dot grows with the log of its count: 6 px for one, 18 px at 4,096
    (bit_length − 1 is floor(log2) of a count)."""
    return min(POINT_PX - 1 + count.bit_length(), 18) if count > 1 else POINT_PX


def _paint_picture(painter: QPainter, view: Projection, picture: MapPicture) -> None:
    kx, k = view.kx, view.scale
    x0, y0 = view.width / 2 - view.lon * kx, view.height / 2 + view.lat * k
    w, h = view.width + 20, view.height + 20
    groups: dict[int, list[QPoint]] = {}  # severity × 32 + size → the dots' corners
    aggregated = picture.aggregated
    # One pass over the arrays, nothing called per point but the corner's QPoint: a redraw
    # of 7,660 cells spent more in this loop than in blitting.
    for lon, lat, n, severity in zip(
        picture.lons, picture.lats, picture.counts, picture.severities, strict=True
    ):
        x, y = x0 + lon * kx, y0 - lat * k
        if -20 <= x <= w and -20 <= y <= h:
            size = (
                (min(POINT_PX - 1 + n.bit_length(), 18) if n > 1 else POINT_PX)
                if aggregated
                else POINT_PX
            )
            corners = groups.get(severity * 32 + size)
            if corners is None:
                corners = groups[severity * 32 + size] = []
            corners.append(QPoint(int(x - size / 2), int(y - size / 2)))
    draw = painter.drawImage
    for key, corners in sorted(groups.items()):  # the worst drawn last, on top
        dot = _dot(key // 32, key % 32)
        # A blit each: far cheaper than stroking an antialiased circle. At a QPoint: PySide's
        # drawImage(x, y, image) takes the overload with a source rectangle, several times
        # slower (7,660 cells: 187 → 24 ms of blitting on a loaded machine).
        for corner in corners:
            draw(corner, dot)


_DOTS: dict[tuple[int, int], QImage] = {}


def _dot(severity: int, size: int) -> QImage:
    """A filled circle of the condition's colour with a thin darker rim, drawn once."""
    dot = _DOTS.get((severity, size))
    if dot is None:
        dot = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        dot.fill(Qt.GlobalColor.transparent)
        painter = QPainter(dot)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        colour = COLOURS[severity]
        painter.setPen(QPen(colour.darker(140), 1))
        painter.setBrush(colour)
        painter.drawEllipse(QRectF(0.5, 0.5, size - 1, size - 1))
        painter.end()
        _DOTS[(severity, size)] = dot
    return dot


def legend_entries() -> list[tuple[QColor, str]]:
    by_severity = {s: u for u, s in SEVERITY.items()}
    return [(COLOURS[s], _legend_text(by_severity[s])) for s in (3, 2, 1, 0)]


def _legend_text(urgency: Urgency | None) -> str:
    return condition_text(urgency)


def paint_overlay(painter: QPainter, view: Projection, count_text: str) -> None:
    """The count at the top left and the legend of the condition colours at the bottom left."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    metrics = painter.fontMetrics()
    line = metrics.height()
    entries = legend_entries()
    width = max(metrics.horizontalAdvance(t) for _, t in entries) + 34
    box = QRectF(8, view.height - 8 - line * len(entries) - 12, width, line * len(entries) + 12)
    painter.setPen(QPen(QColor("#b0b0b0")))
    painter.setBrush(QColor(255, 255, 255, 220))
    painter.drawRoundedRect(box, 4, 4)
    for n, (colour, text) in enumerate(entries):
        y = box.top() + 6 + n * line
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(QRectF(box.left() + 8, y + line / 2 - 5, 10, 10))
        painter.setPen(QColor("#202020"))
        painter.drawText(QRectF(box.left() + 26, y, width, line), text)
    if count_text:
        text_w = metrics.horizontalAdvance(count_text) + 16
        painter.setPen(QPen(QColor("#b0b0b0")))
        painter.setBrush(QColor(255, 255, 255, 220))
        top = QRectF(8, 8, text_w, line + 8)
        painter.drawRoundedRect(top, 4, 4)
        painter.setPen(QColor("#202020"))
        painter.drawText(top, Qt.AlignmentFlag.AlignCenter, count_text)
    painter.restore()
