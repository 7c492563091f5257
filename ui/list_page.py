"""The layout and wiring that the list pages share: the filter bar above, the paged list
(ui/paged_table.py) and the selected row's pane side by side in a splitter, Ctrl+F to the
search, the count in the filter bar, and the splitter and header kept across sessions."""

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from ui.errors import show_error
from ui.filter_bar_base import FilterBar
from ui.operations import QueryOp
from ui.paged_model import PagedTableModel
from ui.paged_table import PagedTableView

T = TypeVar("T")


class ListDetailPage(QWidget):
    """Subclasses call _set_up once and implement _row_selected."""

    state_group = ""  # the settings group of the splitter and header, e.g. "people"

    def _set_up(
        self,
        model: PagedTableModel[Any, Any],
        filter_bar: FilterBar,
        side_pane: QWidget,
        sizes: list[int],
    ) -> None:
        self.model = model
        self.filter_bar = filter_bar
        self._side_request = 0
        self.table = PagedTableView(model)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(side_pane)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes(sizes)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(filter_bar)
        layout.addWidget(self.splitter, 1)

        filter_bar.changed.connect(self._apply_filter)
        model.counted.connect(filter_bar.show_count)
        model.load_failed.connect(lambda exc: show_error(self, exc))
        self.table.reordered.connect(filter_bar.show_searching)
        self.table.selected.connect(self._row_selected)
        find = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(filter_bar.focus_search)

    @property
    def selected_id(self) -> int | None:
        return self.table.selected_id

    def _row_selected(self, row_id: int) -> None:
        raise NotImplementedError

    def _apply_filter(self) -> None:
        """The filter bar changed: its values replace those of the model's filter."""
        flt = dataclasses.replace(self.model.filter, **self.filter_bar.values())
        if flt != self.model.filter:
            self.filter_bar.show_searching()
            self.table.start_over()
            self.model.set_filter(flt)

    def _read_selected(self, read: Callable[[int], T], show: Callable[[T], None]) -> None:
        """Reads what the side pane shows of the selected row in the background; only the
        latest request is shown (a quick walk down the list leaves older ones behind)."""
        if self.selected_id is None:
            return
        self._side_request += 1
        request, row_id = self._side_request, self.selected_id

        def shown(result: T) -> None:
            if request == self._side_request:
                show(result)

        QueryOp(self, lambda: read(row_id)).success(shown).run()

    # -- state ---------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        settings.setValue(f"{self.state_group}/splitter", self.splitter.saveState())
        settings.setValue(f"{self.state_group}/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        splitter = settings.value(f"{self.state_group}/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        header = settings.value(f"{self.state_group}/header")
        if isinstance(header, QByteArray):
            self.table.restore_header(header)
