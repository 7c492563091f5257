"""作業指示書… (Ctrl+P) on the Work orders page: the selected order's work-order sheet
(oneaqita/reports/work_order_sheet.py) built off the GUI thread, then previewed in
ui/pdf_preview.py, where it is printed or saved."""

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from oneaqita.permissions import Action, allowed
from oneaqita.reports.work_order_sheet import SHEET_TITLE, work_order_sheet_pdf
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from ui.errors import show_error
from ui.operations import ProgressCallback, QueryOp
from ui.pdf_preview import PdfPreviewDialog


class WorkOrderSheetCommand(QObject):
    """Opens the sheet of the order ``number_of()`` names (None: nothing selected)."""

    def __init__(
        self,
        page: QWidget,
        db: Database,
        actor: Actor,
        number_of: Callable[[], str | None],
    ) -> None:
        super().__init__(page)
        self._page, self._db, self._actor, self._number_of = page, db, actor, number_of
        self.available = allowed(actor, Action.READ_LISTS)
        self.preview: PdfPreviewDialog | None = None
        self._building = False
        shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Print), page)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.open)

    def open(self) -> None:
        number = self._number_of()
        if not self.available or number is None or self._building or self.preview is not None:
            return
        self._building = True
        db, actor = self._db, self._actor

        def build(_progress: ProgressCallback) -> bytes:
            return work_order_sheet_pdf(db, actor, number)

        def failed(exc: BaseException) -> None:
            self._building = False
            show_error(self._page, exc)

        label = self.tr("作業指示書 {number} を作成しています…").format(number=number)
        QueryOp(self._page, build).with_progress(label, self.tr("作業指示書")).success(
            lambda pdf: self._show(number, pdf)
        ).failure(failed).run()

    def _show(self, number: str, pdf: bytes) -> None:
        self._building = False
        title = self.tr("作業指示書 {number}").format(number=number)
        self.preview = PdfPreviewDialog(pdf, title, f"{SHEET_TITLE}_{number}.pdf", self._page)
        self.preview.finished.connect(self._closed)
        self.preview.open()

    def _closed(self, _result: int) -> None:
        preview, self.preview = self.preview, None
        if preview is not None:
            preview.deleteLater()
