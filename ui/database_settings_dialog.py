"""設定 ▸ データベース…: which database this desktop opens at the next start — the embedded
SQLite file (the default) or a PostgreSQL server (host, port, database, login name, SSL) —
with 接続テスト (off the GUI thread, a short timeout), 移行を実行… (the owner only: see
ui/database_migration_dialog.py) and 保存 (takes effect at the next start).

Every user may point their own desktop at a server; nothing here needs a permission. The file
holds no password: the one typed here only tests the connection and is forgotten with the
dialog. Refusals are shown at the field (ui/field_errors.py)."""

import os

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from oneaqita.db.connection_settings import (
    SSL_MODES,
    ConnectionSettings,
    describe_server,
    load_settings,
    save_settings,
    server_settings,
)
from oneaqita.db.engine import ENV_URL, default_database_path
from oneaqita.db.server_check import ConnectionFailed, test_connection
from oneaqita.errors import DomainError, ValidationError
from ui.database_migration_dialog import OwnerMigrationDialog
from ui.errors import show_error
from ui.field_errors import INVALID_STYLE, FieldErrors
from ui.operations import QueryOp

translate = QCoreApplication.translate


class DatabaseSettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None, current: str = "") -> None:
        """`current` describes the database open now (no password), shown at the top."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("データベースの設定"))
        self.setStyleSheet(INVALID_STYLE)
        self.setMinimumWidth(560)
        loaded = load_settings()
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "このパソコンの oneaqita が開くデータベースを選びます。"
                "保存した設定は次回の起動から使われます。"
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if current:
            now = QLabel(self.tr("いま開いているデータベース: {url}").format(url=current))
            now.setWordWrap(True)
            now.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(now)
        self.notice = QLabel()
        self.notice.setObjectName("fieldError")
        self.notice.setWordWrap(True)
        notes = []
        if loaded.problem is not None:
            notes.append(f"{loaded.problem.ja}\n{loaded.problem.en}")
        if os.environ.get(ENV_URL, "").strip():
            notes.append(
                self.tr(
                    "環境変数 {name} が設定されているため、保存した設定は使われません"
                    "（環境変数が優先されます）。"
                ).format(name=ENV_URL)
            )
        self.notice.setText("\n\n".join(notes))
        self.notice.setVisible(bool(notes))
        layout.addWidget(self.notice)

        self.embedded = QRadioButton(self.tr("組み込みのデータベース（SQLite、このパソコンだけ）"))
        self.server = QRadioButton(self.tr("PostgreSQL サーバー（共有）"))
        group = QButtonGroup(self)
        group.addButton(self.embedded)
        group.addButton(self.server)
        layout.addWidget(self.embedded)
        path = QLabel(self.tr("ファイル: {path}").format(path=default_database_path()))
        path.setWordWrap(True)
        path.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        path.setContentsMargins(24, 0, 0, 0)
        layout.addWidget(path)
        layout.addWidget(self.server)
        self.server_box = QWidget()
        self._build_server_form(self.server_box, loaded.settings)
        layout.addWidget(self.server_box)

        self.error_label = QLabel()
        self.errors = FieldErrors(
            self.error_label,
            {
                "host": self.host,
                "port": self.port,
                "database": self.database,
                "user": self.user,
                "sslmode": self.sslmode,
                "password": self.password,
            },
        )
        layout.addWidget(self.error_label)
        self.said = QLabel()
        self.said.setWordWrap(True)
        self.said.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.said.hide()
        layout.addWidget(self.said)
        layout.addStretch(1)
        layout.addLayout(self._build_buttons())

        (self.server if loaded.settings.is_server else self.embedded).setChecked(True)
        self.server.toggled.connect(self._kind_changed)
        self._kind_changed()
        for edit in (self.host, self.port, self.database, self.user, self.password):
            edit.textEdited.connect(self._edited)
        self.sslmode.currentIndexChanged.connect(self._edited)

    def _build_server_form(self, box: QWidget, stored: ConnectionSettings) -> None:
        form = QFormLayout(box)
        form.setContentsMargins(24, 0, 0, 0)
        self.host = QLineEdit(stored.host if stored.is_server else "")
        self.host.setPlaceholderText(self.tr("例: db.example.lan"))
        self.host.setMaxLength(300)
        self.port = QLineEdit(str(stored.port))
        self.port.setMaxLength(20)
        self.database = QLineEdit(stored.database)
        self.database.setMaxLength(200)
        self.user = QLineEdit(stored.user)
        self.user.setMaxLength(200)
        self.user.setPlaceholderText(self.tr("ログイン画面に最初に出す名前"))
        self.sslmode = QComboBox()
        self.sslmode.addItems(list(SSL_MODES))
        self.sslmode.setCurrentText(stored.sslmode)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(1000)
        self.password.setPlaceholderText(self.tr("接続テストだけに使い、保存しません"))
        form.addRow(self.tr("サーバー(&H)"), self.host)
        form.addRow(self.tr("ポート(&P)"), self.port)
        form.addRow(self.tr("データベース(&D)"), self.database)
        form.addRow(self.tr("ユーザー(&U)"), self.user)
        form.addRow(self.tr("SSL(&L)"), self.sslmode)
        form.addRow(self.tr("パスワード(&W)"), self.password)

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("接続テスト(&T)"))
        self.test_button.clicked.connect(self.test)
        self.migrate_button = QPushButton(self.tr("移行を実行(&M)…"))
        self.migrate_button.setToolTip(self.tr("スキーマの所有者だけが実行できます"))
        self.migrate_button.clicked.connect(self.migrate)
        self.save_button = QPushButton(self.tr("保存(&S)"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(self.tr("閉じる"))
        self.close_button.clicked.connect(self.reject)
        row.addWidget(self.test_button)
        row.addWidget(self.migrate_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        row.addWidget(self.close_button)
        return row

    # -- state ---------------------------------------------------------------------------
    def _kind_changed(self) -> None:
        on = self.server.isChecked()
        self.server_box.setEnabled(on)
        self.test_button.setEnabled(on)
        self.migrate_button.setEnabled(on)
        self._edited()

    def _edited(self) -> None:
        self.errors.clear()
        self.said.hide()

    def _busy(self, busy: bool, text: str = "") -> None:
        for widget in (self.embedded, self.server, self.save_button, self.close_button):
            widget.setEnabled(not busy)
        self.server_box.setEnabled(not busy and self.server.isChecked())
        self.test_button.setEnabled(not busy and self.server.isChecked())
        self.migrate_button.setEnabled(not busy and self.server.isChecked())
        if text:
            self._say(text)

    def reject(self) -> None:
        if self.save_button.isEnabled():  # not while a connection test runs: its answer waits
            super().reject()

    def _say(self, text: str) -> None:
        self.said.setText(text)
        self.said.show()

    def typed(self) -> ConnectionSettings | None:
        """The settings as typed, or None after the refusal was shown at its field."""
        if not self.server.isChecked():
            return ConnectionSettings()
        try:
            return server_settings(
                self.host.text(),
                self.port.text(),
                self.database.text(),
                self.user.text(),
                self.sslmode.currentText(),
            )
        except ValidationError as exc:
            self.errors.show(exc.ja, exc.en, exc.field)
            return None

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.said.hide()
        if isinstance(exc, ConnectionFailed | ValidationError):
            self.errors.show(exc.ja, exc.en, exc.field)
        elif isinstance(exc, DomainError):
            self.errors.show(exc.ja, exc.en, None)
        else:
            show_error(self, exc)

    # -- actions -------------------------------------------------------------------------
    def test(self) -> None:
        settings = self.typed()
        if settings is None or not settings.is_server:
            return
        password = self.password.text()
        self._busy(True, self.tr("接続しています…"))
        QueryOp(self, lambda: test_connection(settings, password)).success(self._tested).failure(
            self._failed
        ).run()

    def _tested(self, said: str) -> None:
        self._busy(False)
        self._say(said)

    def migrate(self) -> None:
        settings = self.typed()
        if settings is None or not settings.is_server:
            return
        dialog = OwnerMigrationDialog(self, settings)
        dialog.open()
        self.migration_dialog = dialog

    def save(self) -> None:
        settings = self.typed()
        if settings is None:
            return
        try:
            save_settings(settings)
        except DomainError as exc:
            self.errors.show(exc.ja, exc.en, None)
            return
        target = (
            describe_server(settings) if settings.is_server else self.tr("組み込みのデータベース")
        )
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("データベースの設定"),
            self.tr(
                "保存しました。次回の起動から {target} を開きます。"
                "いま開いているデータベースは、アプリを終了するまでそのまま使えます。"
            ).format(target=target),
            parent=self,
        )
        box.exec()
        self.accept()


def add_database_settings(window: QWidget, menu: QMenu, current: str) -> QAction:
    """The menu entry 設定 ▸ データベース… (for every user)."""
    action = QAction(translate("DatabaseSettingsDialog", "データベース(&D)…"), window)

    def open_dialog() -> None:
        dialog = DatabaseSettingsDialog(window, current)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    action.triggered.connect(open_dialog)
    if menu.actions():
        menu.addSeparator()
    menu.addAction(action)
    problem = load_settings().problem
    if problem is not None and not _told:
        QTimer.singleShot(0, lambda: tell_damaged_settings(window, problem))
    return action


_told: list[DomainError] = []  # the damaged file is said once a run, not by every window


def tell_damaged_settings(window: QWidget, problem: DomainError) -> QMessageBox:
    """At start: the settings file could not be read, so the embedded database is open."""
    _told.append(problem)
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        translate("DatabaseSettingsDialog", "データベースの設定"),
        f"{problem.ja}\n\n{problem.en}",
        parent=window,
    )
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()  # not modal: the app is usable on the embedded database meanwhile
    return box
