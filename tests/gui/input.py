"""What the GUI tests do as a user would: type Japanese, and wait for a list to recount."""

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit


def type_japanese(edit: QLineEdit, text: str) -> None:
    """Japanese arrives as committed input-method text (QTest.keyClicks only knows keys)."""
    edit.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


def after_recount(qtbot: Any, page: Any, action: Callable[[], object]) -> None:
    """Run `action` (a filter change) and wait until the page's list has counted again."""
    with qtbot.waitSignal(page.model.counted, timeout=5000):
        action()
