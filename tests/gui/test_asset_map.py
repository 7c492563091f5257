"""The assets page's map (地図) on the demo: it shows what the list is filtered to, zoom and pan
change the box it reads, a click on a point opens the card, a GeoJSON file's outline is drawn
underneath, and a file that is not one is refused with the reason."""

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QWheelEvent
from PySide6.QtWidgets import QApplication, QFileDialog
from sqlalchemy import select, update

from oneaqita.models import Asset, AssetKind
from oneaqita.services.actor import Actor
from oneaqita.services.asset_map import map_picture
from oneaqita.services.asset_registry import AssetListFilter
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from ui.assets.map_painting import BACKGROUND
from ui.assets.map_view import AssetMapView
from ui.assets.page import MAP, AssetsPage
from ui.main_window import MainWindow
from ui.operations import change_hub


@pytest.fixture
def page(qtbot, demo_db: Database, actor: Actor) -> AssetsPage:  # type: ignore[no-untyped-def]
    window = MainWindow(demo_db, actor)
    qtbot.addWidget(window)
    window.resize(1400, 900)
    window.navigation.setCurrentRow(window.pages.index(window.assets))
    window.show()
    qtbot.waitExposed(window)
    page = window.assets
    qtbot.waitUntil(lambda: not page.model.is_loading(), timeout=10_000)
    return page


@pytest.fixture
def view(qtbot, page: AssetsPage) -> AssetMapView:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.map_button.toggled, timeout=1000):
        page.map_button.click()
    assert page.views.currentIndex() == MAP and page.map_pane is not None
    view = page.map_pane.view
    qtbot.waitUntil(lambda: view.picture is not None, timeout=10_000)
    _settled(qtbot, view)
    return view


def _settled(qtbot, view: AssetMapView) -> None:  # type: ignore[no-untyped-def]
    """Waits until the picture of the view as it is now has been read and drawn."""
    qtbot.waitUntil(
        lambda: (
            not view._settle.isActive()
            and view.picture is not None
            and view.picture.box == view.view.box()
        ),
        timeout=10_000,
    )


def test_the_map_shows_the_assets_the_list_is_filtered_to(
    qtbot, page: AssetsPage, view: AssetMapView, demo_db: Database
) -> None:  # type: ignore[no-untyped-def]
    box, size = view.view.box(), (view.view.width, view.view.height)
    expected = map_picture(demo_db, AssetListFilter(), box, *size)
    assert view.picture is not None and view.picture.total == expected.total > 100
    assert view.count_text().startswith(f"表示範囲 {expected.total:,} 件")
    with qtbot.waitSignal(view.picture_shown, timeout=10_000):
        page.filter_bar.select("kind", AssetKind.PUMP_STATION)
    pumps = map_picture(demo_db, AssetListFilter(kind=AssetKind.PUMP_STATION), box, *size)
    assert view.picture.total == pumps.total and 0 < pumps.total < expected.total
    assert not view.picture.aggregated
    with demo_db.read() as session:
        kinds = set(session.scalars(select(Asset.kind).where(Asset.id.in_(view.picture.ids))))
    assert kinds == {AssetKind.PUMP_STATION}


def test_zoom_and_pan_change_the_box_that_is_read(qtbot, view: AssetMapView) -> None:  # type: ignore[no-untyped-def]
    before = view.requested_box
    assert before is not None
    at = QPointF(view.width() / 3, view.height() / 3)
    under = view.view.to_geo(at.x(), at.y())
    wheel = QWheelEvent(
        at, view.mapToGlobal(at), QPoint(), QPoint(0, 120), Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False,
    )  # fmt: skip
    QApplication.sendEvent(view, wheel)
    _settled(qtbot, view)
    zoomed = view.requested_box
    assert zoomed is not None
    assert zoomed.width == pytest.approx(before.width / 2, rel=0.01)
    assert view.view.to_geo(at.x(), at.y()) == pytest.approx(under)  # zoomed around the cursor
    start = QPoint(view.width() // 2, view.height() // 2)
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view, start + QPoint(100, 0))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=start + QPoint(100, 0))
    _settled(qtbot, view)
    panned = view.requested_box
    assert panned is not None and panned.west < zoomed.west  # dragged right: west comes in
    assert panned.width == pytest.approx(zoomed.width)
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    _settled(qtbot, view)
    assert view.requested_box is not None
    assert view.requested_box.width == pytest.approx(zoomed.width * 2, rel=0.01)
    qtbot.keyClick(view, Qt.Key.Key_0)
    _settled(qtbot, view)
    assert view.requested_box == before


def test_a_click_on_a_point_opens_its_card(
    qtbot, page: AssetsPage, view: AssetMapView, demo_db: Database
) -> None:  # type: ignore[no-untyped-def]
    with demo_db.read() as session:
        asset_id, code, lon, lat = session.execute(
            select(Asset.id, Asset.code, Asset.longitude, Asset.latitude)
            .where(Asset.latitude.is_not(None))
            .order_by(Asset.id)
            .limit(1)
        ).one()
    view.zoom(2**12, view.view.to_screen(float(lon), float(lat)))  # a few metres a pixel
    _settled(qtbot, view)
    assert view.picture is not None and asset_id in view.picture.ids
    spot = view.view.to_screen(float(lon), float(lat)).toPoint()
    with qtbot.waitSignal(view.asset_clicked, timeout=10_000) as clicked:
        qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=spot)
    assert clicked.args == [asset_id]
    qtbot.waitUntil(lambda: page.card_pane.card is not None, timeout=10_000)
    assert page.card_id == asset_id and code in page.card_pane.heading.text()


# In the sea south-west of the demo's assets (none lie south of 39.0° N).
OUTLINE = [[139.60, 38.88], [139.75, 38.88], [139.75, 38.98], [139.60, 38.98], [139.60, 38.88]]


def test_a_geojson_files_outline_is_drawn_underneath(
    qtbot, page: AssetsPage, view: AssetMapView, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "districts.geojson"
    feature = {"type": "Feature", "properties": {"name": "海"}, "geometry": {
        "type": "Polygon", "coordinates": [OUTLINE]}}  # fmt: skip
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}), "utf-8")
    inside = view.view.to_screen(139.675, 38.93).toPoint()
    assert QColor(view.grab().toImage().pixel(inside)) == BACKGROUND
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    assert page.map_pane is not None
    page.map_pane.outlines_button.click()
    qtbot.waitUntil(lambda: len(view.outlines) == 1, timeout=10_000)
    assert "districts.geojson (1 区域)" in page.map_pane.outlines_label.text()
    image = view.grab().toImage()
    assert QColor(image.pixel(inside)) != BACKGROUND  # filled
    edge = view.view.to_screen(139.60, 38.93).toPoint()
    # The line falls between pixels wherever the view's scale puts it: look beside it too.
    reds = [QColor(image.pixel(edge.x() + dx, edge.y())).red() for dx in range(-2, 3)]
    assert min(reds) < 200  # the outline's grey


def test_a_bad_geojson_file_is_refused_with_the_reason(
    qtbot, page: AssetsPage, view: AssetMapView, tmp_path: Path, message_boxes: list[str]
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "not-a-map.geojson"
    path.write_text('{"type": "Topology", "objects": {}}', "utf-8")
    assert page.map_pane is not None
    page.map_pane.load_outlines_from(path)
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=10_000)
    assert "区域ファイルを読み込めません" in message_boxes[0]
    assert "Cannot load the outlines" in message_boxes[0]
    message_boxes.clear()
    assert view.outlines == []


def test_a_change_to_the_assets_redraws_the_map(
    qtbot, view: AssetMapView, demo_db: Database
) -> None:  # type: ignore[no-untyped-def]
    before = view.picture
    assert before is not None and before.total > 0
    with demo_db.engine.begin() as conn:  # someone else moves every asset out of the view
        conn.execute(update(Asset).values(longitude=None, latitude=None))
    with qtbot.waitSignal(view.picture_shown, timeout=10_000):
        change_hub().changed.emit(Change(ids={Entity.ASSETS: frozenset({1})}))
    assert view.picture is not None and view.picture.total == 0
    assert view.count_text().startswith("表示範囲 0 件")
