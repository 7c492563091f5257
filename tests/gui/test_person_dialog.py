"""The person's dialog on the 人員 page (ui/staffing/person_dialog.py): the card's 職員情報を
編集… opens it with the stored values; ticking 役員 is stored and the card says 役員; a
refusal is shown at its field and nothing is written."""

from pathlib import Path

from sqlalchemy import select

from oneaqita.models import Person
from oneaqita.services.database import Database
from tests.gui.test_people_page import _select, _settled, page  # noqa: F401
from ui.fonts import setup_fonts
from ui.staffing.people_page import PeoplePage
from ui.staffing.person_dialog import PersonDialog

SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"


def _officer(db: Database, employee_no: str) -> bool:
    with db.read() as s:
        return bool(s.scalar(select(Person.officer).where(Person.employee_no == employee_no)))


def _open(qtbot, page: PeoplePage) -> PersonDialog:  # type: ignore[no-untyped-def]  # noqa: F811
    assert page.card_pane.edit_button.isEnabled()
    page.card_pane.edit_button.click()
    qtbot.waitUntil(lambda: page.person_dialog is not None and page.person_dialog.isVisible())
    assert page.person_dialog is not None
    return page.person_dialog


def test_an_officer_is_ticked_stored_and_shown(
    qtbot,
    qapp,
    page: PeoplePage,  # noqa: F811
    demo_db: Database,
) -> None:  # type: ignore[no-untyped-def]
    setup_fonts(qapp)  # the picture shows kanji, not boxes
    _select(qtbot, page, "E0002")
    assert page.card_pane.values["officer"].text() == "職員"
    dialog = _open(qtbot, page)
    card = page.card_pane.card
    assert card is not None
    assert (dialog.number_edit.text(), dialog.name_edit.text()) == ("E0002", card.name)
    assert not dialog.officer_check.isChecked()
    dialog.email_edit.setText("not an address")
    dialog.officer_check.setChecked(True)
    dialog.accept()
    _settled(qtbot)
    assert dialog.isVisible() and dialog.errors.invalid_field() == "email"
    assert not _officer(demo_db, "E0002")  # nothing written
    dialog.email_edit.setText("officer@example.jp")
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "person_dialog.png"))
    dialog.accept()
    _settled(qtbot)
    assert page.person_dialog is None and _officer(demo_db, "E0002")
    qtbot.waitUntil(lambda: page.card_pane.values["officer"].text() == "役員", timeout=5000)
    page.grab().save(str(SHOTS / "person_card_officer.png"))
    # And back to staff.
    dialog = _open(qtbot, page)
    assert dialog.officer_check.isChecked()
    dialog.officer_check.setChecked(False)
    dialog.accept()
    _settled(qtbot)
    assert not _officer(demo_db, "E0002")
