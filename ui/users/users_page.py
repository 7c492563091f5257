"""The Users page (ユーザー), for administrators only: every user with role, linked person and
state, filtered by text, role and state and sorted in the query; add (Ctrl+N), edit (Enter),
reset a password, deactivate or reactivate after a question naming the user."""

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from oneaqita.models import Role
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.user_accounts import deactivate, in_own_unit, reactivate
from oneaqita.services.user_queries import UserFilter, UserRow, UserSort, list_users
from ui.editor_dialog import EditorDialog
from ui.errors import show_error
from ui.labels import role_label
from ui.operations import ChangeOp, QueryOp
from ui.page_changes import follow_changes
from ui.shortcuts import add_page_shortcuts
from ui.users.password_dialog import PasswordDialog
from ui.users.user_dialog import UserDialog
from ui.users.users_model import ID_ROLE, LOGIN, UserTableModel


class UsersPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self.editor: EditorDialog[UserRow] | None = None  # the open dialog, if any
        self.filter = UserFilter()
        self._request = 0
        self._select_after_load: int | None = None
        self.model = UserTableModel(self._resort, self)

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("ログイン名・表示名・人の名前・職員番号で検索"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._filter_changed)
        self.role_combo = QComboBox()
        self.role_combo.addItem(self.tr("すべての役割"), None)
        for role in Role:
            self.role_combo.addItem(role_label(role), role)
        self.role_combo.currentIndexChanged.connect(self._filter_changed)
        self.state_combo = QComboBox()
        for text, value in ((self.tr("すべて"), None), (self.tr("有効"), True)):
            self.state_combo.addItem(text, value)
        self.state_combo.addItem(self.tr("無効"), False)
        self.state_combo.currentIndexChanged.connect(self._filter_changed)
        self.count_label = QLabel()
        self.add_button = QPushButton(self.tr("追加…(&N)"))
        self.add_button.setToolTip("Ctrl+N")
        self.edit_button = QPushButton(self.tr("編集…(&E)"))
        self.password_button = QPushButton(self.tr("パスワードを再設定…(&P)"))
        self.active_button = QPushButton(self.tr("無効にする(&D)"))
        self.add_button.clicked.connect(self.add_user)
        self.edit_button.clicked.connect(self.edit_current)
        self.password_button.clicked.connect(self.reset_password)
        self.active_button.clicked.connect(self.toggle_active)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.search_edit, 1)
        role_label_widget = QLabel(self.tr("役割(&R)"))
        role_label_widget.setBuddy(self.role_combo)
        bar.addWidget(role_label_widget)
        bar.addWidget(self.role_combo)
        state_label = QLabel(self.tr("状態(&T)"))
        state_label.setBuddy(self.state_combo)
        bar.addWidget(state_label)
        bar.addWidget(self.state_combo)
        bar.addWidget(self.count_label)
        bar.addSpacing(12)
        for button in (
            self.add_button,
            self.edit_button,
            self.password_button,
            self.active_button,
        ):
            bar.addWidget(button)

        self.table = QTableView()
        self._setup_table()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self._update_buttons()
        add_page_shortcuts(
            self,
            (
                (QKeySequence(QKeySequence.StandardKey.New), self.add_user),
                (QKeySequence(QKeySequence.StandardKey.Find), self.search_edit.setFocus),
            ),
        )
        follow_changes(self, self._changed)
        self.refresh()

    def title(self) -> str:
        return self.tr("ユーザー")

    def _setup_table(self) -> None:
        t = self.table
        t.setModel(self.model)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.verticalHeader().setVisible(False)
        header = t.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = t.fontMetrics()
        for column, sample in enumerate(
            ["sato.hanako.admin", "佐藤 花子（総務課）", "業務担当", "E0001 佐藤 花子"]
        ):
            t.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)
        header.setSortIndicator(LOGIN, Qt.SortOrder.AscendingOrder)
        t.setSortingEnabled(True)  # a header click asks the query for that order (_resort)
        t.activated.connect(self._activated)  # Enter and double-click

    # -- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        self._request += 1
        request, db, actor, flt = self._request, self._db, self._actor, self.filter

        def loaded(rows: list[UserRow]) -> None:
            if request == self._request:  # an older filter's answer is left behind
                self._loaded(rows)

        QueryOp(self, lambda: list_users(db, actor, flt)).success(loaded).run()

    def _loaded(self, rows: list[UserRow]) -> None:
        keep = self._select_after_load or self.current_id()
        self._select_after_load = None
        self.model.set_rows(rows)
        self.count_label.setText(self.tr("{count} 人").format(count=len(rows)))
        if keep is not None:
            self.select_id(keep)
        self._update_buttons()

    def _changed(self, change: Change) -> None:
        if change.touches(Entity.USERS, Entity.PEOPLE, Entity.DATABASE):
            self.refresh()

    def _filter_changed(self) -> None:
        role, active = self.role_combo.currentData(), self.state_combo.currentData()
        self.filter = UserFilter(
            text=self.search_edit.text(),
            role=Role(role) if role is not None else None,
            active=active,
            sort=self.filter.sort,
            descending=self.filter.descending,
        )
        self.refresh()

    def _resort(self, sort: UserSort, descending: bool) -> None:
        if (sort, descending) != (self.filter.sort, self.filter.descending):
            self.filter = UserFilter(
                self.filter.text, self.filter.role, self.filter.active, sort, descending
            )
            self.refresh()

    # -- selection -----------------------------------------------------------------------
    def current_row(self) -> UserRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        value = self.model.data(index, ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def select_id(self, user_id: int) -> None:
        row = self.model.row_of(user_id)
        if row is not None:
            index = self.model.index(row, LOGIN)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    def _update_buttons(self) -> None:
        row = self.current_row()
        for button in (self.edit_button, self.password_button, self.active_button):
            button.setEnabled(row is not None)
        active = row is None or row.active
        self.active_button.setText(
            self.tr("無効にする(&D)") if active else self.tr("有効にする(&D)")
        )

    # -- commands ------------------------------------------------------------------------
    def _activated(self, _index: QModelIndex) -> None:
        self.edit_current()

    def add_user(self) -> None:
        self._open(UserDialog(self._db, self._actor, None, self))

    def edit_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self._open(UserDialog(self._db, self._actor, row, self))

    def reset_password(self) -> None:
        row = self.current_row()
        if row is not None:
            self._open(PasswordDialog(self._db, self._actor, row, self))

    def _open(self, editor: EditorDialog[UserRow]) -> None:
        if self.editor is not None:
            editor.deleteLater()
            return
        self.editor = editor
        editor.finished.connect(self._editor_closed)
        editor.open()

    def _editor_closed(self, _result: int) -> None:
        editor, self.editor = self.editor, None
        if editor is None:
            return
        if editor.saved_id is not None:
            self._select_after_load = editor.saved_id
        if editor.conflict:
            self.refresh()
        editor.deleteLater()

    def toggle_active(self) -> None:
        row = self.current_row()
        if row is None or not self.confirm_active(row):
            return
        db, actor, user_id, version = self._db, self._actor, row.id, row.version
        step = deactivate if row.active else reactivate
        ChangeOp(
            self, lambda: in_own_unit(db, actor, lambda uow: step(uow, user_id, version))
        ).failure(self._failed).run()

    def confirm_active(self, row: UserRow) -> bool:
        if row.active:
            title = self.tr("ユーザーを無効にする")
            text = self.tr(
                "ユーザー {login}（{name}）を無効にしますか？\n"
                "このユーザーはログインも操作もできなくなります。記録はそのまま残ります。"
            )
        else:
            title = self.tr("ユーザーを有効にする")
            text = self.tr("ユーザー {login}（{name}）を有効にしますか？\n再びログインできます。")
        answer = QMessageBox.question(
            self,
            title,
            text.format(login=row.login, name=row.display_name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _failed(self, exc: BaseException) -> None:
        show_error(self, exc)
        self.refresh()

    # -- state ---------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        settings.setValue("users/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        header = settings.value("users/header")
        if isinstance(header, QByteArray):
            self.table.horizontalHeader().restoreState(header)
