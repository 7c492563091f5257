"""Findings in the work-order detail pane: the table, the editor dialog with the urgency the
grades give shown live, a given urgency kept beside it, and who may record on which order."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from oneaqita.models import Asset, FindingRank, Urgency, WorkOrder
from oneaqita.models import WorkOrderStatus as S
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.finding_queries import findings_of_work_order
from oneaqita.services.findings import FindingData, save_finding
from tests.builders import Sample, build_sample
from ui.fonts import setup_fonts
from ui.operations import running_operations
from ui.work_orders.finding_dialog import FindingDialog
from ui.work_orders.page import WorkOrdersPage

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def _settled(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=5000)


@pytest.fixture
def sample(sqlite_db: Database, qtbot) -> Iterator[Sample]:  # type: ignore[no-untyped-def]
    sample = build_sample(sqlite_db)
    with sqlite_db.read() as s:
        wo = s.get(WorkOrder, sample.work_order_ids[0])
        assert wo is not None
        wo.status, wo.actual_start = S.IN_PROGRESS, date(2025, 5, 1)
        s.commit()
    yield sample
    _settled(qtbot)


@pytest.fixture(autouse=True)
def japanese_font(qapp) -> None:  # type: ignore[no-untyped-def]
    setup_fonts(qapp)  # the screenshots show kanji, not boxes


def _page(qtbot, db: Database, actor: Actor, number: str = "WO-0001") -> WorkOrdersPage:  # type: ignore[no-untyped-def]
    page = WorkOrdersPage(db, actor)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 5 and running_operations() == 0)
    _settled(qtbot)
    row = next(r for r in range(5) if page.model.row_at(r).number == number)
    rect = page.table.visualRect(page.model.index(row, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(
        lambda: page.detail_pane.detail is not None and page.detail_pane.detail.row.number == number
    )
    _settled(qtbot)
    return page


def _open_add(qtbot, page: WorkOrdersPage) -> FindingDialog:  # type: ignore[no-untyped-def]
    box = page.detail_pane.findings_box
    assert box.buttons.isVisible()
    qtbot.mouseClick(box.add_button, Qt.MouseButton.LeftButton)
    dialog = page.finding_editor
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _choose(dialog: FindingDialog, category: str, rank: FindingRank) -> None:
    dialog.category_combo.setEditText(category)
    dialog.rank_combo.setCurrentIndex(dialog.rank_combo.findData(rank))


def test_the_dialog_shows_the_derived_urgency_live_and_keeps_a_given_one(
    qtbot,
    sqlite_db: Database,
    sample: Sample,  # type: ignore[no-untyped-def]
) -> None:
    pipe_findings = FindingData(
        sample.work_order_ids[0], _pipe_id(sqlite_db), "クラック", FindingRank.A
    )
    save_finding(sqlite_db, sample.coordinator, pipe_findings, None)
    page = _page(qtbot, sqlite_db, sample.coordinator)
    assert page.detail_pane.findings_box.table.rowCount() == 1
    dialog = _open_add(qtbot, page)
    assert [dialog.asset_combo.itemData(i) for i in range(dialog.asset_combo.count())] == [
        _pipe_id(sqlite_db)
    ]  # only the order's own assets
    _choose(dialog, "破損", FindingRank.C)
    assert "緊急度II" in dialog.derived_label.text()  # クラック a alone: II
    assert dialog.scope_label.text() == "管1本ごとの判定 (a/b/c)"
    _choose(dialog, "破損", FindingRank.A)
    assert "緊急度I" in dialog.derived_label.text() and "II" not in dialog.derived_label.text()
    _choose(dialog, "腐食", FindingRank.B)
    assert dialog.scope_label.text() == "スパン全体の判定 (A/B/C)"
    assert "等級から求めた緊急度: 緊急度II" in dialog.derived_label.text()
    dialog.urgency_combo.setCurrentIndex(dialog.urgency_combo.findData(Urgency.III))
    assert "異なります" in dialog.derived_label.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(50)  # the layout takes the longer text
    dialog.grab().save(str(SHOTS / "finding_dialog.png"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.finding_editor is None)
    qtbot.waitUntil(lambda: page.detail_pane.findings_box.table.rowCount() == 2)
    _settled(qtbot)
    table = page.detail_pane.findings_box.table
    cells = [[table.item(r, c).text() for c in range(4)] for r in range(2)]
    assert cells == [
        ["052019-P-000001", "クラック", "a", "緊急度II"],
        ["052019-P-000001", "腐食", "b", "緊急度III（等級から II）"],
    ]
    assert page.detail_pane.values["findings"].text() == "2 件"
    page.grab().save(str(SHOTS / "work_order_findings.png"))
    stored = {
        f.category: (f.urgency, f.derived_urgency)
        for f in findings_of_work_order(sqlite_db, sample.work_order_ids[0])
    }
    assert stored == {"クラック": (None, Urgency.II), "腐食": (Urgency.III, Urgency.II)}


def test_a_refusal_is_shown_at_its_field_and_keeps_the_dialog(
    qtbot,
    sqlite_db: Database,
    sample: Sample,  # type: ignore[no-untyped-def]
) -> None:
    page = _page(qtbot, sqlite_db, sample.coordinator)
    dialog = _open_add(qtbot, page)
    _choose(dialog, "", FindingRank.A)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.errors.label.isVisible())
    assert "異常項目を入力してください" in dialog.errors.label.text()
    assert dialog.isVisible()
    dialog.reject()


def test_an_edit_meets_a_change_made_meanwhile(
    qtbot,
    sqlite_db: Database,
    sample: Sample,  # type: ignore[no-untyped-def]
) -> None:
    wid, pipe = sample.work_order_ids[0], _pipe_id(sqlite_db)
    save_finding(sqlite_db, sample.coordinator, FindingData(wid, pipe, "破損", FindingRank.B), None)
    page = _page(qtbot, sqlite_db, sample.coordinator)
    box = page.detail_pane.findings_box
    box.table.selectRow(0)
    qtbot.mouseClick(box.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.finding_editor
    assert dialog is not None and dialog.category_combo.currentText() == "破損"
    line = box.lines[0]
    save_finding(
        sqlite_db,
        sample.coordinator,
        FindingData(wid, pipe, "破損", FindingRank.C),
        line.version,
        line.id,
    )
    dialog.rank_combo.setCurrentIndex(dialog.rank_combo.findData(FindingRank.A))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.stored is not None)
    assert dialog.banner.isVisible() and "c" in dialog.stored_text()
    dialog.reload()
    assert dialog.rank_combo.currentData() == FindingRank.C
    dialog.rank_combo.setCurrentIndex(dialog.rank_combo.findData(FindingRank.A))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.finding_editor is None)
    assert findings_of_work_order(sqlite_db, wid)[0].rank is FindingRank.A


def test_no_commands_for_a_seconded_user_or_on_a_draft_order(
    qtbot,
    sqlite_db: Database,
    sample: Sample,  # type: ignore[no-untyped-def]
) -> None:
    page = _page(qtbot, sqlite_db, sample.seconded)
    assert not page.detail_pane.findings_box.buttons.isVisible()
    page = _page(qtbot, sqlite_db, sample.coordinator, "WO-0002")  # planned
    assert not page.detail_pane.findings_box.buttons.isVisible()
    page = _page(qtbot, sqlite_db, sample.coordinator, "WO-0001")
    assert page.detail_pane.findings_box.buttons.isVisible()


def _pipe_id(db: Database) -> int:
    from sqlalchemy import select

    with db.read() as s:
        return int(s.scalar(select(Asset.id).where(Asset.code == "052019-P-000001")) or 0)


def test_removing_asks_first_and_the_table_follows(
    qtbot,  # type: ignore[no-untyped-def]
    sqlite_db: Database,
    sample: Sample,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtWidgets import QMessageBox

    wid, pipe = sample.work_order_ids[0], _pipe_id(sqlite_db)
    save_finding(sqlite_db, sample.coordinator, FindingData(wid, pipe, "破損", FindingRank.A), None)
    page = _page(qtbot, sqlite_db, sample.coordinator)
    box = page.detail_pane.findings_box
    asked: list[str] = []

    def answer(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    box.table.selectRow(0)
    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)  # answered No
    _settled(qtbot)
    assert len(findings_of_work_order(sqlite_db, wid)) == 1
    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)  # answered Yes
    qtbot.waitUntil(lambda: box.table.rowCount() == 0)
    assert asked[0] == "施設 052019-P-000001 の所見「破損」を削除しますか？"
    assert findings_of_work_order(sqlite_db, wid) == []
