"""The Assets page (施設台帳) through the main window on the demo: filters and the count, a
header click that sorts, the tree that reads a level only when it is opened, the card with
children, findings and photo thumbnails, and the editor (saved, and a concurrent edit's
banner)."""

import dataclasses

import pytest
from PySide6.QtCore import QPoint, Qt
from sqlalchemy import func, select

from oneaqita.models import Asset, AssetKind, Finding, WorkOrder
from oneaqita.services.actor import Actor
from oneaqita.services.asset_card import asset_to_edit
from oneaqita.services.asset_registry import (
    AssetListFilter,
    AssetSort,
    count_registry,
    list_registry,
)
from oneaqita.services.assets import save_asset
from oneaqita.services.attachments import attach_files
from oneaqita.services.database import Database
from oneaqita.services.findings import RECORDING_STATUSES
from tests.gui.input import after_recount, type_japanese
from tests.images import jpeg
from ui.assets import tree_model
from ui.assets.columns import column_of
from ui.assets.page import TREE, AssetsPage
from ui.main_window import MainWindow


@pytest.fixture
def page(qtbot, demo_db: Database, actor: Actor) -> AssetsPage:  # type: ignore[no-untyped-def]
    window = MainWindow(demo_db, actor)
    qtbot.addWidget(window)
    window.navigation.setCurrentRow(window.pages.index(window.assets))
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    page = window.assets
    qtbot.waitUntil(lambda: not page.model.is_loading(), timeout=10_000)
    return page


def _codes(page: AssetsPage, limit: int = 20) -> list[str]:
    rows = [page.model.row_at(r) for r in range(min(page.model.rowCount(), limit))]
    assert all(r is not None for r in rows)
    return [r.code for r in rows if r is not None]


def test_the_page_lists_every_asset_with_the_count(page: AssetsPage, demo_db: Database) -> None:
    total = count_registry(demo_db, AssetListFilter())
    assert total > 100 and page.model.rowCount() == total
    assert page.filter_bar.count_label.text() == f"{total:,} 件"
    expected = [r.code for r in list_registry(demo_db, AssetListFilter(), 0, 20)]
    assert _codes(page) == expected


def test_filters_and_a_two_character_search(qtbot, page: AssetsPage, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    bar = page.filter_bar
    after_recount(qtbot, page, lambda: bar.select("kind", AssetKind.PUMP_STATION))
    pumps = count_registry(demo_db, AssetListFilter(kind=AssetKind.PUMP_STATION))
    assert 0 < page.model.rowCount() == pumps
    assert bar.count_label.text() == f"{pumps:,} 件"
    after_recount(qtbot, page, lambda: bar.select("kind", None))
    after_recount(qtbot, page, lambda: bar.age_from.setValue(40))
    old = count_registry(demo_db, AssetListFilter(age_from=40))
    assert page.model.rowCount() == old
    after_recount(qtbot, page, lambda: bar.age_from.setValue(-1))
    with qtbot.waitSignal(page.model.counted, timeout=5000):
        type_japanese(bar.search_edit, "八橋")
    hachi = count_registry(demo_db, AssetListFilter(text="八橋"))
    assert 0 < page.model.rowCount() == hachi
    assert all(
        "八橋" in (r.district or "") or "八橋" in r.code
        for r in list_registry(demo_db, AssetListFilter(text="八橋"))
    )


def test_a_header_click_sorts_by_that_column(qtbot, page: AssetsPage, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    header = page.table.horizontalHeader()
    column = column_of(AssetSort.INSTALLED_YEAR)
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    with qtbot.waitSignal(page.model.counted, timeout=5000):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    flt = page.model.filter
    assert flt.sort is AssetSort.INSTALLED_YEAR
    expected = [r.code for r in list_registry(demo_db, flt, 0, 20)]
    assert _codes(page) == expected
    years = [page.model.row_at(r).installed_year for r in range(20)]  # type: ignore[union-attr]
    known = [y for y in years if y is not None]
    assert known == sorted(known, reverse=flt.descending)


def test_the_tree_reads_a_level_only_when_opened(
    qtbot, page: AssetsPage, demo_db: Database
) -> None:  # type: ignore[no-untyped-def]
    model = page.tree_model
    assert model.rowCount() == 0  # nothing read before the tree is shown
    page.show_view(TREE)
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=5000)
    with demo_db.read() as s:
        plant_id, owner_id, district = s.execute(
            select(Asset.id, Asset.owner_id, Asset.district)
            .where(Asset.id.in_(select(Asset.parent_id)), Asset.parent_id.is_(None))
            .order_by(Asset.id)
            .limit(1)
        ).one()
        children = s.scalar(select(func.count()).where(Asset.parent_id == plant_id))
    owners = [model.node(model.index(r, 0)) for r in range(model.rowCount())]
    owner_row = next(i for i, n in enumerate(owners) if n.payload.id == owner_id)  # type: ignore[union-attr]
    owner = model.index(owner_row, 0)
    assert all(not n.children for n in owners)  # no district read yet
    page.tree.expand(owner)
    qtbot.waitUntil(lambda: model.rowCount(owner) > 0, timeout=5000)
    assert sum(1 for n in owners if n.children) == 1  # only the opened body
    districts = [model.node(model.index(r, 0, owner)) for r in range(model.rowCount(owner))]
    d_row = next(i for i, n in enumerate(districts) if n.payload.district == district)  # type: ignore[union-attr]
    district_index = model.index(d_row, 0, owner)
    page.tree.expand(district_index)
    qtbot.waitUntil(lambda: model.rowCount(district_index) > 0, timeout=5000)
    assets = [
        model.node(model.index(r, 0, district_index)) for r in range(model.rowCount(district_index))
    ]
    p_row = next(i for i, n in enumerate(assets) if n.payload.id == plant_id)  # type: ignore[union-attr]
    plant = model.index(p_row, 0, district_index)
    assert model.hasChildren(plant) and model.rowCount(plant) == 0
    page.tree.expand(plant)
    qtbot.waitUntil(lambda: model.rowCount(plant) == children, timeout=5000)
    # choosing a node shows its card, with its children
    page.tree.setCurrentIndex(plant)
    qtbot.waitUntil(
        lambda: page.card_pane.card is not None and page.card_pane.card.row.id == plant_id,
        timeout=5000,
    )
    assert page.card_pane.children_table.rowCount() == children
    assert page.card_pane.children_box.isVisibleTo(page.card_pane)


def test_the_card_shows_findings_with_their_photos(
    qtbot, page: AssetsPage, demo_db: Database, actor: Actor
) -> None:  # type: ignore[no-untyped-def]
    with demo_db.read() as s:
        finding_id, asset_id = s.execute(
            select(Finding.id, Finding.asset_id)
            .join(WorkOrder, WorkOrder.id == Finding.work_order_id)
            .where(WorkOrder.status.in_(sorted(RECORDING_STATUSES)))
            .limit(1)
        ).one()
        findings = s.scalar(select(func.count()).where(Finding.asset_id == asset_id))
    attach_files(demo_db, actor, finding_id, [("site.jpg", jpeg()), ("log.bin", b"\x00\x01")])
    page.show_asset(asset_id)
    pane = page.card_pane
    qtbot.waitUntil(lambda: pane.card is not None and pane.card.row.id == asset_id, timeout=5000)
    assert pane.findings_table.rowCount() == findings
    assert pane.photos.count() == 1  # the image; the other file has no thumbnail
    assert pane.photos.item(0).toolTip().startswith("site.jpg")
    assert not pane.photos.item(0).icon().isNull()
    assert pane.orders_table.rowCount() >= 1


def _open_editor(qtbot, page: AssetsPage, asset_id: int):  # type: ignore[no-untyped-def]
    page.table.setFocus()  # (focusing the list makes its first row current: its card)
    page.show_asset(asset_id)
    pane = page.card_pane
    qtbot.waitUntil(lambda: pane.card is not None and pane.card.row.id == asset_id, timeout=5000)
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: page.editor is not None, timeout=5000)
    return page.editor


def _a_pipe(db: Database) -> int:
    with db.read() as s:
        return int(
            s.scalar(select(Asset.id).where(Asset.kind == AssetKind.PIPE).order_by(Asset.id)) or 0
        )


def test_the_editor_saves_and_the_list_follows(qtbot, page: AssetsPage, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    pipe = _a_pipe(demo_db)
    editor = _open_editor(qtbot, page, pipe)
    assert editor.code_edit.isReadOnly()
    editor.material_edit.setText("更生管")
    editor.diameter_edit.setText("３５０")  # full-width digits
    results: list[int] = []
    editor.finished.connect(results.append)
    editor.accept()
    qtbot.waitUntil(lambda: page.editor is None, timeout=5000)
    assert results == [1]  # accepted: saved
    stored = asset_to_edit(demo_db, pipe)
    assert (stored.data.material, stored.data.diameter_mm, stored.version) == ("更生管", 350, 2)
    qtbot.waitUntil(
        lambda: page.card_pane.card is not None and page.card_pane.card.row.material == "更生管",
        timeout=5000,
    )


def test_a_bad_number_is_refused_at_its_field(qtbot, page: AssetsPage, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    pipe = _a_pipe(demo_db)
    editor = _open_editor(qtbot, page, pipe)
    editor.diameter_edit.setText("9" * 30)
    editor.accept()
    qtbot.waitUntil(lambda: not editor.busy, timeout=5000)
    assert editor.isVisible() and editor.errors.label.isVisible()
    assert asset_to_edit(demo_db, pipe).version == 1
    editor.reject()


def test_a_concurrent_edit_shows_the_banner(
    qtbot, page: AssetsPage, demo_db: Database, actor: Actor
) -> None:  # type: ignore[no-untyped-def]
    pipe = _a_pipe(demo_db)
    editor = _open_editor(qtbot, page, pipe)
    theirs = asset_to_edit(demo_db, pipe)
    save_asset(
        demo_db, actor, dataclasses.replace(theirs.data, material="他者の管種"), theirs.version
    )
    editor.material_edit.setText("自分の管種")
    editor.accept()
    qtbot.waitUntil(
        lambda: editor.banner.isVisible() and editor.reload_button.isEnabled(), timeout=5000
    )
    assert "他者の管種" in editor.banner_text()
    assert editor.isVisible() and editor.material_edit.text() == "自分の管種"
    editor.reload()
    assert editor.material_edit.text() == "他者の管種"
    editor.reject()


def test_readers_get_no_editor(qtbot, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    from oneaqita.models import Role

    reader = Actor(None, "viewer", Role.SECONDED)
    page = AssetsPage(demo_db, reader)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not page.model.is_loading(), timeout=10_000)
    assert not page.may_edit and page.filter_bar.edit_button.isHidden()
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    assert page.editor is None


def test_a_long_level_comes_a_page_at_a_time(qtbot, page: AssetsPage, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(tree_model, "PAGE", 3)
    model = page.tree_model
    page.show_view(TREE)
    qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=5000)
    owner = model.index(0, 0)
    page.tree.expand(owner)
    qtbot.waitUntil(lambda: model.rowCount(owner) > 0, timeout=5000)
    district = model.index(0, 0, owner)
    total = model.node(district).payload.top_level  # type: ignore[union-attr]
    assert total > 3
    page.tree.expand(district)
    # A page of 3 first; under load the view may already have asked for the next ones.
    qtbot.waitUntil(lambda: model.rowCount(district) >= 3, timeout=10_000)
    assert model.rowCount(district) % 3 == 0 or model.node(district).done
    while model.canFetchMore(district) or model.node(district).loading:
        if model.canFetchMore(district):
            model.fetchMore(district)
        qtbot.waitUntil(lambda: not model.node(district).loading, timeout=5000)
    codes = [model.data(model.index(r, 0, district)) for r in range(model.rowCount(district))]
    assert len(codes) == total and codes == sorted(codes)  # every page once, in code order


def test_a_double_click_on_a_work_order_opens_its_editor(
    qtbot, page: AssetsPage, demo_db: Database
) -> None:  # type: ignore[no-untyped-def]
    with demo_db.read() as s:
        asset_id = s.scalar(select(Finding.asset_id).order_by(Finding.id).limit(1))
    assert asset_id is not None
    page.show_asset(asset_id)
    pane = page.card_pane
    qtbot.waitUntil(lambda: pane.card is not None and pane.card.row.id == asset_id, timeout=5000)
    assert pane.card is not None and pane.orders_table.rowCount() == len(pane.card.orders) > 0
    first = pane.card.orders[0]
    pane.orders_table.cellDoubleClicked.emit(0, 0)
    qtbot.waitUntil(lambda: page.order_launcher.editor is not None, timeout=5000)
    editor = page.order_launcher.editor
    assert editor is not None and editor.record_id == first.id
    editor.reject()
