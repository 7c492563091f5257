"""Recording, extending and ending secondments from a person's card, and the refusals that
keep the dialog open with the reason and the field to fix."""

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialog

from oneaqita.errors import ValidationError
from oneaqita.models import SecondmentKind
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.people_queries import PeopleFilter, list_people, person_card
from oneaqita.services.secondments import extend_secondment
from tests.gui.input import type_japanese
from tests.staffing_builders import (
    ADMIN,
    COORDINATOR,
    add_bodies,
    add_person,
    add_secondment,
    row_counts,
)
from ui.operations import change_hub, running_operations
from ui.staffing.people_page import PeoplePage
from ui.staffing.secondment_dialog import Mode, SecondmentDialog

TODAY = date(2025, 3, 1)


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _settled(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=5000)


@pytest.fixture
def db(sqlite_db: Database, qtbot) -> Iterator[Database]:  # type: ignore[no-untyped-def]
    """秋田市's 佐藤 花子 seconded for FY2023–FY2024; 鈴木 一郎 never seconded."""
    add_bodies(sqlite_db)
    add_person(sqlite_db, "E1", "佐藤 花子", "052019", "サトウ ハナコ")
    add_person(sqlite_db, "E2", "鈴木 一郎", "P001", "スズキ イチロウ")
    add_secondment(
        sqlite_db, "E1", date(2023, 4, 1), date(2025, 3, 31), "052019", position="技師", pct=50
    )
    yield sqlite_db
    _settled(qtbot)  # before the database goes


@pytest.fixture
def page(qtbot, db: Database) -> Iterator[PeoplePage]:  # type: ignore[no-untyped-def]
    widget = PeoplePage(db, ADMIN, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() == 2 and running_operations() == 0)
    yield widget
    _settled(qtbot)


def _card_of(qtbot, page: PeoplePage, employee_no: str) -> None:  # type: ignore[no-untyped-def]
    row = next(
        r for r in range(page.model.rowCount()) if page.model.row_at(r).employee_no == employee_no
    )
    rect = page.table.visualRect(page.model.index(row, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(
        lambda: (
            page.card_pane.card is not None
            and page.card_pane.card.employee_no == employee_no
            and running_operations() == 0
        ),
        timeout=5000,
    )


def _open(qtbot, page: PeoplePage, button) -> SecondmentDialog:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert page.dialog is not None
    qtbot.waitUntil(page.dialog.isVisible, timeout=2000)
    return page.dialog


def _press_ok(qtbot, dialog: SecondmentDialog) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    _settled(qtbot)


def _press_ok_to_close(qtbot, dialog: SecondmentDialog, result: QDialog.DialogCode) -> None:  # type: ignore[no-untyped-def]
    """OK, and the dialog closes with `result` (it is deleted afterwards)."""
    with qtbot.waitSignal(dialog.finished, timeout=5000) as finished:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert finished.args == [int(result.value)]
    _settled(qtbot)


def _secondments(db: Database, employee_no: str) -> list[tuple]:  # type: ignore[type-arg]
    (row,) = [r for r in list_people(db, PeopleFilter()) if r.employee_no == employee_no]
    card = person_card(db, row.id)
    return [
        (
            s.from_organization_code,
            s.kind,
            s.start,
            s.end,
            s.position,
            s.salary_borne_by_company_pct,
        )
        for s in card.secondments
    ]


def test_record_a_secondment(qtbot, page: PeoplePage, db: Database) -> None:
    _card_of(qtbot, page, "E1")
    dialog = _open(qtbot, page, page.card_pane.register_button)
    assert dialog.windowTitle() == "出向の登録"
    # The new stay follows the last one, from the same body, for two fiscal years.
    assert dialog.org_combo.currentData() == "052019"
    assert "株式会社ONE・AQITA" not in [
        dialog.org_combo.itemText(i) for i in range(dialog.org_combo.count())
    ]
    assert dialog.kind() is SecondmentKind.ON_ROLL
    assert dialog.start_edit.date() == _qdate(date(2025, 4, 1))
    assert dialog.end_edit.date() == _qdate(date(2027, 3, 31))
    assert dialog.position_edit.text() == "技師"
    dialog.position_edit.setText("主任技師")
    dialog.salary_spin.setValue(30)
    with qtbot.waitSignal(change_hub().changed, timeout=5000) as announced:
        _press_ok_to_close(qtbot, dialog, QDialog.DialogCode.Accepted)
    change: Change = announced.args[0]
    assert change.touches("secondments")
    assert page.dialog is None
    new = ("052019", SecondmentKind.ON_ROLL, date(2025, 4, 1), date(2027, 3, 31), "主任技師", 30)
    assert _secondments(db, "E1")[-1] == new
    # The card shows it, selected.
    table = page.card_pane.history_table
    qtbot.waitUntil(lambda: table.rowCount() == 2, timeout=5000)
    assert [table.item(1, c).text() for c in range(6)] == [
        "秋田市",
        "在籍派遣",
        "2025/04/01",
        "2027/03/31",
        "主任技師",
        "30 %",
    ]
    assert page.card_pane.selected_secondment().id in change.ids_of(Entity.SECONDMENTS)  # type: ignore[union-attr]


def test_an_open_ended_secondment(qtbot, page: PeoplePage, db: Database) -> None:
    _card_of(qtbot, page, "E2")
    dialog = _open(qtbot, page, page.card_pane.register_button)
    # A partner firm's employee: the sender is the home firm and the kind 出向.
    assert dialog.org_combo.currentData() == "P001"
    assert dialog.kind() is SecondmentKind.PARTNER
    assert dialog.start_edit.date() == _qdate(TODAY)
    dialog.no_end_check.setChecked(True)
    assert not dialog.end_edit.isEnabled()
    _press_ok_to_close(qtbot, dialog, QDialog.DialogCode.Accepted)
    assert _secondments(db, "E2") == [("P001", SecondmentKind.PARTNER, TODAY, None, None, 0)]
    table = page.card_pane.history_table
    qtbot.waitUntil(lambda: table.rowCount() == 1, timeout=5000)
    assert table.item(0, 3).text() == "期間の定めなし"


def test_end_before_start_is_refused_in_place(qtbot, page: PeoplePage, db: Database) -> None:
    _card_of(qtbot, page, "E1")
    before = row_counts(db)
    dialog = _open(qtbot, page, page.card_pane.register_button)
    dialog.end_edit.setDate(_qdate(date(2025, 3, 15)))  # before the start, 2025-04-01
    _press_ok(qtbot, dialog)
    assert dialog.isVisible() and page.dialog is dialog
    message = dialog.errors.label.text()
    assert "終了日 2025-03-15 が開始日 2025-04-01 より前です" in message
    assert "The end 2025-03-15 is before the start 2025-04-01" in message
    assert dialog.errors.label.isVisible()
    assert dialog.errors.invalid_widgets() == [dialog.end_edit]
    assert dialog.focusWidget() is dialog.end_edit
    assert row_counts(db) == before
    # Changing the date takes the outline away; OK again records it.
    dialog.end_edit.setDate(_qdate(date(2026, 3, 31)))
    assert dialog.errors.invalid_widgets() == []
    _press_ok_to_close(qtbot, dialog, QDialog.DialogCode.Accepted)
    assert page.dialog is None
    assert row_counts(db)["secondments"] == before["secondments"] + 1


def test_an_overlap_is_refused_in_place(qtbot, page: PeoplePage, db: Database) -> None:
    _card_of(qtbot, page, "E1")
    before = row_counts(db)
    dialog = _open(qtbot, page, page.card_pane.register_button)
    dialog.start_edit.setDate(_qdate(date(2024, 10, 1)))  # inside FY2023–FY2024
    _press_ok(qtbot, dialog)
    assert dialog.isVisible()
    message = dialog.errors.label.text()
    assert "2023-04-01〜2025-03-31 の 秋田市 からの派遣と重なっています" in message
    assert "開始日を 2025-04-01 以降にしてください" in message
    assert "Overlaps the secondment from 秋田市" in message
    assert dialog.errors.invalid_widgets() == [dialog.start_edit]
    assert dialog.focusWidget() is dialog.start_edit
    assert row_counts(db) == before
    with qtbot.waitSignal(dialog.finished, timeout=2000) as finished:
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # discards
    assert finished.args == [int(QDialog.DialogCode.Rejected.value)]
    assert page.dialog is None
    assert row_counts(db) == before


def test_an_open_end_over_a_later_stay_outlines_the_tick_box(
    qtbot, page: PeoplePage, db: Database
) -> None:
    _card_of(qtbot, page, "E1")
    dialog = _open(qtbot, page, page.card_pane.register_button)
    dialog.start_edit.setDate(_qdate(date(2022, 4, 1)))  # before the stay, running on
    dialog.no_end_check.setChecked(True)
    _press_ok(qtbot, dialog)
    assert "終了日を 2023-03-31 以前にしてください" in dialog.errors.label.text()
    assert dialog.errors.invalid_widgets() == [dialog.no_end_check]
    dialog.reject()


def test_the_wrong_kind_for_the_sender_is_refused(qtbot, page: PeoplePage, db: Database) -> None:
    _card_of(qtbot, page, "E1")
    dialog = _open(qtbot, page, page.card_pane.register_button)
    dialog.org_combo.setCurrentIndex(dialog.org_combo.findData("P001"))
    assert dialog.kind() is SecondmentKind.PARTNER  # the kind follows
    dialog.set_kind(SecondmentKind.ON_ROLL)
    _press_ok(qtbot, dialog)
    assert "からは出向にしてください" in dialog.errors.label.text()
    assert dialog.errors.invalid_widgets() == [dialog.kind_combo]
    assert len(_secondments(db, "E1")) == 1
    dialog.reject()


def test_the_salary_share_stays_within_0_to_100(qtbot, page: PeoplePage) -> None:
    _card_of(qtbot, page, "E1")
    dialog = _open(qtbot, page, page.card_pane.register_button)
    spin = dialog.salary_spin
    assert (spin.minimum(), spin.maximum(), spin.suffix()) == (0, 100, " %")
    spin.setValue(150)
    assert spin.value() == 100
    spin.setValue(-5)
    assert spin.value() == 0
    # Should the service still refuse a share, the spin box is the field outlined.
    dialog.show_refusal(
        ValidationError(
            "会社負担割合は0〜100 (%) にしてください", "0 to 100 %", "salary_borne_by_company_pct"
        )
    )
    assert dialog.errors.invalid_widgets() == [spin]
    assert dialog.focusWidget() is spin
    dialog.reject()


def test_extend_a_secondment(qtbot, page: PeoplePage, db: Database) -> None:
    _card_of(qtbot, page, "E1")
    page.card_pane.history_table.selectRow(0)
    dialog = _open(qtbot, page, page.card_pane.extend_button)
    assert dialog.mode is Mode.EXTEND and dialog.windowTitle() == "出向の延長"
    assert dialog.end_edit.date() == _qdate(date(2026, 3, 31))  # one more fiscal year
    # An end not after the current one is refused, with the service's advice.
    dialog.end_edit.setDate(_qdate(date(2025, 3, 1)))
    _press_ok(qtbot, dialog)
    assert "今の終了日 2025-03-31 より後にしてください" in dialog.errors.label.text()
    assert dialog.errors.invalid_widgets() == [dialog.end_edit]
    assert _secondments(db, "E1")[0][3] == date(2025, 3, 31)
    dialog.end_edit.setDate(_qdate(date(2026, 3, 31)))
    _press_ok_to_close(qtbot, dialog, QDialog.DialogCode.Accepted)
    assert page.dialog is None
    assert _secondments(db, "E1")[0][3] == date(2026, 3, 31)
    table = page.card_pane.history_table
    qtbot.waitUntil(lambda: table.item(0, 3).text() == "2026/03/31", timeout=5000)
    assert page.card_pane.selected_secondment().end == date(2026, 3, 31)  # type: ignore[union-attr]


def test_extend_to_an_open_end(qtbot, page: PeoplePage, db: Database) -> None:
    _card_of(qtbot, page, "E1")
    page.card_pane.history_table.selectRow(0)
    dialog = _open(qtbot, page, page.card_pane.extend_button)
    dialog.no_end_check.setChecked(True)
    _press_ok_to_close(qtbot, dialog, QDialog.DialogCode.Accepted)
    assert _secondments(db, "E1")[0][3] is None
    # An open end cannot be extended further, only ended.
    qtbot.waitUntil(lambda: page.card_pane.history_table.item(0, 3).text() == "期間の定めなし")
    page.card_pane.history_table.selectRow(0)
    assert not page.card_pane.extend_button.isEnabled()
    assert page.card_pane.end_button.isEnabled()


def test_end_a_secondment(qtbot, page: PeoplePage, db: Database) -> None:
    _card_of(qtbot, page, "E1")
    page.card_pane.history_table.selectRow(0)
    dialog = _open(qtbot, page, page.card_pane.end_button)
    assert dialog.mode is Mode.END and dialog.windowTitle() == "出向の終了"
    assert dialog.end_edit.date() == _qdate(TODAY)  # ending today by default
    # After the planned end is refused: that would be an extension.
    dialog.end_edit.setDate(_qdate(date(2025, 6, 30)))
    _press_ok(qtbot, dialog)
    assert "「延長」を使ってください" in dialog.errors.label.text()
    assert dialog.errors.invalid_widgets() == [dialog.end_edit]
    dialog.end_edit.setDate(_qdate(date(2025, 3, 10)))
    _press_ok_to_close(qtbot, dialog, QDialog.DialogCode.Accepted)
    assert page.dialog is None
    assert _secondments(db, "E1")[0][3] == date(2025, 3, 10)


def test_a_change_made_meanwhile_keeps_the_dialog_open_beside_the_stored_period(
    qtbot, page: PeoplePage, db: Database
) -> None:
    """The editor's one conflict policy (was: an error box, and the dialog closed)."""
    _card_of(qtbot, page, "E1")
    page.card_pane.history_table.selectRow(0)
    dialog = _open(qtbot, page, page.card_pane.extend_button)
    line = page.card_pane.selected_secondment()
    assert line is not None
    extend_secondment(db, COORDINATOR, line.id, date(2025, 9, 30), line.version)  # elsewhere
    dialog.end_edit.setDate(_qdate(date(2026, 9, 30)))
    _press_ok(qtbot, dialog)
    assert dialog.isVisible() and page.dialog is dialog and dialog.conflict
    assert dialog.banner.isVisible()
    assert "他の人がこのデータを先に変更しました" in dialog.banner_text()
    qtbot.waitUntil(lambda: "2025/09/30" in dialog.stored_text(), timeout=5000)
    assert "今の期間" in dialog.stored_text()
    assert dialog.end_edit.date() == _qdate(date(2026, 9, 30))  # what the user chose stays
    assert _secondments(db, "E1")[0][3] == date(2025, 9, 30)  # theirs stays
    qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
    assert not dialog.banner.isVisible()
    assert dialog.period_label.text() == "2023/04/01 〜 2025/09/30"
    _press_ok_to_close(qtbot, dialog, QDialog.DialogCode.Accepted)
    assert page.dialog is None
    assert _secondments(db, "E1")[0][3] == date(2026, 9, 30)


def test_cancelling_after_a_conflict_shows_the_stored_secondment(
    qtbot, page: PeoplePage, db: Database
) -> None:
    _card_of(qtbot, page, "E1")
    page.card_pane.history_table.selectRow(0)
    dialog = _open(qtbot, page, page.card_pane.end_button)
    line = page.card_pane.selected_secondment()
    assert line is not None
    extend_secondment(db, COORDINATOR, line.id, date(2025, 9, 30), line.version)  # elsewhere
    _press_ok(qtbot, dialog)
    assert dialog.conflict and dialog.isVisible()
    with qtbot.waitSignal(dialog.finished, timeout=2000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    table = page.card_pane.history_table
    qtbot.waitUntil(lambda: table.item(0, 3).text() == "2025/09/30", timeout=5000)


def test_the_monthly_cost_basis_is_typed_and_refused_when_not_whole_yen(
    qtbot, page: PeoplePage, db: Database
) -> None:
    _card_of(qtbot, page, "E2")
    dialog = _open(qtbot, page, page.card_pane.register_button)
    assert dialog.cost_edit.text() == ""  # no earlier stay to take it from
    before = row_counts(db)
    for bad in ("=1+1", "45万", "-1"):
        dialog.cost_edit.clear()
        type_japanese(dialog.cost_edit, bad)
        _press_ok(qtbot, dialog)
        assert dialog.isVisible(), bad
        assert dialog.errors.invalid_widgets() == [dialog.cost_edit], bad
        assert row_counts(db) == before
    dialog.cost_edit.clear()
    type_japanese(dialog.cost_edit, "４５６，０００円")
    _press_ok_to_close(qtbot, dialog, QDialog.DialogCode.Accepted)
    (row,) = [r for r in list_people(db, PeopleFilter()) if r.employee_no == "E2"]
    assert [s.monthly_cost_yen for s in person_card(db, row.id).secondments] == [456_000]
