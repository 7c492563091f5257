"""The one editor dialog (ui/editor_dialog.py): busy while saving, refusals at their field,
other domain errors in the dialog, the saved id from the Change, and the conflict policy
(stay open, show the stored values, reload, save again), with a fake save call and end to
end on a real database."""

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit

from oneaqita.errors import ConcurrentEdit, NotFound, PermissionDenied, ValidationError
from oneaqita.models import OrganizationKind
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.organizations import get_organization, list_organizations
from tests.staffing_builders import ADMIN, add_bodies
from ui.editor_dialog import EditorDialog
from ui.operations import running_operations
from ui.organizations.organization_dialog import OrganizationDialog

ORGS = Entity.ORGANIZATIONS


@dataclass(frozen=True)
class Record:
    name: str
    note: str
    version: int


class FakeEditor(EditorDialog[Record]):
    """Two fields over a fake store: `answer` decides what the next save does."""

    def __init__(self, record: Record | None = None, record_id: int | None = None) -> None:
        super().__init__(ORGS, record_id, None)
        self.name_edit, self.note_edit = QLineEdit(), QLineEdit()
        self.form.addRow("名前(&N)", self.name_edit)
        self.form.addRow("備考(&O)", self.note_edit)
        self.add_fields({"name": self.name_edit, "note": self.note_edit})
        self.version = record.version if record else None
        if record is not None:
            self.fill(record)
        self.answer: Callable[[int | None], Change] = lambda _v: Change()
        self.stored_now: Record | None = None
        self.saved_versions: list[int | None] = []

    def save_call(self) -> Callable[[], Change]:
        answer, version = self.answer, self.version

        def save() -> Change:
            self.saved_versions.append(version)
            return answer(version)

        return save

    def load_call(self) -> Callable[[], Record] | None:
        stored = self.stored_now
        return None if stored is None else lambda: stored

    def fill(self, record: Record) -> None:
        self.version = record.version
        self.name_edit.setText(record.name)
        self.note_edit.setText(record.note)

    def take_version(self, record: Record) -> None:
        self.version = record.version

    def describe(self, record: Record) -> dict[str, str]:
        return {"name": record.name, "note": record.note}

    def typed(self) -> dict[str, str]:
        return {"name": self.name_edit.text(), "note": self.note_edit.text()}


def _bold_rows(dialog: EditorDialog) -> list[str]:  # type: ignore[type-arg]
    table = dialog.banner.table
    items = [table.item(row, 0) for row in range(table.rowCount())]
    return [i.text() for i in items if i is not None and i.font().bold()]


def _settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=5000)


@pytest.fixture
def editor(qtbot) -> Iterator[FakeEditor]:  # type: ignore[no-untyped-def]
    dialog = FakeEditor(Record("秋田", "", 1), record_id=3)
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    _settle(qtbot)


def _closed(dialog: QDialog) -> bool:
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def test_busy_while_saving_and_the_result_decides(qtbot, editor: FakeEditor) -> None:
    release = threading.Event()
    editor.answer = lambda _v: release.wait(5) and Change({ORGS: frozenset({3})})
    editor.name_edit.setFocus()
    editor.accept()
    assert editor.busy and editor.busy_label.isVisible()
    assert not editor.name_edit.isEnabled() and not editor.note_edit.isEnabled()
    assert not editor.save_button.isEnabled() and not editor.buttons.isEnabled()
    assert editor.cursor().shape() == Qt.CursorShape.WaitCursor
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    editor.reject()
    editor.close()
    editor.accept()  # a second save is not started
    assert editor.isVisible()
    with qtbot.waitSignal(editor.finished, timeout=5000) as finished:
        release.set()
    assert finished.args == [int(QDialog.DialogCode.Accepted.value)]
    assert editor.saved_versions == [1]


def test_a_refusal_is_shown_just_below_its_field(qtbot, editor: FakeEditor) -> None:
    def refuse(_v: int | None) -> Change:
        raise ValidationError("備考が長すぎます", "The note is too long", "note")

    editor.answer = refuse
    editor.accept()
    _settle(qtbot)
    label = editor.errors.label
    assert editor.isVisible() and not editor.busy and editor.name_edit.isEnabled()
    note_row = editor.form.getWidgetPosition(editor.note_edit)[0]
    assert editor.form.getWidgetPosition(label)[0] == note_row + 1
    assert label.isVisible() and label.text() == "備考が長すぎます\nThe note is too long"
    assert editor.errors.invalid_widgets() == [editor.note_edit]
    assert editor.focusWidget() is editor.note_edit
    assert not editor.message_label.isVisible()

    def refuse_name(_v: int | None) -> Change:
        raise ValidationError("名前を入力してください", "Enter a name", "name")

    editor.answer = refuse_name
    editor.accept()
    _settle(qtbot)
    assert editor.form.getWidgetPosition(label)[0] == 1  # moved below the name (row 0)
    assert editor.errors.invalid_widgets() == [editor.name_edit]
    qtbot.keyClicks(editor.name_edit, "x")
    assert editor.errors.invalid_widgets() == []  # editing takes the outline away

    def refuse_all(_v: int | None) -> Change:
        raise ValidationError("保存できません", "Cannot save")

    editor.answer = refuse_all
    editor.accept()
    _settle(qtbot)
    assert editor.form.indexOf(label) < 0 and label.isVisible()  # under the form


@pytest.mark.parametrize(
    "error",
    [
        PermissionDenied("権限がありません。", "Not permitted."),
        NotFound("団体 3 が見つかりません。", "Organization 3 not found."),
    ],
)
def test_other_domain_errors_are_said_in_the_dialog(
    qtbot, editor: FakeEditor, error: Exception
) -> None:
    def fail(_v: int | None) -> Change:
        raise error

    editor.answer = fail
    editor.accept()
    _settle(qtbot)
    assert editor.isVisible() and editor.message_label.isVisible()
    assert editor.message_label.text() == f"{error.ja}\n{error.en}"  # type: ignore[attr-defined]
    assert not editor.errors.label.isVisible() and editor.errors.invalid_widgets() == []
    editor.accept()  # the next try clears the line
    _settle(qtbot)
    assert editor.message_label.isVisible()  # the same answer again
    editor.answer = lambda _v: Change()
    with qtbot.waitSignal(editor.finished, timeout=5000):
        editor.accept()


def test_a_bug_goes_to_the_error_box(qtbot, editor: FakeEditor, message_boxes: list[str]) -> None:
    def crash(_v: int | None) -> Change:
        raise RuntimeError("disk on fire")

    editor.answer = crash
    editor.accept()
    _settle(qtbot)
    assert len(message_boxes) == 1 and "RuntimeError: disk on fire" in message_boxes[0]
    message_boxes.clear()
    assert editor.isVisible() and not editor.busy


def test_the_saved_id_comes_from_the_change_never_guessed(qtbot) -> None:
    new = FakeEditor()
    qtbot.addWidget(new)
    # Two organizations written, the one added is the larger id: min(ids) would be wrong.
    new.answer = lambda _v: Change({ORGS: frozenset({3, 9})}, created={ORGS: frozenset({9})})
    with qtbot.waitSignal(new.finished, timeout=5000):
        new.accept()
    assert new.saved_id == 9 and new.last_change is not None

    edited = FakeEditor(Record("秋田", "", 1), record_id=5)
    qtbot.addWidget(edited)
    edited.answer = lambda _v: Change({ORGS: frozenset({3, 5})})
    with qtbot.waitSignal(edited.finished, timeout=5000):
        edited.accept()
    assert edited.saved_id == 5


def test_enter_and_ctrl_s_save_esc_cancels(qtbot) -> None:
    for keys in (
        [(Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier)],
        [(Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)],
    ):
        dialog = FakeEditor(Record("秋田", "", 1), record_id=3)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()  # a shortcut works in the active window
        qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
        saved: list[Change] = []
        dialog.answer = lambda _v, saved=saved: saved.append(Change()) or Change()
        with qtbot.waitSignal(dialog.finished, timeout=5000) as finished:
            for key, modifier in keys:
                qtbot.keyClick(dialog.note_edit, key, modifier)
        assert finished.args == [int(QDialog.DialogCode.Accepted.value)] and len(saved) == 1
    dialog = FakeEditor()
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.finished, timeout=5000) as finished:
        qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Escape)
    assert finished.args == [int(QDialog.DialogCode.Rejected.value)]


def test_a_conflict_keeps_the_input_shows_the_stored_values_and_reload_saves(
    qtbot, editor: FakeEditor
) -> None:
    stored = Record("秋田", "他の人の備考", 2)

    def versioned(version: int | None) -> Change:
        if version != stored.version:
            raise ConcurrentEdit()
        return Change({ORGS: frozenset({3})})

    editor.answer, editor.stored_now = versioned, stored
    editor.note_edit.setText("私の備考")
    editor.accept()
    _settle(qtbot)
    assert editor.isVisible() and editor.conflict and editor.banner.isVisible()
    assert "他の人がこのデータを先に変更しました" in editor.banner_text()
    assert "Someone else changed this record first" in editor.banner_text()
    assert editor.note_edit.text() == "私の備考"  # kept
    assert editor.stored == stored
    text = editor.stored_text()
    assert "名前" in text and "備考" in text and "他の人の備考" in text and "(&" not in text
    assert [r.field for r in editor.banner.differing()] == ["note"]  # what differs stands out
    assert _bold_rows(editor) == ["≠ 備考"]
    assert "他の人の備考\t私の備考" in text  # theirs beside mine
    assert not editor.message_label.isVisible() and len(editor.saved_versions) == 1

    qtbot.mouseClick(editor.reload_button, Qt.MouseButton.LeftButton)
    assert not editor.banner.isVisible()
    assert editor.note_edit.text() == "他の人の備考" and editor.version == 2
    editor.note_edit.setText("両方の備考")
    with qtbot.waitSignal(editor.finished, timeout=5000) as finished:
        editor.accept()
    assert finished.args == [int(QDialog.DialogCode.Accepted.value)]
    assert editor.saved_versions == [1, 2]


def test_reapply_keeps_the_input_and_saves_it_with_the_stored_version(
    qtbot, editor: FakeEditor
) -> None:
    stored = Record("秋田", "他の人の備考", 2)

    def versioned(version: int | None) -> Change:
        if version != stored.version:
            raise ConcurrentEdit()
        return Change({ORGS: frozenset({3})})

    editor.answer, editor.stored_now = versioned, stored
    editor.note_edit.setText("私の備考")
    editor.accept()
    _settle(qtbot)
    qtbot.waitUntil(lambda: editor.reapply_button.isEnabled(), timeout=5000)
    asked: list[list[str]] = []

    def confirm(rows):  # type: ignore[no-untyped-def]
        asked.append([f"{r.label}:{r.stored}->{r.typed}" for r in rows])
        return True

    editor.confirm_overwrite = confirm  # type: ignore[method-assign]
    with qtbot.waitSignal(editor.finished, timeout=5000) as finished:
        qtbot.mouseClick(editor.reapply_button, Qt.MouseButton.LeftButton)
    assert finished.args == [int(QDialog.DialogCode.Accepted.value)]
    assert asked == [["備考:他の人の備考->私の備考"]]  # the one stored value replaced
    assert editor.note_edit.text() == "私の備考" and editor.saved_versions == [1, 2]


def test_an_editor_without_take_version_offers_reload_only(qtbot) -> None:  # type: ignore[no-untyped-def]
    class ReloadOnly(FakeEditor):
        take_version = EditorDialog.take_version  # type: ignore[assignment]

    dialog = ReloadOnly(Record("秋田", "", 1), record_id=3)
    qtbot.addWidget(dialog)
    dialog.show()

    def conflict(_v: int | None) -> Change:
        raise ConcurrentEdit()

    dialog.answer, dialog.stored_now = conflict, Record("秋田", "x", 2)
    dialog.accept()
    _settle(qtbot)
    qtbot.waitUntil(lambda: dialog.reload_button.isEnabled(), timeout=5000)
    assert not dialog.may_reapply() and not dialog.reapply_button.isVisible()
    dialog.reapply()  # not offered: nothing happens
    assert dialog.isVisible() and dialog.saved_versions == [1]


def test_a_conflict_with_the_record_gone_says_so(qtbot, editor: FakeEditor) -> None:
    def conflict(_v: int | None) -> Change:
        raise ConcurrentEdit()

    def gone() -> Record:
        raise NotFound("団体 3 が見つかりません。", "Organization 3 not found.")

    editor.answer = conflict
    editor.load_call = lambda: gone  # type: ignore[method-assign]
    editor.accept()
    _settle(qtbot)
    assert editor.banner.isVisible() and not editor.reload_button.isVisible()
    assert "見つかりません" in editor.message_label.text()


# -- end to end, on each database -------------------------------------------------------
@pytest.fixture
def city(db: Database, qtbot) -> Iterator[int]:  # type: ignore[no-untyped-def]
    add_bodies(db)
    yield next(r.id for r in list_organizations(db) if r.code == "052019")
    _settle(qtbot)


def _editor(qtbot, db: Database, organization_id: int) -> OrganizationDialog:  # type: ignore[no-untyped-def]
    dialog = OrganizationDialog(db, ADMIN, get_organization(db, organization_id))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_two_edits_of_one_organization(qtbot, db: Database, city: int) -> None:
    original = get_organization(db, city)
    first, second = _editor(qtbot, db, city), _editor(qtbot, db, city)
    first.name_en_edit.setText("Akita City Hall")
    with qtbot.waitSignal(first.finished, timeout=5000):
        first.accept()
    assert first.saved_id == city

    second.kana_edit.setText("アキタシ")
    second.accept()
    _settle(qtbot)
    assert second.isVisible() and second.conflict and second.banner.isVisible()
    qtbot.waitUntil(lambda: "Akita City Hall" in second.stored_text(), timeout=5000)
    assert second.kana_edit.text() == "アキタシ"  # what they typed stays
    assert "英語名" in "".join(_bold_rows(second))  # theirs differs
    assert get_organization(db, city).name_en == "Akita City Hall"

    qtbot.mouseClick(second.reload_button, Qt.MouseButton.LeftButton)
    assert second.name_en_edit.text() == "Akita City Hall"
    assert second.row == replace(original, name_en="Akita City Hall", version=original.version + 1)
    second.kana_edit.setText("アキタシ")
    with qtbot.waitSignal(second.finished, timeout=5000) as finished:
        second.accept()
    assert finished.args == [int(QDialog.DialogCode.Accepted.value)]
    stored = get_organization(db, city)
    assert (stored.name_en, stored.name_kana) == ("Akita City Hall", "アキタシ")
    assert stored.version == original.version + 2 and second.saved_id == city


def test_a_new_organizations_id_is_the_created_one(qtbot, db: Database, city: int) -> None:
    dialog = OrganizationDialog(db, ADMIN, None, OrganizationKind.PARTNER)
    qtbot.addWidget(dialog)
    dialog.code_edit.setText("P077")
    dialog.name_edit.setText("八郎潟設備株式会社")
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        dialog.accept()
    created = next(r for r in list_organizations(db) if r.code == "P077")
    assert dialog.saved_id == created.id != city


def test_the_editor_speaks_english_with_the_translator(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    from ui.language import app_translator

    translator = app_translator("en")
    assert translator is not None
    qapp.installTranslator(translator)
    try:
        dialog = FakeEditor()
        qtbot.addWidget(dialog)
        assert dialog.save_button.text() == "&Save"
        assert dialog.reload_button.text() == "&Load the latest"
        assert dialog.busy_label.text() == "Saving…"
    finally:
        qapp.removeTranslator(translator)
