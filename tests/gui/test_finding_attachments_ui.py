"""A finding's photos and files in its editor: thumbnails, 添付… (several files, read off the
GUI thread), a file past the limits refused with its message and nothing stored, 開く only for
images and PDFs, 名前を付けて保存…, 削除 after confirmation."""

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox
from sqlalchemy import select

from oneaqita.models import Asset, FindingRank, WorkOrder
from oneaqita.models import WorkOrderStatus as S
from oneaqita.services.attachment_queries import attachments_of_finding
from oneaqita.services.attachments import MAX_FILE_BYTES, attach_files
from oneaqita.services.changes import Entity
from oneaqita.services.database import Database
from oneaqita.services.finding_queries import findings_of_work_order, order_assets
from oneaqita.services.findings import FindingData, save_finding
from tests.builders import Sample, build_sample
from tests.images import jpeg, png
from ui.fonts import setup_fonts
from ui.operations import running_operations
from ui.work_orders.attachments_box import remove_temporary_copies
from ui.work_orders.finding_dialog import FindingDialog

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture(autouse=True)
def japanese_font(qapp) -> None:  # type: ignore[no-untyped-def]
    setup_fonts(qapp)


def _settled(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=10000)


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


def _finding(db: Database, sample: Sample) -> int:
    with db.read() as s:
        pipe = s.scalar(select(Asset.id).where(Asset.code == "052019-P-000001"))
    assert pipe is not None
    data = FindingData(sample.work_order_ids[0], pipe, "破損", FindingRank.A, note="継手部")
    found = save_finding(db, sample.coordinator, data, None).created_id(Entity.FINDINGS)
    assert found is not None
    return found


def _dialog(qtbot, db: Database, sample: Sample) -> FindingDialog:  # type: ignore[no-untyped-def]
    wid = sample.work_order_ids[0]
    lines = findings_of_work_order(db, wid)
    dialog = FindingDialog(
        db, sample.coordinator, wid, "WO-0001", order_assets(db, wid), lines, lines[0]
    )
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.attachments is not None
    qtbot.waitUntil(lambda: dialog.attachments is not None and dialog.attachments.loaded)
    return dialog


def _select(dialog: FindingDialog, name: str) -> None:
    box = dialog.attachments
    assert box is not None
    row = [a.file_name for a in box.lines].index(name)
    box.list.setCurrentRow(row)


def test_thumbnails_attach_open_save_and_remove(
    qtbot,  # type: ignore[no-untyped-def]
    sqlite_db: Database,
    sample: Sample,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[str],
) -> None:
    fid = _finding(sqlite_db, sample)
    attach_files(sqlite_db, sample.coordinator, fid, [("現場写真1.jpg", jpeg(640, 480))])
    dialog = _dialog(qtbot, sqlite_db, sample)
    box = dialog.attachments
    assert box is not None and box.list.count() == 1 and box.title() == "添付ファイル (1)"

    # 添付…: two files at once, read and stored off the GUI thread.
    (tmp_path / "図面.png").write_bytes(png(300, 200))
    (tmp_path / "報告書.pdf").write_bytes(b"%PDF-1.4\n%%EOF")
    (tmp_path / "data.bin").write_bytes(b"MZ\x90\x00 a program")
    picked = [str(tmp_path / n) for n in ("図面.png", "報告書.pdf", "data.bin")]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (picked, ""))
    qtbot.mouseClick(box.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.list.count() == 4)
    _settled(qtbot)
    assert [a.file_name for a in attachments_of_finding(sqlite_db, fid)] == [
        "現場写真1.jpg",
        "図面.png",
        "報告書.pdf",
        "data.bin",
    ]
    SHOTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(50)
    dialog.grab().save(str(SHOTS / "finding_attachments.png"))

    # Past the limits: the app's error box names the file; nothing of the batch is stored.
    (tmp_path / "big.jpg").write_bytes(b"\xff\xd8\xff" + b"\x00" * (MAX_FILE_BYTES - 2))
    (tmp_path / "small.jpg").write_bytes(jpeg(8, 8))
    picked[:] = [str(tmp_path / "small.jpg"), str(tmp_path / "big.jpg")]
    qtbot.mouseClick(box.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(message_boxes))
    _settled(qtbot)
    assert "big.jpg" in message_boxes[0] and "too large" in message_boxes[0]
    message_boxes.clear()
    assert len(attachments_of_finding(sqlite_db, fid)) == 4

    # 開く: an image is copied to a temporary file and handed to the desktop.
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    _select(dialog, "図面.png")
    assert box.open_button.isEnabled()
    qtbot.mouseClick(box.open_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened))
    assert Path(opened[0]).name == "図面.png"
    assert Path(opened[0]).read_bytes() == png(300, 200)
    remove_temporary_copies()  # what the app does when it ends
    assert not Path(opened[0]).parent.exists()
    _select(dialog, "data.bin")  # never started by the desktop: only saved
    assert not box.open_button.isEnabled() and box.save_as_button.isEnabled()

    # 名前を付けて保存…
    target = tmp_path / "saved.bin"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.mouseClick(box.save_as_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(target.exists)
    _settled(qtbot)
    assert target.read_bytes() == b"MZ\x90\x00 a program"

    # 削除 asks first; No keeps the file, Yes removes it.
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def question(_parent, _title, text, *_rest):  # type: ignore[no-untyped-def]
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", question)
    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    _settled(qtbot)
    assert len(attachments_of_finding(sqlite_db, fid)) == 4
    qtbot.mouseClick(box.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.list.count() == 3)
    _settled(qtbot)
    assert asked == ["添付ファイル「data.bin」を削除しますか？"] * 2
    assert "data.bin" not in [a.file_name for a in attachments_of_finding(sqlite_db, fid)]


def test_a_new_finding_says_files_come_after_saving(
    qtbot,  # type: ignore[no-untyped-def]
    sqlite_db: Database,
    sample: Sample,
) -> None:
    wid = sample.work_order_ids[0]
    dialog = FindingDialog(
        sqlite_db, sample.coordinator, wid, "WO-0001", order_assets(sqlite_db, wid), []
    )
    qtbot.addWidget(dialog)
    assert dialog.attachments is None
    hints = [w.text() for w in dialog.findChildren(QLabel)]
    assert "写真やファイルは、所見を保存してから添付できます。" in hints


def test_the_findings_box_counts_the_files_and_follows_the_editor(
    qtbot,  # type: ignore[no-untyped-def]
    sqlite_db: Database,
    sample: Sample,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ui.work_orders.page import WorkOrdersPage

    fid = _finding(sqlite_db, sample)
    attach_files(sqlite_db, sample.coordinator, fid, [("a.jpg", jpeg()), ("b.png", png())])
    page = WorkOrdersPage(sqlite_db, sample.coordinator)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 5)
    _settled(qtbot)
    row = next(r for r in range(5) if page.model.row_at(r).number == "WO-0001")
    page.table.selectRow(row)
    box = page.detail_pane.findings_box
    qtbot.waitUntil(lambda: box.table.rowCount() == 1)
    _settled(qtbot)
    assert box.table.horizontalHeaderItem(4).text() == "添付"
    assert box.table.item(0, 4).text() == "2"
    box.table.selectRow(0)
    qtbot.mouseClick(box.edit_button, Qt.MouseButton.LeftButton)
    dialog = page.finding_editor
    assert dialog is not None and dialog.attachments is not None
    qtbot.waitUntil(lambda: dialog.attachments is not None and dialog.attachments.loaded)
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.4")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(tmp_path / "c.pdf")], "")
    )
    qtbot.mouseClick(dialog.attachments.attach_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: box.table.rowCount() == 1 and box.table.item(0, 4).text() == "3")
    _settled(qtbot)
    dialog.reject()
