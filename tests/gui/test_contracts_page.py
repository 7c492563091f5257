"""The Contracts page on the demo data: the list and its filters, the card, and the contract
editor (create, edit, a refusal, a concurrent edit), the keyboard, and the roles."""

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from sqlalchemy import func, select

from oneaqita.models import Contract, Role, WorkOrder, WorkOrderStatus
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Entity
from oneaqita.services.contract_queries import (
    ContractFilter,
    ContractRow,
    contract_card,
    contract_choices,
    count_contracts,
    get_contract,
    list_contracts,
)
from oneaqita.services.contracts import save_contract
from oneaqita.services.database import Database
from oneaqita.services.work_orders import transition
from tests.gui.input import after_recount, type_japanese
from ui.contracts.contract_dialog import ContractDialog
from ui.contracts.page import ContractsPage
from ui.operations import change_hub, running_operations
from ui.staffing.dates import qdate


def _settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=10_000)


@pytest.fixture
def page(qtbot, demo_db: Database, actor: Actor) -> Iterator[ContractsPage]:  # type: ignore[no-untyped-def]
    widget = ContractsPage(demo_db, actor)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() > 0 and running_operations() == 0)
    yield widget
    _settle(qtbot)


def _rows(page: ContractsPage) -> list[ContractRow]:
    rows = [page.model.row_at(r) for r in range(page.model.rowCount())]
    assert all(r is not None for r in rows), "the demo's contracts fit on the first page"
    return rows  # type: ignore[return-value]


def _busiest(db: Database, bulk: bool = False) -> int:
    """The contract with the most work orders (of a bulk group, if `bulk`)."""
    stmt = select(WorkOrder.contract_id).join(Contract, Contract.id == WorkOrder.contract_id)
    if bulk:
        stmt = stmt.where(Contract.bulk_group.is_not(None))
    stmt = stmt.group_by(WorkOrder.contract_id).order_by(func.count().desc(), WorkOrder.contract_id)
    with db.read() as s:
        found = s.scalar(stmt.limit(1))
    assert found is not None
    return found


def _select(qtbot, page: ContractsPage, contract_id: int) -> None:  # type: ignore[no-untyped-def]
    row = next(i for i, r in enumerate(_rows(page)) if r.id == contract_id)
    page.table.scrollTo(page.model.index(row, 0))
    rect = page.table.visualRect(page.model.index(row, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    card = page.card_pane
    qtbot.waitUntil(lambda: card.card is not None and card.card.row.id == contract_id)
    _settle(qtbot)


def _key(qtbot, widget: QWidget, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    widget.activateWindow()
    widget.setFocus()
    qtbot.keyClick(widget, key, modifier)


def _dialog(page: ContractsPage) -> ContractDialog:
    assert page.dialog is not None
    return page.dialog


def test_lists_every_contract_with_its_count(page: ContractsPage, demo_db: Database) -> None:
    expected = count_contracts(demo_db, ContractFilter())
    assert page.model.rowCount() == expected > 0
    assert page.filter_bar.count_label.text() == f"{expected:,} 件"
    assert [r.id for r in _rows(page)] == [r.id for r in list_contracts(demo_db, ContractFilter())]
    assert page.title() == "契約"


def test_filters_by_fiscal_year_client_kind_group_and_text(
    qtbot, page: ContractsPage, demo_db: Database
) -> None:
    bar = page.filter_bar
    choices = contract_choices(demo_db)
    years = [bar.year_combo.itemText(i) for i in range(1, bar.year_combo.count())]
    assert years[0] == "令和6年度（2024）" and len(years) == len(choices.fiscal_years)

    flt = ContractFilter(fiscal_year=2025)
    after_recount(qtbot, page, lambda: bar.select("year", 2025))
    assert [r.id for r in _rows(page)] == [r.id for r in list_contracts(demo_db, flt)]
    assert all(r.start <= date(2026, 3, 31) and r.end >= date(2025, 4, 1) for r in _rows(page))

    client_id = choices.clients[0][0]  # the prefecture
    flt = replace(flt, client_id=client_id)
    after_recount(qtbot, page, lambda: bar.select("client", client_id))
    assert page.model.rowCount() == count_contracts(demo_db, flt) > 0
    assert {r.client_id for r in _rows(page)} == {client_id}

    group = choices.bulk_groups[0]
    flt = ContractFilter(bulk_group=group)
    after_recount(qtbot, page, lambda: (bar.select("year", None), bar.select("client", None)))
    after_recount(qtbot, page, lambda: bar.select("group", group))
    assert page.model.rowCount() == count_contracts(demo_db, flt) > 1
    assert {r.bulk_group for r in _rows(page)} == {group}

    kind = choices.kinds[0]
    after_recount(qtbot, page, lambda: (bar.select("group", None), bar.select("kind", kind)))
    assert {r.kind for r in _rows(page)} == {kind}

    after_recount(qtbot, page, lambda: bar.select("kind", None))
    after_recount(qtbot, page, lambda: type_japanese(bar.search_edit, "清掃"))
    expected = list_contracts(demo_db, ContractFilter(text="清掃"))
    assert [r.id for r in _rows(page)] == [r.id for r in expected] and expected
    assert page.filter_bar.count_label.text() == f"{len(expected)} 件"


def test_the_card_shows_progress_hours_and_the_bulk_group(
    qtbot, page: ContractsPage, demo_db: Database
) -> None:
    contract_id = _busiest(demo_db, bulk=True)
    _select(qtbot, page, contract_id)
    pane, card = page.card_pane, contract_card(demo_db, contract_id)
    assert pane.card == card
    assert pane.heading.text() == card.row.title
    assert pane.values["amount"].text() == f"{card.row.amount_yen:,}円"
    assert pane.values["group"].text() == card.row.bulk_group
    table = pane.progress_table
    assert table.rowCount() == len(card.years) + (1 if len(card.years) > 1 else 0)
    first = card.years[0]
    assert first.fiscal_year is not None
    from ui.staffing.labels import fiscal_year_text

    assert table.item(0, 0).text() == fiscal_year_text(first.fiscal_year)
    accepted = first.counts[WorkOrderStatus.ACCEPTED]
    cell = table.item(0, 4).text()  # 検収済
    if accepted:
        assert cell.startswith(f"{accepted} 件 · {first.share_pct[WorkOrderStatus.ACCEPTED]} %")
        assert cell.endswith(f"{first.share_yen[WorkOrderStatus.ACCEPTED]:,}円")
    else:
        assert cell == "—"
    assert f"{card.live_orders} 件で均等に按分" in pane.progress_note.text()
    hours = pane.hours_table
    assert [hours.item(r, 0).text() for r in range(len(card.hours))] == [
        fiscal_year_text(h.fiscal_year) for h in card.hours
    ]
    assert not pane.group_box.isHidden()
    assert pane.group_table.rowCount() == len(card.group) > 1
    own = next(i for i, g in enumerate(card.group) if g.id == contract_id)
    assert pane.group_table.item(own, 0).font().bold()
    assert f"「{card.row.bulk_group}」" in pane.group_box.title()

    solo = next(r for r in _rows(page) if r.bulk_group is None)
    _select(qtbot, page, solo.id)
    assert pane.group_box.isHidden()


def test_a_moved_work_order_updates_the_card(
    qtbot, page: ContractsPage, demo_db: Database, actor: Actor
) -> None:
    contract_id = _busiest(demo_db)
    _select(qtbot, page, contract_id)
    with demo_db.read() as s:
        order = s.scalars(
            select(WorkOrder).where(
                WorkOrder.contract_id == contract_id, WorkOrder.status == WorkOrderStatus.PLANNED
            )
        ).first()
        assert order is not None
        order_id, version = order.id, order.version
    before = page.card_pane.card
    assert before is not None
    change = transition(demo_db, actor, order_id, WorkOrderStatus.IN_PROGRESS, version)
    assert change.touches(Entity.WORK_ORDERS)
    change_hub().changed.emit(change)
    qtbot.waitUntil(lambda: page.card_pane.card != before)
    after = page.card_pane.card
    assert after is not None
    running = WorkOrderStatus.IN_PROGRESS
    assert after.whole.counts[running] == before.whole.counts[running] + 1


def test_ctrl_n_creates_a_contract_and_selects_it(
    qtbot, page: ContractsPage, demo_db: Database
) -> None:
    before = page.model.rowCount()
    _key(qtbot, page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = _dialog(page)
    assert dialog.windowTitle() == "契約の登録" and dialog.isVisible()
    dialog.number_edit.setText("C-2026-9001")
    dialog.client_combo.setCurrentIndex(dialog.client_combo.findData(_rows(page)[0].client_id))
    type_japanese(dialog.title_edit, "令和8年度 管路施設点検業務委託")
    dialog.kind_edit.setText("管路施設点検")
    dialog.start_edit.setDate(qdate(date(2026, 4, 1)))
    dialog.end_edit.setDate(qdate(date(2027, 3, 31)))
    dialog.amount_edit.setText("12,345,000")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    _settle(qtbot)
    assert page.dialog is None
    qtbot.waitUntil(lambda: page.model.rowCount() == before + 1)
    created = next(r for r in list_contracts(demo_db, ContractFilter(text="C-2026-9001")))
    assert (created.title, created.amount_yen, created.kind) == (
        "令和8年度 管路施設点検業務委託",
        12_345_000,
        "管路施設点検",
    )
    assert created.fiscal_years == range(2026, 2027)
    qtbot.waitUntil(lambda: page.card_pane.card is not None)
    assert page.card_pane.card.row.id == created.id  # type: ignore[union-attr]
    assert page.selected_id == created.id


def test_enter_edits_the_selected_contract(qtbot, page: ContractsPage, demo_db: Database) -> None:
    contract_id = _busiest(demo_db)
    _select(qtbot, page, contract_id)
    original = get_contract(demo_db, contract_id)
    _key(qtbot, page.table, Qt.Key.Key_Return)
    dialog = _dialog(page)
    assert dialog.windowTitle() == "契約の編集"
    assert (dialog.number_edit.text(), dialog.amount_edit.text()) == (
        original.number,
        f"{original.amount_yen:,}",
    )
    assert not page.card_pane.edit_button.isEnabled()  # while the dialog is open
    dialog.amount_edit.setText(str(original.amount_yen + 1000))
    dialog.accept()
    _settle(qtbot)
    assert page.dialog is None
    stored = get_contract(demo_db, contract_id)
    assert (stored.amount_yen, stored.version) == (original.amount_yen + 1000, original.version + 1)
    qtbot.waitUntil(lambda: page.card_pane.values["amount"].text() == f"{stored.amount_yen:,}円")
    assert page.card_pane.edit_button.isEnabled()


def test_a_refusal_is_shown_at_its_field(qtbot, page: ContractsPage, demo_db: Database) -> None:
    contract_id = _busiest(demo_db)
    _select(qtbot, page, contract_id)
    original = get_contract(demo_db, contract_id)
    page.card_pane.edit_button.click()
    dialog = _dialog(page)
    dialog.end_edit.setDate(qdate(date(original.start.year - 1, 1, 1)))
    dialog.accept()
    _settle(qtbot)
    assert dialog.isVisible() and dialog.errors.invalid_field() == "end"
    assert "契約終了日" in dialog.errors.label.text()
    assert "before the start" in dialog.errors.label.text()
    dialog.end_edit.setDate(qdate(original.end))
    dialog.amount_edit.setText("十円")
    dialog.accept()
    _settle(qtbot)
    assert dialog.errors.invalid_field() == "amount_yen"
    assert get_contract(demo_db, contract_id) == original  # nothing written
    dialog.reject()
    assert page.dialog is None


def test_a_concurrent_edit_keeps_the_dialog_open_and_reload_saves_again(
    qtbot, page: ContractsPage, demo_db: Database, actor: Actor
) -> None:
    contract_id = _busiest(demo_db)
    _select(qtbot, page, contract_id)
    page.edit_selected()
    dialog = _dialog(page)
    row = dialog.row
    assert row is not None
    meanwhile = replace(row.data(), title="他の人が変えた件名")
    save_contract(demo_db, actor, meanwhile, row.version, row.id)  # someone else
    dialog.amount_edit.setText("1,000,000")
    dialog.accept()
    _settle(qtbot)
    assert dialog.isVisible() and dialog.conflict and page.dialog is dialog
    qtbot.waitUntil(lambda: "他の人が変えた件名" in dialog.stored_text())
    assert dialog.amount_edit.text() == "1,000,000"  # what the user typed stays
    assert get_contract(demo_db, contract_id).amount_yen == row.amount_yen
    dialog.reload()
    assert dialog.title_edit.text() == "他の人が変えた件名"
    dialog.amount_edit.setText("1,000,000")
    dialog.accept()
    _settle(qtbot)
    assert page.dialog is None
    stored = get_contract(demo_db, contract_id)
    assert (stored.title, stored.amount_yen, stored.version) == (
        "他の人が変えた件名",
        1_000_000,
        row.version + 2,
    )


@pytest.mark.parametrize("role", [Role.SECONDED])
def test_only_the_roles_that_keep_contracts_may_edit(qtbot, demo_db: Database, role: Role) -> None:
    widget = ContractsPage(demo_db, Actor(None, "someone", role))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() > 0 and running_operations() == 0)
    bar = widget.filter_bar
    assert (
        not bar.new_button.isEnabled()
        and "業務担当・管理職・管理者だけ" in bar.new_button.toolTip()
    )
    _select(qtbot, widget, _rows(widget)[0].id)
    assert not widget.card_pane.edit_button.isEnabled()
    _key(qtbot, widget.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    _key(qtbot, widget.table, Qt.Key.Key_Return)
    widget.add_contract()
    widget.edit_selected()
    assert widget.dialog is None


@pytest.mark.parametrize("role", [Role.MANAGER, Role.COORDINATOR])
def test_managers_and_coordinators_may_edit(qtbot, demo_db: Database, role: Role) -> None:
    widget = ContractsPage(demo_db, Actor(None, "someone", role))
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() > 0 and running_operations() == 0)
    assert widget.filter_bar.new_button.isEnabled()
    widget.add_contract()
    assert widget.dialog is not None
    widget.dialog.reject()
    assert widget.dialog is None


def test_ctrl_f_goes_to_the_search(qtbot, page: ContractsPage) -> None:
    _key(qtbot, page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.filter_bar.search_edit.hasFocus())
