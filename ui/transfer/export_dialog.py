"""File ▸ Export (データの書き出し): every record of one kind to a .csv (UTF-8 with BOM, which
Excel opens correctly) or .xlsx file, by the file's suffix, written by the import core on a
background thread; importing the file back changes nothing."""

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.transfer import export_kind
from ui.errors import show_error
from ui.operations import QueryOp
from ui.transfer.file_dialog import TransferDialog
from ui.transfer.kinds import columns_text

DIRECTORY_KEY = "transfer/exportDirectory"
SUFFIXES = (".csv", ".xlsx")


class ExportDialog(TransferDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        # Every registered, active user may export; the core checks (export_kind).
        super().__init__(db, actor, parent)
        self.written: int | None = None
        self._confirmed: str | None = None  # a path whose overwriting the save dialog asked
        self.setWindowTitle(self.tr("データの書き出し"))
        self.setMinimumWidth(620)
        self.file_edit.setPlaceholderText(self.tr(".csv（UTF-8、BOM付き）または .xlsx"))

        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.progress.setRange(0, 0)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = QPushButton(self.tr("書き出す(&W)"))
        self.export_button.setDefault(True)
        self.buttons.addButton(self.export_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("閉じる"))
        self.export_button.clicked.connect(self.export)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.kind_combo.setFocus()

    def _kind_changed(self) -> None:
        self.columns_label.setText(columns_text(self.kind()))
        current = Path(self.file()) if self.file() else None
        if current is None or current.stem in {
            str(self.kind_combo.itemData(i)) for i in range(self.kind_combo.count())
        }:  # a name the dialog proposed follows the kind; one the user chose stays
            folder = QSettings().value(DIRECTORY_KEY, str(Path.home()))
            suffix = current.suffix if current is not None else ".csv"
            parent = current.parent if current is not None else Path(str(folder))
            self.file_edit.setText(str(parent / f"{self.kind()}{suffix}"))

    def browse(self) -> None:
        path, chosen_filter = QFileDialog.getSaveFileName(
            self,
            self.tr("書き出し先のファイル"),
            self.file() or str(Path.home() / f"{self.kind()}.csv"),
            self.tr("CSV（UTF-8、BOM付き） (*.csv);;Excel (*.xlsx)"),
        )
        if not path:
            return
        if Path(path).suffix.lower() not in SUFFIXES:
            path += ".xlsx" if "xlsx" in chosen_filter else ".csv"
        QSettings().setValue(DIRECTORY_KEY, str(Path(path).parent))
        self.file_edit.setText(path)
        self._confirmed = path  # the save dialog already asked before replacing a file
        self.export_button.setFocus()

    def _may_replace(self, path: Path) -> bool:
        if not path.exists() or str(path) == self._confirmed:
            return True
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("ファイルの上書き"))
        box.setText(self.tr("{path} は既にあります。置き換えますか？").format(path=path))
        box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == int(QMessageBox.StandardButton.Yes)

    def export(self) -> None:
        if self.busy:
            return
        if not self.file():
            self.status_label.setText(self.tr("書き出し先のファイルを指定してください。"))
            self.file_edit.setFocus()
            return
        path = Path(self.file())
        if path.suffix.lower() not in SUFFIXES:
            self.status_label.setText(
                self.tr("ファイル名は .csv か .xlsx で終わるようにしてください。")
            )
            self.file_edit.setFocus()
            return
        if not self._may_replace(path):
            return
        db, actor, kind = self._db, self._actor, self.kind()
        self._set_busy(True)
        self.status_label.setText(self.tr("書き出しています…"))
        QueryOp(self, lambda: export_kind(db, actor, kind, path)).success(
            lambda count: self._written(count, path)
        ).failure(self._failed).run()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        self._enable_inputs(not busy)
        self.buttons.setEnabled(not busy)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.status_label.clear()
        show_error(self, exc)

    def _written(self, count: int, path: Path) -> None:
        self._set_busy(False)
        self.written = count
        QSettings().setValue(DIRECTORY_KEY, str(path.parent))
        message = self.tr("{count} 件を書き出しました。\n{path}").format(
            count=f"{count:,}", path=path
        )
        self.status_label.setText(message)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("データの書き出し"))
        box.setText(message)
        box.exec()
        self.accept()


def open_export_dialog(parent: QWidget | None, db: Database, actor: Actor) -> None:
    """File ▸ Export: the modal dialog; returns when the user closes it."""
    dialog = ExportDialog(db, actor, parent)
    dialog.exec()
    dialog.deleteLater()
