"""The People page on the demo data: the paged list, its filters, and a person's card."""

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt

from oneaqita.models import Role
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.people_queries import (
    PeopleFilter,
    PeopleSort,
    PersonRow,
    count_people,
    list_people,
    person_card,
    qualification_names,
)
from oneaqita.services.text_fields import katakana_to_hiragana
from tests.gui.input import after_recount, type_japanese
from ui.operations import running_operations
from ui.staffing.people_model import COLUMNS, ID_ROLE, LOADING_TEXT, PeopleTableModel
from ui.staffing.people_page import PeoplePage

TODAY = date(2026, 3, 1)  # inside the demo's period (it ends 2026-03-31)
EMPLOYEE_NO, KANA, HOME = (
    next(i for i, c in enumerate(COLUMNS) if c.sort is s)
    for s in (PeopleSort.EMPLOYEE_NO, PeopleSort.KANA, PeopleSort.HOME)
)


def _settled(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=5000)


@pytest.fixture
def page(qtbot, demo_db: Database, actor: Actor) -> Iterator[PeoplePage]:  # type: ignore[no-untyped-def]
    widget = PeoplePage(demo_db, actor, today=TODAY)
    qtbot.addWidget(widget)
    widget.resize(1300, 800)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() > 0 and running_operations() == 0)
    yield widget
    _settled(qtbot)


def _rows(model: PeopleTableModel) -> list[PersonRow]:
    rows = [model.row_at(r) for r in range(model.rowCount())]
    assert all(r is not None for r in rows), "the demo's few people fit on the first page"
    return rows  # type: ignore[return-value]


def _select(qtbot, page: PeoplePage, employee_no: str) -> None:  # type: ignore[no-untyped-def]
    row = next(i for i, r in enumerate(_rows(page.model)) if r.employee_no == employee_no)
    rect = page.table.visualRect(page.model.index(row, 1))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(
        lambda: page.card_pane.card is not None and page.card_pane.card.employee_no == employee_no,
        timeout=5000,
    )


def test_the_list_shows_count_people_rows(page: PeoplePage, demo_db: Database) -> None:
    expected = count_people(demo_db, PeopleFilter(as_of=TODAY))
    assert page.title() == "人員"
    assert page.model.rowCount() == expected > 0
    assert page.filter_bar.count_label.text() == f"{expected} 人"
    shown = [r.employee_no for r in _rows(page.model)]
    assert shown == [r.employee_no for r in list_people(demo_db, PeopleFilter(as_of=TODAY))]
    # In employee-number order at first, and the header says so.
    assert page.table.isSortingEnabled()
    header = page.table.horizontalHeader()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        EMPLOYEE_NO,
        Qt.SortOrder.AscendingOrder,
    )
    assert page.model.headerData(0, Qt.Orientation.Horizontal) == "職員番号"


def _click_header(qtbot, page: PeoplePage, column: int) -> None:  # type: ignore[no-untyped-def]
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    with qtbot.waitSignal(page.model.counted, timeout=5000):
        qtbot.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
        )


def test_clicking_a_header_sorts_in_sql(qtbot, page: PeoplePage, demo_db: Database) -> None:
    _select(qtbot, page, "E0005")
    _click_header(qtbot, page, KANA)
    assert page.model.filter == PeopleFilter(as_of=TODAY, sort=PeopleSort.KANA)
    expected = list_people(demo_db, page.model.filter)
    assert [r.employee_no for r in _rows(page.model)] == [r.employee_no for r in expected]
    assert [r.employee_no for r in expected] != [r.employee_no for r in _rows_by_number(demo_db)]
    kana = [r.name_kana for r in expected if r.name_kana]
    assert kana == sorted(kana) and len(set(kana)) > 1
    assert page.filter_bar.count_label.text() == f"{len(expected)} 人"
    # The same person stays selected in the new order, and the card stays.
    row = next(i for i, r in enumerate(expected) if r.employee_no == "E0005")
    assert row != 4  # it moved (E0005 is the fifth by number)
    assert page.table.currentIndex().row() == row
    assert page.card_pane.card is not None and page.card_pane.card.employee_no == "E0005"

    _click_header(qtbot, page, KANA)  # the second click reverses the order
    assert page.model.filter.descending
    again = [r.employee_no for r in _rows(page.model)]
    assert again == [r.employee_no for r in list_people(demo_db, page.model.filter)]
    assert [r.name_kana for r in _rows(page.model) if r.name_kana] == kana[::-1]
    assert page.table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.DescendingOrder

    _click_header(qtbot, page, HOME)  # another column; a filter still applies
    combo = page.filter_bar.seconded_combo
    after_recount(qtbot, page, lambda: combo.setCurrentIndex(combo.findData(True)))
    assert page.model.filter.sort is PeopleSort.HOME
    seconded = list_people(demo_db, page.model.filter)
    assert [r.employee_no for r in _rows(page.model)] == [r.employee_no for r in seconded]
    assert all(r.currently_seconded for r in seconded)


def test_a_header_saved_before_the_list_could_sort_still_sorts(
    qtbot, page: PeoplePage, demo_db: Database, actor: Actor
) -> None:
    settings = QSettings()
    page.table.setSortingEnabled(False)  # as the page was before the service could sort
    page.table.horizontalHeader().setSectionsClickable(False)
    page.table.horizontalHeader().setSortIndicatorShown(False)
    page.save_state(settings)
    again = PeoplePage(demo_db, actor, today=TODAY)
    qtbot.addWidget(again)
    again.restore_state(settings)
    assert again.table.isSortingEnabled()
    header = again.table.horizontalHeader()
    assert header.sectionsClickable() and header.isSortIndicatorShown()
    _settled(qtbot)


def _rows_by_number(db: Database) -> list[PersonRow]:
    return list_people(db, PeopleFilter(as_of=TODAY))


def test_the_model_loads_pages_on_demand(qtbot, demo_db: Database) -> None:
    model = PeopleTableModel(demo_db, page_size=5)
    with qtbot.waitSignal(model.counted, timeout=5000):
        model.set_filter(PeopleFilter(as_of=TODAY))
    total = count_people(demo_db, PeopleFilter(as_of=TODAY))
    assert model.rowCount() == total > 10
    assert model.row_at(4) is not None and model.row_at(5) is None  # only the first page
    last = model.index(total - 1, 0)
    assert model.data(last) == LOADING_TEXT  # asks for its page
    qtbot.waitUntil(lambda: model.row_at(total - 1) is not None, timeout=5000)
    assert model.data(last) == list_people(demo_db, PeopleFilter(as_of=TODAY))[-1].employee_no
    assert isinstance(model.data(last, ID_ROLE), int)
    _settled(qtbot)


def test_hiragana_finds_katakana_kana(qtbot, page: PeoplePage, demo_db: Database) -> None:
    person = next(r for r in _rows(page.model) if r.name_kana and r.employee_no == "E0009")
    family_kana = person.name_kana.split()[0]  # type: ignore[union-attr]
    typed = katakana_to_hiragana(family_kana)
    assert typed != family_kana
    after_recount(qtbot, page, lambda: type_japanese(page.filter_bar.search_edit, typed))
    expected = count_people(demo_db, PeopleFilter(text=typed, as_of=TODAY))
    assert 0 < page.model.rowCount() == expected < count_people(demo_db, PeopleFilter())
    assert person.employee_no in {r.employee_no for r in _rows(page.model)}
    assert all(family_kana in (r.name_kana or "") for r in _rows(page.model))
    assert page.filter_bar.count_label.text() == f"{expected} 人"


def test_employee_number_and_email_search(qtbot, page: PeoplePage) -> None:
    edit = page.filter_bar.search_edit
    after_recount(qtbot, page, lambda: edit.setText("E0007"))
    assert [r.employee_no for r in _rows(page.model)] == ["E0007"]
    after_recount(qtbot, page, lambda: edit.setText("ogasawara"))
    assert [r.employee_no for r in _rows(page.model)] == ["E0009"]


def test_ctrl_f_focuses_the_search_and_escape_clears_it(qtbot, page: PeoplePage) -> None:
    page.activateWindow()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.filter_bar.search_edit.hasFocus()
    page.filter_bar.search_edit.setText("秋田")
    qtbot.keyClick(page.filter_bar.search_edit, Qt.Key.Key_Escape)
    assert page.filter_bar.search_edit.text() == ""


def test_home_body_filter(qtbot, page: PeoplePage, demo_db: Database) -> None:
    combo = page.filter_bar.home_combo
    assert combo.itemText(0) == "すべての所属団体"
    index = combo.findText("秋田県")
    assert index > 0
    after_recount(qtbot, page, lambda: combo.setCurrentIndex(index))
    flt = PeopleFilter(home_organization_id=combo.itemData(index), as_of=TODAY)
    assert page.model.rowCount() == count_people(demo_db, flt) > 0
    assert {r.home_organization_name for r in _rows(page.model)} == {"秋田県"}
    after_recount(qtbot, page, lambda: combo.setCurrentIndex(0))
    assert page.model.rowCount() == count_people(demo_db, PeopleFilter(as_of=TODAY))


def test_qualification_filter(qtbot, page: PeoplePage, demo_db: Database) -> None:
    combo = page.filter_bar.qualification_combo
    names = qualification_names(demo_db)
    assert [combo.itemText(i) for i in range(combo.count())] == ["すべての資格", *names]
    name = "下水道技術検定 第3種"
    after_recount(qtbot, page, lambda: combo.setCurrentIndex(combo.findText(name)))
    rows = _rows(page.model)
    assert len(rows) == count_people(demo_db, PeopleFilter(qualification=name, as_of=TODAY)) > 0
    assert len(rows) < count_people(demo_db, PeopleFilter(as_of=TODAY))
    assert all(name in person_card(demo_db, r.id).qualifications for r in rows)


def test_currently_seconded_filter(qtbot, page: PeoplePage, demo_db: Database) -> None:
    combo = page.filter_bar.seconded_combo
    after_recount(qtbot, page, lambda: combo.setCurrentIndex(combo.findData(True)))
    seconded = _rows(page.model)
    assert seconded and all(r.currently_seconded for r in seconded)
    assert all(r.seconded_until is None or r.seconded_until >= TODAY for r in seconded)
    after_recount(qtbot, page, lambda: combo.setCurrentIndex(combo.findData(False)))
    others = _rows(page.model)
    assert others and not any(r.currently_seconded for r in others)
    assert len(seconded) + len(others) == count_people(demo_db, PeopleFilter(as_of=TODAY))
    # The list column says until when.
    shown = {page.model.index(i, 4).data() for i in range(page.model.rowCount())}
    assert shown == {""}


def test_selecting_a_person_fills_the_card(qtbot, page: PeoplePage, demo_db: Database) -> None:
    _select(qtbot, page, "E0005")
    pane = page.card_pane
    expected = person_card(demo_db, pane.card.id)  # type: ignore[union-attr]
    assert pane.heading.text() == "鎌田 清"
    assert pane.kana.text() == "カマタ キヨシ"
    assert pane.values["employee_no"].text() == "E0005"
    assert expected.home_organization_name in pane.values["home"].text()
    assert pane.values["email"].text() == "kamata.kiyoshi@example.jp"
    assert pane.values["qualifications"].text().split("\n") == expected.qualifications
    table = pane.history_table
    assert table.rowCount() == len(expected.secondments) == 2
    cells = [[table.item(r, c).text() for c in range(6)] for r in range(2)]
    assert cells[0] == [
        "株式会社あきた管路メンテナンス(架空)",
        "出向",
        "2023/11/01",
        "2025/03/31",
        "取締役",  # the demo's director from a partner firm (demo/staff.py)
        "100 %",
    ]
    assert pane.values["officer"].text() == "役員"
    assert cells[1][2:4] == ["2025/04/01", "2027/03/31"]
    assert pane.history_box.title() == "出向の履歴 (2)"
    # Buttons follow the selection: nothing chosen, only a new one can be recorded.
    assert pane.register_button.isEnabled()
    assert not pane.extend_button.isEnabled() and not pane.end_button.isEnabled()
    table.selectRow(1)  # the current one, with a fixed end
    assert pane.extend_button.isEnabled() and pane.end_button.isEnabled()
    table.selectRow(0)  # over before today: it can be extended, not ended
    assert pane.extend_button.isEnabled() and not pane.end_button.isEnabled()


def test_a_person_without_secondments(qtbot, page: PeoplePage) -> None:
    _select(qtbot, page, "E0002")
    pane = page.card_pane
    assert pane.history_table.rowCount() == 0
    assert pane.no_history_label.isVisibleTo(pane)
    assert pane.values["qualifications"].text() == "なし"


def test_seconded_staff_see_the_card_but_cannot_change_secondments(
    qtbot, demo_db: Database
) -> None:
    page = PeoplePage(demo_db, Actor(None, "sato", Role.SECONDED), today=TODAY)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and running_operations() == 0)
    _select(qtbot, page, "E0005")
    pane = page.card_pane
    pane.history_table.selectRow(1)
    buttons = (pane.register_button, pane.extend_button, pane.end_button)
    assert not any(b.isEnabled() for b in buttons)
    assert "業務担当" in pane.register_button.toolTip()
    page.open_register()  # not even by calling past the disabled button
    assert page.dialog is None
    _settled(qtbot)
