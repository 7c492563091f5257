"""The Organizations page (団体): the prefecture, municipalities, partner firms and the
company, filtered by kind and text, sortable; administrators add and edit them."""

from PySide6.QtCore import QByteArray, QModelIndex, QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from oneaqita.models import OrganizationKind
from oneaqita.permissions import Action, allowed
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.organizations import OrganizationRow, list_organizations
from ui.labels import who_may
from ui.operations import QueryOp
from ui.organizations.labels import organization_kind_label
from ui.organizations.organization_dialog import OrganizationDialog
from ui.organizations.organizations_model import (
    ID_ROLE,
    NAME,
    OrganizationFilterModel,
    OrganizationTableModel,
)
from ui.page_changes import follow_changes


class OrganizationsPage(QWidget):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._actor = actor
        self.editor: OrganizationDialog | None = None  # the open dialog, if any
        self._select_after_load: int | None = None
        self.may_edit = allowed(actor, Action.EDIT_ORGANIZATIONS)

        self.model = OrganizationTableModel(self)
        self.proxy = OrganizationFilterModel(self)
        self.proxy.setSourceModel(self.model)

        self.kind_combo = QComboBox()
        self.kind_combo.addItem(self.tr("すべての種別"), None)
        for kind in OrganizationKind:
            self.kind_combo.addItem(organization_kind_label(kind), kind)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("コード・名称・カナ・英語名で検索"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._text_changed)
        self.count_label = QLabel()
        self.new_button = QPushButton(self.tr("新規…(&N)"))
        self.edit_button = QPushButton(self.tr("編集…(&E)"))
        self.new_button.clicked.connect(self.add_organization)
        self.edit_button.clicked.connect(self.edit_current)
        if not self.may_edit:
            why = self.tr("団体の追加・変更は{roles}だけが行えます。").format(
                roles=who_may(Action.EDIT_ORGANIZATIONS)
            )
            for button in (self.new_button, self.edit_button):
                button.setEnabled(False)
                button.setToolTip(why)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        kind_label = QLabel(self.tr("種別(&K)"))
        kind_label.setBuddy(self.kind_combo)
        bar.addWidget(kind_label)
        bar.addWidget(self.kind_combo)
        bar.addWidget(self.search_edit, 1)
        bar.addWidget(self.count_label)
        bar.addSpacing(12)
        bar.addWidget(self.new_button)
        bar.addWidget(self.edit_button)

        self.table = QTableView()
        self._setup_table()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)

        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self._update_buttons()
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.search_edit.setFocus)
        follow_changes(self, self._changed)
        self.refresh()

    def title(self) -> str:
        return self.tr("団体")

    def _setup_table(self) -> None:
        t = self.table
        t.setModel(self.proxy)
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        t.setAlternatingRowColors(True)
        t.setWordWrap(False)
        t.verticalHeader().setVisible(False)
        t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 8)
        header = t.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = t.fontMetrics()
        samples = [
            "052019",
            "協力会社（架空）",
            "株式会社あきた管路メンテナンス(架空)",
            "しゅうほくみずかんきょうてくのかぶしきがいしゃ",
        ]
        for column, sample in enumerate(samples):
            t.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)
        t.setSortingEnabled(True)
        t.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        # Enter and double-click both "activate" a row.
        t.activated.connect(self._activated)

    # -- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        db = self._db
        QueryOp(self, lambda: list_organizations(db)).success(self._loaded).run()

    def _loaded(self, rows: list[OrganizationRow]) -> None:
        keep = self._select_after_load or self.current_id()
        self._select_after_load = None
        self.model.set_rows(rows)
        self._show_count()
        if keep is not None:
            self.select_id(keep)
        self._update_buttons()

    def _changed(self, change: Change) -> None:
        if change.touches(Entity.ORGANIZATIONS):
            self.refresh()

    def chosen_kind(self) -> OrganizationKind | None:
        data = self.kind_combo.currentData()  # Qt hands a str enum back as a plain str
        return OrganizationKind(data) if data is not None else None

    def _kind_changed(self) -> None:
        self.proxy.set_kind(self.chosen_kind())
        self._show_count()

    def _text_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._show_count()

    def _show_count(self) -> None:
        self.count_label.setText(
            self.tr("{shown} / {total} 件").format(
                shown=self.proxy.rowCount(), total=self.model.rowCount()
            )
        )

    # -- selection -----------------------------------------------------------------------
    def _update_buttons(self) -> None:
        """Edit needs a row; without the administrator role both stay off (tooltip says why)."""
        self.edit_button.setEnabled(self.may_edit and self.table.currentIndex().isValid())

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        value = self.proxy.data(index, ID_ROLE) if index.isValid() else None
        return int(value) if value is not None else None

    def current_row(self) -> OrganizationRow | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.row_at(self.proxy.mapToSource(index).row())

    def select_id(self, organization_id: int) -> None:
        source_row = self.model.row_of(organization_id)
        if source_row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(source_row, NAME))
        if index.isValid():
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index)

    # -- editing -------------------------------------------------------------------------
    def _activated(self, _index: QModelIndex) -> None:
        self.edit_current()

    def add_organization(self) -> None:
        self._open_editor(None, self.chosen_kind() or OrganizationKind.PARTNER)

    def edit_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self._open_editor(row, row.kind)

    def _open_editor(self, row: OrganizationRow | None, kind: OrganizationKind) -> None:
        if not self.may_edit or self.editor is not None:
            return
        self.editor = OrganizationDialog(self._db, self._actor, row, kind, self)
        self.editor.finished.connect(self._editor_closed)
        self.editor.open()

    def _editor_closed(self, _result: int) -> None:
        editor, self.editor = self.editor, None
        if editor is None:
            return
        if editor.saved_id is not None:  # the reload under way shows it selected
            self._select_after_load = editor.saved_id
        if editor.conflict:  # show what is stored now; no Change was announced
            self.refresh()
        editor.deleteLater()

    # -- state ---------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        settings.setValue("organizations/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        header = settings.value("organizations/header")
        if isinstance(header, QByteArray):
            self.table.horizontalHeader().restoreState(header)
