"""Cancelling from File ▸ Import: 中止 (or Esc) while a check or an import runs stops it at
its next chunk; nothing is written or audited, and the dialog says so."""

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from oneaqita.models import Asset, AuditEntry
from oneaqita.services.database import Database
from oneaqita.transfer import import_file
from oneaqita.transfer.runner import BULK_CHUNK as CHUNK
from tests.import_files import write_csv
from tests.staffing_builders import ADMIN, add_bodies
from ui.operations import running_operations
from ui.transfer import import_dialog
from ui.transfer.import_dialog import ImportDialog

CANCELLED = "取り込みを中止しました。何も書き込んでいません。"


def _counts(db: Database) -> tuple[int, int]:
    with db.read() as s:
        return (
            int(s.scalar(select(func.count()).select_from(Asset)) or 0),
            int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0),
        )


def _held_after_first_chunk(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """import_file as the dialog calls it, but held after its first stored chunk until the
    user has cancelled (so that the click lands mid-import, whatever the machine's speed);
    the returned event is set once it is held."""
    held = threading.Event()

    def holding(*args: Any, **kwargs: Any) -> Any:
        show, cancelled = kwargs["progress"], kwargs["cancelled"]

        def progress(stage: str, done: int, total: int) -> None:
            show(stage, done, total)
            if stage == "store":
                held.set()
                deadline = time.monotonic() + 20
                while not cancelled() and time.monotonic() < deadline:
                    time.sleep(0.01)

        return import_file(*args, **{**kwargs, "progress": progress})

    monkeypatch.setattr(import_dialog, "import_file", holding)
    return held


def test_cancel_stops_a_check_and_an_import_and_nothing_is_written(  # type: ignore[no-untyped-def]
    qtbot, monkeypatch, tmp_path: Path, sqlite_db: Database, message_boxes: list[str]
) -> None:
    add_bodies(sqlite_db)
    rows = [["code", "kind", "owner", "district"]]
    rows += [[f"P-{i:05d}", "管路", "052019", "中央処理区"] for i in range(3 * CHUNK)]
    dialog = ImportDialog(sqlite_db, ADMIN)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("assets"))
    dialog.file_edit.setText(str(write_csv(tmp_path / "assets.csv", rows)))
    before = _counts(sqlite_db)
    assert not dialog.cancel_button.isVisible()

    # A check stopped by Esc
    held = _held_after_first_chunk(monkeypatch)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(held.is_set, timeout=20_000)
    assert dialog.cancel_button.isVisible() and dialog.busy
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()  # Esc stops the check, the dialog stays to say so
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=20_000)
    assert dialog.status_label.text() == CANCELLED
    assert not dialog.import_button.isEnabled()  # a stopped check allows no import

    # A full check, then the import, stopped by 中止 after its first chunk was stored
    monkeypatch.setattr(import_dialog, "import_file", import_file)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=60_000)
    assert dialog.import_button.isEnabled(), dialog.status_label.text()
    held = _held_after_first_chunk(monkeypatch)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(held.is_set, timeout=20_000)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.status_label.text() == "中止しています…"
    assert not dialog.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=20_000)
    assert dialog.status_label.text() == CANCELLED
    assert not dialog.cancel_button.isVisible() and not dialog.busy
    assert _counts(sqlite_db) == before  # no asset, no audit entry
    assert dialog.import_button.isEnabled()  # the check still holds: it may be run again
    dialog.grab().save(str(tmp_path / "cancelled.png"))
