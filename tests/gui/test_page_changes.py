"""A change reloads the page shown at once; the pages hidden in the main window's stack keep
it and reload once, when they are shown again (ui/page_changes.py)."""

from PySide6.QtWidgets import QWidget

from oneaqita.services.change_notify import everything
from oneaqita.services.changes import Change, Entity
from ui.main_window import MainWindow
from ui.operations import change_hub, running_operations
from ui.page_changes import PageChanges


def _follower(page: QWidget) -> PageChanges | None:
    return page.findChild(PageChanges)


def _counting(window: MainWindow, page: QWidget) -> list[int]:
    """Counts the page's model refreshes (the reload of its list)."""
    calls: list[int] = []
    model = page.model  # type: ignore[attr-defined]
    refresh = model.refresh
    model.refresh = lambda *a, **k: (calls.append(1), refresh(*a, **k))[1]
    return calls


def test_hidden_pages_keep_a_change_and_reload_once_when_shown(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    shown, hidden = window.work_orders, window.contracts
    assert window.current_page() is shown and not hidden.isVisible()
    shown_calls, hidden_calls = _counting(window, shown), _counting(window, hidden)
    for order_id in (1, 2, 3):  # a burst from another desktop
        change_hub().changed.emit(Change(ids={Entity.WORK_ORDERS: frozenset({order_id})}))
    change_hub().changed.emit(Change(ids={Entity.CONTRACTS: frozenset({7})}))
    assert len(shown_calls) == 3  # the page in view follows every change at once
    assert hidden_calls == []  # the hidden one reads nothing yet
    follower = _follower(hidden)
    assert follower is not None and len(follower.pending) == 4
    qtbot.waitUntil(lambda: running_operations() == 0)
    window.navigation.setCurrentRow(window.pages.index(hidden))
    assert hidden.isVisible() and hidden_calls == [1] and follower.pending == []
    qtbot.waitUntil(lambda: running_operations() == 0)
    window.navigation.setCurrentRow(window.pages.index(shown))
    window.navigation.setCurrentRow(window.pages.index(hidden))
    assert hidden_calls == [1]  # shown again without a change: no reload


def test_every_hidden_page_waits_and_the_shown_one_does_not(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    change_hub().changed.emit(everything())
    waiting = {
        type(page).__name__
        for page in window.pages
        if (f := _follower(page)) is not None and f.pending
    }
    following = {type(p).__name__ for p in window.pages if _follower(p) is not None}
    shown = type(window.current_page()).__name__
    assert len(following) >= 10 and shown in following
    assert waiting == following - {shown}
    qtbot.waitUntil(lambda: running_operations() == 0, timeout=20_000)


def test_a_page_outside_a_shown_window_follows_every_change(
    window: MainWindow,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    window.hide()  # e.g. built but not shown yet: nothing to wait for
    calls = _counting(window, window.contracts)
    change_hub().changed.emit(Change(ids={Entity.CONTRACTS: frozenset({7})}))
    assert calls == [1]
    qtbot.waitUntil(lambda: running_operations() == 0)
