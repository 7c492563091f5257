"""Live changes on screen: a record saved by another app (a second Database on the same
database) shows on the open list within two seconds, on SQLite and on PostgreSQL; a burst is
one refresh; this app's own saves are not announced twice; closing stops the listener."""

import threading
import time
from collections.abc import Iterator

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QTableWidget, QTableWidgetItem

from oneaqita.db.engine import make_engine
from oneaqita.models import OrganizationKind
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.organizations import get_organization, save_organization
from oneaqita.services.records import OrganizationData
from tests.logins import actor_for
from ui.live_changes import LONGEST_MS, POLL_MS, QUIET_MS, LiveChanges
from ui.main_window import MainWindow
from ui.operations import change_hub, running_operations
from ui.organizations.organizations_model import NAME

AKITA = OrganizationData("052019", OrganizationKind.CITY, "秋田市", "あきたし", "Akita City")
NOSHIRO = OrganizationData("052027", OrganizationKind.CITY, "能代市")


@pytest.fixture
def actor(db: Database) -> Actor:
    return actor_for(db)


@pytest.fixture
def other(db: Database) -> Iterator[Database]:
    """Another desktop's app on the same database."""
    second = Database(make_engine(db.engine.url.render_as_string(hide_password=False)))
    yield second
    second.dispose()


@pytest.fixture
def window(qtbot, db: Database, actor: Actor) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    save_organization(db, actor, AKITA, None)
    win = MainWindow(db, actor)
    qtbot.addWidget(win)
    win.show()
    win.navigation.setCurrentRow(win.pages.index(win.organizations))
    qtbot.waitUntil(lambda: win.organizations.model.rowCount() == 1 and running_operations() == 0)
    if db.dialect == "postgresql":
        qtbot.waitUntil(lambda: win.live_changes.listening, timeout=5000)
    yield win
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=5000)


def names(window: MainWindow) -> list[str]:
    page = window.organizations
    return [page.proxy.index(r, NAME).data() for r in range(page.proxy.rowCount())]


def test_another_apps_save_shows_on_the_open_list_within_two_seconds(
    qtbot, window: MainWindow, other: Database, actor: Actor
) -> None:  # type: ignore[no-untyped-def]
    stored = get_organization(other, window.organizations.model.row_at(0).id)
    renamed = OrganizationData("052019", OrganizationKind.CITY, "秋田市役所", "あきたし")
    save_organization(other, actor, renamed, stored.version, stored.id)
    qtbot.waitUntil(lambda: names(window) == ["秋田市役所"], timeout=2000)
    save_organization(other, actor, NOSHIRO, None)  # and a new one
    qtbot.waitUntil(lambda: sorted(names(window)) == ["秋田市役所", "能代市"], timeout=2000)


def test_this_apps_own_save_is_announced_once(
    qtbot, window: MainWindow, db: Database, actor: Actor
) -> None:  # type: ignore[no-untyped-def]
    announced: list[Change] = []
    window.live_changes.announced.connect(announced.append)
    save_organization(db, actor, NOSHIRO, None)  # this app's own (as a ChangeOp would)
    qtbot.wait(1800)  # a poll (SQLite) and a notification (PostgreSQL) would have come
    assert announced == []


def in_the_background(work) -> threading.Thread:  # type: ignore[no-untyped-def]
    """`work` on a thread of its own while the test's event loop runs (as another desktop's
    commits arrive: spread over time, not all queued before the GUI looks)."""
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread


def test_a_burst_from_another_app_is_one_refresh(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    live, seen = window.live_changes, []

    def burst() -> None:  # 200 changes over about half a second, as a listener hands them on
        for i in range(1, 201):
            live.heard.emit(Change({Entity.ASSETS: frozenset({i})}))
            time.sleep(0.002)

    change_hub().changed.connect(seen.append)
    try:
        started = time.monotonic()
        thread = in_the_background(burst)
        qtbot.waitUntil(lambda: not thread.is_alive(), timeout=5000)
        lasted_ms = (time.monotonic() - started) * 1000
        qtbot.waitUntil(lambda: bool(seen), timeout=2000)
        qtbot.wait(QUIET_MS + 200)
    finally:
        change_hub().changed.disconnect(seen.append)
    # One refresh per LONGEST_MS while the burst lasts (one in all when it is quick, as on an
    # idle machine; a loaded one stretches the half second and may take two or three).
    assert 1 <= len(seen) <= 1 + int(lasted_ms // LONGEST_MS)
    assert frozenset().union(*(c.ids_of(Entity.ASSETS) for c in seen)) == frozenset(range(1, 201))


def test_closing_the_window_stops_listening_at_once(
    qtbot, window: MainWindow, db: Database
) -> None:  # type: ignore[no-untyped-def]
    live = window.live_changes
    assert live.running
    before = {t.name for t in threading.enumerate()}
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)  # pytest-qt closes it too
    window.close()
    assert not live.running
    assert "oneaqita-live-changes" not in {t.name for t in threading.enumerate()}
    assert db.dialect != "postgresql" or "oneaqita-live-changes" in before


def test_a_stopped_announcer_announces_nothing(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    live = LiveChanges(db)
    live.start()
    live.stop()
    live.stop()  # twice is harmless
    announced: list[Change] = []
    live.announced.connect(announced.append)
    live.heard.emit(Change({Entity.PEOPLE: frozenset({1})}))  # queued before the stop
    qtbot.wait(500)
    assert announced == [] and not live.running


@pytest.mark.pg
@pytest.mark.parametrize("any_url", ["postgresql"], indirect=True)
def test_a_page_that_does_not_show_what_changed_does_not_reload(
    qtbot, window: MainWindow, other: Database, actor: Actor, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    reloads = {"organizations": 0, "people": 0}
    window.navigation.setCurrentRow(window.pages.index(window.organizations))
    qtbot.waitUntil(lambda: running_operations() == 0)

    def counted(name: str, reload):  # type: ignore[no-untyped-def]
        def call() -> None:
            reloads[name] += 1
            reload()

        return call

    monkeypatch.setattr(
        window.organizations, "refresh", counted("organizations", window.organizations.refresh)
    )
    monkeypatch.setattr(
        window.people.model, "refresh", counted("people", window.people.model.refresh)
    )
    with (
        qtbot.waitSignal(window.live_changes.announced, timeout=2000) as announced,
        other.unit_of_work(actor) as uow,  # another desktop re-indexed a person
    ):
        uow.recomputed(Entity.PEOPLE, [1])
    assert announced.args[0] == Change(derived={Entity.PEOPLE: frozenset({1})})
    assert reloads == {"organizations": 0, "people": 0}  # hidden: it waits to be shown
    window.navigation.setCurrentRow(window.pages.index(window.people))
    assert reloads == {"organizations": 0, "people": 1}


def test_nothing_is_announced_while_the_window_is_minimized(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    live, announced = window.live_changes, []
    live.announced.connect(announced.append)
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized, timeout=2000)
    live.heard.emit(Change({Entity.PEOPLE: frozenset({1})}))
    live.heard.emit(Change({Entity.PEOPLE: frozenset({2})}))
    qtbot.wait(1500)
    assert announced == []
    window.showNormal()
    qtbot.waitUntil(lambda: announced == [Change({Entity.PEOPLE: frozenset({1, 2})})], timeout=2000)


def test_nothing_is_announced_while_the_user_types_in_a_cell(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    live, announced = window.live_changes, []
    live.announced.connect(announced.append)
    grid = QTableWidget(1, 1)
    qtbot.addWidget(grid)
    grid.setItem(0, 0, QTableWidgetItem("8:00"))
    grid.show()
    grid.activateWindow()
    grid.editItem(grid.item(0, 0))
    qtbot.waitUntil(lambda: isinstance(QApplication.focusWidget(), QLineEdit), timeout=2000)
    live.heard.emit(Change({Entity.TIME_ENTRIES: frozenset({1})}))
    qtbot.wait(1000)
    assert announced == []  # a reload now would close the editor
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: len(announced) == 1, timeout=2000)


@pytest.mark.pg
@pytest.mark.parametrize("any_url", ["postgresql"], indirect=True)
def test_an_announcer_deleted_without_a_stop_ends_its_listener(qtbot, db: Database) -> None:  # type: ignore[no-untyped-def]
    live = LiveChanges(db)
    live.start()
    qtbot.waitUntil(lambda: live.listening, timeout=5000)
    thread = live._thread
    assert thread is not None
    shiboken6.delete(live)
    thread.join(2)
    assert not thread.is_alive()


def test_a_burst_of_commits_on_another_app_is_a_few_refreshes_not_one_each(
    qtbot, window: MainWindow, other: Database, actor: Actor
) -> None:  # type: ignore[no-untyped-def]
    announced: list[Change] = []
    window.live_changes.announced.connect(announced.append)

    def commits() -> None:  # a hundred commits, one after another
        for i in range(1, 101):
            with other.unit_of_work(actor) as uow:
                uow.audit("update", Entity.ASSETS, i, {"n": i - 1}, {"n": i})

    started = time.monotonic()
    thread = in_the_background(commits)
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=20_000)
    took = time.monotonic() - started
    qtbot.waitUntil(lambda: any(c.touches(Entity.ASSETS) for c in announced), timeout=3000)
    qtbot.wait(LONGEST_MS + POLL_MS)  # whatever was still on its way
    # At most one announcement a second or so while they last, however many commits.
    assert 1 <= len(announced) <= 2 + took, (len(announced), took)
    if other.dialect == "postgresql":  # every id arrived, in far fewer announcements
        assert frozenset().union(*(c.ids_of(Entity.ASSETS) for c in announced)) == frozenset(
            range(1, 101)
        )
