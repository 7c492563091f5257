"""設定 ▸ 作業種別…: the catalogue editor for administrators (list, add/edit dialog with its
refusals, deactivate after asking), absent for other roles; the work-order list's type
filter lists the catalogue."""

import dataclasses
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from oneaqita.models import Role
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.work_types import list_work_types
from ui.fonts import setup_fonts
from ui.language import app_translator
from ui.main_window import MainWindow
from ui.operations import running_operations
from ui.work_types.catalogue_dialog import WorkTypeCatalogueDialog
from ui.work_types.work_type_dialog import WorkTypeDialog


def _settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=5000)


@pytest.fixture
def catalogue(qtbot, demo_db: Database, actor: Actor) -> WorkTypeCatalogueDialog:  # type: ignore[no-untyped-def]
    assert actor.role is Role.ADMIN
    dialog = WorkTypeCatalogueDialog(demo_db, actor)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 16 and running_operations() == 0)
    return dialog


def _codes(dialog: WorkTypeCatalogueDialog) -> list[str]:
    return [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]


def test_the_menu_offers_the_editor_to_administrators_only(
    qtbot, demo_db: Database, actor: Actor, window: MainWindow
) -> None:  # type: ignore[no-untyped-def]
    menus = [a.text() for a in window.menuBar().actions()]
    assert "設定(&S)" in menus
    assert window.work_types_action is not None
    assert window.work_types_action.text() == "作業種別(&W)…"
    manager = dataclasses.replace(actor, role=Role.MANAGER)
    other = MainWindow(demo_db, manager)
    qtbot.addWidget(other)
    assert other.work_types_action is None
    assert other.kpi_targets_action is not None  # 設定 holds the KPI targets for managers
    coordinator = MainWindow(demo_db, dataclasses.replace(actor, role=Role.COORDINATOR))
    qtbot.addWidget(coordinator)
    assert coordinator.work_types_action is None and coordinator.kpi_targets_action is None
    settings = next(a for a in coordinator.menuBar().actions() if a.text() == "設定(&S)").menu()
    # for a coordinator 設定 holds only the database settings (every user has those)
    assert [a.text() for a in settings.actions()] == ["データベース(&D)…"]
    _settle(qtbot)


def test_lists_the_catalogue_in_its_order(catalogue: WorkTypeCatalogueDialog) -> None:
    assert _codes(catalogue)[:2] == ["strategy", "stock_plan"]
    assert _codes(catalogue)[-1] == "training"  # added by migration 0023, after the others
    row = _codes(catalogue).index("inspection")
    texts = [catalogue.table.item(row, c).text() for c in range(7)]
    assert texts == ["inspection", "点検", "Inspection", "現場作業", "必要", "110", "使用中"]
    assert not catalogue.edit_button.isEnabled()


def test_adding_a_type_with_a_refusal_at_the_field_then_saved(
    qtbot, catalogue: WorkTypeCatalogueDialog, demo_db: Database
) -> None:  # type: ignore[no-untyped-def]
    catalogue.add_button.click()
    editor = catalogue.editor
    assert isinstance(editor, WorkTypeDialog)
    assert editor.sort_spin.value() == 170  # after the last one (training, 160)
    editor.code_edit.setText("Pump-Check")
    editor.name_edit.setText("ポンプ点検")
    editor.name_en_edit.setText("Pump check")
    editor.accept()
    qtbot.waitUntil(lambda: editor.errors.label.isVisible(), timeout=5000)
    assert "英小文字" in editor.errors.label.text()
    assert editor.isVisible()
    editor.code_edit.setText("pump_check")
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findText("現場作業"))
    editor.assets_check.setChecked(True)
    editor.accept()
    qtbot.waitUntil(lambda: not shiboken6.isValid(editor) or not editor.isVisible(), timeout=5000)
    qtbot.waitUntil(lambda: "pump_check" in _codes(catalogue), timeout=5000)
    _settle(qtbot)
    stored = {r.code: r for r in list_work_types(demo_db)}["pump_check"]
    assert (stored.name_ja, stored.kind.value, stored.requires_assets) == (
        "ポンプ点検",
        "field",
        True,
    )
    assert catalogue.selected() is not None and catalogue.selected().code == "pump_check"


def test_editing_keeps_the_code_and_saves_the_name(
    qtbot, catalogue: WorkTypeCatalogueDialog, demo_db: Database
) -> None:  # type: ignore[no-untyped-def]
    catalogue.select_code("repair")
    catalogue.edit_button.click()
    editor = catalogue.editor
    assert editor is not None and editor.code_edit.isReadOnly()
    assert editor.name_edit.text() == "修繕"
    editor.name_en_edit.setText("Repairs")
    editor.accept()
    qtbot.waitUntil(
        lambda: catalogue.table.item(_codes(catalogue).index("repair"), 2).text() == "Repairs",
        timeout=5000,
    )
    _settle(qtbot)


def test_deactivating_asks_first_and_can_be_undone(
    qtbot, catalogue: WorkTypeCatalogueDialog, demo_db: Database, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def question(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
            asked.append(text)
            return reply

        return question

    def active(code: str) -> bool:
        return {r.code: r.active for r in list_work_types(demo_db, include_inactive=True)}[code]

    catalogue.select_code("cleaning")
    assert catalogue.active_button.text() == "無効にする(&D)…"
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    catalogue.active_button.click()
    assert len(asked) == 1 and "無効にしますか" in asked[0] and "清掃" in asked[0]
    _settle(qtbot)
    assert active("cleaning")

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    catalogue.active_button.click()
    row = _codes(catalogue).index("cleaning")
    qtbot.waitUntil(lambda: catalogue.table.item(row, 6).text() == "無効", timeout=5000)
    assert not active("cleaning")
    assert catalogue.active_button.text() == "有効にする(&D)"
    catalogue.active_button.click()  # reactivating asks nothing
    qtbot.waitUntil(lambda: catalogue.table.item(row, 6).text() == "使用中", timeout=5000)
    assert len(asked) == 2 and active("cleaning")
    _settle(qtbot)


def test_the_work_order_list_filters_by_the_catalogue(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    page = window.work_orders
    combo = page.filter_bar.type_combo
    qtbot.waitUntil(lambda: combo.count() == 17, timeout=5000)
    assert [combo.itemText(i) for i in range(3)] == [
        "すべての作業種別",
        "経営戦略策定支援",
        "ストックマネジメント計画策定",
    ]
    with qtbot.waitSignal(page.model.counted, timeout=5000):
        page.filter_bar.select_work_type("cleaning")
    _settle(qtbot)
    shown = {page.model.row_at(r).type for r in range(page.model.rowCount())}
    assert shown == {"cleaning"}


def test_screenshot_of_the_editor(
    qtbot, qapp, demo_db: Database, actor: Actor, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    setup_fonts(qapp)  # first, as the app starts: Japanese shows on a bare Linux too
    catalogue = WorkTypeCatalogueDialog(demo_db, actor)
    qtbot.addWidget(catalogue)
    catalogue.show()
    qtbot.waitUntil(lambda: catalogue.table.rowCount() == 16 and running_operations() == 0)
    catalogue.select_code("inspection")
    catalogue.edit_button.click()
    assert catalogue.editor is not None
    qtbot.waitExposed(catalogue.editor)
    for widget, name in ((catalogue, "catalogue.png"), (catalogue.editor, "editor.png")):
        assert widget.grab().save(str(tmp_path / name))
    catalogue.editor.reject()


@pytest.fixture
def english(qapp):  # type: ignore[no-untyped-def]
    translator = app_translator("en")
    assert translator is not None
    qapp.installTranslator(translator)
    yield translator
    qapp.removeTranslator(translator)


def test_names_show_in_the_ui_language(english, qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    # The window was built before the translator: a new one speaks English.
    other = MainWindow(window._db, window._actor)
    qtbot.addWidget(other)
    combo = other.work_orders.filter_bar.type_combo
    qtbot.waitUntil(lambda: combo.count() == 17, timeout=5000)
    assert [combo.itemText(i) for i in range(3)] == [
        "All work types",
        "Management strategy support",
        "Stock-management plan",
    ]
    assert other.work_types_action is not None
    assert other.work_types_action.text() == "&Work types…"
    model = other.work_orders.model
    qtbot.waitUntil(lambda: model.rowCount() > 0 and running_operations() == 0, timeout=5000)
    type_column = next(
        c
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal) == "Type"
    )
    row = model.row_at(0)
    assert row is not None
    assert model.index(0, type_column).data() == row.type_name_en
