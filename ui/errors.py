"""The one place where errors reach the user: a message box, Japanese first, English below."""

import logging
import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from oneaqita.errors import ConcurrentEdit, DomainError, PermissionDenied

log = logging.getLogger(__name__)


translate = QCoreApplication.translate


def error_title(exc: BaseException) -> str:
    if isinstance(exc, ConcurrentEdit):
        return translate("errors", "他の人が変更しました")
    if isinstance(exc, PermissionDenied):
        return translate("errors", "権限がありません")
    if isinstance(exc, DomainError):
        return translate("errors", "できませんでした")
    return translate("errors", "予期しないエラー")


def error_text(exc: BaseException) -> str:
    """Domain errors carry both languages; anything else is a bug or an outage and is
    described by its type and message (the traceback goes to the details and the log)."""
    if isinstance(exc, DomainError):
        return f"{exc.ja}\n\n{exc.en}"
    first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    detail = f"{type(exc).__name__}: {first_line}" if first_line else type(exc).__name__
    return translate("errors", "予期しないエラーが発生しました。") + f"\n\n{detail}"


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    box = QMessageBox(parent)
    box.setIcon(
        QMessageBox.Icon.Warning if isinstance(exc, DomainError) else QMessageBox.Icon.Critical
    )
    box.setWindowTitle(error_title(exc))
    box.setText(error_text(exc))
    if not isinstance(exc, DomainError):
        log.error("unexpected error", exc_info=exc)
        box.setDetailedText("".join(traceback.format_exception(exc)))
    box.exec()
