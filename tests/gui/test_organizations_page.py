"""The Organizations page: list, filters, and the add/edit dialog with its refusals."""

import pytest
import shiboken6
from PySide6.QtCore import Qt

from oneaqita.jis_code import check_digit
from oneaqita.models import OrganizationKind, Role
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.organizations import (
    get_organization,
    list_organizations,
    save_organization,
)
from oneaqita.services.records import OrganizationData
from tests.staffing_builders import row_counts
from ui.operations import running_operations
from ui.organizations.organization_dialog import OrganizationDialog
from ui.organizations.organizations_model import CODE, KIND
from ui.organizations.organizations_page import OrganizationsPage


@pytest.fixture
def page(qtbot, demo_db: Database, actor: Actor) -> OrganizationsPage:  # type: ignore[no-untyped-def]
    widget = OrganizationsPage(demo_db, actor)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() > 0 and running_operations() == 0)
    return widget


def _shown(page: OrganizationsPage, column: int = CODE) -> list[str]:
    return [page.proxy.index(r, column).data() for r in range(page.proxy.rowCount())]


def _settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=5000)


def _closed(dialog: OrganizationDialog) -> bool:
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


def _open_editor(qtbot, page: OrganizationsPage, code: str) -> OrganizationDialog:  # type: ignore[no-untyped-def]
    row = _shown(page).index(code)
    page.table.setCurrentIndex(page.proxy.index(row, CODE))
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter edits, like a double-click
    assert page.editor is not None
    return page.editor


def test_lists_every_organization_with_fictional_partners_marked(
    page: OrganizationsPage, demo_db: Database
) -> None:
    stored = list_organizations(demo_db)
    assert _shown(page) == [r.code for r in stored]
    assert page.count_label.text() == f"{len(stored)} / {len(stored)} 件"
    headers = [page.proxy.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["コード", "種別", "名称", "カナ", "英語名"]
    kinds = dict(zip(_shown(page), _shown(page, KIND), strict=True))
    fictional = [r.code for r in stored if r.is_fictional]
    assert fictional and all(kinds[code] == "協力会社（架空）" for code in fictional)
    assert kinds["050008"] == "県" and kinds["052019"] == "市"


def test_edit_needs_a_selected_row(page: OrganizationsPage) -> None:
    assert page.new_button.isEnabled() and not page.edit_button.isEnabled()
    page.table.setCurrentIndex(page.proxy.index(0, CODE))
    assert page.edit_button.isEnabled()


def test_sorting_by_a_column(page: OrganizationsPage) -> None:
    page.table.sortByColumn(CODE, Qt.SortOrder.DescendingOrder)
    codes = _shown(page)
    assert codes == sorted(codes, reverse=True)


def test_filter_by_kind_and_by_text_as_the_service_does(
    page: OrganizationsPage, demo_db: Database
) -> None:
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(OrganizationKind.TOWN))
    towns = [r.code for r in list_organizations(demo_db, kind=OrganizationKind.TOWN)]
    assert _shown(page) == towns and len(towns) > 5
    page.kind_combo.setCurrentIndex(0)
    for text in ("秋田", "あきたし", "アキタシ", "akita city", "CITY", "0521", "架空 株式会社"):
        page.search_edit.setText(text)
        expected = [r.code for r in list_organizations(demo_db, text=text)]
        assert _shown(page) == expected, text
    page.search_edit.setText("ゆりほんじょう")
    assert _shown(page) == ["052108"]
    assert page.count_label.text() == f"1 / {page.model.rowCount()} 件"


def test_creating_a_partner_firm(qtbot, page: OrganizationsPage, demo_db: Database) -> None:
    before = page.model.rowCount()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = page.editor
    assert dialog is not None and dialog.kind() is OrganizationKind.PARTNER
    dialog.code_edit.setText("P010")
    dialog.name_edit.setText("男鹿管路サービス株式会社")
    dialog.kana_edit.setText("オガカンロサービス")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    _settle(qtbot)
    qtbot.waitUntil(lambda: page.model.rowCount() == before + 1)
    assert page.editor is None
    created = [r for r in list_organizations(demo_db) if r.code == "P010"]
    assert created and created[0].name_ja == "男鹿管路サービス株式会社"
    assert page.current_id() == created[0].id  # the new one is selected


def test_a_wrong_check_digit_is_refused_and_a_correct_code_accepted(
    qtbot, page: OrganizationsPage, demo_db: Database
) -> None:
    original = next(r for r in list_organizations(demo_db) if r.code == "052019")
    counts = row_counts(demo_db)
    dialog = _open_editor(qtbot, page, "052019")
    assert dialog.windowTitle() == "団体の編集"
    dialog.code_edit.setText("052018")
    dialog.accept()
    _settle(qtbot)
    assert dialog.isVisible() and page.editor is dialog
    assert "チェックディジット" in dialog.error_label.text()
    assert "check digit" in dialog.error_label.text()
    assert dialog.errors.invalid_field() == "code"
    assert dialog.focusWidget() is dialog.code_edit
    assert get_organization(demo_db, original.id) == original  # nothing written
    assert row_counts(demo_db) == counts

    valid = "05299" + check_digit("05299")
    dialog.code_edit.setText(valid)
    dialog.accept()
    _settle(qtbot)
    assert _closed(dialog) and page.editor is None
    stored = get_organization(demo_db, original.id)
    assert stored.code == valid and stored.version == original.version + 1
    qtbot.waitUntil(lambda: valid in _shown(page))


def test_a_duplicate_name_names_the_field(qtbot, page: OrganizationsPage) -> None:
    page.new_button.click()
    dialog = page.editor
    assert dialog is not None
    dialog.code_edit.setText("P011")
    dialog.name_edit.setText("秋田市")
    dialog.accept()
    _settle(qtbot)
    assert dialog.isVisible()
    assert dialog.errors.invalid_field() == "name_ja"
    assert "既に" in dialog.error_label.text()
    dialog.reject()
    assert page.editor is None


def test_a_concurrent_edit_keeps_the_dialog_open_and_cancel_reloads_the_list(
    qtbot, page: OrganizationsPage, demo_db: Database, actor: Actor
) -> None:
    """The editor's one conflict policy (was: an error box, and the dialog closed); the
    reload and second save are in tests/gui/test_editor_dialog.py."""
    dialog = _open_editor(qtbot, page, "052027")
    row = dialog.row
    assert row is not None
    save_organization(  # someone else, meanwhile
        demo_db,
        actor,
        OrganizationData(row.code, row.kind, row.name_ja, row.name_kana, "Noshiro"),
        row.version,
        row.id,
    )
    dialog.name_en_edit.setText("Noshiro-shi")
    dialog.accept()
    _settle(qtbot)
    assert dialog.isVisible() and page.editor is dialog and dialog.conflict
    assert "Noshiro" in dialog.stored_text()
    assert dialog.name_en_edit.text() == "Noshiro-shi"  # what the user typed stays
    dialog.reject()
    assert page.editor is None
    assert get_organization(demo_db, row.id).name_en == "Noshiro"
    qtbot.waitUntil(lambda: "Noshiro" in _shown(page, 4))


@pytest.mark.parametrize("role", [Role.MANAGER, Role.COORDINATOR, Role.SECONDED])
def test_only_administrators_may_edit(qtbot, demo_db: Database, role: Role) -> None:
    widget = OrganizationsPage(demo_db, Actor(None, "someone", role))
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.model.rowCount() > 0)
    assert not widget.new_button.isEnabled() and not widget.edit_button.isEnabled()
    assert "管理者だけ" in widget.new_button.toolTip()
    widget.table.setCurrentIndex(widget.proxy.index(0, 0))
    widget.edit_current()
    assert widget.editor is None
