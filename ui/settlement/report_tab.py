"""What the three tabs of the 精算・集計 page share: the figures of a month read off the GUI
thread (the newest request wins), shown in a FiguresTree, and 「PDFプレビュー…」 (Ctrl+P on
the page) and 「CSV保存…」 for exactly the figures on screen, both made off the GUI thread."""

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from ui.errors import show_error
from ui.operations import ProgressCallback, QueryOp
from ui.pdf_preview import PdfPreviewDialog
from ui.settlement.figures_tree import FiguresTree


class ReportTab(QWidget):
    """Subclasses say what they read (read), show (fill), print (render_pdf) and save
    (write_csv), and the report's name (report_title, file_stem)."""

    def __init__(
        self, db: Database, actor: Actor, headers: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self.data: Any = None  # the figures on screen
        self.shown_for: tuple[date, str | None] | None = None
        self.preview: PdfPreviewDialog | None = None
        self.saved_to: Path | None = None
        self._request = 0
        self._building = False
        self.tree = FiguresTree(headers)
        self.preview_button = QPushButton(self.tr("PDFプレビュー…"))
        self.preview_button.setToolTip(
            self.tr("表示中の集計をPDFで確認・印刷・保存します (Ctrl+P)")
        )
        self.csv_button = QPushButton(self.tr("CSV保存…"))
        self.csv_button.setToolTip(self.tr("表示中の集計をCSVファイル (Excel用) に保存します"))
        self.status_label = QLabel()
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for button in (self.preview_button, self.csv_button):
            button.setAutoDefault(False)
            button.setEnabled(False)
        self.preview_button.clicked.connect(self.open_preview)
        self.csv_button.clicked.connect(self.save_csv)
        self.tools = QHBoxLayout()
        self.tools.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addLayout(self.tools)
        bar.addStretch(1)
        bar.addWidget(self.status_label)
        bar.addWidget(self.preview_button)
        bar.addWidget(self.csv_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.tree, 1)

    # -- what a tab is -------------------------------------------------------------------
    def read(self, db: Database, actor: Actor, month: date, body: str | None) -> Any:
        raise NotImplementedError

    def fill(self, data: Any) -> None:
        raise NotImplementedError

    def printed(self) -> Any:
        """The figures the PDF and CSV hold: those on screen (a tab may narrow them)."""
        return self.data

    def render_pdf(self, data: Any) -> bytes:
        raise NotImplementedError

    def write_csv(self, data: Any, path: Path) -> int:
        raise NotImplementedError

    def report_title(self) -> str:
        raise NotImplementedError

    def file_stem(self) -> str:
        raise NotImplementedError

    # -- loading -------------------------------------------------------------------------
    def load(self, month: date, body: str | None) -> None:
        self._request += 1
        request, db, actor = self._request, self._db, self._actor
        self.status_label.setText(self.tr("読み込み中…"))

        def shown(data: Any) -> None:
            if request != self._request:
                return
            self.data, self.shown_for = data, (month, body)
            self.status_label.clear()
            self.fill(data)
            for button in (self.preview_button, self.csv_button):
                button.setEnabled(True)

        def failed(exc: BaseException) -> None:
            if request == self._request:
                self.status_label.clear()
                show_error(self, exc)

        QueryOp(self, lambda: self.read(db, actor, month, body)).success(shown).failure(
            failed
        ).run()

    # -- PDF and CSV ---------------------------------------------------------------------
    def open_preview(self) -> None:
        data = self.printed()
        if data is None or self._building or self.preview is not None:
            return
        self._building = True
        title = self.report_title()

        def build(_progress: ProgressCallback) -> bytes:
            return self.render_pdf(data)

        def failed(exc: BaseException) -> None:
            self._building = False
            show_error(self, exc)

        label = self.tr("{title}を作成しています…").format(title=title)
        QueryOp(self, build).with_progress(label, title).success(
            lambda pdf: self._show(title, pdf)
        ).failure(failed).run()

    def _show(self, title: str, pdf: bytes) -> None:
        self._building = False
        self.preview = PdfPreviewDialog(pdf, title, f"{self.file_stem()}.pdf", self)
        self.preview.finished.connect(self._closed)
        self.preview.open()

    def _closed(self, _result: int) -> None:
        preview, self.preview = self.preview, None
        if preview is not None:
            preview.deleteLater()

    def save_csv(self) -> None:
        data = self.printed()
        if data is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"{self.file_stem()}.csv"
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("CSVの保存"),
            f"{folder}/{name}" if folder else name,
            self.tr("CSV (*.csv)"),
        )
        if not chosen:
            return
        path = Path(chosen if chosen.lower().endswith(".csv") else f"{chosen}.csv")
        self.csv_button.setEnabled(False)
        self.status_label.setText(self.tr("保存しています…"))

        def done(rows: int) -> None:
            self.csv_button.setEnabled(True)
            self.saved_to = path
            self.status_label.setText(
                self.tr("{path} に保存しました ({rows}行)").format(path=path, rows=f"{rows:,}")
            )

        def failed(exc: BaseException) -> None:
            self.csv_button.setEnabled(True)
            self.status_label.setText(self.tr("保存できませんでした"))
            show_error(self, exc)

        QueryOp(self, lambda: self.write_csv(data, path)).success(done).failure(failed).run()
