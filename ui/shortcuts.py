"""Page shortcuts: keys that work wherever the focus is inside a page, and only there.

Every page of the main window is a widget among many in a stack; a shortcut made with the
widget's default context fires only while the page itself has the focus, and one made with
the window's context would fire on the hidden pages too. ``WidgetWithChildrenShortcut`` is the
one between: the page or anything in it has the focus.
"""

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

__all__ = ["add_page_shortcuts"]


def add_page_shortcuts(
    page: QWidget, pairs: Iterable[tuple[Any, Callable[[], object]]]
) -> list[QShortcut]:
    """A shortcut on ``page`` per (keys, slot) pair; keys as QKeySequence takes them (a
    sequence, a standard key, a Qt.Key or a string)."""
    made = []
    for keys, slot in pairs:
        shortcut = QShortcut(QKeySequence(keys), page)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(slot)
        made.append(shortcut)
    return made
