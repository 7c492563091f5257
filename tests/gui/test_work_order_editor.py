"""The work-order editor on the Work orders page (ui/work_orders/editor.py): a new order gets
the next WO-YYYY-… number and is selected, a refusal is shown at its field, an edit and a
duplicate are stored, the assignees follow the planned dates, and a seconded user gets none
of the commands."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from oneaqita.fiscal import fiscal_year
from oneaqita.models import Person, Secondment, SecondmentKind, WorkOrder
from oneaqita.services.actor import SYSTEM_ACTOR
from oneaqita.services.database import Database
from oneaqita.services.work_order_editing import work_order_to_edit
from tests.builders import Sample, build_sample
from tests.gui.input import type_japanese
from ui.fonts import setup_fonts
from ui.operations import running_operations
from ui.staffing.dates import qdate
from ui.work_orders.asset_picker import asset_codes
from ui.work_orders.editor import WorkOrderDialog
from ui.work_orders.page import WorkOrdersPage

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
START, END = date(2025, 5, 1), date(2025, 7, 31)


def _settled(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=10_000)


@pytest.fixture
def sample(sqlite_db: Database, qtbot) -> Iterator[Sample]:  # type: ignore[no-untyped-def]
    sample = build_sample(sqlite_db)
    with sqlite_db.unit_of_work(SYSTEM_ACTOR) as uow:  # 佐藤 (E0001): seconded May to July
        person_id = uow.session.scalar(select(Person.id).where(Person.employee_no == "E0001"))
        assert person_id is not None
        uow.session.add(
            Secondment(
                person_id=person_id,
                from_organization_id=sample.akita_id,
                kind=SecondmentKind.ON_ROLL,
                start_date=START,
                end_date=END,
            )
        )
    yield sample
    _settled(qtbot)


def _page(qtbot, db: Database, sample: Sample) -> WorkOrdersPage:  # type: ignore[no-untyped-def]
    page = WorkOrdersPage(db, sample.coordinator)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 5 and running_operations() == 0)
    return page


def _select(qtbot, page: WorkOrdersPage, number: str) -> int:  # type: ignore[no-untyped-def]
    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).number == number)
    rect = page.table.visualRect(page.model.index(row, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.detail_pane.detail is not None)
    _settled(qtbot)
    assert page.selected_id is not None
    return page.selected_id


def _key(qtbot, widget: QWidget, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    widget.activateWindow()
    widget.setFocus()
    qtbot.keyClick(widget, key, modifier)


def _editor(qtbot, page: WorkOrdersPage) -> WorkOrderDialog:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: page.editor is not None, timeout=5000)
    assert page.editor is not None
    qtbot.waitExposed(page.editor)
    _settled(qtbot)
    return page.editor


def _assignees(dialog: WorkOrderDialog) -> dict[str, tuple[bool, str]]:
    """Each line's text: (enabled, tooltip)."""
    items = [dialog.assignee_list.item(r) for r in range(dialog.assignee_list.count())]
    return {i.text(): (bool(i.flags() & Qt.ItemFlag.ItemIsEnabled), i.toolTip()) for i in items}


def test_asset_codes_split_on_lines_and_semicolons() -> None:
    assert asset_codes(" A-1\nA-2; A-3；A-1\n\n") == ["A-1", "A-2", "A-3"]


def test_ctrl_n_creates_a_numbered_order_and_selects_it(
    qtbot, sqlite_db: Database, sample: Sample
) -> None:
    page = _page(qtbot, sqlite_db, sample)
    assert page.filter_bar.new_button.isVisible()
    _key(qtbot, page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = _editor(qtbot, page)
    assert dialog.windowTitle() == "作業指示の登録"
    assert "自動で採番" in dialog.number_edit.placeholderText()
    # with no planned dates the period is today: nobody is seconded then
    assert not any(enabled for enabled, _tip in _assignees(dialog).values())
    dialog.contract_combo.setCurrentIndex(dialog.contract_combo.findData(sample.contract_ids[0]))
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("inspection"))
    type_japanese(dialog.title_edit, "秋田処理区 管路点検 第2工区")
    dialog.priority_combo.setCurrentIndex(dialog.priority_combo.findData(1))
    dialog.description_edit.setPlainText("1行目\n2行目")
    dialog.start_date.check.setChecked(True)
    dialog.start_date.edit.setDate(qdate(date(2025, 7, 3)))
    dialog.end_date.check.setChecked(True)
    dialog.end_date.edit.setDate(qdate(date(2025, 7, 20)))
    _settled(qtbot)
    lines = _assignees(dialog)
    assert lines["E0001  佐藤 花子"] == (True, "")  # seconded then
    enabled, why = lines["E0002  鈴木 一郎"]
    assert not enabled and "2025/07/03〜2025/07/20 に出向期間がありません" in why
    dialog.assignee_list.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.asset_picker.set_codes(["052019-P-000001"])
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "work_order_editor.png"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.editor is None, timeout=5000)
    qtbot.waitUntil(lambda: page.model.rowCount() == 6, timeout=5000)
    qtbot.waitUntil(lambda: page.detail_pane.detail is not None, timeout=5000)
    _settled(qtbot)
    with sqlite_db.read() as s:
        new_id = s.scalar(select(WorkOrder.id).where(WorkOrder.title.like("%第2工区")))
    assert new_id is not None and page.selected_id == new_id
    stored = work_order_to_edit(sqlite_db, new_id).data
    assert stored.number == f"WO-{fiscal_year(date(2025, 7, 3))}-000001"
    assert (stored.priority, stored.description, stored.assignees, stored.asset_codes) == (
        1,
        "1行目\n2行目",
        ("E0001",),
        ("052019-P-000001",),
    )
    numbers = [page.model.row_at(r).number for r in range(page.model.rowCount())]
    assert "WO-2025-000001" in numbers


def test_a_refusal_is_shown_at_its_field(qtbot, sqlite_db: Database, sample: Sample) -> None:
    page = _page(qtbot, sqlite_db, sample)
    page.filter_bar.new_button.click()
    dialog = _editor(qtbot, page)
    dialog.accept()  # no title
    _settled(qtbot)
    assert dialog.isVisible() and dialog.errors.invalid_field() == "title"
    assert "件名" in dialog.errors.label.text()
    type_japanese(dialog.title_edit, "件名あり")
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("inspection"))
    dialog.accept()  # an inspection needs an asset
    _settled(qtbot)
    assert dialog.errors.invalid_field() == "assets"
    assert "対象施設が1件以上必要" in dialog.errors.label.text()
    dialog.reject()
    assert page.editor is None and page.model.rowCount() == 5


def test_enter_edits_the_selected_order(qtbot, sqlite_db: Database, sample: Sample) -> None:
    page = _page(qtbot, sqlite_db, sample)
    wid = _select(qtbot, page, "WO-0001")
    before = work_order_to_edit(sqlite_db, wid)
    _key(qtbot, page.table, Qt.Key.Key_Return)
    dialog = _editor(qtbot, page)
    assert dialog.windowTitle() == "作業指示の編集"
    assert (dialog.number_edit.text(), dialog.title_edit.text()) == ("WO-0001", before.data.title)
    assert dialog.asset_picker.codes() == ["052019-P-000001"]
    assert dialog.assignee_list.checked() == ["E0001"]
    dialog.title_edit.setText("秋田処理区 管路点検 第1工区(変更)")
    dialog.assignee_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.accept()
    _settled(qtbot)
    assert page.editor is None
    after = work_order_to_edit(sqlite_db, wid)
    assert after.data.title.endswith("(変更)") and after.data.assignees == ()
    assert after.version == before.version + 1
    qtbot.waitUntil(lambda: page.detail_pane.detail.row.title.endswith("(変更)"))  # type: ignore[union-attr]


def test_ctrl_d_duplicates_the_selected_order(qtbot, sqlite_db: Database, sample: Sample) -> None:
    page = _page(qtbot, sqlite_db, sample)
    wid = _select(qtbot, page, "WO-0001")
    _key(qtbot, page.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.model.rowCount() == 6, timeout=5000)
    qtbot.waitUntil(lambda: page.selected_id not in (None, wid), timeout=5000)
    _settled(qtbot)
    copy = work_order_to_edit(sqlite_db, page.selected_id)  # type: ignore[arg-type]
    original = work_order_to_edit(sqlite_db, wid)
    assert copy.id != wid and copy.data.number == "WO-2025-000001"
    assert (copy.data.title, copy.data.asset_codes, copy.data.assignees) == (
        original.data.title,
        ("052019-P-000001",),
        ("E0001",),
    )


def test_a_seconded_user_gets_no_commands(qtbot, sqlite_db: Database, sample: Sample) -> None:
    page = WorkOrdersPage(sqlite_db, sample.seconded)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and running_operations() == 0)
    bar = page.filter_bar
    assert not any(b.isVisible() for b in (bar.new_button, bar.edit_button, bar.duplicate_button))
    _select(qtbot, page, page.model.row_at(0).number)  # type: ignore[union-attr]
    _key(qtbot, page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    _key(qtbot, page.table, Qt.Key.Key_Return)
    _key(qtbot, page.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    page.add_work_order()
    page.duplicate_selected()
    _settled(qtbot)
    assert page.editor is None and page.model.rowCount() == 5


@pytest.fixture(autouse=True)
def japanese_font(qapp) -> None:  # type: ignore[no-untyped-def]
    setup_fonts(qapp)  # the screenshot shows kanji, not boxes
