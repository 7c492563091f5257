"""The PDF preview (ui/pdf_preview.py) and 作業指示書… on the Work orders page: the sheet is
built off the GUI thread, shown page by page, printed through the print dialog (replaced here
by one that picks a PDF printer) and saved."""

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog

import ui.pdf_preview
from oneaqita.reports.pdf_base import ReportPage, build_pdf, data_table
from oneaqita.services.database import Database
from tests.pdf_tools import pdf_pages, pdf_text
from ui.main_window import MainWindow
from ui.operations import running_operations
from ui.pdf_preview import PdfPreviewDialog

ROWS = [["番号", "名称"]] + [[str(n), f"秋田市 第{n}号"] for n in range(1, 151)]


@pytest.fixture
def pdf() -> bytes:
    return build_pdf([data_table(ROWS, [80, 200])], ReportPage("試験帳票", date(2026, 12, 1)))


@pytest.fixture
def preview(qtbot, pdf: bytes) -> PdfPreviewDialog:  # type: ignore[no-untyped-def]
    dialog = PdfPreviewDialog(pdf, "試験帳票", "試験帳票.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


class PdfPrintDialog:
    """Stands in for QPrintDialog: the user picks a PDF printer and, maybe, a page range."""

    output: Path
    pages: tuple[int, int] | None = None
    accept = True

    def __init__(self, printer: QPrinter, _parent: object = None) -> None:
        self.printer = printer

    def setWindowTitle(self, _title: str) -> None:  # noqa: N802 - Qt's name
        pass

    def setMinMax(self, low: int, high: int) -> None:  # noqa: N802 - Qt's name
        assert (low, high) == (1, PdfPrintDialog.expected_pages)

    def exec(self) -> int:
        if not PdfPrintDialog.accept:
            return int(QDialog.DialogCode.Rejected)
        self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.printer.setOutputFileName(str(PdfPrintDialog.output))
        self.printer.setResolution(72)  # small page images keep the test quick
        if PdfPrintDialog.pages:
            self.printer.setPrintRange(QPrinter.PrintRange.PageRange)
            self.printer.setFromTo(*PdfPrintDialog.pages)
        return int(QDialog.DialogCode.Accepted)

    expected_pages = 0


def test_the_preview_shows_the_pages_and_moves_between_them(
    preview: PdfPreviewDialog, pdf: bytes, tmp_path: Path
) -> None:
    pages = pdf_pages(pdf, tmp_path)
    assert pages >= 3
    assert preview.page_count() == pages
    assert preview.page_count_label.text() == f"/ {pages}ページ"
    assert preview.view.pageMode() == QPdfView.PageMode.MultiPage
    assert not preview.previous_button.isEnabled()
    preview.next_button.click()
    assert preview.current_page() == 1 and preview.page_box.value() == 2
    preview.page_box.setValue(pages)
    assert preview.current_page() == pages - 1 and not preview.next_button.isEnabled()
    preview.go_to(99)  # beyond the end stays on the last page
    assert preview.current_page() == pages - 1
    preview.zoom_in_button.click()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.Custom
    zoomed = preview.view.zoomFactor()
    preview.zoom_out_button.click()
    assert preview.view.zoomFactor() < zoomed
    for _ in range(20):
        preview.zoom_out_button.click()
    assert preview.view.zoomFactor() == pytest.approx(0.25)
    preview.fit_width_button.click()
    assert preview.view.zoomMode() == QPdfView.ZoomMode.FitToWidth


def test_printing_renders_every_page_or_the_chosen_range(
    preview: PdfPreviewDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ui.pdf_preview, "QPrintDialog", PdfPrintDialog)
    PdfPrintDialog.expected_pages = preview.page_count()
    PdfPrintDialog.output = tmp_path / "printed.pdf"
    assert preview.print_document() == preview.page_count()
    assert pdf_pages(PdfPrintDialog.output, tmp_path) == preview.page_count()

    PdfPrintDialog.output = tmp_path / "range.pdf"
    PdfPrintDialog.pages = (2, 3)
    try:
        assert preview.print_document() == 2
    finally:
        PdfPrintDialog.pages = None
    assert pdf_pages(PdfPrintDialog.output, tmp_path) == 2

    PdfPrintDialog.accept = False
    try:
        assert preview.print_document() == 0  # cancelled in the dialog: nothing printed
    finally:
        PdfPrintDialog.accept = True


def test_saving_writes_the_same_bytes_and_adds_the_suffix(
    preview: PdfPreviewDialog, pdf: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen = tmp_path / "保存先"
    suggested: list[str] = []

    def choose(_parent: object, _title: str, path: str, _filter: str) -> tuple[str, str]:
        suggested.append(path)
        return str(chosen), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    preview.save_button.click()
    assert suggested[0].endswith("試験帳票.pdf")
    assert (tmp_path / "保存先.pdf").read_bytes() == pdf
    assert preview.saved_to == str(tmp_path / "保存先.pdf")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: ("", ""))
    preview.save_button.click()  # cancelled: nothing happens
    assert preview.saved_to == str(tmp_path / "保存先.pdf")


def test_a_folder_that_refuses_the_file_says_so(
    preview: PdfPreviewDialog,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    message_boxes: list[str],
) -> None:
    target = tmp_path / "none" / "x.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(target), ""))
    preview.save_button.click()
    assert len(message_boxes) == 1 and "ファイルを書き込めません" in message_boxes.pop()
    assert preview.saved_to is None


def test_ctrl_p_on_the_work_orders_page_previews_the_selected_sheet(
    window: MainWindow,
    demo_db: Database,
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    page = window.work_orders
    button = page.filter_bar.sheet_button
    assert button.isVisible() and not button.isEnabled()
    page.sheet.open()  # nothing selected: nothing opens
    assert page.sheet.preview is None
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.detail_pane.detail is not None, timeout=5000)
    assert button.isEnabled()
    number = page.detail_pane.detail.row.number
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.sheet.preview is not None, timeout=20_000)
    preview = page.sheet.preview
    assert preview.windowTitle() == f"作業指示書 {number}"
    assert preview.page_count() >= 2  # the order, then the findings form on its own page
    assert number in pdf_text(preview.pdf, tmp_path, 1, 1)
    assert preview.file_name == f"作業指示書_{number}.pdf"
    preview.grab().save(str(tmp_path / "preview.png"))
    preview.close_button.click()
    qtbot.waitUntil(lambda: page.sheet.preview is None)
    assert running_operations() == 0
