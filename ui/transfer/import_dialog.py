"""File ▸ Import (データの取り込み): choose a kind and a file, check it, then import it.

「確認」 runs the very import in check mode on a background thread: nothing is written, and
the report shows what importing would do (added / updated / unchanged) and every bad row as
`FILE:LINE: column: reason`. 「取り込む」 is enabled only after a check of the same kind and
file found no error and something to change; the import is all or nothing (a file that
turns out bad meanwhile writes nothing and says so) and its Change is announced, so that open
pages refresh. While either runs, its progress shows beside 「中止」 (Esc too): the core stops
at the next chunk and rolls back, nothing is written, and the dialog says so.
"""

import threading
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oneaqita.errors import Cancelled
from oneaqita.permissions import Action, allowed
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change
from oneaqita.services.database import Database
from oneaqita.transfer import ImportReport, import_file
from ui.errors import show_error
from ui.labels import who_may
from ui.operations import ChangeOp, ProgressCallback, QueryOp
from ui.transfer.file_dialog import TransferDialog
from ui.transfer.kinds import columns_text
from ui.transfer.report_view import ImportReportView

DIRECTORY_KEY = "transfer/importDirectory"


class ImportDialog(TransferDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, parent)
        self.report: ImportReport | None = None
        self._checked: tuple[str, str] | None = None  # (kind, file) of a clean check
        self.setWindowTitle(self.tr("データの取り込み"))
        self.resize(860, 560)
        self.file_edit.setPlaceholderText(self.tr(".csv または .xlsx ファイル"))

        self.check_button = QPushButton(self.tr("確認(&C)"))
        self.check_button.setDefault(True)
        self.check_button.setToolTip(self.tr("ファイルを確認します。まだ何も書き込みません。"))
        self.import_button = QPushButton(self.tr("取り込む(&I)"))
        self.import_button.setEnabled(False)
        self.import_button.setToolTip(self.tr("確認でエラーがなかったときに使えます。"))
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.run_import)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.cancel_button = QPushButton(self.tr("中止(&A)"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.setToolTip(
            self.tr("取り込みを止めます。途中まで処理した分も含め、何も書き込みません。")
        )
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self._stop = threading.Event()  # set by 中止; the running call asks it between chunks
        actions = QHBoxLayout()
        actions.addWidget(self.check_button)
        actions.addWidget(self.import_button)
        actions.addWidget(self.progress, 1)
        actions.addWidget(self.cancel_button)
        actions.addStretch(1)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_pane = ImportReportView()
        self.report_view = self.report_pane.text_view
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("閉じる"))
        close.setAutoDefault(False)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(actions)
        layout.addWidget(self.status_label)
        layout.addWidget(self.report_pane, 1)
        layout.addWidget(self.buttons)

        self.kind_combo.currentIndexChanged.connect(self._inputs_changed)
        self.file_edit.textChanged.connect(self._inputs_changed)
        if not self.may_import():
            for button in (self.check_button, self.import_button):
                button.setEnabled(False)
            why = self.tr("データの取り込みは{roles}だけが行えます。").format(
                roles=who_may(Action.IMPORT_FILES)
            )
            self.check_button.setToolTip(why)
            self._say(why, problem=True)
        self._inputs_changed()
        self.kind_combo.setFocus()

    def may_import(self) -> bool:
        return allowed(self._actor, Action.IMPORT_FILES)

    # -- inputs --------------------------------------------------------------------------
    def _inputs_changed(self) -> None:
        """Another kind or file needs a check of its own before it can be imported."""
        self.columns_label.setText(columns_text(self.kind()))
        if self.report is not None or self._checked is not None:  # it was about another file
            self._checked = None
            self.report = None
            self.report_pane.clear()
            self._say("")
        self.import_button.setEnabled(self._checked is not None and not self.busy)

    def browse(self) -> None:
        settings = QSettings()
        start = self.file() or str(settings.value(DIRECTORY_KEY, str(Path.home())))
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("取り込むファイル"),
            start,
            self.tr("表計算ファイル (*.csv *.xlsx);;CSV (*.csv);;Excel (*.xlsx)"),
        )
        if path:
            settings.setValue(DIRECTORY_KEY, str(Path(path).parent))
            self.file_edit.setText(path)
            self.check_button.setFocus()

    # -- running -------------------------------------------------------------------------
    def check(self) -> None:
        self._run(check_only=True)

    def run_import(self) -> None:
        if self._checked == (self.kind(), self.file()):
            self._run(check_only=False)

    def _run(self, check_only: bool) -> None:
        if self.busy or not self.may_import():
            return
        if not self.file():
            self._say(self.tr("取り込むファイルを選んでください。"), problem=True)
            self.file_edit.setFocus()
            return
        db, actor, kind, path = self._db, self._actor, self.kind(), self.file()
        name = Path(path).name  # the FILE of the error lines: short, as the user knows it

        def show_progress(stage: str, done: int, total: int) -> None:
            self._show_progress(stage, done, total, check_only)

        stop = self._stop = threading.Event()  # a new one: a late check of the old is moot

        def call(progress: ProgressCallback) -> ImportReport:
            return import_file(
                db,
                actor,
                kind,
                path,
                check_only,
                display_name=name,
                progress=progress,
                cancelled=stop.is_set,
            )

        self._set_busy(True)
        self._say(self.tr("確認しています…") if check_only else self.tr("取り込んでいます…"))
        if check_only:
            QueryOp(self, call).with_progress(show_progress).success(self._checked_done).failure(
                self._failed
            ).run()
            return
        done: dict[str, ImportReport] = {}

        def import_now(progress: ProgressCallback) -> Change:
            done["report"] = call(progress)
            return done["report"].change  # empty when nothing was written

        ChangeOp(self, import_now).with_progress(show_progress).success(
            lambda _c: self._imported(done["report"])
        ).failure(self._failed).run()

    def _show_progress(self, stage: str, done: int, total: int, check_only: bool) -> None:
        if self._stop.is_set():
            return  # "中止しています…" stays until the call has stopped
        if stage == "parse" or total <= 0:
            self.progress.setRange(0, 0)
            self._say(self.tr("ファイルを読んでいます… {done} 行").format(done=f"{done:,}"))
            return
        self.progress.setRange(0, total)
        self.progress.setValue(min(done, total))
        text = (
            self.tr("確認しています… {done} / {total} 行")
            if check_only
            else self.tr("取り込んでいます… {done} / {total} 行")
        )
        self._say(text.format(done=f"{done:,}", total=f"{total:,}"))

    def cancel(self) -> None:
        """中止: the running check or import stops at its next chunk and writes nothing."""
        if not self.busy or self._stop.is_set():
            return
        self._stop.set()
        self.cancel_button.setEnabled(False)
        self._say(self.tr("中止しています…"))

    def reject(self) -> None:
        if self.busy:  # Esc while it runs: stop it (the dialog stays to say so)
            self.cancel()
            return
        super().reject()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.progress.setRange(0, 0)
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.cancel_button.setEnabled(busy)
        self._enable_inputs(not busy)
        self.buttons.setEnabled(not busy)
        self.check_button.setEnabled(not busy and self.may_import())
        self.import_button.setEnabled(not busy and self._checked is not None)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, Cancelled):
            self._say(self.tr("取り込みを中止しました。何も書き込んでいません。"), problem=True)
            return
        self._say("")
        show_error(self, exc)

    def _checked_done(self, report: ImportReport) -> None:
        self._show_report(report)
        counts = self._counts(report)
        if report.errors:
            self._say(
                self.tr(
                    "取り込めません: エラー {errors} 件（{rows} 行中）。何も書き込んでいません。"
                    "ファイルを直してから、もう一度確認してください。"
                ).format(errors=len(report.errors), rows=report.rows),
                problem=True,
            )
        elif report.added or report.updated:
            self._checked = (self.kind(), self.file())
            self._say(
                self.tr("確認しました（まだ何も書き込んでいません）。取り込むと {counts}。").format(
                    counts=counts
                )
            )
        else:
            self._say(self.tr("確認しました。変更はありません（{counts}）。").format(counts=counts))
        self._set_busy(False)
        if self._checked is not None:
            self.import_button.setFocus()

    def _imported(self, report: ImportReport) -> None:
        self._checked = None  # done: the same file again would change nothing
        self._set_busy(False)
        self._show_report(report)
        if report.written:
            self._say(self.tr("取り込みました: {counts}。").format(counts=self._counts(report)))
        else:
            self._say(
                self.tr(
                    "取り込みを中止しました: エラー {errors} 件。何も書き込んでいません。"
                ).format(errors=len(report.errors)),
                problem=True,
            )

    def _say(self, text: str, problem: bool = False) -> None:
        """The one line above the report; what stops the import stands out in red."""
        self.status_label.setStyleSheet("color: #b00020; font-weight: bold;" if problem else "")
        self.status_label.setText(text)

    def _show_report(self, report: ImportReport) -> None:
        self.report = report
        self.report_pane.show_report(report)

    def _counts(self, report: ImportReport) -> str:
        return self.tr("追加 {added} 件、更新 {updated} 件、変更なし {unchanged} 件").format(
            added=f"{report.added:,}",
            updated=f"{report.updated:,}",
            unchanged=f"{report.unchanged:,}",
        )


def open_import_dialog(parent: QWidget | None, db: Database, actor: Actor) -> None:
    """File ▸ Import: the modal dialog; returns when the user closes it."""
    dialog = ImportDialog(db, actor, parent)
    dialog.exec()
    dialog.deleteLater()
