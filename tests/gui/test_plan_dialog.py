"""The inspection-planning dialog on the demo data: the preview's table and bars match the
service's plan, a changed setting sets the preview aside, 作成 asks naming the count and then
creates the orders; a refusal is shown at its field; and only the roles that create work
orders get the card's button."""

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from oneaqita.models import Asset, AssetKind, Contract, Role, WorkOrder, WorkOrderStatus
from oneaqita.services.actor import Actor
from oneaqita.services.contract_queries import ContractFilter, ContractRow, list_contracts
from oneaqita.services.database import Database
from oneaqita.services.inspection_planning import preview_plan
from oneaqita.services.organizations import list_organizations
from tests.gui.test_contracts_page import _rows, _select
from ui.contracts.page import ContractsPage
from ui.contracts.plan_chart import km_text
from ui.contracts.plan_dialog import PlanDialog
from ui.fonts import setup_fonts
from ui.operations import running_operations

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


@pytest.fixture(autouse=True)
def japanese_font(qapp) -> None:  # type: ignore[no-untyped-def]
    setup_fonts(qapp)  # the screenshot shows kanji, not boxes


def _settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=20_000)


def _multi_year_contract(db: Database) -> ContractRow:
    """The contract of several fiscal years whose client owns the most pipes."""
    pipes = (
        select(func.count())
        .where(Asset.owner_id == Contract.client_id, Asset.kind == AssetKind.PIPE)
        .scalar_subquery()
    )
    with db.read() as s:
        ids = s.scalars(select(Contract.id).order_by(pipes.desc(), Contract.id)).all()
    rows = {r.id: r for r in list_contracts(db, ContractFilter(), limit=1000)}
    return next(rows[i] for i in ids if len(rows[i].fiscal_years) > 1)


@pytest.fixture
def dialog(qtbot, demo_db: Database, actor: Actor) -> PlanDialog:  # type: ignore[no-untyped-def]
    contract = _multi_year_contract(demo_db)
    organizations = list_organizations(demo_db)
    widget = PlanDialog(demo_db, actor, contract, organizations, today=contract.start)
    qtbot.addWidget(widget)
    widget.show()
    _settle(qtbot)
    return widget


def _inspections(db: Database, contract_id: int) -> int:
    with db.read() as s:
        stmt = select(func.count()).where(
            WorkOrder.contract_id == contract_id,
            WorkOrder.status == WorkOrderStatus.PLANNED,
            WorkOrder.type == "inspection",
        )
        return s.scalar(stmt) or 0


def test_preview_shows_the_services_plan_and_create_asks_first(
    qtbot,  # type: ignore[no-untyped-def]
    dialog: PlanDialog,
    demo_db: Database,
    message_boxes: list[str],
) -> None:
    dialog.per_order.setValue(5)
    assert not dialog.create_button.isEnabled()
    dialog.preview_button.click()
    _settle(qtbot)
    expected = preview_plan(demo_db, dialog.request(), dialog.today)
    table = dialog.year_table
    assert table.rowCount() == len(expected.years) == len(dialog.contract.fiscal_years)
    for r, year in enumerate(expected.years):
        assert table.item(r, 1).text() == f"{year.orders:,}"
        assert table.item(r, 2).text() == f"{year.assets:,}"
        assert table.item(r, 3).text() == km_text(year.length_km)
    assert dialog.chart.years == list(expected.years)
    assert dialog.orders_model.rowCount() == expected.order_count
    assert f"{expected.order_count:,} 件の作業に" in dialog.summary.text()
    assert dialog.create_button.isEnabled()
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "plan_dialog.png"))

    dialog.per_order.setValue(6)  # a changed setting: the preview no longer holds
    assert not dialog.create_button.isEnabled() and "もう一度" in dialog.summary.text()
    dialog.per_order.setValue(5)
    dialog.preview_button.click()
    _settle(qtbot)
    before = _inspections(demo_db, dialog.contract.id)
    dialog.create_button.click()
    assert message_boxes == [f"{expected.order_count}件の作業を作成します。よろしいですか？"]
    message_boxes.clear()
    _settle(qtbot)
    assert _inspections(demo_db, dialog.contract.id) == before + expected.order_count
    assert dialog.created == expected.order_count
    assert "作成しました" in dialog.summary.text() and not dialog.create_button.isEnabled()


def test_cancelling_the_confirmation_creates_nothing(
    qtbot,  # type: ignore[no-untyped-def]
    dialog: PlanDialog,
    demo_db: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog.preview_button.click()
    _settle(qtbot)
    before = _inspections(demo_db, dialog.contract.id)
    monkeypatch.setattr(PlanDialog, "confirm", lambda self, count: False)
    dialog.create_button.click()
    _settle(qtbot)
    assert _inspections(demo_db, dialog.contract.id) == before and dialog.created is None


def test_a_refusal_is_shown_at_its_field(qtbot, dialog: PlanDialog) -> None:  # type: ignore[no-untyped-def]
    dialog.district.setCurrentText('=HYPERLINK("x")存在しない地区')
    dialog.preview_button.click()
    _settle(qtbot)
    assert "条件に合う施設がありません" in dialog.errors.message()
    assert dialog.owner.property("invalid") is True
    for check in dialog.year_checks.values():
        check.setChecked(False)
    dialog.preview_button.click()
    assert "年度を1つ以上" in dialog.errors.message()
    assert not dialog.create_button.isEnabled()


def test_years_already_over_are_not_offered(qtbot, demo_db: Database, actor: Actor) -> None:  # type: ignore[no-untyped-def]
    contract = _multi_year_contract(demo_db)
    last = contract.fiscal_years[-1]
    widget = PlanDialog(demo_db, actor, contract, [], today=date(last, 4, 1))
    qtbot.addWidget(widget)
    offered = {fy: (c.isEnabled(), c.isChecked()) for fy, c in widget.year_checks.items()}
    assert offered == {fy: (fy == last, fy == last) for fy in contract.fiscal_years}
    assert widget.request().years == (last,)
    _settle(qtbot)


@pytest.mark.parametrize(("role", "may"), [(Role.SECONDED, False), (Role.COORDINATOR, True)])
def test_only_those_who_create_work_orders_get_the_button(
    qtbot,
    demo_db: Database,
    role: Role,
    may: bool,  # type: ignore[no-untyped-def]
) -> None:
    page = ContractsPage(demo_db, Actor(None, "someone", role))
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and running_operations() == 0)
    _select(qtbot, page, _rows(page)[0].id)
    assert page.card_pane.plan_button.isEnabled() is may
    if may:
        page.resize(1300, 800)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.grab().save(str(SHOTS / "contract_card_plan_button.png"))
    page.plan_selected()
    assert (page.plan_dialog is not None) is may
    if page.plan_dialog is not None:
        page.plan_dialog.reject()
        assert page.plan_dialog is None
