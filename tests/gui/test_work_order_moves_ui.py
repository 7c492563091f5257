"""Moving a work order from its detail pane: each move's dialog asks what the move needs
(ui/work_orders/move_dialog.py), the history shows what each move recorded, the accept button
is only there for managers and administrators, and cancelling needs a reason and asks first."""

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from oneaqita.models import Role, User, WorkOrderStatus
from oneaqita.services.actor import SYSTEM_ACTOR, Actor
from oneaqita.services.database import Database
from oneaqita.services.work_order_queries import work_order_detail
from oneaqita.services.work_orders import start
from tests.builders import Sample, build_sample
from tests.gui.input import type_japanese
from ui.fonts import setup_fonts
from ui.operations import running_operations
from ui.staffing.dates import from_qdate, qdate
from ui.work_orders.move_dialog import MoveDialog
from ui.work_orders.page import WorkOrdersPage

S = WorkOrderStatus
SHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
TODAY = date.today()


class _Today(date):
    """The day the module was loaded: a run that crosses midnight keeps its dialogs' today."""

    @classmethod
    def today(cls) -> "_Today":
        return cls(TODAY.year, TODAY.month, TODAY.day)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ui.work_orders.move_dialog.date", _Today)


def _settled(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=5000)


@pytest.fixture
def sample(sqlite_db: Database, qtbot) -> Iterator[Sample]:  # type: ignore[no-untyped-def]
    yield build_sample(sqlite_db)
    _settled(qtbot)


@pytest.fixture
def manager(sqlite_db: Database, sample: Sample) -> Actor:
    with sqlite_db.unit_of_work(SYSTEM_ACTOR) as uow:
        user = User(login="boss", display_name="課長 一郎", role=Role.MANAGER)
        uow.session.add(user)
        uow.session.flush()
        return Actor.of(user)


@pytest.fixture(autouse=True)
def japanese_font(qapp) -> None:  # type: ignore[no-untyped-def]
    setup_fonts(qapp)  # the screenshots show kanji, not boxes


def _page(qtbot, db: Database, actor: Actor, number: str) -> WorkOrdersPage:  # type: ignore[no-untyped-def]
    page = WorkOrdersPage(db, actor)
    qtbot.addWidget(page)
    page.resize(1400, 900)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 5 and running_operations() == 0)
    row = next(r for r in range(5) if page.model.row_at(r).number == number)
    rect = page.table.visualRect(page.model.index(row, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(
        lambda: page.detail_pane.detail is not None and page.detail_pane.detail.row.number == number
    )
    _settled(qtbot)
    return page


def _open(qtbot, page: WorkOrdersPage, to: S) -> MoveDialog:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(page.detail_pane.move_buttons[to], Qt.MouseButton.LeftButton)
    dialog = page.move_editor
    assert dialog is not None and dialog.to_status is to
    qtbot.waitExposed(dialog)
    return dialog


def _save(qtbot, page: WorkOrdersPage, dialog: MoveDialog, status: S) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.move_editor is None, timeout=5000)
    qtbot.waitUntil(
        lambda: (
            page.detail_pane.detail is not None and page.detail_pane.detail.row.status is status
        ),
        timeout=5000,
    )
    _settled(qtbot)


def _history(page: WorkOrdersPage) -> list[list[str]]:
    table = page.detail_pane.history_table
    return [
        [table.item(r, c).text() for c in range(1, table.columnCount())]
        for r in range(table.rowCount())
    ]


def _refused(qtbot, dialog: MoveDialog) -> str:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.errors.label.isVisible(), timeout=5000)
    return dialog.errors.label.text()


def test_start_complete_and_accept_ask_their_dates_and_the_history_shows_them(
    qtbot, sqlite_db: Database, sample: Sample, manager: Actor
) -> None:
    page = _page(qtbot, sqlite_db, manager, "WO-0002")  # planned
    wid = page.detail_pane.detail.row.id
    started, ended, accepted = (TODAY - timedelta(days=d) for d in (9, 3, 1))
    day = lambda d: d.isoformat().replace("-", "/")  # noqa: E731

    dialog = _open(qtbot, page, S.IN_PROGRESS)
    assert dialog.date_edit is not None and dialog.date_edit.calendarPopup()
    assert from_qdate(dialog.date_edit.date()) == TODAY
    assert dialog.status_label.text() == "計画 → 着手"
    dialog.date_edit.setDate(qdate(started))
    _save(qtbot, page, dialog, S.IN_PROGRESS)
    assert work_order_detail(sqlite_db, wid).actual_start == started

    dialog = _open(qtbot, page, S.COMPLETED)
    assert dialog.date_edit is not None and from_qdate(dialog.date_edit.date()) == TODAY
    dialog.date_edit.setDate(qdate(started - timedelta(days=1)))
    text = _refused(qtbot, dialog)
    assert "実績終了日" in text and "より前" in text and "before the actual start" in text
    assert work_order_detail(sqlite_db, wid).row.status is S.IN_PROGRESS
    dialog.date_edit.setDate(qdate(ended))
    dialog.note_edit.setPlainText("現場作業 完了")
    _save(qtbot, page, dialog, S.COMPLETED)

    dialog = _open(qtbot, page, S.ACCEPTED)
    assert dialog.ref_edit is not None and dialog.date_edit is not None
    assert dialog.windowTitle() == "検収済にする — WO-0002"
    assert dialog.date_edit.maximumDate() == qdate(TODAY)  # none of the dates lies ahead
    assert dialog.hint_label.text() == f"実績終了日 {day(ended)} 以降"
    dialog.date_edit.setDate(qdate(accepted))
    type_japanese(dialog.ref_edit, "秋下第2025-117号")
    dialog.note_edit.setPlainText("検収書を受領")
    SHOTS.mkdir(parents=True, exist_ok=True)
    dialog.grab().save(str(SHOTS / "accept_dialog.png"))
    _save(qtbot, page, dialog, S.ACCEPTED)

    stored = work_order_detail(sqlite_db, wid)
    assert (stored.actual_end, stored.accepted_on) == (ended, accepted)
    assert stored.acceptance_ref == "秋下第2025-117号"
    assert _history(page) == [
        ["課長 一郎", "計画 → 着手", f"実績開始日 {day(started)}"],
        ["課長 一郎", "着手 → 完了", f"実績終了日 {day(ended)} — 現場作業 完了"],
        [
            "課長 一郎",
            "完了 → 検収済",
            f"検収日 {day(accepted)}　検収番号 秋下第2025-117号 — 検収書を受領",
        ],
    ]
    assert page.detail_pane.history_table.item(2, 3).toolTip() == (
        f"検収日 {day(accepted)}　検収番号 秋下第2025-117号\n検収書を受領"
    )
    assert page.detail_pane.values["accepted"].text().startswith(f"検収日 {day(accepted)}")
    page.grab().save(str(SHOTS / "move_history.png"))
    assert page.detail_pane.move_buttons == {}


def test_only_managers_and_administrators_get_the_accept_button(
    qtbot, sqlite_db: Database, sample: Sample, manager: Actor
) -> None:
    coordinator = _page(qtbot, sqlite_db, sample.coordinator, "WO-0004")  # completed
    assert set(coordinator.detail_pane.move_buttons) == {S.CANCELLED}
    boss = _page(qtbot, sqlite_db, manager, "WO-0004")
    assert set(boss.detail_pane.move_buttons) == {S.ACCEPTED, S.CANCELLED}
    admin = _page(qtbot, sqlite_db, SYSTEM_ACTOR, "WO-0004")
    assert S.ACCEPTED in admin.detail_pane.move_buttons


def test_cancelling_needs_a_reason_and_asks_first(
    qtbot, monkeypatch, sqlite_db: Database, sample: Sample
) -> None:
    page = _page(qtbot, sqlite_db, sample.coordinator, "WO-0002")
    wid = page.detail_pane.detail.row.id
    asked: list[str] = []
    reply = [QMessageBox.StandardButton.No]

    def question(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return reply[0]

    monkeypatch.setattr(QMessageBox, "question", question)
    dialog = _open(qtbot, page, S.CANCELLED)
    assert dialog.date_edit is None and dialog.ref_edit is None
    text = _refused(qtbot, dialog)
    assert "中止の理由" in text and "reason" in text and asked == []
    assert dialog.focusWidget() is dialog.note_edit

    dialog.note_edit.setPlainText("発注者の予算都合により中止")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "中止しますか" in asked[0] and "WO-0002" in asked[0]
    assert dialog.isVisible() and page.move_editor is dialog  # "No" keeps the dialog
    assert work_order_detail(sqlite_db, wid).row.status is S.PLANNED

    reply[0] = QMessageBox.StandardButton.Yes
    _save(qtbot, page, dialog, S.CANCELLED)
    assert _history(page) == [["業務 太郎", "計画 → 中止", "発注者の予算都合により中止"]]
    assert page.detail_pane.move_buttons == {}


def test_a_move_made_meanwhile_shows_the_order_as_stored(
    qtbot, sqlite_db: Database, sample: Sample
) -> None:
    page = _page(qtbot, sqlite_db, sample.coordinator, "WO-0002")
    seen = page.detail_pane.detail
    dialog = _open(qtbot, page, S.IN_PROGRESS)
    start(sqlite_db, sample.coordinator, seen.row.id, seen.version, TODAY)  # another desktop
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.reload_button.isEnabled(), timeout=5000)
    assert dialog.banner.isVisible() and "着手" in dialog.stored_text()
    dialog.reload()
    assert dialog.status_label.text() == "着手 → 着手"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # now an illegal move
    qtbot.waitUntil(lambda: not dialog.busy and dialog.errors.label.isVisible(), timeout=5000)
    assert "「着手」から「着手」にできません" in dialog.errors.label.text()
    dialog.reject()
    qtbot.waitUntil(lambda: page.detail_pane.detail.row.status is S.IN_PROGRESS, timeout=5000)
    assert set(page.detail_pane.move_buttons) == {S.COMPLETED, S.CANCELLED}
