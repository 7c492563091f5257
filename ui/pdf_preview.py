"""A PDF made by the core (oneaqita/reports), previewed before it is printed or saved: the
work-order sheet and the settlement's figures in a dialog (PdfPreviewDialog), the reports of
the Reports page inside the page (PdfViewer, the same view and bar without the dialog).

The preview is QtPdf's own view (QPdfView over a QPdfDocument read from the bytes in memory;
nothing is written until the user saves): page by page with zoom and page navigation.
印刷… opens the system print dialog and prints each page as an image rendered by QtPdf at the
printer's resolution (at most PRINT_DPI, so that a 1,200 dpi printer does not need 500 MB a
page), fitted to the printable area; 保存… writes the same bytes to a file the user chooses.
"""

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRect, QSize, QStandardPaths, Qt
from PySide6.QtGui import QKeySequence, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from oneaqita.reports.pdf_base import write_pdf
from ui.errors import show_error

PRINT_DPI = 300
ZOOM_STEP = 1.25
ZOOM_RANGE = (0.25, 4.0)


def print_pdf(document: QPdfDocument, printer: QPrinter, parent: QWidget | None = None) -> int:
    """Print the pages of ``document`` the printer's range asks for (all by default); the
    number of pages printed (0 when the printer could not be opened or printing was
    cancelled in the progress dialog)."""
    count = document.pageCount()
    first, last = 0, count - 1
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(printer.fromPage() - 1, 0)
        last = min(max(printer.toPage(), printer.fromPage()) - 1, count - 1)
    if count == 0 or first > last:
        return 0
    painter = QPainter()
    if not painter.begin(printer):
        return 0
    progress = QProgressDialog(
        QApplication.translate("PdfPreviewDialog", "印刷しています…"),
        QApplication.translate("PdfPreviewDialog", "中止"),
        0,
        last - first + 1,
        parent,
    )
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(500)
    dpi = min(printer.resolution(), PRINT_DPI)
    printed = 0
    try:
        for index in range(first, last + 1):
            if progress.wasCanceled():
                printer.abort()
                return 0
            if index > first:
                printer.newPage()
            points = document.pagePointSize(index)
            size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
            image = document.render(index, size)
            area = painter.viewport()
            scale = min(area.width() / size.width(), area.height() / size.height())
            w, h = round(size.width() * scale), round(size.height() * scale)
            target = QRect(area.x() + (area.width() - w) // 2, area.y(), w, h)
            painter.drawImage(target, image)
            printed += 1
            progress.setValue(printed)
    finally:
        painter.end()
        progress.close()
    return printed


class PdfViewer(QWidget):
    """A PDF shown page by page (QPdfView over a QPdfDocument read from bytes in memory) under
    a bar of page navigation and zoom; the host adds its own buttons at the bar's end
    (add_tools). ``set_pdf`` shows other bytes in the same view. Its keys (PageUp/PageDown,
    Ctrl++/Ctrl+-) work in ``shortcut_context``: the whole window for a dialog, only while
    the focus is inside the viewer for a page among others."""

    def __init__(
        self,
        pdf: bytes = b"",
        parent: QWidget | None = None,
        shortcut_context: Qt.ShortcutContext = Qt.ShortcutContext.WindowShortcut,
    ) -> None:
        super().__init__(parent)
        self.pdf = b""
        self._bytes = QByteArray()
        self._buffer: QBuffer | None = None
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)
        self.bar = self._build_bar(shortcut_context)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.bar)
        layout.addWidget(self.view, 1)
        self.set_pdf(pdf)

    def set_pdf(self, pdf: bytes) -> None:
        """Show ``pdf`` (no bytes: an empty view), from its first page."""
        self.document.close()
        if self._buffer is not None:
            self._buffer.close()
            self._buffer.deleteLater()
            self._buffer = None
        self.pdf = pdf
        if pdf:
            self._bytes = QByteArray(pdf)
            self._buffer = QBuffer(self._bytes, self)
            self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            self.document.load(self._buffer)
        pages = self.page_count()
        self.page_box.setRange(1, max(pages, 1))
        self.page_count_label.setText(
            QApplication.translate("PdfPreviewDialog", "/ {pages}ページ").format(pages=pages)
        )
        self.view.pageNavigator().jump(0, QPointF(), self.view.pageNavigator().currentZoom())
        self._page_changed(0)
        for widget in self._navigation:
            widget.setEnabled(pages > 0)

    def _build_bar(self, context: Qt.ShortcutContext) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.previous_button = QPushButton(QApplication.translate("PdfPreviewDialog", "前のページ"))
        self.previous_button.setToolTip(
            QApplication.translate("PdfPreviewDialog", "前のページ (PageUp)")
        )
        self.next_button = QPushButton(QApplication.translate("PdfPreviewDialog", "次のページ"))
        self.next_button.setToolTip(
            QApplication.translate("PdfPreviewDialog", "次のページ (PageDown)")
        )
        self.page_box = QSpinBox()
        self.page_box.setKeyboardTracking(False)
        self.page_count_label = QLabel()
        self.zoom_out_button = QPushButton(QApplication.translate("PdfPreviewDialog", "縮小"))
        self.zoom_out_button.setToolTip(QApplication.translate("PdfPreviewDialog", "縮小 (Ctrl+-)"))
        self.zoom_in_button = QPushButton(QApplication.translate("PdfPreviewDialog", "拡大"))
        self.zoom_in_button.setToolTip(QApplication.translate("PdfPreviewDialog", "拡大 (Ctrl++)"))
        self.fit_width_button = QPushButton(
            QApplication.translate("PdfPreviewDialog", "幅に合わせる")
        )
        self.fit_page_button = QPushButton(QApplication.translate("PdfPreviewDialog", "ページ全体"))
        pages = (self.previous_button, self.page_box, self.page_count_label, self.next_button)
        zoom = (
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_width_button,
            self.fit_page_button,
        )
        self._navigation = (self.page_box, *zoom)
        for widget in pages:
            bar.addWidget(widget)
        bar.addSpacing(16)
        for button in zoom:
            bar.addWidget(button)
        bar.addStretch(1)
        for button in (*zoom, self.previous_button, self.next_button):
            button.setAutoDefault(False)

        self.previous_button.clicked.connect(lambda: self.go_to(self.current_page() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.current_page() + 1))
        self.page_box.valueChanged.connect(lambda n: self.go_to(n - 1))
        self.zoom_in_button.clicked.connect(lambda: self.zoom_by(ZOOM_STEP))
        self.zoom_out_button.clicked.connect(lambda: self.zoom_by(1 / ZOOM_STEP))
        self.fit_width_button.clicked.connect(
            lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        )
        self.fit_page_button.clicked.connect(
            lambda: self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        )
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, lambda: self.zoom_by(ZOOM_STEP)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self.zoom_by(1 / ZOOM_STEP)),
            (QKeySequence(Qt.Key.Key_PageUp), lambda: self.go_to(self.current_page() - 1)),
            (QKeySequence(Qt.Key.Key_PageDown), lambda: self.go_to(self.current_page() + 1)),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
        return bar

    def add_tools(self, *buttons: QPushButton) -> None:
        """Buttons of the host at the end of the bar (印刷…, 保存…)."""
        for button in buttons:
            button.setAutoDefault(False)
            self.bar.addWidget(button)

    # -- navigation and zoom ----------------------------------------------------------------
    def page_count(self) -> int:
        return self.document.pageCount()

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        """Show page ``page`` (0-based; kept within the document)."""
        page = max(0, min(page, self.page_count() - 1))
        navigator = self.view.pageNavigator()
        if page != navigator.currentPage():
            navigator.jump(page, QPointF(), navigator.currentZoom())

    def zoom_by(self, factor: float) -> None:
        if self.page_count() == 0:
            return
        low, high = ZOOM_RANGE
        zoom = max(low, min(self.view.zoomFactor() * factor, high))
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(zoom)

    def _page_changed(self, page: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(page + 1)
        self.page_box.blockSignals(False)
        self.previous_button.setEnabled(page > 0)
        self.next_button.setEnabled(page < self.page_count() - 1)

    # -- print ------------------------------------------------------------------------------
    def print_document(self, doc_name: str) -> int:
        """The print dialog, then the pages chosen there; the number of pages printed."""
        if self.page_count() == 0:
            return 0
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(doc_name)
        printer.setFromTo(1, self.page_count())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(QApplication.translate("PdfPreviewDialog", "印刷"))
        dialog.setMinMax(1, self.page_count())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
        return print_pdf(self.document, printer, self)


class PdfPreviewDialog(QDialog):
    """``pdf`` shown page by page (a PdfViewer), with 印刷… (Ctrl+P) and 保存… (Ctrl+S);
    ``file_name`` is what 保存… suggests, in the user's documents folder."""

    def __init__(
        self, pdf: bytes, title: str, file_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 1000)
        self.pdf = pdf
        self.file_name = file_name
        self.saved_to: str | None = None
        self.viewer = PdfViewer(pdf, self)
        v = self.viewer
        self.document, self.view = v.document, v.view
        self.previous_button, self.next_button = v.previous_button, v.next_button
        self.page_box, self.page_count_label = v.page_box, v.page_count_label
        self.zoom_out_button, self.zoom_in_button = v.zoom_out_button, v.zoom_in_button
        self.fit_width_button, self.fit_page_button = v.fit_width_button, v.fit_page_button
        self.page_count, self.current_page, self.go_to = v.page_count, v.current_page, v.go_to
        self.zoom_by = v.zoom_by

        self.print_button = QPushButton(self.tr("印刷…"))
        self.print_button.setToolTip(self.tr("プリンターに送ります (Ctrl+P)"))
        self.save_button = QPushButton(self.tr("保存…"))
        self.save_button.setToolTip(self.tr("PDFファイルとして保存します (Ctrl+S)"))
        self.close_button = QPushButton(self.tr("閉じる"))
        v.add_tools(self.print_button, self.save_button, self.close_button)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        self.close_button.clicked.connect(self.reject)
        for keys, slot in (
            (QKeySequence.StandardKey.Print, self.print_document),
            (QKeySequence.StandardKey.Save, self.save_document),
        ):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        layout = QVBoxLayout(self)
        layout.addWidget(v, 1)

    def print_document(self) -> int:
        """The print dialog, then the pages chosen there; the number of pages printed."""
        return self.viewer.print_document(self.windowTitle())

    def save_document(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("PDFの保存"),
            f"{folder}/{self.file_name}" if folder else self.file_name,
            self.tr("PDF (*.pdf)"),
        )
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            write_pdf(path, self.pdf)
        except Exception as exc:  # noqa: BLE001 - a folder that refuses says so in a box
            show_error(self, exc)
            return
        self.saved_to = path
