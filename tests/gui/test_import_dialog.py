"""File ▸ Import: check first (nothing written), import only a clean file, all or nothing."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from oneaqita.models import Role
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.organizations import list_organizations
from tests.import_files import write_csv
from tests.staffing_builders import ADMIN, row_counts
from ui.operations import change_hub, running_operations
from ui.transfer.import_dialog import ImportDialog

HEADER = ["団体コード", "種別", "名称", "カナ", "英語名"]
GOOD = [
    HEADER,
    ["050008", "県", "秋田県", "あきたけん", "Akita Prefecture"],
    ["052019", "市", "秋田市", "あきたし", "Akita City"],
    ["P001", "partner", "東北管路テスト株式会社", "", ""],
]
BAD = [
    HEADER,
    ["050008", "県", "秋田県", "", ""],
    ["052018", "市", "秋田市", "", ""],  # wrong check digit
    ["052027", "島", "能代市", "", ""],  # unknown kind
]


@pytest.fixture
def dialog(qtbot, sqlite_db: Database) -> Iterator[ImportDialog]:  # type: ignore[no-untyped-def]
    widget = ImportDialog(sqlite_db, ADMIN)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=10_000)


def _choose(monkeypatch, dialog: ImportDialog, path: Path, kind: str = "organizations") -> None:  # type: ignore[no-untyped-def]
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(kind))
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "CSV (*.csv)"))
    )
    dialog.browse_button.click()
    assert dialog.file_edit.text() == str(path)


def _press(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=10_000)


def test_offers_only_the_kinds_the_importer_supports(dialog: ImportDialog) -> None:
    kinds = [dialog.kind_combo.itemData(i) for i in range(dialog.kind_combo.count())]
    assert kinds == [
        "organizations",
        "shareholdings",
        "people",
        "secondments",
        "assets",
        "contracts",
        "work-orders",
        "findings",
        "time-entries",
    ]
    assert dialog.kind_combo.itemText(8) == "作業時間 (time-entries)"
    assert dialog.kind_combo.itemText(0) == "団体 (organizations)"
    assert dialog.kind_combo.itemText(4) == "施設 (assets)"
    assert dialog.kind_combo.itemText(5) == "契約 (contracts)"
    assert dialog.kind_combo.itemText(6) == "作業指示 (work-orders)"
    assert dialog.kind_combo.itemText(7) == "所見 (findings)"
    assert "団体コード (code)*" in dialog.columns_label.text()
    assert not dialog.import_button.isEnabled()


def test_a_good_file_is_checked_first_then_imported(
    qtbot, monkeypatch, tmp_path: Path, dialog: ImportDialog, sqlite_db: Database
) -> None:
    _choose(monkeypatch, dialog, write_csv(tmp_path / "good.csv", GOOD))
    _press(qtbot, dialog.check_button)
    assert dialog.report is not None and dialog.report.check_only
    assert "追加 3 件、更新 0 件、変更なし 0 件" in dialog.status_label.text()
    assert "書き込んでいません" in dialog.status_label.text()
    assert "good.csv" in dialog.report_view.toPlainText()
    assert list_organizations(sqlite_db) == []  # the check wrote nothing
    assert dialog.import_button.isEnabled()

    announced = []
    change_hub().changed.connect(announced.append)
    _press(qtbot, dialog.import_button)
    change_hub().changed.disconnect(announced.append)
    assert dialog.report.written
    assert dialog.status_label.text() == "取り込みました: 追加 3 件、更新 0 件、変更なし 0 件。"
    assert [r.code for r in list_organizations(sqlite_db)] == ["050008", "052019", "P001"]
    assert announced and "organizations" in announced[0].entities
    assert not dialog.import_button.isEnabled()  # done; a second time would change nothing

    _press(qtbot, dialog.check_button)
    assert "変更はありません" in dialog.status_label.text()
    assert "変更なし 3 件" in dialog.status_label.text()
    assert not dialog.import_button.isEnabled()


def test_a_bad_file_shows_every_error_line_and_writes_nothing(
    qtbot, monkeypatch, tmp_path: Path, dialog: ImportDialog, sqlite_db: Database
) -> None:
    before = row_counts(sqlite_db)
    _choose(monkeypatch, dialog, write_csv(tmp_path / "bad.csv", BAD))
    _press(qtbot, dialog.check_button)
    text = dialog.report_view.toPlainText()
    assert "bad.csv:3: 団体コード: " in text and "チェックディジット" in text
    assert "bad.csv:4: 種別: " in text
    assert len(dialog.report.errors) == 2
    assert "エラー 2 件" in dialog.status_label.text()
    assert "何も書き込んでいません" in dialog.status_label.text()
    assert not dialog.import_button.isEnabled()
    dialog.run_import()  # even called directly, an unchecked file is not imported
    assert running_operations() == 0
    assert row_counts(sqlite_db) == before


def test_another_file_after_a_check_needs_its_own_check(
    qtbot, monkeypatch, tmp_path: Path, dialog: ImportDialog
) -> None:
    _choose(monkeypatch, dialog, write_csv(tmp_path / "good.csv", GOOD))
    _press(qtbot, dialog.check_button)
    assert dialog.import_button.isEnabled()
    dialog.file_edit.setText(str(tmp_path / "other.csv"))
    assert not dialog.import_button.isEnabled()
    assert dialog.report_view.toPlainText() == ""
    dialog.file_edit.setText(str(tmp_path / "good.csv"))
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("people"))
    assert not dialog.import_button.isEnabled()


def test_a_missing_file_is_said_in_the_error_box(
    qtbot, tmp_path: Path, dialog: ImportDialog, message_boxes: list[str]
) -> None:
    dialog.file_edit.setText(str(tmp_path / "nowhere.csv"))
    _press(qtbot, dialog.check_button)
    assert len(message_boxes) == 1 and "ファイルがありません" in message_boxes[0]
    message_boxes.clear()
    assert not dialog.import_button.isEnabled() and dialog.check_button.isEnabled()


def test_keyboard_enter_checks_and_escape_closes(
    qtbot, tmp_path: Path, dialog: ImportDialog
) -> None:
    dialog.file_edit.setText(str(write_csv(tmp_path / "good.csv", GOOD)))
    dialog.file_edit.setFocus()
    qtbot.keyClick(dialog.file_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: running_operations() == 0 and dialog.report is not None)
    assert dialog.import_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_only_administrators_may_import(qtbot, sqlite_db: Database) -> None:
    widget = ImportDialog(sqlite_db, Actor(None, "manager", Role.MANAGER))
    qtbot.addWidget(widget)
    assert not widget.check_button.isEnabled() and not widget.import_button.isEnabled()
    assert "管理者だけ" in widget.status_label.text()


def test_progress_of_a_long_file_reaches_the_dialog(
    qtbot, monkeypatch, tmp_path: Path, dialog: ImportDialog
) -> None:
    rows = [HEADER] + [[f"P{i:04d}", "協力会社", f"協力会社{i:04d}", "", ""] for i in range(1200)]
    dialog.file_edit.setText(str(write_csv(tmp_path / "many.csv", rows)))
    seen: list[tuple[str, int, int]] = []
    original = dialog._show_progress

    def record(stage: str, done: int, total: int, check_only: bool) -> None:
        seen.append((stage, done, total))
        original(stage, done, total, check_only)

    monkeypatch.setattr(dialog, "_show_progress", record)
    _press(qtbot, dialog.check_button)
    assert any(stage == "parse" and done >= 500 for stage, done, _ in seen)
    assert any(stage == "store" and total == 1200 for stage, _, total in seen)
    assert "追加 1,200 件" in dialog.status_label.text()
    assert not dialog.progress.isVisible()


def test_the_report_of_a_bad_file_goes_when_another_file_is_chosen(
    qtbot, monkeypatch, tmp_path: Path, dialog: ImportDialog
) -> None:
    _choose(monkeypatch, dialog, write_csv(tmp_path / "bad.csv", BAD))
    _press(qtbot, dialog.check_button)
    assert "bad.csv:3:" in dialog.report_view.toPlainText()
    _choose(monkeypatch, dialog, write_csv(tmp_path / "good.csv", GOOD))
    assert dialog.report is None and dialog.report_view.toPlainText() == ""
    assert dialog.status_label.text() == "" and not dialog.import_button.isEnabled()


def test_who_may_import_is_read_from_the_permission_table(
    qtbot, monkeypatch, sqlite_db: Database
) -> None:
    import oneaqita.permissions as permissions

    table = dict(permissions.PERMISSIONS)
    table[permissions.Action.IMPORT_FILES] = frozenset({Role.ADMIN, Role.MANAGER})
    monkeypatch.setattr(permissions, "PERMISSIONS", table)
    manager = ImportDialog(sqlite_db, Actor(None, "manager", Role.MANAGER))
    qtbot.addWidget(manager)
    assert manager.may_import()
    clerk = ImportDialog(sqlite_db, Actor(None, "coord", Role.COORDINATOR))
    qtbot.addWidget(clerk)
    assert not clerk.may_import()
    assert "管理者・管理職だけ" in clerk.status_label.text()
