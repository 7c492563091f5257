"""The audit log page (監査ログ): filtered by user, table, record and period, the selected
entry's before and after side by side with the changed fields marked, nothing editable, and
only for administrators and managers."""

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLineEdit

from oneaqita.models import Organization, OrganizationKind, Role, User
from oneaqita.services.actor import Actor
from oneaqita.services.audit_queries import AuditFilter, count_audit_entries
from oneaqita.services.changes import Entity
from oneaqita.services.database import Database
from oneaqita.services.organizations import get_organization, save_organization
from oneaqita.services.records import OrganizationData
from tests.gui.input import after_recount
from ui.audit.page import AuditLogPage
from ui.operations import running_operations


def _add_user(db: Database, admin: Actor, login: str, role: Role) -> Actor:
    with db.unit_of_work(admin) as uow:
        user = User(login=login, display_name=f"{login} さん", role=role)
        uow.session.add(user)
        uow.session.flush()
        uow.audit("create", Entity.USERS, user.id, None, {"login": login, "role": str(role)})
        return Actor.of(user)


@pytest.fixture
def edits(demo_db: Database, actor: Actor) -> dict[str, object]:
    """A second administrator renames a body the demo has; the desktop user adds one."""
    other = _add_user(demo_db, actor, "suzuki", Role.ADMIN)
    with demo_db.read() as session:
        org = session.query(Organization).order_by(Organization.id).first()
        assert org is not None
        org_id = org.id
    row = get_organization(demo_db, org_id)
    renamed = OrganizationData(row.code, row.kind, row.name_ja + "改", row.name_kana, "Renamed")
    save_organization(demo_db, other, renamed, row.version, org_id)
    save_organization(
        demo_db, actor, OrganizationData("P900", OrganizationKind.PARTNER, "監査設備株式会社"), None
    )
    return {"other": other, "org_id": org_id, "old_name": row.name_ja}


@pytest.fixture
def page(qtbot, demo_db: Database, actor: Actor, edits: dict[str, object]) -> AuditLogPage:  # type: ignore[no-untyped-def]
    widget = AuditLogPage(demo_db, actor)
    qtbot.addWidget(widget)
    widget.resize(1300, 700)
    widget.show()
    qtbot.waitUntil(
        lambda: (
            widget.model.rowCount() > 0
            and widget.filter_bar.user_combo.count() > 1
            and running_operations() == 0
        ),
        timeout=5000,
    )
    return widget


def _shown(page: AuditLogPage, column: int) -> list[str]:
    model = page.model
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_newest_first_in_local_time(page: AuditLogPage, demo_db: Database, actor: Actor) -> None:
    assert page.title() == "監査ログ"
    assert page.model.rowCount() == count_audit_entries(demo_db, actor, AuditFilter())
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)]
    assert headers == ["日時", "ユーザー", "操作", "対象", "ID"]
    first = page.model.row_at(0)
    assert first is not None and first.after is not None and first.after["code"] == "P900"
    assert _shown(page, 3)[0] == "団体" and _shown(page, 2)[0] == "追加"
    at = page.model.index(0, 0).data()
    assert at == first.at.astimezone().strftime("%Y/%m/%d %H:%M:%S")
    assert page.filter_bar.count_label.text() == f"{page.model.rowCount():,} 件"


def test_filter_by_user_and_by_table(qtbot, page: AuditLogPage, edits: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    other = edits["other"]
    assert isinstance(other, Actor)
    bar = page.filter_bar
    users = bar.user_combo
    after_recount(qtbot, page, lambda: users.setCurrentIndex(users.findData(other.user_id)))
    assert page.model.rowCount() == 1 and _shown(page, 1) == ["suzuki"]
    assert _shown(page, 2) == ["変更"]

    after_recount(qtbot, page, lambda: users.setCurrentIndex(0))
    entities = bar.entity_combo
    assert entities.findText("団体") > 0 and entities.findText("ユーザー") > 0  # in Japanese
    assert not bar.id_edit.isEnabled()  # ids are per table
    after_recount(
        qtbot, page, lambda: entities.setCurrentIndex(entities.findData(str(Entity.USERS)))
    )
    assert set(_shown(page, 3)) == {"ユーザー"} and page.model.rowCount() >= 2
    assert bar.id_edit.isEnabled()


def test_filter_by_record_and_period(qtbot, page: AuditLogPage, edits: dict[str, object]) -> None:  # type: ignore[no-untyped-def]
    page.show_record(Entity.ORGANIZATIONS, int(edits["org_id"]))  # type: ignore[call-overload]
    qtbot.waitUntil(lambda: page.model.filter.entity_id == edits["org_id"], timeout=5000)
    qtbot.waitUntil(lambda: not page.model.is_loading(), timeout=5000)
    assert _shown(page, 4) == [str(edits["org_id"])] and _shown(page, 1) == ["suzuki"]

    page.show_record(Entity.USERS, None)  # a table's entries, then a double click on one
    qtbot.waitUntil(lambda: page.model.filter.entity_id is None, timeout=5000)
    qtbot.waitUntil(lambda: not page.model.is_loading() and page.model.rowCount() > 1)
    first = page.model.row_at(0)
    assert first is not None and first.entity_id is not None
    rect = page.table.visualRect(page.model.index(0, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.model.counted, timeout=5000):
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.model.filter.entity_id == first.entity_id
    assert page.filter_bar.id_edit.text() == str(first.entity_id)
    assert {r.entity_id for r in (page.model.row_at(i) for i in range(page.model.rowCount())) if r}
    assert set(_shown(page, 4)) == {str(first.entity_id)}

    page.show_record(Entity.ORGANIZATIONS, int(edits["org_id"]))  # type: ignore[call-overload]
    qtbot.waitUntil(lambda: page.model.filter.entity_id == edits["org_id"], timeout=5000)
    qtbot.waitUntil(lambda: not page.model.is_loading(), timeout=5000)
    bar = page.filter_bar
    tomorrow = date.today() + timedelta(days=1)
    day = QDate(tomorrow.year, tomorrow.month, tomorrow.day)
    after_recount(qtbot, page, lambda: bar.from_edit.setDate(day))
    assert page.model.rowCount() == 0
    after_recount(qtbot, page, lambda: bar.from_edit.setDate(bar.from_edit.minimumDate()))
    assert page.model.rowCount() == 1


def test_the_selected_entry_before_and_after_side_by_side(
    qtbot, page: AuditLogPage, edits: dict[str, object]
) -> None:  # type: ignore[no-untyped-def]
    other = edits["other"]
    assert isinstance(other, Actor)
    users = page.filter_bar.user_combo
    after_recount(qtbot, page, lambda: users.setCurrentIndex(users.findData(other.user_id)))
    rect = page.table.visualRect(page.model.index(0, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.entry_pane.entry is not None, timeout=5000)
    pane = page.entry_pane
    assert "suzuki" in pane.heading.text() and "団体" in pane.heading.text()
    assert set(pane.changed_rows()) == {"name_ja", "name_en", "version"}
    rows = {r[0]: r[1:] for r in pane.row_texts()}
    old = str(edits["old_name"])
    assert rows["≠ 名称 (name_ja)"] == (old, old + "改")
    assert rows["コード (code)"][0] == rows["コード (code)"][1]  # unchanged, not marked
    assert [pane.table.horizontalHeaderItem(c).text() for c in range(3)] == [
        "項目",
        "変更前",
        "変更後",
    ]


def test_nothing_is_editable(qtbot, page: AuditLogPage) -> None:  # type: ignore[no-untyped-def]
    rect = page.table.visualRect(page.model.index(0, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.entry_pane.entry is not None, timeout=5000)
    for column in range(page.model.columnCount()):
        flags = page.model.flags(page.model.index(0, column))
        assert not flags & Qt.ItemFlag.ItemIsEditable
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.table.state() != QAbstractItemView.State.EditingState
    table = page.entry_pane.table
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert all(
        not table.item(r, c).flags() & Qt.ItemFlag.ItemIsEditable
        for r in range(table.rowCount())
        for c in range(3)
    )
    # No command anywhere on the page: only the filters' own widgets (their line edits).
    buttons = [b for b in page.findChildren(QAbstractButton) if b.isVisible()]
    assert buttons == []
    edits = {e for e in page.findChildren(QLineEdit) if e.isVisible()}
    assert all(e is page.filter_bar.search_edit or e.parent() is not page.entry_pane for e in edits)


def test_only_administrators_and_managers(demo_db: Database, actor: Actor) -> None:
    manager = _add_user(demo_db, actor, "kanri", Role.MANAGER)
    clerk = _add_user(demo_db, actor, "tanto", Role.COORDINATOR)
    seconded = _add_user(demo_db, actor, "shukko", Role.SECONDED)
    assert AuditLogPage.available(actor) and AuditLogPage.available(manager)
    assert not AuditLogPage.available(clerk) and not AuditLogPage.available(seconded)
