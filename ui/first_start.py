"""The first start on an empty database: load the demo data, or begin empty. Never unasked."""

import importlib.util
from enum import Enum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from oneaqita.services.database import Database
from oneaqita.services.setup import is_blank
from ui.errors import show_error
from ui.labels import demo_stage_label
from ui.operations import ProgressCallback, run_with_progress

translate = QCoreApplication.translate


class FirstStartChoice(Enum):
    DEMO = "demo"
    IMPORT = "import"
    EMPTY = "empty"


def database_is_blank(db: Database) -> bool:
    return is_blank(db)


def demo_available() -> bool:
    return importlib.util.find_spec("oneaqita.demo") is not None


class FirstStartDialog(QDialog):
    def __init__(self, database_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = FirstStartChoice.EMPTY
        self.setWindowTitle(self.tr("oneaqita へようこそ"))
        text = QLabel(
            self.tr(
                "<p><b>このデータベースにはまだデータがありません。</b></p>"
                "<p>{url}</p>"
                "<p>操作を試すには、架空の作業や担当者を含むデモデータを読み込めます"
                "（秋田県と25市町村は実在の団体、協力会社は架空です）。"
                "実際の業務に使うデータベースには読み込まないでください。</p>"
            ).format(url=database_text)
        )
        text.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.demo_button = QPushButton(self.tr("デモデータを読み込む"))
        self.import_button = QPushButton(self.tr("ファイルから取り込む…"))
        self.empty_button = QPushButton(self.tr("空のデータベースで始める"))
        buttons.addButton(self.demo_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.empty_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.demo_button.clicked.connect(lambda: self._choose(FirstStartChoice.DEMO))
        self.import_button.clicked.connect(lambda: self._choose(FirstStartChoice.IMPORT))
        self.empty_button.clicked.connect(lambda: self._choose(FirstStartChoice.EMPTY))
        self.empty_button.setDefault(True)  # filling a database must be a deliberate choice
        if not demo_available():
            self.demo_button.setEnabled(False)
            self.demo_button.setToolTip(
                self.tr("このインストールにはデモデータが含まれていません。")
            )
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _choose(self, choice: FirstStartChoice) -> None:
        self.choice = choice
        self.accept()


def load_demo_with_progress(parent: QWidget | None, db: Database, scale: float = 1.0) -> bool:
    """Loads the demo data on a worker thread behind a progress dialog; True if it worked."""
    # Only now: the demo is optional for the app.
    from oneaqita.demo import DemoStage, load_demo

    def load(progress: ProgressCallback) -> object:
        def report(stage: DemoStage, done: int, total: int) -> None:
            progress(demo_stage_label(stage), done, total)

        return load_demo(db, seed=1, scale=scale, progress=report)

    try:
        run_with_progress(
            parent,
            translate("first_start", "デモデータ"),
            translate("first_start", "デモデータを読み込んでいます…"),
            load,
        )
    except Exception as exc:  # noqa: BLE001 - shown to the user; the app opens anyway
        show_error(parent, exc)
        return False
    return True


def offer_first_start(parent: QWidget | None, db: Database) -> FirstStartChoice:
    dialog = FirstStartDialog(db.describe(), parent)
    dialog.exec()
    if dialog.choice is FirstStartChoice.DEMO:
        load_demo_with_progress(parent, db)
    return dialog.choice
