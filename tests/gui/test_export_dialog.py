"""File ▸ Export: every record of a kind to .csv (UTF-8 with BOM) or .xlsx, which imports
back with everything unchanged."""

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.transfer import import_file
from ui.operations import running_operations
from ui.transfer.export_dialog import ExportDialog
from ui.transfer.import_dialog import ImportDialog


def _dialog(qtbot, db: Database, actor: Actor) -> ExportDialog:  # type: ignore[no-untyped-def]
    widget = ExportDialog(db, actor)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _export(
    qtbot, monkeypatch, dialog: ExportDialog, kind: str, chosen: Path, chosen_filter: str
) -> None:  # type: ignore[no-untyped-def]
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(kind))
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(chosen), chosen_filter)),
    )
    dialog.browse_button.click()
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=10_000)


@pytest.mark.parametrize(
    "kind",
    ["organizations", "shareholdings", "people", "secondments", "assets", "contracts",
     "work-orders"],
)  # fmt: skip
def test_an_exported_csv_reimports_with_everything_unchanged(
    qtbot, monkeypatch, tmp_path: Path, demo_db: Database, actor: Actor, message_boxes, kind: str
) -> None:
    dialog = _dialog(qtbot, demo_db, actor)
    target = tmp_path / f"{kind}.csv"
    _export(qtbot, monkeypatch, dialog, kind, target, "CSV（UTF-8、BOM付き） (*.csv)")
    assert dialog.written is not None and dialog.written > 0
    assert message_boxes == [f"{dialog.written:,} 件を書き出しました。\n{target}"]
    message_boxes.clear()
    assert not dialog.isVisible()  # done
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    report = import_file(demo_db, actor, kind, target, check_only=True)
    assert report.ok and report.rows == dialog.written
    assert (report.added, report.updated, report.unchanged) == (0, 0, dialog.written)


def test_xlsx_by_the_chosen_filter_and_the_import_dialog_sees_no_change(
    qtbot, monkeypatch, tmp_path: Path, demo_db: Database, actor: Actor, message_boxes
) -> None:
    dialog = _dialog(qtbot, demo_db, actor)
    _export(qtbot, monkeypatch, dialog, "organizations", tmp_path / "団体一覧", "Excel (*.xlsx)")
    target = tmp_path / "団体一覧.xlsx"  # the suffix follows the chosen file type
    assert target.is_file() and target.read_bytes()[:2] == b"PK"
    assert message_boxes and "30 件を書き出しました" in message_boxes[0]
    message_boxes.clear()

    importer = ImportDialog(demo_db, actor)
    qtbot.addWidget(importer)
    importer.file_edit.setText(str(target))
    importer.check()
    qtbot.waitUntil(lambda: running_operations() == 0 and importer.report is not None)
    assert importer.report.unchanged == 30 and importer.report.ok
    assert "変更はありません" in importer.status_label.text()
    assert not importer.import_button.isEnabled()


def test_a_wrong_suffix_or_no_file_is_said_in_the_dialog(
    qtbot, tmp_path: Path, demo_db: Database, actor: Actor
) -> None:
    dialog = _dialog(qtbot, demo_db, actor)
    assert dialog.file_edit.text().endswith("organizations.csv")  # proposed from the kind
    dialog.file_edit.setText(str(tmp_path / "orgs.txt"))
    dialog.export()
    assert ".csv か .xlsx" in dialog.status_label.text()
    dialog.file_edit.clear()
    dialog.export()
    assert "指定してください" in dialog.status_label.text()
    assert running_operations() == 0 and not list(tmp_path.glob("orgs*"))


def test_an_existing_file_typed_in_is_replaced_only_when_confirmed(
    qtbot, tmp_path: Path, demo_db: Database, actor: Actor, message_boxes
) -> None:
    target = tmp_path / "keep.csv"
    target.write_text("old", encoding="utf-8")
    dialog = _dialog(qtbot, demo_db, actor)
    dialog.file_edit.setText(str(target))
    dialog.export()  # the recorded box answers "Ok", which is not "Yes"
    assert message_boxes and "既にあります" in message_boxes[0]
    message_boxes.clear()
    assert running_operations() == 0 and target.read_text(encoding="utf-8") == "old"
