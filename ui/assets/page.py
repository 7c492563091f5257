"""The Assets page (施設台帳): the filter bar, the paged list of every asset (any column sorts
by a header click; the count beside the filters) or the tree of bodies, districts and assets
that loads each level when it is opened, or the map of the assets with coordinates under the
same filters (一覧 Ctrl+L / ツリー Ctrl+T / 地図 Ctrl+M; ui/assets/map_pane.py), and the selected
asset's card beside them (ui/assets/card_pane.py). 編集… (Enter, F2, a double click) opens the
asset's editor for those who may edit assets (Action.EDIT_ASSETS); a double click on a work
order in the card opens the order's editor for those who may edit orders."""

from PySide6.QtCore import QItemSelection, QModelIndex, QPoint, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QPushButton, QStackedWidget, QTreeView, QWidget

from oneaqita.permissions import Action, allowed
from oneaqita.services.actor import Actor
from oneaqita.services.asset_card import AssetCard, EditableAsset, asset_card, asset_to_edit
from oneaqita.services.asset_picking import picker_choices
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.organizations import list_organizations
from ui.assets.card_pane import AssetCardPane
from ui.assets.editor import AssetDialog
from ui.assets.filter_bar import AssetFilterBar
from ui.assets.map_pane import AssetMapPane
from ui.assets.table_model import AssetTableModel
from ui.assets.tree_model import ASSET_ID_ROLE, AssetTreeModel
from ui.errors import show_error
from ui.list_page import ListDetailPage
from ui.operations import QueryOp
from ui.page_changes import follow_changes
from ui.shortcuts import add_page_shortcuts
from ui.work_orders.editor import WorkOrderDialog
from ui.work_orders.editor_launcher import WorkOrderEditorLauncher

# A change to any of these can alter what the list, the tree or the card shows.
SHOWN = (
    Entity.ASSETS,
    Entity.FINDINGS,
    Entity.FINDING_ATTACHMENTS,
    Entity.WORK_ORDERS,
    Entity.ORGANIZATIONS,
)
LIST, TREE, MAP = 0, 1, 2
NEAR_END = 50  # rows before a level's end at which its next page is read
Opened = tuple[EditableAsset, list[tuple[str, str]]]


def _read_for_editor(db: Database, asset_id: int) -> Opened:
    owners = [(o.code, o.name_ja) for o in list_organizations(db)]
    return asset_to_edit(db, asset_id), owners


class AssetsPage(ListDetailPage):
    state_group = "assets"
    model: AssetTableModel
    filter_bar: AssetFilterBar

    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db, self._actor = db, actor
        self.card_pane = AssetCardPane()
        self._set_up(AssetTableModel(db, self), AssetFilterBar(), self.card_pane, [1000, 440])
        self.card_id: int | None = None  # the asset the card shows (or is reading)
        self._card_request = 0
        self.editor: AssetDialog | None = None
        self._opening = False

        self.tree_model = AssetTreeModel(db, self)
        self.tree = QTreeView()  # its model is set when the tree is first shown
        self.tree.setUniformRowHeights(True)  # a district of 20,000 spans is never measured
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setAlternatingRowColors(True)
        self.tree_model.load_failed.connect(lambda exc: show_error(self, exc))
        self.views = QStackedWidget()
        self.splitter.replaceWidget(0, self.views)
        self.views.addWidget(self.table)
        self.views.addWidget(self.tree)
        self._tree_loaded = False
        self.map_pane: AssetMapPane | None = None  # made when the map is first shown
        self.map_button = QPushButton(self.tr("地図"))
        self.map_button.setCheckable(True)
        self.map_button.setAutoDefault(False)
        self.map_button.setToolTip(self.tr("座標のある施設を地図に表示します (Ctrl+M)"))
        bar_layout = self.filter_bar.layout()
        bar_layout.insertWidget(
            bar_layout.indexOf(self.filter_bar.tree_button) + 1, self.map_button
        )
        self.filter_bar.view_group.addButton(self.map_button, MAP)
        self.filter_bar.changed.connect(self._filter_map)
        bar = self.filter_bar
        bar.view_group.idClicked.connect(self.show_view)
        add_page_shortcuts(
            self,
            (
                (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_L), lambda: self.show_view(LIST)),
                (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_T), lambda: self.show_view(TREE)),
                (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_M), lambda: self.show_view(MAP)),
            ),
        )

        self.card_pane.asset_requested.connect(self.show_asset)
        self.may_edit_orders = allowed(actor, Action.EDIT_WORK_ORDERS)
        self.order_launcher = WorkOrderEditorLauncher(self, db, actor, self._order_closed)
        self.card_pane.work_order_requested.connect(self._open_order)
        self._set_up_editor()
        follow_changes(self, self._changed)

        self.filter_bar.show_searching()
        self._load_choices()
        self.model.refresh()

    def title(self) -> str:
        return self.tr("施設台帳")

    # -- list and tree -------------------------------------------------------------------
    def refresh(self) -> None:
        """F5: everything the page shows is read again."""
        self._load_choices()
        self.filter_bar.show_searching()
        self.model.refresh()
        if self._tree_loaded:
            self.tree_model.refresh()
        if self.map_pane is not None:
            self.map_pane.view.reload()
        self._load_card()

    def _load_choices(self) -> None:
        db = self._db
        QueryOp(self, lambda: picker_choices(db)).success(self.filter_bar.set_choices).run()

    def show_view(self, view: int) -> None:
        """The list (LIST), the tree (TREE) or the map (MAP); the tree's bodies are read and
        the map made when first shown."""
        if view == MAP and self.map_pane is None:
            self.map_pane = AssetMapPane(self._db)
            self.map_pane.view.asset_clicked.connect(self.show_asset)
            self.views.addWidget(self.map_pane)
            self._filter_map()
        self.views.setCurrentIndex(view)
        buttons = (self.filter_bar.list_button, self.filter_bar.tree_button, self.map_button)
        buttons[view].setChecked(True)
        if view == MAP and self.map_pane is not None:
            self.map_pane.view.setFocus()
            return
        if view == TREE and not self._tree_loaded:
            self._tree_loaded = True
            self.tree.setModel(self.tree_model)
            self.tree.header().resizeSection(0, 300)
            self.tree.selectionModel().selectionChanged.connect(self._tree_selected)
            self.tree.expanded.connect(self._fetch_under)
            self.tree.verticalScrollBar().valueChanged.connect(self._fetch_near_bottom)
            self.tree_model.loaded.connect(self._fetch_near_bottom)
            if self.tree_model.canFetchMore(QModelIndex()):
                self.tree_model.fetchMore(QModelIndex())
        (self.tree if view == TREE else self.table).setFocus()

    def _filter_map(self) -> None:
        """The map shows what the list is filtered to (the list's model holds the filter)."""
        if self.map_pane is not None:
            self.map_pane.view.set_filter(self.model.filter)

    def _fetch_under(self, index: QModelIndex) -> None:
        """An opened node reads its first level (also while the view is not laid out yet)."""
        if self.tree_model.canFetchMore(index):
            self.tree_model.fetchMore(index)

    def _fetch_near_bottom(self) -> None:
        """A long level (a district's spans) reads its next page when its end comes into
        view; Qt's view only ever asks for more of the top level."""
        viewport = self.tree.viewport()
        index = self.tree.indexAt(QPoint(1, viewport.height() - 1))
        if not index.isValid():
            return
        parent = index.parent()
        if index.row() >= self.tree_model.rowCount(parent) - NEAR_END:
            self._fetch_under(parent)

    def _tree_selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        asset_id = self.tree_model.data(indexes[0], ASSET_ID_ROLE) if indexes else None
        if asset_id is not None:
            self.show_asset(int(asset_id))

    # -- the card ------------------------------------------------------------------------
    def _row_selected(self, asset_id: int) -> None:
        self.show_asset(asset_id)

    def show_asset(self, asset_id: int) -> None:
        self.card_id = asset_id
        self._load_card()

    def _load_card(self) -> None:
        if self.card_id is None:
            self.card_pane.clear()
            return
        self._card_request += 1
        request, db, asset_id = self._card_request, self._db, self.card_id

        def shown(card: AssetCard) -> None:
            if request == self._card_request:
                self.card_pane.show_card(card)

        def failed(exc: BaseException) -> None:
            if request == self._card_request:
                self.card_id = None
                self.card_pane.clear()
                show_error(self, exc)

        QueryOp(self, lambda: asset_card(db, asset_id)).success(shown).failure(failed).run()

    def _open_order(self, work_order_id: int) -> None:
        if self.may_edit_orders:
            self.order_launcher.open(work_order_id)

    def _order_closed(self, editor: WorkOrderDialog) -> None:
        if editor.conflict and editor.last_change is None:
            self._load_card()

    # -- the editor ----------------------------------------------------------------------
    def _set_up_editor(self) -> None:
        self.may_edit = allowed(self._actor, Action.EDIT_ASSETS)
        self.filter_bar.edit_button.setVisible(self.may_edit)
        if not self.may_edit:
            return
        self.filter_bar.edit_button.clicked.connect(self.edit_selected)
        self.table.activated.connect(self._activated)  # Enter and double click
        self.tree.activated.connect(self._activated)
        f2 = QShortcut(QKeySequence(Qt.Key.Key_F2), self)
        f2.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        f2.activated.connect(self.edit_selected)

    def _activated(self, _index: QModelIndex) -> None:
        self.edit_selected()

    def edit_selected(self) -> None:
        """The editor of the asset the card shows (the list's or the tree's selection)."""
        if not self.may_edit or self.card_id is None or self.editor is not None or self._opening:
            return
        self._opening = True
        db, asset_id = self._db, self.card_id

        def failed(exc: BaseException) -> None:
            self._opening = False
            show_error(self, exc)

        QueryOp(self, lambda: _read_for_editor(db, asset_id)).success(self._show_editor).failure(
            failed
        ).run()

    def _show_editor(self, opened: Opened) -> None:
        self._opening = False
        asset, owners = opened
        self.editor = AssetDialog(self._db, self._actor, asset, owners, self)
        self.editor.finished.connect(self._editor_closed)
        self.editor.open()

    def _editor_closed(self, _result: int) -> None:
        editor, self.editor = self.editor, None
        if editor is None:
            return
        if editor.conflict and editor.last_change is None:
            self.refresh()  # show what someone else stored; no Change was announced
        editor.deleteLater()

    # -- changes -------------------------------------------------------------------------
    def _changed(self, change: Change) -> None:
        if not change.touches(*SHOWN):
            return
        if change.touches(Entity.ASSETS, Entity.ORGANIZATIONS):
            self._load_choices()
            self.filter_bar.show_searching()
            self.model.refresh()
            if self._tree_loaded:
                self.tree_model.refresh()
        if self.map_pane is not None and change.touches(Entity.ASSETS, Entity.FINDINGS):
            self.map_pane.view.reload()  # findings decide the conditions the map colours
        self._load_card()
