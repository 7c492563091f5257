"""The assets' map view (地図): assets with coordinates drawn at their position, coloured by
condition, under the assets page's filter; district outlines underneath when a GeoJSON file
was loaded. The wheel zooms around the cursor, a drag pans, +/−/0 zoom in, out and back to the
prefecture. What to draw is read off the GUI thread once the view has settled (150 ms after the
last move), by level of detail (services/asset_map.py); the last picture is drawn, moved with
the view, meanwhile. A click on a point opens that asset's card; a click on a cell (many
assets counted together) zooms in on it."""

import dataclasses

from PySide6.QtCore import QPoint, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from oneaqita.services.asset_map import AKITA, MapBox, MapPicture, map_picture, nearest_asset
from oneaqita.services.asset_registry import AssetListFilter, AssetSort
from oneaqita.services.database import Database
from oneaqita.services.map_outlines import Outline
from ui.assets.map_painting import (
    MAX_SCALE,
    MIN_SCALE,
    POINT_PX,
    fit,
    outline_path,
    paint_map,
    paint_overlay,
)
from ui.errors import show_error
from ui.operations import QueryOp

SETTLE_MS = 150  # the view is read again this long after it last moved
CLICK_PX = 4  # a press and release this close is a click, not a drag
STEP = 2.0  # one key press or wheel notch (120) zooms this much


class AssetMapView(QWidget):
    asset_clicked = Signal(int)  # an asset's id: show its card
    picture_shown = Signal()  # a newly read picture is drawn (tests wait for it)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.filter = AssetListFilter()
        self.picture: MapPicture | None = None
        self.outlines: list[Outline] = []
        self._outline_path: QPainterPath | None = None
        self.view = fit(AKITA, 800, 600)
        self._fitted = False  # fitted to the prefecture once the widget has its size
        self._request = 0
        self.requested_box: MapBox | None = None  # the box last asked for (tests read it)
        self._press: QPoint | None = None
        self._dragged = False
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self.reload)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(False)
        self.setMinimumSize(200, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setToolTip(
            self.tr("ホイールで拡大・縮小、ドラッグで移動、+ − 0 キー。点をクリックで施設カード")
        )

    # -- what is shown -------------------------------------------------------------------
    def set_filter(self, flt: AssetListFilter) -> None:
        """The list's filter (its order means nothing here)."""
        flt = dataclasses.replace(flt, sort=AssetSort.CODE, descending=False)
        if flt != self.filter:
            self.filter = flt
            self.reload()

    def set_outlines(self, outlines: list[Outline]) -> None:
        self.outlines = outlines
        self._outline_path = outline_path(outlines)
        self.update()

    def count_text(self) -> str:
        if self.picture is None:
            return self.tr("読み込み中…")
        text = self.tr("表示範囲 {count} 件").format(count=f"{self.picture.total:,}")
        if self.picture.aggregated:
            text += self.tr(" (集計表示)")
        return text

    def reload(self) -> None:
        """Reads what to draw for the view as it is now; only the latest answer is shown."""
        self._settle.stop()
        self._request += 1
        request, db, flt = self._request, self._db, self.filter
        box = self.requested_box = self.view.box()
        width, height = self.view.width, self.view.height

        def shown(picture: MapPicture) -> None:
            if request == self._request:
                self.picture = picture
                self.update()
                self.picture_shown.emit()

        def failed(exc: BaseException) -> None:
            if request == self._request:
                show_error(self, exc)

        QueryOp(self, lambda: map_picture(db, flt, box, width, height)).success(shown).failure(
            failed
        ).run()

    def _moved(self) -> None:
        """The view changed: drawn at once from the old picture, read again once settled."""
        self.update()
        self._settle.start()

    # -- zoom and pan --------------------------------------------------------------------
    def zoom(self, factor: float, at: QPointF | None = None) -> None:
        """Zooms by `factor` keeping the place under `at` (default: the centre) where it is."""
        view = self.view
        scale = min(max(view.scale * factor, MIN_SCALE), MAX_SCALE)
        if scale == view.scale:
            return
        point = at if at is not None else QPointF(view.width / 2, view.height / 2)
        lon, lat = view.to_geo(point.x(), point.y())
        # The latitude first: a degree of longitude's width follows the centre's latitude.
        centre_lat = _lat(lat + (point.y() - view.height / 2) / scale)
        zoomed = dataclasses.replace(view, scale=scale, lat=centre_lat)
        centre_lon = lon - (point.x() - view.width / 2) / zoomed.kx
        self.view = dataclasses.replace(zoomed, lon=max(-180.0, min(180.0, centre_lon)))
        self._moved()

    def pan(self, dx: float, dy: float) -> None:
        """Moves the map by (dx, dy) pixels (the map follows the mouse)."""
        view = self.view
        lon = view.lon - dx / view.kx
        self.view = dataclasses.replace(
            view, lon=max(-180.0, min(180.0, lon)), lat=_lat(view.lat + dy / view.scale)
        )
        self._moved()

    def reset(self) -> None:
        self.view = fit(AKITA, max(self.width(), 1), max(self.height(), 1))
        self._moved()

    # -- events --------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        size = event.size()
        if not self._fitted:
            self._fitted = True
            self.view = fit(AKITA, max(size.width(), 1), max(size.height(), 1))
        else:
            self.view = dataclasses.replace(self.view, width=size.width(), height=size.height())
        self._moved()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        paint_map(painter, self.view, self.picture, self._outline_path)
        paint_overlay(painter, self.view, self.count_text())
        painter.end()

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        notches = event.angleDelta().y() / 120
        if notches:
            self.zoom(STEP**notches, event.position())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(STEP)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom(1 / STEP)
        elif key == Qt.Key.Key_0:
            self.reset()
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton:
            self._press, self._dragged = event.position().toPoint(), False
            self.setFocus()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if self._press is None:
            return
        now = event.position().toPoint()
        delta = now - self._press
        if self._dragged or delta.manhattanLength() > CLICK_PX:
            self._dragged = True
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
            self.pan(delta.x(), delta.y())
            self._press = now

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        self.unsetCursor()
        clicked = not self._dragged
        self._press = None
        if clicked:
            self.click(event.position())

    def click(self, at: QPointF) -> None:
        """A point clicked opens its asset's card; a cell clicked is zoomed in on."""
        if self.picture is not None and self.picture.aggregated:
            self.zoom(STEP * 2, at)
            return
        lon, lat = self.view.to_geo(at.x(), at.y())
        radius = (POINT_PX + 2) / self.view.scale
        db, flt = self._db, self.filter

        def found(asset_id: int | None) -> None:
            if asset_id is not None:
                self.asset_clicked.emit(asset_id)

        QueryOp(self, lambda: nearest_asset(db, flt, lon, lat, radius)).success(found).run()


def _lat(value: float) -> float:
    return max(-85.0, min(85.0, value))
