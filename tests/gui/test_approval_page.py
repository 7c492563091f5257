"""The approval page on the demo data: a week approved leaves the queue and its entries are
locked; several at once after one confirmation; a return needs its reason; one's own week
cannot be decided (disabled with the reason, and the service's message if it is tried
anyway); a week decided meanwhile reloads the queue; the weeks not yet submitted."""

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from oneaqita.errors import ValidationError
from oneaqita.models import OverheadCategory, Role, TimeEntry, TimeEntryStatus, User
from oneaqita.services.actor import SYSTEM_ACTOR, Actor
from oneaqita.services.approval_queries import QueuedWeek, approval_queue
from oneaqita.services.database import Database
from oneaqita.services.time_entries import Cell, save_cell
from oneaqita.services.timesheet_weeks import approve_week
from tests.gui.conftest import DEMO_TODAY
from tests.gui.input import type_japanese
from ui.operations import running_operations
from ui.timesheets.approval_page import ApprovalPage
from ui.timesheets.queue_model import own_week_reason


def _page(qtbot, db: Database, actor: Actor) -> ApprovalPage:  # type: ignore[no-untyped-def]
    page = ApprovalPage(db, actor, today=DEMO_TODAY)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    qtbot.waitExposed(page)
    _settled(qtbot)
    return page


def _settled(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=10_000)


def _queued(db: Database) -> list[QueuedWeek]:
    queue = approval_queue(db)
    assert len(queue) >= 3, "the demo has submitted weeks waiting"
    return queue


def _statuses(db: Database, week: QueuedWeek) -> set[TimeEntryStatus]:
    with db.read() as s:
        rows = s.scalars(
            select(TimeEntry.status).where(
                TimeEntry.person_id == week.person_id,
                TimeEntry.work_date >= week.week_start,
                TimeEntry.work_date <= week.week_start + timedelta(days=6),
            )
        ).all()
    return set(rows)


def _shown_ids(page: ApprovalPage) -> set[int]:
    return {r.week_id for r in page.queue.model.rows}


def test_approving_a_week_takes_it_out_of_the_queue_and_locks_it(
    qtbot, demo_db: Database, actor: Actor
) -> None:  # type: ignore[no-untyped-def]
    queue = _queued(demo_db)
    page = _page(qtbot, demo_db, actor)
    tab = page.queue
    assert _shown_ids(page) == {w.week_id for w in queue}
    assert tab.filter_bar.count_label.text() == f"{len(queue)} 週"
    week = queue[0]
    tab.select_weeks([week.week_id])
    _settled(qtbot)
    # The content beside: the week's rows by day, its total in the bottom right corner.
    assert week.name in tab.detail.heading.text()
    last = tab.detail.table.rowCount() - 1
    assert tab.detail.cell_text(last, 0) == "日計"
    assert tab.detail.cell_text(last, 8) == f"{week.minutes // 60}:{week.minutes % 60:02d}"
    assert tab.approve_button.isEnabled() and tab.return_button.isEnabled()
    tab.table.setFocus()
    QTest.keyClick(tab.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: week.week_id not in _shown_ids(page), timeout=10_000)
    _settled(qtbot)
    assert tab.message_label.text() == "1 週を承認しました。"
    assert _statuses(demo_db, week) == {TimeEntryStatus.APPROVED}
    with pytest.raises(ValidationError) as locked:
        save_cell(
            demo_db,
            SYSTEM_ACTOR,
            Cell(week.person_id, week.week_start, None, OverheadCategory.OFFICE, 60),
        )
    assert "管理職に差し戻してもらってください" in locked.value.ja


def test_several_weeks_are_approved_after_one_confirmation(
    qtbot, demo_db: Database, actor: Actor, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    queue = _queued(demo_db)
    asked: list[str] = []

    def answer(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    page = _page(qtbot, demo_db, actor)
    tab = page.queue
    two = [queue[0].week_id, queue[1].week_id]
    tab.select_weeks(two)
    assert "2 週を選択しています" in tab.detail.heading.text()
    assert not tab.return_button.isEnabled()  # one week at a time, with its reason
    tab.approve_button.click()  # "No": nothing happens
    _settled(qtbot)
    assert len(asked) == 1 and "2 週" in asked[0] and queue[0].employee_no in asked[0]
    assert set(two) <= _shown_ids(page)
    tab.approve_button.click()
    qtbot.waitUntil(lambda: not set(two) & _shown_ids(page), timeout=10_000)
    _settled(qtbot)
    assert tab.message_label.text() == "2 週を承認しました。"
    assert _statuses(demo_db, queue[1]) == {TimeEntryStatus.APPROVED}
    assert len(page.queue.model.rows) == len(queue) - 2


def test_a_return_needs_its_reason_and_reopens_the_week(
    qtbot, demo_db: Database, actor: Actor
) -> None:  # type: ignore[no-untyped-def]
    week = _queued(demo_db)[0]
    page = _page(qtbot, demo_db, actor)
    tab = page.queue
    tab.select_weeks([week.week_id])
    _settled(qtbot)
    tab.return_button.click()
    dialog = tab.return_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.accept()  # no reason: refused at the field by the service
    qtbot.waitUntil(lambda: dialog.errors.label.isVisible(), timeout=10_000)
    assert "差戻しの理由を入力してください" in dialog.errors.label.text()
    assert dialog.isVisible() and week.week_id in _shown_ids(page)
    dialog.comment_edit.setPlainText("確認\x07してください")  # a control character
    dialog.accept()
    qtbot.waitUntil(lambda: "制御文字" in dialog.errors.label.text(), timeout=10_000)
    assert _statuses(demo_db, week) == {TimeEntryStatus.SUBMITTED}
    dialog.comment_edit.clear()
    dialog.comment_edit.setFocus()
    dialog.comment_edit.insertPlainText("火曜日の移動時間を確認してください")
    dialog.accept()
    qtbot.waitUntil(lambda: tab.return_dialog is None, timeout=10_000)
    qtbot.waitUntil(lambda: week.week_id not in _shown_ids(page), timeout=10_000)
    _settled(qtbot)
    assert tab.message_label.text() == "差し戻しました。"
    assert _statuses(demo_db, week) == {TimeEntryStatus.RETURNED}
    # The returned week is among the weeks not yet submitted, with its status.
    rows = page.unsubmitted.texts()
    start = week.week_start.isoformat().replace("-", "/")
    mine = [r for r in rows if r[1] == week.employee_no and r[3].startswith(start)]
    assert mine and mine[0][5] == "差戻し"


def _manager_of(db: Database, person_id: int) -> Actor:
    with db.unit_of_work(SYSTEM_ACTOR) as uow:
        user = User(login="mgr", display_name="管理職", role=Role.MANAGER, person_id=person_id)
        uow.session.add(user)
        uow.session.flush()
        return Actor.of(user)


def test_ones_own_week_cannot_be_decided(
    qtbot, demo_db: Database, message_boxes: list[str]
) -> None:  # type: ignore[no-untyped-def]
    queue = _queued(demo_db)
    own, other = queue[0], queue[1]
    manager = _manager_of(demo_db, own.person_id)
    page = _page(qtbot, demo_db, manager)
    tab = page.queue
    tab.select_weeks([own.week_id])
    _settled(qtbot)
    assert not tab.approve_button.isEnabled() and not tab.return_button.isEnabled()
    assert tab.approve_button.toolTip() == own_week_reason()
    tab.approve()  # the shortcut cannot get round the disabled button
    tab.select_weeks([other.week_id, own.week_id])
    assert not tab.approve_button.isEnabled()
    tab.select_weeks([other.week_id])
    assert tab.approve_button.isEnabled()
    # Should the page not know (the user's person linked after it opened), the service refuses
    # and its message is shown in both languages; nothing is approved.
    tab.model.own_person_id = None
    tab.select_weeks([own.week_id])
    tab.approve_button.click()
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=10_000)
    assert "自分の時間は承認・差戻しできません" in message_boxes[0]
    assert "Nobody approves or returns their own hours" in message_boxes[0]
    message_boxes.clear()
    assert _statuses(demo_db, own) == {TimeEntryStatus.SUBMITTED}


def test_a_week_decided_meanwhile_reloads_the_queue(
    qtbot, demo_db: Database, actor: Actor, message_boxes: list[str]
) -> None:  # type: ignore[no-untyped-def]
    week = _queued(demo_db)[0]
    page = _page(qtbot, demo_db, actor)
    tab = page.queue
    tab.select_weeks([week.week_id])
    approve_week(demo_db, SYSTEM_ACTOR, week.week_id, week.version)  # another manager
    tab.approve_button.click()
    qtbot.waitUntil(lambda: bool(message_boxes), timeout=10_000)
    assert "他の人がこのデータを先に変更しました" in message_boxes[0]
    message_boxes.clear()
    qtbot.waitUntil(lambda: week.week_id not in _shown_ids(page), timeout=10_000)
    assert "一覧を読み直しました" in tab.message_label.text()


def test_the_filters_and_the_weeks_not_submitted(qtbot, demo_db: Database, actor: Actor) -> None:  # type: ignore[no-untyped-def]
    queue = _queued(demo_db)
    page = _page(qtbot, demo_db, actor)
    tab = page.queue
    qtbot.waitUntil(lambda: tab.filter_bar.body_combo.count() > 1, timeout=10_000)
    body = tab.filter_bar.body_combo.findText(queue[0].body_name)
    tab.filter_bar.body_combo.setCurrentIndex(body)
    qtbot.waitUntil(
        lambda: {r.body_code for r in tab.model.rows} == {queue[0].body_code}, timeout=10_000
    )
    tab.filter_bar.body_combo.setCurrentIndex(0)
    type_japanese(tab.filter_bar.search_edit, queue[1].name.split()[0])
    tab.filter_bar.apply_search_now()
    qtbot.waitUntil(
        lambda: (
            bool(tab.model.rows) and all(queue[1].name.split()[0] in r.name for r in tab.model.rows)
        ),
        timeout=10_000,
    )
    # A header click sorts by the hours, in SQL.
    tab.filter_bar.search_edit.clear()
    tab.filter_bar.apply_search_now()
    tab.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    _settled(qtbot)
    minutes = [r.minutes for r in tab.model.rows]
    assert len(minutes) == len(queue) and minutes == sorted(minutes, reverse=True)

    page.tabs.setCurrentWidget(page.unsubmitted)
    missing = page.unsubmitted
    rows = missing.texts()
    assert rows and missing.filter_bar.count_label.text() == f"{len(rows)} 週"
    assert {r[5] for r in rows} <= {"入力中", "差戻し"}
    assert "2026/02/02 〜 2026/03/29 の週" in missing.period_label.text()
    company = missing.filter_bar.body_combo.findText("株式会社ONE・AQITA")
    missing.filter_bar.body_combo.setCurrentIndex(company)
    _settled(qtbot)
    narrowed = missing.texts()
    assert narrowed and len(narrowed) <= len(rows)
    assert {r[0] for r in narrowed} == {"株式会社ONE・AQITA"}
    missing.weeks_spin.setValue(1)
    _settled(qtbot)
    assert {r[3] for r in missing.texts()} == {"2026/03/23〜03/29"}
