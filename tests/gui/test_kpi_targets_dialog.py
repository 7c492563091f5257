"""設定 ▸ KPI目標…: the fiscal year's targets in a table, saved together; a refused value at
its row; another editor's save in between caught and reloaded; the menu for managers."""

import dataclasses
from decimal import Decimal

from PySide6.QtCore import Qt

from oneaqita.models import Kpi, Role
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.kpi_targets import kpi_targets, set_kpi_target
from ui.kpi_targets_dialog import KpiTargetsDialog
from ui.main_window import MainWindow
from ui.operations import running_operations


def _settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=5000)


def _dialog(qtbot, db: Database, actor: Actor, year: int = 2025) -> KpiTargetsDialog:  # type: ignore[no-untyped-def]
    dialog = KpiTargetsDialog(db, actor, year=year)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.table.isEnabled() and running_operations() == 0)
    return dialog


def test_targets_are_typed_per_kpi_and_saved_together(
    qtbot, demo_db: Database, actor: Actor
) -> None:  # type: ignore[no-untyped-def]
    set_kpi_target(demo_db, actor, 2025, Kpi.KM_INSPECTED, "120.5")
    dialog = _dialog(qtbot, demo_db, actor)
    assert dialog.table.rowCount() == len(Kpi)
    assert dialog.table.item(0, 0).text() == "点検・調査延長"
    assert dialog.table.item(0, 1).text() == "km"
    assert dialog.edits[Kpi.KM_INSPECTED].text() == "120.5"
    assert dialog.edits[Kpi.PLANS_DELIVERED].text() == ""
    dialog.edits[Kpi.KM_INSPECTED].setText("130")
    dialog.edits[Kpi.PLANS_DELIVERED].setText("4")
    qtbot.keyClick(dialog.edits[Kpi.PLANS_DELIVERED], Qt.Key.Key_Return)  # Enter saves
    _settle(qtbot)
    assert not dialog.isVisible()
    targets = {k: r.target for k, r in kpi_targets(demo_db, 2025).items()}
    assert targets == {Kpi.KM_INSPECTED: Decimal("130.00"), Kpi.PLANS_DELIVERED: Decimal("4.00")}


def test_targets_of_cost_reduction_and_courses_held(qtbot, demo_db: Database, actor: Actor) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, demo_db, actor)
    rows = {dialog.table.item(r, 0).text(): dialog.table.item(r, 1).text() for r in range(len(Kpi))}
    assert rows["コスト縮減額"] == "千円" and rows["研修・講習会の開催"] == "回"
    dialog.edits[Kpi.COST_REDUCTION].setText("12.5")  # 千円 are whole
    dialog.edits[Kpi.TRAININGS_HELD].setText("12")
    dialog.accept()
    _settle(qtbot)
    assert dialog.isVisible() and dialog.errors.invalid_field() == Kpi.COST_REDUCTION.value
    assert "千円単位" in dialog.errors.label.text() and kpi_targets(demo_db, 2025) == {}
    dialog.edits[Kpi.COST_REDUCTION].setText("１５０,０００")
    dialog.accept()
    _settle(qtbot)
    assert not dialog.isVisible()
    targets = {k: r.target for k, r in kpi_targets(demo_db, 2025).items()}
    assert targets == {Kpi.COST_REDUCTION: Decimal("150000.00"), Kpi.TRAININGS_HELD: Decimal(12)}


def test_another_year_reads_its_own_targets(qtbot, demo_db: Database, actor: Actor) -> None:  # type: ignore[no-untyped-def]
    set_kpi_target(demo_db, actor, 2024, Kpi.TRAINING_HOURS, "12.25")
    dialog = _dialog(qtbot, demo_db, actor)
    assert dialog.edits[Kpi.TRAINING_HOURS].text() == ""
    dialog.year_combo.setCurrentIndex(dialog.year_combo.findData(2024))
    qtbot.waitUntil(lambda: dialog.edits[Kpi.TRAINING_HOURS].text() == "12.25")
    assert dialog.year_combo.currentText() == "令和6年度 (2024)"


def test_a_hostile_value_is_refused_at_its_row(qtbot, demo_db: Database, actor: Actor) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, demo_db, actor)
    dialog.edits[Kpi.KM_INSPECTED].setText("10")
    dialog.edits[Kpi.ORDERS_ACCEPTED].setText("=HYPERLINK(1)")
    dialog.accept()
    _settle(qtbot)
    assert dialog.isVisible()
    assert dialog.errors.invalid_field() == Kpi.ORDERS_ACCEPTED.value
    assert "検収件数の目標" in dialog.errors.label.text()
    assert kpi_targets(demo_db, 2025) == {}  # nothing half-written


def test_a_save_in_between_is_caught_and_reloaded(qtbot, demo_db: Database, actor: Actor) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, demo_db, actor)
    set_kpi_target(demo_db, actor, 2025, Kpi.KM_INSPECTED, "77")  # someone else, meanwhile
    dialog.edits[Kpi.KM_INSPECTED].setText("99")
    dialog.accept()
    _settle(qtbot)
    assert dialog.isVisible() and dialog.conflict
    qtbot.waitUntil(lambda: dialog.reload_button.isEnabled())
    assert "77" in dialog.stored_text() and "点検・調査延長" in dialog.stored_text()
    dialog.reload()
    assert dialog.edits[Kpi.KM_INSPECTED].text() == "77"
    dialog.edits[Kpi.KM_INSPECTED].setText("99")
    dialog.accept()
    _settle(qtbot)
    assert not dialog.isVisible()
    assert kpi_targets(demo_db, 2025)[Kpi.KM_INSPECTED].target == Decimal("99.00")


def test_the_settings_menu_opens_it_for_managers(qtbot, demo_db: Database, actor: Actor) -> None:  # type: ignore[no-untyped-def]
    manager = dataclasses.replace(actor, role=Role.MANAGER)
    window = MainWindow(demo_db, manager)
    qtbot.addWidget(window)
    assert window.kpi_targets_action is not None
    assert window.kpi_targets_action.text() == "KPI目標(&K)…"
    window.kpi_targets_action.trigger()
    dialog = window.findChild(KpiTargetsDialog)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.table.isEnabled())
    from PySide6.QtWidgets import QApplication

    from ui.fonts import setup_fonts

    setup_fonts(QApplication.instance())  # type: ignore[arg-type]
    dialog.grab().save("/tmp/kpi_dialog.png")
    dialog.reject()
    _settle(qtbot)
