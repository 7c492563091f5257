"""The 報告書 page (ui/reports/page.py) on the demo: the report to the shareholders of a year
and of a quarter built off the GUI thread and shown inside the page, a body's statement
saved as PDF and as CSV and read back, the print dialog reached, the KPI targets for the
roles that set them, and a change or another choice marking the preview stale."""

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QFileDialog

import ui.pdf_preview
import ui.reports.page
from oneaqita.errors import ValidationError
from oneaqita.models import Role
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from tests.gui.conftest import DEMO_TODAY
from tests.pdf_tools import pdf_text
from tests.settlement_builders import add_user
from ui.kpi_targets_dialog import KpiTargetsDialog
from ui.main_window import MainWindow
from ui.operations import running_operations
from ui.reports.page import ReportsPage
from ui.reports.report_build import ReportKind


def open_page(qtbot, db: Database, actor: Actor) -> ReportsPage:  # type: ignore[no-untyped-def]
    page = ReportsPage(db, actor, today=DEMO_TODAY)
    qtbot.addWidget(page)
    page.resize(1300, 900)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.chooser.choice() is not None, timeout=10_000)
    return page


def build(qtbot, page: ReportsPage) -> None:  # type: ignore[no-untyped-def]
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    page.build_button.setFocus()
    qtbot.keyClick(page.build_button, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert page.busy_bar.isVisibleTo(page) and not page.build_button.isEnabled()
    assert page.status_label.text() == "作成しています…"
    qtbot.waitUntil(lambda: not page._building and running_operations() == 0, timeout=60_000)


@pytest.fixture
def manager(demo_db: Database) -> Actor:
    return add_user(demo_db, "manager-test", Role.MANAGER)


@pytest.fixture
def page(qtbot, demo_db: Database, manager: Actor) -> ReportsPage:  # type: ignore[no-untyped-def]
    return open_page(qtbot, demo_db, manager)


def test_the_years_the_data_holds_are_offered_and_the_year_report_is_shown(
    qtbot,
    page: ReportsPage,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    years = page.chooser.year_combo
    offered = [years.itemData(i) for i in range(years.count())]
    assert offered[:2] == [2025, 2024] and offered == sorted(offered, reverse=True)
    assert years.currentText() == "令和7年度（2025年度）"
    assert page.stack.currentWidget() is page.empty_label
    assert not page.print_button.isEnabled() and not page.chooser.body_combo.isVisibleTo(page)
    build(qtbot, page)
    assert page.built is not None and page.stack.currentWidget() is page.viewer
    assert page.viewer.document.pageCount() > 5
    assert page.status_label.text().startswith("株主向け事業報告 令和7年度 — ")
    assert page.print_button.isEnabled() and page.save_button.isEnabled()
    assert not page.stale_label.isVisible()
    text = pdf_text(page.built.pdf, tmp_path, 1, 1)
    assert "株主向け事業報告" in text and "令和7年度" in text
    page.viewer.next_button.click()
    assert page.viewer.current_page() == 1
    page.grab().save(str(tmp_path / "reports_page.png"))


def test_a_quarter_after_the_year_marks_the_year_stale_until_built(
    qtbot,
    page: ReportsPage,  # type: ignore[no-untyped-def]
) -> None:
    build(qtbot, page)
    year_pages = page.viewer.page_count()
    page.chooser.period_combo.setCurrentIndex(page.chooser.period_combo.findData(1))
    assert page.chooser.period_combo.currentText() == "第1四半期（4月〜6月）"
    assert page.stale_label.isVisible() and "選択と異なります" in page.stale_label.text()
    build(qtbot, page)
    assert page.built is not None and page.built.choice.quarter == 1
    assert page.built.title == "株主向け事業報告 令和7年度 第1四半期"
    assert page.built.file_stem == "株主向け事業報告_令和7年度_第1四半期"
    assert 5 < page.viewer.page_count() <= year_pages + 2
    assert not page.stale_label.isVisible()


def choose_statement(qtbot, page: ReportsPage) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    chooser = page.chooser
    chooser.report_combo.setCurrentIndex(chooser.report_combo.findData("statement"))
    assert (
        page.chooser.body_combo.isVisibleTo(page) and chooser.body_combo.count() >= 26
    )  # 県 + 25 市町村
    chooser.body_combo.setCurrentIndex(1)
    code = chooser.body_combo.currentData()
    name = chooser.body_combo.currentText().split("　", 1)[1]
    build(qtbot, page)
    assert page.built is not None and page.built.choice.kind is ReportKind.STATEMENT
    assert page.built.choice.body == code
    return code, name


def test_a_bodys_statement_is_saved_as_pdf_and_as_csv(
    qtbot,
    page: ReportsPage,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    code, name = choose_statement(qtbot, page)
    statement = page.built.statement
    assert statement is not None and statement.body.holding is not None
    shares = f"{statement.body.holding.shares:,}"
    asked: list[tuple[str, str]] = []
    answer: list[tuple[str, str]] = []

    def choose(_parent: object, _title: str, path: str, filters: str) -> tuple[str, str]:
        asked.append((path, filters))
        return answer.pop()

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    answer.append((str(tmp_path / "明細"), "PDF (*.pdf)"))
    qtbot.keyClick(page.build_button, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert asked[0][0].endswith(f"団体別_事業実施状況_{name}_令和7年度.pdf")
    assert asked[0][1] == "PDF (*.pdf);;CSV (Excel用) (*.csv)"
    saved = tmp_path / "明細.pdf"
    assert page.saved_to == str(saved) and saved.read_bytes() == page.built.pdf
    text = pdf_text(saved, tmp_path)
    assert name in text and shares in text

    answer.append((str(tmp_path / "明細"), "CSV (Excel用) (*.csv)"))
    page.save_button.click()
    csv = (tmp_path / "明細.csv").read_text(encoding="utf-8-sig")
    assert page.saved_to == str(tmp_path / "明細.csv")
    total = statement.body.total
    assert f"{code},{name},受託実績,合計,{total.orders}," in csv
    assert f"株式,持株数,{statement.body.holding.shares}," in csv

    answer.append(("", ""))  # cancelled: nothing written
    page.save_button.click()
    assert page.saved_to == str(tmp_path / "明細.csv")


def test_a_folder_that_refuses_the_file_says_so(
    qtbot,
    page: ReportsPage,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[str],  # type: ignore[no-untyped-def]
) -> None:
    choose_statement(qtbot, page)
    target = str(tmp_path / "none" / "x.csv")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (target, "CSV (*.csv)"))
    page.save_button.click()
    assert len(message_boxes) == 1 and "ファイルを書き込めません" in message_boxes.pop()
    assert page.saved_to is None


def test_ctrl_p_reaches_the_print_dialog(
    qtbot,
    page: ReportsPage,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    shown: list[tuple[int, int]] = []

    def rejected(dialog: ui.pdf_preview.QPrintDialog) -> int:
        shown.append((dialog.minPage(), dialog.maxPage()))
        return int(QDialog.DialogCode.Rejected)

    monkeypatch.setattr(ui.pdf_preview.QPrintDialog, "exec", rejected)
    assert page.print_report() == 0 and not shown  # nothing built: nothing to print
    build(qtbot, page)
    page.viewer.view.setFocus()
    qtbot.keyClick(page.viewer.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert shown == [(1, page.viewer.page_count())]
    assert page.print_report() == 0  # cancelled in the dialog: nothing printed


def test_kpi_targets_open_for_a_manager_and_their_save_marks_the_report_stale(
    qtbot,
    page: ReportsPage,  # type: ignore[no-untyped-def]
) -> None:
    build(qtbot, page)
    page.chooser.set_year(2024)
    assert page.kpi_button is not None and page.kpi_button.isVisible()
    page.kpi_button.click()
    dialog = page.kpi_dialog
    assert isinstance(dialog, KpiTargetsDialog) and dialog.year == 2024
    qtbot.waitUntil(lambda: dialog.table.isEnabled() and running_operations() == 0)
    page.chooser.set_year(2025)  # back to the year shown: only the data makes it stale
    assert not page.is_stale()
    next(iter(dialog.edits.values())).setText("123")
    dialog.accept()
    qtbot.waitUntil(lambda: page.kpi_dialog is None and running_operations() == 0)
    assert page.is_stale() and page.stale_label.isVisible()
    assert "古くなりました" in page.stale_label.text()
    build(qtbot, page)
    assert not page.is_stale() and not page.stale_label.isVisible()


def test_kpi_targets_are_absent_for_the_other_roles(
    qtbot,
    demo_db: Database,  # type: ignore[no-untyped-def]
) -> None:
    seconded = add_user(demo_db, "seconded-test", Role.SECONDED)
    assert open_page(qtbot, demo_db, seconded).kpi_button is None
    coordinator = add_user(demo_db, "coordinator-test", Role.COORDINATOR)
    assert open_page(qtbot, demo_db, coordinator).kpi_button is None
    # The page itself: managers, administrators and coordinators (Action.READ_REPORTS).
    for actor, shown in ((seconded, False), (coordinator, True)):
        window = MainWindow(demo_db, actor)
        qtbot.addWidget(window)
        assert any(isinstance(p, ReportsPage) for p in window.pages) is shown


def test_a_report_that_cannot_be_made_says_why_and_leaves_the_page_usable(
    qtbot,
    page: ReportsPage,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[str],  # type: ignore[no-untyped-def]
) -> None:
    def refuse(*_args: object) -> None:
        raise ValidationError("年度は2000〜2200の西暦で指定してください。", "Give the year.", "fy")

    monkeypatch.setattr(ui.reports.page, "build_report", refuse)
    build(qtbot, page)
    assert len(message_boxes) == 1 and "年度は2000〜2200" in message_boxes.pop()
    assert page.built is None and page.build_button.isEnabled()
    assert not page.busy_bar.isVisible() and page.status_label.text() == ""
    assert page.stack.currentWidget() is page.empty_label


def test_the_choice_is_kept_for_the_next_start(
    qtbot,
    demo_db: Database,
    manager: Actor,  # type: ignore[no-untyped-def]
) -> None:
    first = open_page(qtbot, demo_db, manager)
    chooser = first.chooser
    chooser.report_combo.setCurrentIndex(chooser.report_combo.findData("statement"))
    chooser.period_combo.setCurrentIndex(chooser.period_combo.findData(3))
    chooser.body_combo.setCurrentIndex(2)
    kept = first.chooser.choice()
    settings = QSettings()
    first.save_state(settings)
    second = ReportsPage(demo_db, manager, today=DEMO_TODAY)
    qtbot.addWidget(second)
    second.restore_state(settings)  # before the bodies are read, as the main window does
    second.show()
    qtbot.waitUntil(lambda: second.chooser.choice() == kept, timeout=10_000)
