"""The 精算・集計 page on the demo: the settlement's figures on screen, month and body, the
monthly hours and the hours per contract, the PDF preview, the CSV saved and read back."""

import csv
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select, update

from oneaqita.models import Organization, Role, Secondment
from oneaqita.reports.contract_hours_figures import contract_hours_figures
from oneaqita.reports.hours_figures import hours_figures
from oneaqita.reports.settlement_figures import Settlement, settlement_figures
from oneaqita.services.actor import SYSTEM_ACTOR, Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from tests.gui.conftest import DEMO_TODAY
from tests.pdf_tools import pdf_text
from tests.settlement_builders import add_user
from ui.main_window import MainWindow
from ui.operations import change_hub, running_operations
from ui.settlement.page import SettlementPage
from ui.settlement.report_tab import ReportTab

MARCH = date(2026, 3, 1)
AMOUNT, YTD = 10, 11  # the settlement tab's columns


def _settled(qtbot, tab: ReportTab, month: date, body: str | None = None) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: tab.shown_for == (month, body), timeout=10_000)
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=10_000)


@pytest.fixture
def page(qtbot, demo_db: Database, actor: Actor) -> SettlementPage:  # type: ignore[no-untyped-def]
    page = SettlementPage(demo_db, actor, today=DEMO_TODAY)
    qtbot.addWidget(page)
    page.resize(1400, 800)
    page.show()
    _settled(qtbot, page.settlement_tab, MARCH)
    qtbot.waitUntil(lambda: page.body_combo.count() > 1, timeout=10_000)
    return page


def _shown_matches(page: SettlementPage, figures: Settlement) -> None:
    tree = page.settlement_tab.tree
    groups = tree.group_texts()
    assert [g[0] for g in groups] == [f"{b.code}　{b.name}" for b in figures.bodies]
    for g, body in zip(groups, figures.bodies, strict=True):
        assert g[AMOUNT] == f"{body.amount_yen:,}"
        assert g[YTD].removesuffix(" *") == f"{body.ytd_yen:,}"
    for i, body in enumerate(figures.bodies):
        lines = tree.line_texts(i)
        assert [x[1] for x in lines] == [line.employee_no for line in body.lines]
        for shown, line in zip(lines, body.lines, strict=True):
            if line.amount_yen is not None:
                assert shown[AMOUNT] == f"{line.amount_yen:,}"
            else:
                assert shown[AMOUNT] == "基礎額未登録"
    assert f"当社負担額 {figures.amount_yen:,}円" in tree.total_label.text()


def test_the_settlement_on_screen_is_settlement_figures(
    page: SettlementPage, demo_db: Database, actor: Actor, tmp_path: Path
) -> None:
    figures = settlement_figures(demo_db, actor, MARCH)
    assert figures.bodies and figures.amount_yen > 0
    assert page.month_label.text() == "2026年3月（令和7年度）"
    _shown_matches(page, figures)
    # Numbers are right-aligned, with thousands separators.
    first = page.settlement_tab.tree.proxy.index(0, AMOUNT)
    assert first.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    page.grab().save(str(tmp_path / "settlement.png"))


def test_sorting_keeps_the_lines_under_their_body(
    page: SettlementPage, demo_db: Database, actor: Actor
) -> None:
    figures = settlement_figures(demo_db, actor, MARCH)
    tree = page.settlement_tab.tree
    tree.view.sortByColumn(AMOUNT, Qt.SortOrder.DescendingOrder)
    amounts = [int(g[AMOUNT].replace(",", "")) for g in tree.group_texts()]
    assert amounts == sorted((b.amount_yen for b in figures.bodies), reverse=True)
    by_code = {f"{b.code}　{b.name}": b for b in figures.bodies}
    for i, group in enumerate(tree.group_texts()):
        employees = {x[1] for x in tree.line_texts(i)}
        assert employees == {line.employee_no for line in by_code[group[0]].lines}


def test_month_and_body_switch(
    qtbot,  # type: ignore[no-untyped-def]
    page: SettlementPage,
    demo_db: Database,
    actor: Actor,
) -> None:
    tab = page.settlement_tab
    page.settlement_tab.tree.view.setFocus()
    qtbot.keyClick(page.settlement_tab.tree.view, Qt.Key.Key_PageUp)
    february = date(2026, 2, 1)
    _settled(qtbot, tab, february)
    assert page.month_label.text() == "2026年2月（令和7年度）"
    _shown_matches(page, settlement_figures(demo_db, actor, february))
    page.step(-11)  # March 2025: the fiscal year before
    _settled(qtbot, tab, date(2025, 3, 1))
    assert "令和6年度" in page.month_label.text()
    page.this_month_button.click()
    _settled(qtbot, tab, MARCH)
    code = settlement_figures(demo_db, actor, MARCH).bodies[0].code
    page.set_body(code)
    _settled(qtbot, tab, MARCH, code)
    only = settlement_figures(demo_db, actor, MARCH, code)
    assert len(only.bodies) == 1
    _shown_matches(page, only)


def test_monthly_hours_and_the_person_filter(
    qtbot,  # type: ignore[no-untyped-def]
    page: SettlementPage,
    demo_db: Database,
    actor: Actor,
) -> None:
    page.tabs.setCurrentWidget(page.hours_tab)
    tab = page.hours_tab
    _settled(qtbot, tab, MARCH)
    figures = hours_figures(demo_db, actor, MARCH)
    groups = tab.tree.group_texts()
    assert [g[1] for g in groups] == [p.employee_no for p in figures.people]
    total = sum(p.minutes for p in figures.people)
    assert f"{len(figures.people)}名" in tab.tree.total_label.text()
    assert f"時間 {total / 60:,.2f}".rstrip("0").rstrip(".") in tab.tree.total_label.text()
    chosen = figures.people[1]
    tab.set_person(chosen.employee_no)
    assert [g[1] for g in tab.tree.group_texts()] == [chosen.employee_no]
    assert [p.employee_no for p in tab.printed().people] == [chosen.employee_no]
    assert tab.file_stem() == f"月間作業時間表_2026-03_{chosen.employee_no}"
    tab.set_person(None)
    assert len(tab.tree.group_texts()) == len(figures.people)
    # The body filter: the people seconded from it.
    body = settlement_figures(demo_db, actor, MARCH).bodies[0]
    page.set_body(body.code)
    _settled(qtbot, tab, MARCH, body.code)
    assert {g[1] for g in tab.tree.group_texts()} <= {x.employee_no for x in body.lines}


def test_hours_per_contract(
    qtbot,  # type: ignore[no-untyped-def]
    page: SettlementPage,
    demo_db: Database,
    actor: Actor,
    tmp_path: Path,
) -> None:
    page.tabs.setCurrentWidget(page.contract_tab)
    tab = page.contract_tab
    _settled(qtbot, tab, MARCH)
    assert page.body_label.text() == "発注者"
    figures = contract_hours_figures(demo_db, actor, MARCH)
    groups = tab.tree.group_texts()
    assert [g[0] for g in groups[:-1]] == [f"{b.code}　{b.name}" for b in figures.bodies]
    assert groups[-1][0].startswith("共通業務")
    assert tab.tree.line_texts(0)[0][1] == figures.bodies[0].lines[0].number
    assert f"{figures.worked.people}名" in tab.tree.total_label.text()
    page.grab().save(str(tmp_path / "contracts.png"))


def test_ctrl_p_previews_the_pdf_of_the_tab(
    qtbot,  # type: ignore[no-untyped-def]
    page: SettlementPage,
    demo_db: Database,
    actor: Actor,
    tmp_path: Path,
) -> None:
    tab = page.settlement_tab
    tab.tree.view.setFocus()
    qtbot.keyClick(tab.tree.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: tab.preview is not None, timeout=20_000)
    preview = tab.preview
    assert preview is not None
    figures = settlement_figures(demo_db, actor, MARCH)
    assert preview.page_count() >= len(figures.bodies)
    assert preview.windowTitle() == "派遣負担金精算書"
    assert preview.file_name == "派遣負担金精算書_2026-03.pdf"
    assert figures.bodies[0].name in pdf_text(preview.pdf, tmp_path, 1, 1)
    preview.close_button.click()
    qtbot.waitUntil(lambda: tab.preview is None)
    page.tabs.setCurrentWidget(page.contract_tab)
    _settled(qtbot, page.contract_tab, MARCH)
    page.contract_tab.preview_button.click()
    qtbot.waitUntil(lambda: page.contract_tab.preview is not None, timeout=20_000)
    contract_preview = page.contract_tab.preview
    assert contract_preview is not None and contract_preview.page_count() >= 1
    assert "契約別作業時間表" in pdf_text(contract_preview.pdf, tmp_path, 1, 1)
    contract_preview.close_button.click()


def test_csv_saved_and_read_back(
    qtbot,  # type: ignore[no-untyped-def]
    page: SettlementPage,
    demo_db: Database,
    actor: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    suggested: list[str] = []

    def choose(_parent: object, _title: str, path: str, _filter: str) -> tuple[str, str]:
        suggested.append(path)
        return str(tmp_path / "精算"), "CSV (*.csv)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    tab = page.settlement_tab
    tab.csv_button.click()
    qtbot.waitUntil(lambda: tab.saved_to is not None, timeout=10_000)
    assert suggested[0].endswith("派遣負担金精算書_2026-03.csv")
    assert tab.saved_to == tmp_path / "精算.csv"
    assert "保存しました" in tab.status_label.text()
    with (tmp_path / "精算.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    figures = settlement_figures(demo_db, actor, MARCH)
    totals = [int(r["当社負担額"]) for r in rows if r["職員番号"] == "合計"]
    assert totals == [b.amount_yen for b in figures.bodies]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    tab.csv_button.click()  # cancelled: nothing is written
    assert running_operations() == 0


def test_a_folder_that_refuses_the_csv_says_so(
    qtbot,  # type: ignore[no-untyped-def]
    page: SettlementPage,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[str],
) -> None:
    target = tmp_path / "none" / "x.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    page.settlement_tab.csv_button.click()
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=10_000)
    text = message_boxes.pop()
    assert "書き込めません" in text and "cannot write" in text
    assert page.settlement_tab.status_label.text() == "保存できませんでした"
    assert not target.exists()


def test_a_changed_secondment_is_shown(
    qtbot,  # type: ignore[no-untyped-def]
    page: SettlementPage,
    demo_db: Database,
    actor: Actor,
) -> None:
    figures = settlement_figures(demo_db, actor, MARCH)
    body = next(b for b in figures.bodies if any(x.pct == 100 for x in b.lines))
    with demo_db.unit_of_work(SYSTEM_ACTOR) as uow:
        body_id = uow.session.scalar(select(Organization.id).where(Organization.code == body.code))
        uow.session.execute(
            update(Secondment)
            .where(Secondment.from_organization_id == body_id)
            .values(monthly_cost_yen=1_000_000)
        )
    change_hub().changed.emit(Change({Entity.SECONDMENTS: frozenset({1})}))
    qtbot.waitUntil(lambda: page.settlement_tab.shown_for is not None, timeout=10_000)
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=10_000)
    after = settlement_figures(demo_db, actor, MARCH)
    changed = next(b for b in after.bodies if b.code == body.code)
    assert changed.amount_yen != body.amount_yen
    _shown_matches(page, after)
    # A secondment without a cost basis: flagged in red, left out of the body's total.
    employee_no = changed.lines[0].employee_no
    with demo_db.unit_of_work(SYSTEM_ACTOR) as uow:
        uow.session.execute(
            update(Secondment)
            .where(Secondment.from_organization_id == body_id)
            .values(monthly_cost_yen=None)
        )
    change_hub().changed.emit(Change({Entity.SECONDMENTS: frozenset({1})}))
    qtbot.waitUntil(lambda: page.settlement_tab.shown_for is not None, timeout=10_000)
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=10_000)
    missing = settlement_figures(demo_db, actor, MARCH)
    _shown_matches(page, missing)
    row = [b.code for b in missing.bodies].index(body.code)
    tree = page.settlement_tab.tree
    assert tree.group_texts()[row][AMOUNT] == "0"
    line = [x[1] for x in tree.line_texts(row)].index(employee_no)
    cell = tree.proxy.index(line, AMOUNT, tree.proxy.index(row, 0))
    assert cell.data() == "基礎額未登録"
    assert cell.data(Qt.ItemDataRole.ForegroundRole).color().name() == "#c62828"


def test_a_hidden_page_reads_when_it_is_shown_again(
    qtbot,  # type: ignore[no-untyped-def]
    page: SettlementPage,
) -> None:
    page.hide()
    change_hub().changed.emit(Change({Entity.TIME_ENTRIES: frozenset({1})}))
    assert running_operations() == 0 and page.settlement_tab.shown_for is None
    change_hub().changed.emit(Change({Entity.ASSETS: frozenset({1})}))  # not shown here
    page.show()
    _settled(qtbot, page.settlement_tab, MARCH)
    page.hide()
    page.next_button.click()  # April 2026: read when shown
    assert running_operations() == 0
    page.show()
    _settled(qtbot, page.settlement_tab, date(2026, 4, 1))


def test_only_managers_and_administrators_see_the_page(
    qtbot,  # type: ignore[no-untyped-def]
    demo_db: Database,
    actor: Actor,
) -> None:
    admin = MainWindow(demo_db, actor)
    qtbot.addWidget(admin)
    assert any(isinstance(p, SettlementPage) for p in admin.pages)
    assert "精算・集計" in [
        admin.navigation.item(i).text() for i in range(admin.navigation.count())
    ]
    coordinator = MainWindow(demo_db, add_user(demo_db, "coord-test", Role.COORDINATOR))
    qtbot.addWidget(coordinator)
    assert not any(isinstance(p, SettlementPage) for p in coordinator.pages)
