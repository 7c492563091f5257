"""Two people edit one record: the second save is refused and the editor shows their value
beside the stored one, with reload or re-apply (ui/conflict_panel.py) — never a silent
overwrite. End to end on each database, through the organization editor, with the other
person's save made through the service while the dialog is open."""

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QDialog

from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.organizations import get_organization, list_organizations
from oneaqita.services.records import OrganizationData
from tests.staffing_builders import ADMIN, add_bodies
from ui.conflict_panel import ConflictRow
from ui.operations import running_operations
from ui.organizations.organization_dialog import OrganizationDialog

OTHER = Actor(None, "other-desk", ADMIN.role)  # the second person, at another desktop


def _settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=5000)


@pytest.fixture
def city(db: Database, qtbot) -> Iterator[int]:  # type: ignore[no-untyped-def]
    add_bodies(db)
    yield next(r.id for r in list_organizations(db) if r.code == "052019")
    _settle(qtbot)


@pytest.fixture
def conflicted(qtbot, db: Database, city: int) -> OrganizationDialog:  # type: ignore[no-untyped-def]
    """My dialog open on the city; the other person renames it in English meanwhile; I type
    a reading and an English name of my own and save: refused."""
    from oneaqita.services.organizations import save_organization

    dialog = OrganizationDialog(db, ADMIN, get_organization(db, city))
    qtbot.addWidget(dialog)
    dialog.show()
    row = get_organization(db, city)
    theirs = OrganizationData(row.code, row.kind, row.name_ja, row.name_kana, "Akita (theirs)")
    save_organization(db, OTHER, theirs, row.version, city)
    dialog.kana_edit.setText("アキタシ")
    dialog.name_en_edit.setText("Akita (mine)")
    dialog.accept()
    _settle(qtbot)
    qtbot.waitUntil(lambda: dialog.reload_button.isEnabled(), timeout=5000)
    return dialog


def test_the_second_save_is_refused_with_both_values_side_by_side(
    conflicted: OrganizationDialog, db: Database, city: int
) -> None:
    dialog = conflicted
    assert dialog.isVisible() and dialog.conflict and dialog.banner.isVisible()
    assert get_organization(db, city).name_en == "Akita (theirs)"  # nothing overwritten
    table = dialog.banner.table
    headers = [table.horizontalHeaderItem(c).text() for c in range(3)]
    assert headers == ["項目", "保存されている値", "あなたの入力"]
    assert "英語名\tAkita (theirs)\tAkita (mine)" in dialog.stored_text().replace("≠ ", "")
    differing = {r.field: (r.stored, r.typed) for r in dialog.banner.differing()}
    assert differing["name_en"] == ("Akita (theirs)", "Akita (mine)")
    assert differing["name_kana"][1] == "アキタシ"
    assert "code" not in differing and "name_ja" not in differing  # the same on both sides
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert not any(
        table.item(r, c).flags() & Qt.ItemFlag.ItemIsEditable
        for r in range(table.rowCount())
        for c in range(3)
    )
    assert dialog.reapply_button.isVisible() and dialog.reapply_button.text().startswith(
        "自分の入力で上書き"
    )


def test_reload_fills_the_form_with_the_stored_values_and_version(
    qtbot, conflicted: OrganizationDialog, db: Database, city: int
) -> None:
    dialog = conflicted
    qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
    assert not dialog.banner.isVisible()
    stored = get_organization(db, city)
    assert dialog.name_en_edit.text() == "Akita (theirs)" and dialog.row == stored
    dialog.kana_edit.setText("アキタ")
    with qtbot.waitSignal(dialog.finished, timeout=5000) as finished:
        dialog.accept()
    assert finished.args == [int(QDialog.DialogCode.Accepted.value)]
    saved = get_organization(db, city)
    assert (saved.name_en, saved.name_kana, saved.version) == (
        "Akita (theirs)",
        "アキタ",
        stored.version + 1,
    )


def test_reapply_saves_my_values_over_the_stored_version_once_confirmed(
    qtbot, conflicted: OrganizationDialog, db: Database, city: int
) -> None:
    dialog = conflicted
    asked: list[list[ConflictRow]] = []
    answers = [False, True]

    def confirm(rows: list[ConflictRow]) -> bool:
        asked.append(rows)
        return answers.pop(0)

    dialog.confirm_overwrite = confirm  # type: ignore[method-assign]
    stored = get_organization(db, city)
    qtbot.mouseClick(dialog.reapply_button, Qt.MouseButton.LeftButton)  # then "やめる"
    _settle(qtbot)
    assert dialog.isVisible() and dialog.banner.isVisible()
    assert get_organization(db, city) == stored  # not confirmed: nothing saved
    named = {r.field: (r.stored, r.typed) for r in asked[0]}
    assert named["name_en"] == ("Akita (theirs)", "Akita (mine)")  # what will be overwritten

    with qtbot.waitSignal(dialog.finished, timeout=5000) as finished:
        qtbot.mouseClick(dialog.reapply_button, Qt.MouseButton.LeftButton)
    assert finished.args == [int(QDialog.DialogCode.Accepted.value)]
    saved = get_organization(db, city)
    assert (saved.name_en, saved.name_kana) == ("Akita (mine)", "アキタシ")
    assert saved.version == stored.version + 1 and dialog.saved_id == city


def test_reapply_after_yet_another_change_is_refused_again(
    qtbot, conflicted: OrganizationDialog, db: Database, city: int
) -> None:
    """A third save elsewhere between the table and the re-apply: refused once more, shown."""
    from oneaqita.services.organizations import save_organization

    dialog = conflicted
    dialog.confirm_overwrite = lambda _rows: True  # type: ignore[method-assign]
    row = get_organization(db, city)
    again = OrganizationData(row.code, row.kind, row.name_ja, row.name_kana, "Akita (third)")
    save_organization(db, OTHER, again, row.version, city)
    qtbot.mouseClick(dialog.reapply_button, Qt.MouseButton.LeftButton)
    _settle(qtbot)
    qtbot.waitUntil(lambda: "Akita (third)" in dialog.stored_text(), timeout=5000)
    assert dialog.isVisible() and dialog.banner.isVisible()
    assert get_organization(db, city).name_en == "Akita (third)"  # theirs stays


def test_the_confirmation_names_what_it_overwrites(qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox, QWidget

    from ui import conflict_panel

    seen: list[str] = []

    def exec_(box: QMessageBox) -> int:
        seen.append(box.text())
        return 0  # closed: no button clicked

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    parent = QWidget()
    qtbot.addWidget(parent)
    rows = [ConflictRow("name_en", "英語名", "Akita (theirs)", "Akita (mine)")]
    assert conflict_panel.confirm_overwrite(parent, rows) is False
    assert "英語名" in seen[0] and "Akita (theirs)" in seen[0] and "Akita (mine)" in seen[0]
