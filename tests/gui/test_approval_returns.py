"""The approval page's corrections and the 未提出 list's order: an approved week is listed
under 承認済み and returned after a confirmation and with a reason (its entries unlock, the
audit log keeps it); a header click sorts the weeks not yet submitted, in SQL."""

from datetime import timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from oneaqita.durations import format_minutes
from oneaqita.models import AuditEntry, TimeEntry, TimeEntryStatus
from oneaqita.services.actor import SYSTEM_ACTOR, Actor
from oneaqita.services.approval_queries import (
    UnsubmittedFilter,
    UnsubmittedSort,
    approval_queue,
    unsubmitted_weeks,
)
from oneaqita.services.database import Database
from oneaqita.services.timesheet_weeks import approve_week
from tests.gui.conftest import DEMO_TODAY
from ui.operations import running_operations
from ui.timesheets.approval_page import ApprovalPage


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


def _entry_statuses(db: Database, person_id: int, monday) -> set[TimeEntryStatus]:  # type: ignore[no-untyped-def]
    with db.read() as s:
        return set(
            s.scalars(
                select(TimeEntry.status).where(
                    TimeEntry.person_id == person_id,
                    TimeEntry.work_date >= monday,
                    TimeEntry.work_date <= monday + timedelta(days=6),
                )
            )
        )


def test_an_approved_week_is_returned_after_a_confirmation(
    qtbot, demo_db: Database, actor: Actor, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    week = approval_queue(demo_db)[0]
    approve_week(demo_db, SYSTEM_ACTOR, week.week_id, week.version)  # by another manager
    asked: list[str] = []

    def answer(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return QMessageBox.StandardButton.No if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    page = _page(qtbot, demo_db, actor)
    tab = page.queue
    assert week.week_id not in {r.week_id for r in tab.model.rows}  # waiting: no longer
    tab.status_combo.setCurrentIndex(tab.status_combo.findData("approved"))
    _settled(qtbot)
    assert tab.showing_approved() and tab.weeks_spin.isVisible()
    assert week.week_id in {r.week_id for r in tab.model.rows}
    assert all(r.status is TimeEntryStatus.APPROVED for r in tab.model.rows)
    tab.select_weeks([week.week_id])
    _settled(qtbot)
    assert not tab.approve_button.isEnabled()  # approved already
    assert tab.return_button.isEnabled()
    tab.return_button.click()  # "No": nothing happens
    assert len(asked) == 1 and "承認済み" in asked[0] and week.employee_no in asked[0]
    assert tab.return_dialog is None
    tab.return_button.click()
    dialog = tab.return_dialog
    assert dialog is not None and dialog.status_label.text() == "承認済"
    dialog.accept()  # no reason: refused at the field
    qtbot.waitUntil(lambda: "差戻しの理由を入力してください" in dialog.errors.label.text())
    assert _entry_statuses(demo_db, week.person_id, week.week_start) == {TimeEntryStatus.APPROVED}
    dialog.comment_edit.setPlainText("水曜日の作業番号が違います")
    dialog.accept()
    qtbot.waitUntil(lambda: tab.return_dialog is None, timeout=10_000)
    qtbot.waitUntil(lambda: week.week_id not in {r.week_id for r in tab.model.rows})
    _settled(qtbot)
    assert tab.message_label.text() == "差し戻しました。"
    assert _entry_statuses(demo_db, week.person_id, week.week_start) == {TimeEntryStatus.RETURNED}
    with demo_db.read() as s:
        before, after = s.execute(
            select(AuditEntry.before, AuditEntry.after)
            .where(AuditEntry.entity == "timesheet_weeks", AuditEntry.entity_id == week.week_id)
            .order_by(AuditEntry.id.desc())
            .limit(1)
        ).one()
    assert before["status"] == "approved" and after["status"] == "returned"
    assert after["comment"] == "水曜日の作業番号が違います"


def test_a_header_click_sorts_the_weeks_not_submitted_in_sql(
    qtbot, demo_db: Database, actor: Actor
) -> None:  # type: ignore[no-untyped-def]
    page = _page(qtbot, demo_db, actor)
    page.tabs.setCurrentWidget(page.unsubmitted)
    missing = page.unsubmitted
    header = missing.table.horizontalHeader()
    hours = 4  # 入力済み

    def click() -> None:
        x = header.sectionViewportPosition(hours) + header.sectionSize(hours) // 2
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
        _settled(qtbot)

    def expected(descending: bool) -> list[tuple[str, str]]:
        flt = UnsubmittedFilter(sort=UnsubmittedSort.MINUTES, descending=descending)
        weeks = unsubmitted_weeks(demo_db, DEMO_TODAY, 8, flt)
        return [(w.employee_no, format_minutes(w.minutes)) for w in weeks]

    click()
    assert missing.filter.sort is UnsubmittedSort.MINUTES
    first = missing.filter.descending
    shown = [(r[1], r[4]) for r in missing.texts()]
    assert shown == expected(first) and len(set(shown)) > 1
    click()
    assert missing.filter.descending is not first
    assert [(r[1], r[4]) for r in missing.texts()] == expected(not first)
    assert header.sortIndicatorSection() == hours
