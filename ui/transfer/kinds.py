"""The kinds of record a file can hold, as the dialogs offer them: only those the import
core supports (supported_kinds), named as users say them, with their columns as help."""

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QComboBox

from oneaqita.importing import get_kind, supported_kinds

translate = QCoreApplication.translate


def kind_label(kind: str) -> str:
    labels = {
        "organizations": translate("transfer", "団体"),
        "shareholdings": translate("transfer", "株主"),
        "people": translate("transfer", "職員"),
        "secondments": translate("transfer", "出向"),
        "assets": translate("transfer", "施設"),
        "contracts": translate("transfer", "契約"),
        "work-orders": translate("transfer", "作業指示"),
        "findings": translate("transfer", "所見"),
        "time-entries": translate("transfer", "作業時間"),
    }
    return labels.get(kind) or get_kind(kind).name_ja


def fill_kind_combo(combo: QComboBox) -> None:
    for kind in supported_kinds():
        combo.addItem(f"{kind_label(kind)} ({kind})", kind)


def columns_text(kind: str) -> str:
    """The kind's columns, Japanese (English) and * for required, as the file may name them."""
    names = [f"{c.name_ja} ({c.name}){'*' if c.required else ''}" for c in get_kind(kind).columns]
    return translate("transfer", "列: {columns}　* は必須").format(columns=", ".join(names))


class ProgressRelay(QObject):
    """Carries the core's progress callback (called on a worker thread) to the GUI thread.

    It has no parent on purpose: the worker's closure keeps it alive for as long as the core
    may still call it, even if the dialog that shows the progress is gone by then."""

    progressed = Signal(str, int, int)

    def __init__(self, show: Callable[[str, int, int], None]) -> None:
        super().__init__()
        self._show = show
        self.progressed.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)

    @Slot(str, int, int)
    def _on_progress(self, stage: str, done: int, total: int) -> None:
        self._show(stage, done, total)

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.progressed.emit(stage, done, total)
