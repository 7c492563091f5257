"""The コスト縮減額 field of the work-order editor (ui/work_orders/editor.py): open only for
the types that record one, hostile text shown at the field before anything is sent, the
service's bounds shown there too, a good amount stored and shown again on edit."""

from pathlib import Path

from sqlalchemy import select

from oneaqita.models import WorkOrder
from oneaqita.services.database import Database
from tests.builders import Sample
from tests.gui.input import type_japanese
from tests.gui.test_work_order_editor import _editor, _page, _select, _settled, sample  # noqa: F401
from ui.fonts import setup_fonts
from ui.work_orders.editor import WorkOrderDialog

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def _refused(qtbot, dialog: WorkOrderDialog, text: str, said: str) -> None:  # type: ignore[no-untyped-def]
    dialog.cost_edit.setText(text)
    dialog.accept()
    _settled(qtbot)
    assert dialog.isVisible(), text
    assert dialog.errors.invalid_field() == "cost_reduction_yen", text
    message = dialog.errors.label.text()
    assert "コスト縮減額" in message and said in message, (text, message)
    assert "cost reduction" in message.lower(), message


def test_cost_reduction_on_an_estimate(qtbot, qapp, sqlite_db: Database, sample: Sample) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    setup_fonts(qapp)  # the picture shows kanji, not boxes
    page = _page(qtbot, sqlite_db, sample)
    page.filter_bar.new_button.click()
    dialog = _editor(qtbot, page)
    type_japanese(dialog.title_edit, "下水道管渠更生工事 積算")
    assert not dialog.cost_edit.isEnabled()  # the first type offered takes none
    dialog.type_combo.setCurrentIndex(dialog.type_combo.findData("estimate"))
    assert dialog.cost_edit.isEnabled()
    for text, said in (
        ("=1+1", "整数"),
        ("abc", "整数"),
        ("1.5", "整数"),
        ("1e400", "整数"),
        ("-5", "0円以上"),
        ("1,000,000,000,000", "以下"),
    ):
        _refused(qtbot, dialog, text, said)
    with sqlite_db.read() as s:
        assert s.scalar(select(WorkOrder).where(WorkOrder.type == "estimate")) is None
    dialog.cost_edit.setText("")
    type_japanese(dialog.cost_edit, "１,２３４,５６７")
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "work_order_cost_reduction.png"))
    dialog.accept()
    _settled(qtbot)
    assert page.editor is None
    with sqlite_db.read() as s:
        stored = s.scalar(select(WorkOrder).where(WorkOrder.type == "estimate"))
        assert stored is not None and stored.cost_reduction_yen == 1_234_567
        number = stored.number
    qtbot.waitUntil(lambda: page.model.rowCount() == 6, timeout=5000)
    _select(qtbot, page, number)
    page.edit_selected()
    again = _editor(qtbot, page)
    assert again.cost_edit.isEnabled() and again.cost_edit.text() == "1,234,567"
    # Another type takes none: the field greys and the order is saved without it.
    again.type_combo.setCurrentIndex(again.type_combo.findData("analysis"))
    assert not again.cost_edit.isEnabled()
    again.accept()
    _settled(qtbot)
    assert page.editor is None
    with sqlite_db.read() as s:
        assert (
            s.scalar(select(WorkOrder.cost_reduction_yen).where(WorkOrder.number == number)) is None
        )
