"""The files attached to one finding, in its editor: thumbnails (a file icon for anything that
is no decodable image), and 添付… / 開く / 名前を付けて保存… / 削除.

Each command writes or reads at once through services/attachments.py and attachment_queries.py,
off the GUI thread (ChangeOp / QueryOp): files are read, checked and stored there, so that a
big file never freezes the dialog, and a refusal (a file past the limits, a bad name) is shown
as every error is (ui/errors.py), nothing of that batch stored. Files are stored as they are
attached, not when the finding is saved.

Opening writes the file to a folder of its own under the system's temporary folder and hands it
to the desktop: only JPEG, PNG and PDF files (by their content), with the suffix of their type,
so that an attached program is never started by a double-click; any file can be saved. The
copies are removed when the app ends (a copy still open in a viewer on Windows stays behind).
"""

import atexit
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from oneaqita.services.actor import Actor
from oneaqita.services.attachment_queries import (
    AttachmentFile,
    AttachmentLine,
    attachment_content,
    attachments_of_finding,
)
from oneaqita.services.attachments import (
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_FINDING_BYTES,
    attach_files,
    read_file,
    remove_attachment,
)
from oneaqita.services.changes import Change
from oneaqita.services.database import Database
from oneaqita.thumbnails import THUMBNAIL_PX
from ui.errors import show_error
from ui.operations import ChangeOp, QueryOp

# The types the desktop may open, with the suffix the temporary copy gets.
OPENABLE = {"image/jpeg": ".jpg", "image/png": ".png", "application/pdf": ".pdf"}
_UNSAFE = str.maketrans({c: "_" for c in '<>:"/\\|?*'})


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def temporary_copy(file: AttachmentFile) -> Path:
    """The file in a new folder under the temporary folder, named so that the desktop opens
    it by its type (OPENABLE)."""
    suffix = OPENABLE[file.media_type]
    name = file.file_name.translate(_UNSAFE)
    if not name.lower().endswith(suffix) and not (
        suffix == ".jpg" and name.lower().endswith(".jpeg")
    ):
        name += suffix
    folder = Path(tempfile.mkdtemp(prefix="oneaqita-"))
    _COPIES.append(folder)
    path = folder / name
    path.write_bytes(file.content)
    return path


_COPIES: list[Path] = []  # the folders of this run's temporary copies


@atexit.register
def remove_temporary_copies() -> None:
    while _COPIES:
        shutil.rmtree(_COPIES.pop(), ignore_errors=True)


class AttachmentsBox(QGroupBox):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        finding_id: int,
        may_edit: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._db, self._actor, self._finding_id = db, actor, finding_id
        self.may_edit = may_edit
        self.lines: list[AttachmentLine] = []
        self.loaded = False
        self.opened: list[Path] = []  # what 開く handed to the desktop (for tests)

        self.list = QListWidget()
        self.list.setViewMode(QListView.ViewMode.IconMode)
        self.list.setIconSize(QSize(THUMBNAIL_PX * 3 // 5, THUMBNAIL_PX * 3 // 5))  # 96 px
        self.list.setGridSize(QSize(128, 136))
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.setMovement(QListView.Movement.Static)
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(150)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemActivated.connect(lambda _item: self.open_selected())
        self.status = QLabel()
        self.status.setEnabled(False)
        limits = self.tr("上限: 1ファイル {file} MB、1所見 {count} ファイル・計 {total} MB")
        self.limits = QLabel(
            limits.format(
                file=MAX_FILE_BYTES // (1024 * 1024),
                count=MAX_FILES,
                total=MAX_FINDING_BYTES // (1024 * 1024),
            )
        )
        self.limits.setEnabled(False)

        self.attach_button = QPushButton(self.tr("添付(&F)…"))
        self.open_button = QPushButton(self.tr("開く(&O)"))
        self.save_as_button = QPushButton(self.tr("名前を付けて保存(&V)…"))
        self.remove_button = QPushButton(self.tr("削除(&D)"))
        buttons = (self.attach_button, self.open_button, self.save_as_button, self.remove_button)
        for button in buttons:
            button.setAutoDefault(False)  # Enter still saves the finding
        self.attach_button.clicked.connect(self.attach)
        self.open_button.clicked.connect(self.open_selected)
        self.save_as_button.clicked.connect(self.save_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.list, self.remove_selected)
        self.attach_button.setVisible(may_edit)
        self.remove_button.setVisible(may_edit)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for button in buttons:
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(row)
        layout.addWidget(self.limits)
        self._show([])
        self.reload()

    # -- reading -------------------------------------------------------------------------
    def reload(self) -> None:
        self.loaded = False
        self.status.setText(self.tr("読み込んでいます…"))
        db, finding_id = self._db, self._finding_id
        QueryOp(self, lambda: attachments_of_finding(db, finding_id)).success(self._show).run()

    def _show(self, lines: list[AttachmentLine]) -> None:
        self.lines = lines
        self.loaded = True
        self.status.setText("")
        self.setTitle(self.tr("添付ファイル ({count})").format(count=len(lines)))
        self.list.clear()
        file_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileIcon)
        for line in lines:
            item = QListWidgetItem(f"{line.file_name}\n{size_text(line.size_bytes)}")
            pixmap = QPixmap()
            if line.thumbnail is not None and pixmap.loadFromData(line.thumbnail):
                item.setIcon(pixmap)
            else:
                item.setIcon(file_icon)
            item.setToolTip(f"{line.file_name}\n{line.media_type}\n{line.size_bytes:,} B")
            item.setData(Qt.ItemDataRole.UserRole, line.id)
            self.list.addItem(item)
        self._update_buttons()

    def selected(self) -> AttachmentLine | None:
        items = self.list.selectedItems()
        if len(items) != 1:
            return None
        chosen = items[0].data(Qt.ItemDataRole.UserRole)
        return next((line for line in self.lines if line.id == chosen), None)

    def _update_buttons(self) -> None:
        line = self.selected()
        self.open_button.setEnabled(line is not None and line.media_type in OPENABLE)
        self.open_button.setToolTip(
            ""
            if line is None or line.media_type in OPENABLE
            else self.tr("画像とPDFだけを開けます。名前を付けて保存してください。")
        )
        self.save_as_button.setEnabled(line is not None)
        self.remove_button.setEnabled(line is not None and self.may_edit)

    # -- commands ------------------------------------------------------------------------
    def attach(self) -> None:
        if not self.may_edit:
            return
        names, _filter = QFileDialog.getOpenFileNames(
            self,
            self.tr("添付するファイル"),
            "",
            self.tr("写真とPDF (*.jpg *.jpeg *.png *.pdf);;すべてのファイル (*)"),
        )
        if not names:
            return
        db, actor, finding_id = self._db, self._actor, self._finding_id
        paths = [Path(n) for n in names]

        def call() -> Change:  # on the worker thread: reading big files does not freeze
            files = [(p.name, read_file(p, p.name)) for p in paths]
            return attach_files(db, actor, finding_id, files)

        self.status.setText(self.tr("添付しています…"))
        self._run(ChangeOp(self, call))

    def open_selected(self) -> None:
        line = self.selected()
        if line is None or line.media_type not in OPENABLE:
            return
        db = self._db
        QueryOp(self, lambda: temporary_copy(attachment_content(db, line.id))).success(
            self._opened
        ).run()

    def _opened(self, path: Path) -> None:
        self.opened.append(path)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def save_selected(self) -> None:
        line = self.selected()
        if line is None:
            return
        target, _filter = QFileDialog.getSaveFileName(
            self, self.tr("名前を付けて保存"), line.file_name
        )
        if not target:
            return
        db, path = self._db, Path(target)

        def write() -> Path:
            path.write_bytes(attachment_content(db, line.id).content)
            return path

        QueryOp(self, write).run()

    def remove_selected(self) -> None:
        line = self.selected()
        if line is None or not self.may_edit:
            return
        answer = QMessageBox.question(
            self,
            self.tr("添付ファイルの削除"),
            self.tr("添付ファイル「{name}」を削除しますか？").format(name=line.file_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        db, actor = self._db, self._actor
        self._run(ChangeOp(self, lambda: remove_attachment(db, actor, line.id)))

    def _run(self, op: ChangeOp) -> None:
        def failed(exc: BaseException) -> None:
            self.status.setText("")
            show_error(self, exc)
            self.reload()

        op.success(lambda _change: self.reload()).failure(failed).run()
