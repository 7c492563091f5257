"""The import report inside the dialog: every line `FILE:LINE: column: reason` and the summary,
read-only but selectable with mouse and keyboard, and copied whole with one button."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from oneaqita.transfer import ImportReport


class ImportReportView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text_view = QPlainTextEdit()
        self.text_view.setReadOnly(True)
        self.text_view.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.text_view.setPlaceholderText(self.tr("確認の結果がここに表示されます。"))
        label = QLabel(self.tr("報告(&R)"))
        label.setBuddy(self.text_view)
        self.copy_button = QPushButton(self.tr("報告をコピー(&O)"))
        self.copy_button.setAutoDefault(False)
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self.copy)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addStretch(1)
        top.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.text_view, 1)

    def show_report(self, report: ImportReport) -> None:
        self.text_view.setPlainText("\n".join(report.lines()))
        self.copy_button.setEnabled(True)

    def clear(self) -> None:
        self.text_view.clear()
        self.copy_button.setEnabled(False)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.text_view.toPlainText())
