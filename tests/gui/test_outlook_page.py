"""The 改築需要 page on the demo data: the chart and the table show the core's figures, a
budget draws the levelled series, an edit of the basis moves the outlook, the exports write
their files, a bad budget is shown at its field, and the 健全度 tab shows the overview."""

from pathlib import Path

import pytest
from openpyxl import load_workbook

from oneaqita.fiscal import fiscal_year
from oneaqita.models import AssetKind, Role, Urgency
from oneaqita.reports.condition_overview import condition_overview
from oneaqita.reports.renewal_outlook import renewal_outlook
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from tests.gui.conftest import DEMO_TODAY
from ui.operations import running_operations
from ui.outlook.outlook_chart import millions
from ui.outlook.page import OutlookPage


@pytest.fixture
def page(demo_db: Database, actor: Actor, qtbot) -> OutlookPage:  # type: ignore[no-untyped-def]
    view = OutlookPage(demo_db, actor, today=DEMO_TODAY)
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    qtbot.waitUntil(lambda: view.outlook is not None and running_operations() == 0)
    return view


def _settled(qtbot, page: OutlookPage) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: running_operations() == 0)


def test_chart_and_table_show_the_cores_figures(
    page: OutlookPage, demo_db: Database, actor: Actor
) -> None:
    first = fiscal_year(DEMO_TODAY)
    core = renewal_outlook(demo_db, actor, first)
    totals = core.year_totals()
    assert page.outlook is not None and page.outlook.total_cost_yen == core.total_cost_yen > 0
    stacked = [sum(s.at(i) for s in page.chart.bar_sets) for i in range(50)]
    assert stacked == pytest.approx([millions(t.cost_yen) for t in totals], abs=0.1 * 8)
    assert page.table.rowCount() == 50
    assert [row[3] for row in page.table.values] == [t.cost_yen for t in totals]
    assert page.table.item(0, 0).text() == str(first)
    km = f"{core.past_life_km(0):,.1f}"
    assert f"現在 {km} km" in page.past_life.text()
    assert page.chart.levelled_series is None


def test_a_budget_draws_the_levelled_series(page: OutlookPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert page.outlook is not None
    biggest = max(t.cost_yen for t in page.outlook.year_totals())
    budget = biggest // 4
    page.budget.setText(f"{budget:,}")
    page.budget.editingFinished.emit()
    values = page.chart.levelled_values()
    assert len(values) == 50 and max(values) <= millions(budget) + 0.05
    assert values != [sum(s.at(i) for s in page.chart.bar_sets) for i in range(50)]
    assert page.table.columnCount() == len(page.table.values[0])
    assert "平準化後の支出(円)" in [
        page.table.horizontalHeaderItem(c).text() for c in range(page.table.columnCount())
    ]
    page.budget.setText(f"{budget * 2:,}")
    page.budget.editingFinished.emit()
    assert page.chart.levelled_values() != values


def test_a_bad_budget_is_shown_at_its_field(page: OutlookPage) -> None:
    page.budget.setText("=1+1")
    page.budget.editingFinished.emit()
    assert page.errors.invalid_field() == "budget"
    assert page.chart.levelled_series is None
    page.budget.setText("")
    page.budget.editingFinished.emit()
    assert page.errors.invalid_field() is None


def test_a_service_life_edit_changes_the_outlook(page: OutlookPage, qtbot) -> None:  # type: ignore[no-untyped-def]
    assert page.outlook is not None
    before = page.outlook.total_cost_yen
    page.open_basis()
    dialog = page.basis_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.basis is not None and running_operations() == 0)
    row = [r.kind for r in dialog.basis.lives].index(AssetKind.PIPE)  # type: ignore[union-attr]
    dialog.lives.item(row, 1).setText("30")
    qtbot.waitUntil(lambda: page.outlook is not None and page.outlook.total_cost_yen != before)
    _settled(qtbot, page)
    assert dialog.lives.item(row, 1).text() == "30"
    dialog.lives.item(row, 1).setText("0")  # refused: shown in the dialog, nothing written
    qtbot.waitUntil(lambda: bool(dialog.errors.message()))
    _settled(qtbot, page)
    assert "耐用年数" in dialog.errors.message()
    assert dialog.lives.item(row, 1).text() == "30"
    dialog.close()


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_writes_the_file(page: OutlookPage, qtbot, tmp_path: Path, suffix: str) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / f"outlook{suffix}"
    page.save_to(path)
    qtbot.waitUntil(lambda: path.exists() and running_operations() == 0)
    assert page.outlook is not None
    if suffix == ".xlsx":
        sheet = load_workbook(path).active
        assert sheet is not None and sheet.cell(2, 4).value == page.table.values[0][3]
    else:
        assert path.read_text(encoding="utf-8-sig").startswith("年度,件数")
    assert "保存しました" in page.summary.text()


def test_filters_and_the_condition_tab(
    page: OutlookPage, demo_db: Database, actor: Actor, qtbot
) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: page.body_filter.count() > 1)
    page.body_filter.setCurrentIndex(1)
    owner = page.body_filter.currentData()
    qtbot.waitUntil(lambda: running_operations() == 0)
    assert page.outlook is not None and set(page.outlook.bodies) <= {owner}
    page.stack_by.setCurrentIndex(1)
    assert len(page.chart.bar_sets) <= 1
    page.tabs.setCurrentIndex(1)
    overview = condition_overview(demo_db, actor, DEMO_TODAY, [owner])
    table = page.condition.table
    qtbot.waitUntil(lambda: page.condition.overview is not None)
    (body,) = overview.bodies
    assert table.rowCount() == 2  # the body and the total
    assert table.item(0, 0).text() == body.body
    assert table.item(0, 1).text() == f"{body.count.get(Urgency.I, 0):,}"
    assert table.item(0, 10).text() == f"{body.inspected_metres / 1000:,.2f}"


def test_only_allowed_roles_see_the_basis_editor(demo_db: Database, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = OutlookPage(demo_db, Actor(None, "coord", Role.COORDINATOR), today=DEMO_TODAY)
    qtbot.addWidget(view)
    assert view.basis_button.isHidden()
    qtbot.waitUntil(lambda: running_operations() == 0)
