"""The work-order editor's asset picker (ui/work_orders/asset_picker.py, asset_filter_dialog.py):
a code typed and Enter adds it (and does not save the dialog), suggestions as you type, the
filter dialog's live count and adding all its matches at once, Del, clearing, duplicates
ignored, and the save storing them through the service."""

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from sqlalchemy import insert

from oneaqita.models import Asset, AssetKind, AssetStatus
from oneaqita.services.actor import SYSTEM_ACTOR
from oneaqita.services.database import Database
from oneaqita.services.work_order_editing import work_order_to_edit
from tests.builders import Sample, build_sample
from tests.gui.input import type_japanese
from ui.fonts import setup_fonts
from ui.operations import running_operations
from ui.work_orders.asset_filter_dialog import AssetFilterDialog
from ui.work_orders.editor import WorkOrderDialog
from ui.work_orders.page import WorkOrdersPage

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
N = 3000


def _asset(i: int) -> dict[str, object]:
    return {
        "code": f"052019-H-{i:06d}",
        "kind": AssetKind.PIPE if i % 3 else AssetKind.MANHOLE,
        "district": "八橋処理区" if i % 2 else "旭北処理区",
        "installed_year": 1950 + i % 60,
        "material": "HP" if i % 3 else None,
        "length_m": Decimal(i % 70 * 10 + 5) / 4 if i % 3 else None,
        "status": AssetStatus.RETIRED if i % 10 == 0 else AssetStatus.IN_SERVICE,
        "service_life_years": 50,
    }


# "all pipes of 八橋処理区 laid before 1980", computed from the rows above
YABASE_PIPES = [i for i in range(1, N + 1) if i % 2 and i % 3 and 1950 + i % 60 < 1980]


@pytest.fixture
def sample(sqlite_db: Database, qtbot, qapp) -> Iterator[Sample]:  # type: ignore[no-untyped-def]
    setup_fonts(qapp)  # the screenshots show kanji, not boxes
    sample = build_sample(sqlite_db)
    with sqlite_db.unit_of_work(SYSTEM_ACTOR) as uow:
        uow.session.execute(
            insert(Asset), [{**_asset(i), "owner_id": sample.akita_id} for i in range(1, N + 1)]
        )
    yield sample
    _settled(qtbot)


def _settled(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=10_000)


def _new_order(qtbot, db: Database, sample: Sample) -> tuple[WorkOrdersPage, WorkOrderDialog]:  # type: ignore[no-untyped-def]
    page = WorkOrdersPage(db, sample.coordinator)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 5 and running_operations() == 0)
    page.filter_bar.new_button.click()
    qtbot.waitUntil(lambda: page.editor is not None, timeout=5000)
    assert page.editor is not None
    qtbot.waitExposed(page.editor)
    _settled(qtbot)
    dialog = page.editor
    type_japanese(dialog.title_edit, "八橋処理区 管路点検")
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("inspection"))
    return page, dialog


def _enter(qtbot, dialog: WorkOrderDialog, text: str) -> None:  # type: ignore[no-untyped-def]
    edit = dialog.asset_picker.search_edit
    edit.setFocus()
    edit.setText(text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    _settled(qtbot)


def _filter_dialog(qtbot, dialog: WorkOrderDialog) -> AssetFilterDialog:  # type: ignore[no-untyped-def]
    dialog.asset_picker.filter_button.click()
    found = dialog.asset_picker.filter_dialog
    assert found is not None
    qtbot.waitExposed(found)
    _settled(qtbot)
    return found


def _choose(combo, data: object) -> None:  # type: ignore[no-untyped-def]
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def _count_shown(qtbot, flt: AssetFilterDialog) -> str:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: flt.matches is not None, timeout=5000)
    return flt.count_label.text()


def test_a_code_and_enter_adds_it_without_saving(
    qtbot, sqlite_db: Database, sample: Sample
) -> None:
    page, dialog = _new_order(qtbot, sqlite_db, sample)
    picker = dialog.asset_picker
    _enter(qtbot, dialog, "052019-H-000007")
    assert picker.codes() == ["052019-H-000007"]
    assert dialog.isVisible() and page.editor is dialog  # Enter in the field does not save
    assert picker.search_edit.text() == "" and picker.count_label.text() == "1 件"
    row = [picker.model.index(0, c).data() for c in range(6)]
    assert row == ["052019-H-000007", "管路", "八橋処理区", "1957", "HP", "18.75"]
    _enter(qtbot, dialog, "052019-H-000007")  # already there: ignored
    assert picker.codes() == ["052019-H-000007"]
    # a pasted list: the known ones added, the others named and left in the field
    _enter(qtbot, dialog, "052019-H-000008\nNO-SUCH\n052019-P-000001;=1+1\x07")
    assert picker.codes() == ["052019-H-000007", "052019-H-000008", "052019-P-000001"]
    assert picker.message_label.isVisible()
    assert picker.message_label.text() == "見つからない施設コード: NO-SUCH、'=1+1\\x07'"
    assert picker.search_edit.text() == "NO-SUCH; =1+1\x07"  # left to correct
    dialog.reject()


def test_typing_offers_matches_to_pick(qtbot, sqlite_db: Database, sample: Sample) -> None:
    _page, dialog = _new_order(qtbot, sqlite_db, sample)
    picker = dialog.asset_picker
    type_japanese(picker.search_edit, "旭北 H-00001")
    popup = picker.completer.popup()
    qtbot.waitUntil(lambda: popup.isVisible() and popup.model().rowCount() > 0, timeout=5000)
    offered = [popup.model().index(r, 0).data() for r in range(popup.model().rowCount())]
    assert offered == [  # code order; every word in the code or the district
        "052019-H-000010  管路  旭北処理区  1960",
        "052019-H-000012  マンホール  旭北処理区  1962",
        "052019-H-000014  管路  旭北処理区  1964",
        "052019-H-000016  管路  旭北処理区  1966",
        "052019-H-000018  マンホール  旭北処理区  1968",
    ]
    popup.setCurrentIndex(popup.model().index(0, 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    _settled(qtbot)
    assert picker.codes() == ["052019-H-000010"]
    assert dialog.isVisible()
    dialog.reject()


def test_the_filter_counts_and_adds_all_its_assets_at_once(
    qtbot, sqlite_db: Database, sample: Sample
) -> None:
    page, dialog = _new_order(qtbot, sqlite_db, sample)
    picker = dialog.asset_picker
    _enter(qtbot, dialog, "052019-H-000001")  # one of them, listed already
    flt = _filter_dialog(qtbot, dialog)
    assert _count_shown(qtbot, flt) == f"該当 {N + 2:,} 件"  # everything, the sample's two too
    _choose(flt.kind_combo, AssetKind.PIPE)
    _choose(flt.district_combo, "八橋処理区")
    flt.before_year.setValue(1980)
    assert flt.matches is None and not flt.add_button.isEnabled()  # counting again
    assert _count_shown(qtbot, flt) == f"該当 {len(YABASE_PIPES):,} 件"
    SHOTS.mkdir(parents=True, exist_ok=True)
    flt.grab().save(str(SHOTS / "asset_filter_dialog.png"))
    qtbot.mouseClick(flt.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: picker.filter_dialog is None, timeout=5000)
    _settled(qtbot)
    wanted = [f"052019-H-{i:06d}" for i in YABASE_PIPES]
    assert picker.codes() == wanted  # 000001 first (typed), then the rest, once each
    assert picker.count_label.text() == f"{len(wanted):,} 件"
    assert "追加済み" in picker.message_label.text()
    # the same filter again adds nothing new
    flt = _filter_dialog(qtbot, dialog)
    _choose(flt.kind_combo, AssetKind.PIPE)
    _choose(flt.district_combo, "八橋処理区")
    flt.before_year.setValue(1980)
    _count_shown(qtbot, flt)
    flt.accept()
    qtbot.waitUntil(lambda: picker.filter_dialog is None, timeout=5000)
    assert picker.codes() == wanted
    # Del on a selection of lines, then save: the service stores what is listed
    view = picker.table
    view.setFocus()
    selection = view.selectionModel()
    for row in (0, 1, 2):
        selection.select(
            picker.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert picker.codes() == wanted[3:]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.editor is None, timeout=10_000)
    _settled(qtbot)
    assert page.selected_id is not None or dialog.saved_id is not None
    stored = work_order_to_edit(sqlite_db, dialog.saved_id)  # type: ignore[arg-type]
    assert sorted(stored.data.asset_codes) == sorted(wanted[3:])


def test_an_opened_order_lists_its_assets_and_clearing_asks(
    qtbot, sqlite_db: Database, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    _page, dialog = _new_order(qtbot, sqlite_db, sample)
    picker = dialog.asset_picker
    codes = [f"052019-H-{i:06d}" for i in range(1, N + 1)]
    picker.set_codes(codes)  # as the editor fills an opened order: codes now, details read
    assert picker.count_label.text() == "3,000 件"
    _settled(qtbot)
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.resize(760, 900)
    dialog.grab().save(str(SHOTS / "work_order_editor_assets.png"))
    assert picker.model.index(1199, 2).data() == "旭北処理区"  # 1200: past a chunk of 500
    picker.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # installed year
    assert picker.model.index(0, 3).data() == "2009"
    from PySide6.QtWidgets import QMessageBox

    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: answers.pop(0))
    picker.clear_button.click()
    assert len(picker.codes()) == N  # "No" keeps them
    picker.clear_button.click()
    assert picker.codes() == [] and not picker.clear_button.isEnabled()
    dialog.accept()  # an inspection needs assets: the service says so at the field
    _settled(qtbot)
    assert dialog.errors.invalid_field() == "assets"
    dialog.reject()
