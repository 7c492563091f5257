"""A PDF made by the core (oneaqita/reports), previewed before it is printed or saved: the
work-order sheet, and the reports of the Reports page.

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


class PdfPreviewDialog(QDialog):
    """``pdf`` shown page by page, with 印刷… (Ctrl+P) and 保存… (Ctrl+S); ``file_name`` is what
    保存… suggests, in the user's documents folder."""

    def __init__(
        self, pdf: bytes, title: str, file_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 1000)
        self.pdf = pdf
        self.file_name = file_name
        self.saved_to: str | None = None
        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_bar())
        layout.addWidget(self.view, 1)
        self._page_changed(0)

    def _build_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.previous_button = QPushButton(self.tr("前のページ"))
        self.previous_button.setToolTip(self.tr("前のページ (PageUp)"))
        self.next_button = QPushButton(self.tr("次のページ"))
        self.next_button.setToolTip(self.tr("次のページ (PageDown)"))
        self.page_box = QSpinBox()
        self.page_box.setRange(1, max(self.document.pageCount(), 1))
        self.page_box.setKeyboardTracking(False)
        self.page_count_label = QLabel(
            self.tr("/ {pages}ページ").format(pages=self.document.pageCount())
        )
        self.zoom_out_button = QPushButton(self.tr("縮小"))
        self.zoom_out_button.setToolTip(self.tr("縮小 (Ctrl+-)"))
        self.zoom_in_button = QPushButton(self.tr("拡大"))
        self.zoom_in_button.setToolTip(self.tr("拡大 (Ctrl++)"))
        self.fit_width_button = QPushButton(self.tr("幅に合わせる"))
        self.fit_page_button = QPushButton(self.tr("ページ全体"))
        self.print_button = QPushButton(self.tr("印刷…"))
        self.print_button.setToolTip(self.tr("プリンターに送ります (Ctrl+P)"))
        self.save_button = QPushButton(self.tr("保存…"))
        self.save_button.setToolTip(self.tr("PDFファイルとして保存します (Ctrl+S)"))
        self.close_button = QPushButton(self.tr("閉じる"))
        for widget in (
            self.previous_button,
            self.page_box,
            self.page_count_label,
            self.next_button,
        ):
            bar.addWidget(widget)
        bar.addSpacing(16)
        for button in (
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_width_button,
            self.fit_page_button,
        ):
            bar.addWidget(button)
        bar.addStretch(1)
        for button in (self.print_button, self.save_button, self.close_button):
            bar.addWidget(button)
        for button in self.findChildren(QPushButton):
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
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_document)
        self.close_button.clicked.connect(self.reject)
        for keys, slot in (
            (QKeySequence.StandardKey.Print, self.print_document),
            (QKeySequence.StandardKey.Save, self.save_document),
            (QKeySequence.StandardKey.ZoomIn, lambda: self.zoom_by(ZOOM_STEP)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self.zoom_by(1 / ZOOM_STEP)),
            (QKeySequence(Qt.Key.Key_PageUp), lambda: self.go_to(self.current_page() - 1)),
            (QKeySequence(Qt.Key.Key_PageDown), lambda: self.go_to(self.current_page() + 1)),
        ):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        return bar

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

    # -- print and save ---------------------------------------------------------------------
    def print_document(self) -> int:
        """The print dialog, then the pages chosen there; the number of pages printed."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        printer.setFromTo(1, self.page_count())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("印刷"))
        dialog.setMinMax(1, self.page_count())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
        return print_pdf(self.document, printer, self)

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
