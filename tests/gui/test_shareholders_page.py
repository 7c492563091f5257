"""The shareholder register page: the service's numbers, the history, recording a change."""

import re
from datetime import date
from decimal import Decimal

import pytest
import shiboken6
from PySide6.QtCore import QDate, Qt

from oneaqita.models import Role
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.shareholders import holding_history, shareholder_register
from tests.staffing_builders import row_counts
from ui.operations import running_operations
from ui.organizations.holding_dialog import HoldingDialog
from ui.organizations.shareholders_page import ShareholdersPage

HOLDER, SHARES, CAPITAL, PERCENT, SINCE = range(5)


@pytest.fixture
def page(qtbot, demo_db: Database, actor: Actor) -> ShareholdersPage:  # type: ignore[no-untyped-def]
    widget = ShareholdersPage(demo_db, actor)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.register is not None and running_operations() == 0)
    return widget


def _settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=5000)


def _select(qtbot, page: ShareholdersPage, code: str) -> int:  # type: ignore[no-untyped-def]
    row = next(i for i, t in enumerate(page.table.column_texts(HOLDER)) if t.startswith(code))
    page.table.setCurrentCell(row, HOLDER)
    _settle(qtbot)
    return row


def test_the_register_shows_the_services_numbers_and_a_100_percent_total(
    page: ShareholdersPage, demo_db: Database
) -> None:
    register = shareholder_register(demo_db, date.today())
    assert register.rows
    percents = page.table.column_texts(PERCENT)
    assert percents[:-1] == [f"{r.percent:.2f} %" for r in register.rows]
    assert percents[-1] == "100.00 %"
    assert sum(Decimal(p.removesuffix(" %")) for p in percents[:-1]) == Decimal("100.00")
    holders = page.table.column_texts(HOLDER)
    assert holders[:-1] == [f"{r.code}  {r.name_ja}" for r in register.rows]
    assert holders[-1] == f"合計（{len(register.rows)} 株主）"
    capital = page.table.column_texts(CAPITAL)
    assert all(re.fullmatch(r"\d{1,3}(,\d{3})*円", c) for c in capital)
    assert capital[-1] == f"{register.total_capital_yen:,}円"
    assert page.table.column_texts(SHARES)[-1] == f"{register.total_shares:,}"
    right = Qt.AlignmentFlag.AlignRight
    for column in (SHARES, CAPITAL, PERCENT):
        assert Qt.AlignmentFlag(page.table.item(0, column).textAlignment()) & right
    assert not page.table.item(len(register.rows), 0).flags() & Qt.ItemFlag.ItemIsSelectable


def test_selecting_a_holder_shows_its_history(
    qtbot, page: ShareholdersPage, demo_db: Database
) -> None:
    assert page.history_table.rowCount() == 0
    _select(qtbot, page, "052019")
    org_id = page.current_holder_id()
    assert org_id is not None
    lines = holding_history(demo_db, org_id)
    assert page.history == lines
    assert page.history_table.rowCount() == len(lines)
    assert page.history_box.title() == "持株の履歴: 秋田市"
    assert page.history_table.item(0, 2).text() == "—"  # the first holding has no change


def test_the_as_of_date_picks_the_holdings_in_force(qtbot, page: ShareholdersPage) -> None:
    page.date_edit.setDate(QDate(2023, 1, 1))  # before the company was founded
    qtbot.waitUntil(lambda: page.register is not None and page.register.as_of == date(2023, 1, 1))
    assert page.register.rows == []
    assert page.table.rowCount() == 1  # the totals row alone


def _open_change(qtbot, page: ShareholdersPage, code: str) -> HoldingDialog:  # type: ignore[no-untyped-def]
    _select(qtbot, page, code)
    qtbot.mouseClick(page.change_button, Qt.MouseButton.LeftButton)
    assert page.editor is not None
    return page.editor


def test_recording_a_change_adds_history_and_changes_the_percentages(
    qtbot, page: ShareholdersPage, demo_db: Database
) -> None:
    before = shareholder_register(demo_db, date.today())
    dialog = _open_change(qtbot, page, "052019")
    assert dialog.holder_combo.currentText().startswith("052019")
    old = next(r for r in before.rows if r.code == "052019")
    assert dialog.shares_edit.text() == f"{old.shares:,}"  # starts from the holding in force
    dialog.shares_edit.setText(f"{old.shares + 100:,}")
    dialog.capital_edit.setText(f"{old.capital_yen + 5_000_000:,}")
    dialog.accept()
    _settle(qtbot)
    assert page.editor is None
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()
    after = shareholder_register(demo_db, date.today())
    qtbot.waitUntil(lambda: page.register == after and running_operations() == 0)
    assert len(holding_history(demo_db, old.organization_id)) == 2
    assert page.history_table.rowCount() == 2
    assert page.history_table.item(1, 2).text() == "+100"
    percents = page.table.column_texts(PERCENT)
    assert percents[:-1] == [f"{r.percent:.2f} %" for r in after.rows]
    assert percents[-1] == "100.00 %"
    assert percents[:-1] != [f"{r.percent:.2f} %" for r in before.rows]


def test_a_second_change_on_the_same_date_is_refused_inline(
    qtbot, page: ShareholdersPage, demo_db: Database
) -> None:
    founded = shareholder_register(demo_db, date.today()).rows[0].since
    dialog = _open_change(qtbot, page, "052027")
    dialog.since_edit.setDate(QDate(founded.year, founded.month, founded.day))
    counts = row_counts(demo_db)
    dialog.accept()
    _settle(qtbot)
    assert dialog.isVisible() and dialog.errors.invalid_field() == "since"
    assert "既に登録されています" in dialog.error_label.text()
    dialog.shares_edit.setText("-5")
    dialog.accept()
    _settle(qtbot)
    assert dialog.errors.invalid_field() == "shares"
    dialog.capital_edit.setText("たくさん")
    dialog.shares_edit.setText("5")
    dialog.accept()
    assert dialog.errors.invalid_field() == "capital_yen"
    assert row_counts(demo_db) == counts
    dialog.reject()


def test_a_holding_recorded_meanwhile_is_shown_and_reloaded(
    qtbot, page: ShareholdersPage, demo_db: Database, actor: Actor, monkeypatch
) -> None:
    """The editor's conflict policy for a new register row: the holdings in force are read
    again and the holder's shown; Reload fills them in."""
    from oneaqita.errors import ConcurrentEdit
    from oneaqita.services.records import ShareholdingData
    from oneaqita.services.shareholders import record_holding_change
    from ui.organizations import holding_dialog

    dialog = _open_change(qtbot, page, "052019")
    old = next(r for r in page.register.rows if r.code == "052019")  # type: ignore[union-attr]
    today = date.today()
    record_holding_change(  # someone else, meanwhile
        demo_db, actor, ShareholdingData("052019", old.shares + 7, old.capital_yen, today)
    )
    real = holding_dialog.record_holding_change

    def lost_race(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise ConcurrentEdit()

    monkeypatch.setattr(holding_dialog, "record_holding_change", lost_race)
    dialog.shares_edit.setText("1")
    dialog.accept()
    _settle(qtbot)
    assert dialog.isVisible() and dialog.conflict and dialog.banner.isVisible()
    assert f"{old.shares + 7:,}" in dialog.stored_text() and "株式数" in dialog.stored_text()
    assert dialog.shares_edit.text() == "1"  # kept until Reload
    qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
    assert dialog.shares_edit.text() == f"{old.shares + 7:,}"
    monkeypatch.setattr(holding_dialog, "record_holding_change", real)
    dialog.since_edit.setDate(QDate(today.year, today.month, today.day).addDays(1))
    dialog.shares_edit.setText(f"{old.shares + 8:,}")
    dialog.accept()
    _settle(qtbot)
    assert page.editor is None
    assert len(holding_history(demo_db, old.organization_id)) == 3


@pytest.mark.parametrize(("role", "allowed"), [(Role.MANAGER, True), (Role.COORDINATOR, False)])
def test_admins_and_managers_record_changes(
    qtbot, demo_db: Database, role: Role, allowed: bool
) -> None:
    widget = ShareholdersPage(demo_db, Actor(None, "someone", role))
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.register is not None)
    assert widget.change_button.isEnabled() is allowed
    if not allowed:
        assert "管理者と管理職" in widget.change_button.toolTip()
        widget.record_change()
        assert widget.editor is None
    _settle(qtbot)
