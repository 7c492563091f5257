"""A page's share of `change_hub().changed`: a page of the main window reloads for a change
only while it is shown. While it is hidden behind another page of the stack, what arrives is
kept (merged, as LiveChanges merges a burst) and handed to the page once, when it is shown
again, so that a change on another desktop does not make every page of every window read
again. The settlement, audit-log and reports pages keep their own "read only while shown"
(they mark what is stale themselves); every other page follows the changes through here.

A page that is not in a shown window (built but never shown, as in some tests) gets every
change at once, as before: there is no "shown again" to wait for.
"""

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from oneaqita.services.change_notify import merge
from oneaqita.services.changes import Change
from ui.operations import change_hub


class PageChanges(QObject):
    """Feeds one page's handler; a child of the page, so it ends with it."""

    def __init__(self, page: QWidget, handler: Callable[[Change], None]) -> None:
        super().__init__(page)
        self._page = page
        self._handler = handler
        self.pending: list[Change] = []  # arrived while hidden, in order
        change_hub().changed.connect(self._changed)
        page.installEventFilter(self)

    def _hidden(self) -> bool:
        """Hidden in a shown window (another page of the stack is shown)."""
        return not self._page.isVisible() and self._page.window().isVisible()

    def _changed(self, change: Change) -> None:
        if self._hidden():
            self.pending.append(change)
        else:
            self._handler(change)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self._page and event.type() == QEvent.Type.Show and self.pending:
            # One change keeps its initiator (a page skips its own); several are merged.
            change = self.pending[0] if len(self.pending) == 1 else merge(self.pending)
            self.pending.clear()
            self._handler(change)
        return False


def follow_changes(page: QWidget, handler: Callable[[Change], None]) -> PageChanges:
    """Connects ``handler`` to the changes the way the module says."""
    return PageChanges(page, handler)
