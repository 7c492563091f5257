"""What the import and export dialogs share: the kind of record and the file, chosen in one
form (the kind's columns shown as help below), the busy flag that keeps the dialog open while
the core works, and the database and user they work for."""

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from ui.transfer.kinds import fill_kind_combo


class TransferDialog(QDialog):
    """Subclasses set the file box's placeholder, implement browse, and lay out self.form."""

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.busy = False

        self.kind_combo = QComboBox()
        fill_kind_combo(self.kind_combo)
        self.file_edit = QLineEdit()
        self.browse_button = QPushButton(self.tr("参照…(&B)"))
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self.browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(self.browse_button)
        self.columns_label = QLabel()
        self.columns_label.setWordWrap(True)
        self.columns_label.setEnabled(False)
        kind_label, file_label = QLabel(self.tr("種類(&K)")), QLabel(self.tr("ファイル(&F)"))
        kind_label.setBuddy(self.kind_combo)
        file_label.setBuddy(self.file_edit)
        self.form = QFormLayout()
        self.form.addRow(kind_label, self.kind_combo)
        self.form.addRow(file_label, file_row)
        self.form.addRow("", self.columns_label)

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def file(self) -> str:
        return self.file_edit.text().strip()

    def browse(self) -> None:
        raise NotImplementedError

    def _enable_inputs(self, enabled: bool) -> None:
        for widget in (self.kind_combo, self.file_edit, self.browse_button):
            widget.setEnabled(enabled)

    def reject(self) -> None:
        if not self.busy:  # a running call finishes first; closing would hide its result
            super().reject()
