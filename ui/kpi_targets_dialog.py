"""設定 ▸ KPI目標…: the targets of a fiscal year for the KPI table of the report to the
shareholders, for managers and administrators.

A table of the KPIs (指標, 単位, 目標): the target is typed in its row (blank: no target).
Choosing another fiscal year reads its targets. Saving (Enter, Ctrl+S) sends the changed rows
with the versions read (services/kpi_targets.set_kpi_targets: all or nothing); a refused value
is shown below the table with its row outlined, and someone else's save in between opens the
editor's conflict banner with the stored targets, from which 最新の内容を読み込む starts again."""

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from oneaqita.fiscal import fiscal_year, fiscal_year_label
from oneaqita.models import Kpi
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.kpi_targets import (
    FIRST_FISCAL_YEAR,
    LAST_FISCAL_YEAR,
    KpiTargetRow,
    kpi_targets,
    kpi_unit,
    set_kpi_targets,
)
from ui.editor_dialog import EditorDialog
from ui.labels import domain_label
from ui.operations import QueryOp

Targets = dict[Kpi, KpiTargetRow]
_YEARS_SHOWN = 5  # fiscal years before and after the current one in the chooser


def _shown(row: KpiTargetRow | None) -> str:
    return "" if row is None else f"{row.target.normalize():f}"


class KpiTargetsDialog(EditorDialog[Targets]):
    def __init__(
        self, db: Database, actor: Actor, parent: QWidget | None = None, year: int | None = None
    ) -> None:
        super().__init__(Entity.KPI_TARGETS, None, parent)
        self._db, self._actor = db, actor
        self.loaded: Targets = {}
        self.setWindowTitle(self.tr("KPI目標"))
        self.resize(560, 420)
        current = year or fiscal_year(date.today())
        self.year_combo = QComboBox()
        first = max(FIRST_FISCAL_YEAR, current - _YEARS_SHOWN)
        for fy in range(first, min(LAST_FISCAL_YEAR, current + _YEARS_SHOWN) + 1):
            self.year_combo.addItem(f"{fiscal_year_label(fy)} ({fy})", fy)
        self.year_combo.setCurrentIndex(self.year_combo.findData(current))
        self.form.addRow(self.tr("年度(&Y)"), self.year_combo)

        self.table = QTableWidget(len(Kpi), 3)
        self.table.setHorizontalHeaderLabels([self.tr("指標"), self.tr("単位"), self.tr("目標")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(1, 60)
        self.table.setColumnWidth(2, 150)
        self.edits: dict[Kpi, QLineEdit] = {}
        for row, kpi in enumerate(Kpi):
            name = QTableWidgetItem(domain_label(kpi))
            unit = QTableWidgetItem(kpi_unit(kpi))
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, unit)
            edit = QLineEdit()
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setPlaceholderText(self.tr("未設定"))
            edit.setMaxLength(40)
            edit.setAccessibleName(domain_label(kpi))
            self.table.setCellWidget(row, 2, edit)
            self.edits[kpi] = edit
        self.table.resizeRowsToContents()
        rows = sum(self.table.rowHeight(r) for r in range(len(Kpi)))
        header_height = self.table.horizontalHeader().sizeHint().height()
        self.table.setMinimumHeight(rows + header_height + 2 * self.table.frameWidth() + 2)
        self.form.addRow(self.table)
        self.add_fields({kpi.value: edit for kpi, edit in self.edits.items()})
        self.year_combo.currentIndexChanged.connect(self._read)
        self._read()

    @property
    def year(self) -> int:
        return int(self.year_combo.currentData())

    def _read(self) -> None:
        year = self.year
        self.table.setEnabled(False)
        call = self.load_call()
        QueryOp(self, call).success(lambda t, y=year: self._loaded(y, t)).run()

    def _loaded(self, year: int, targets: Targets) -> None:
        if year == self.year:  # not a year chosen meanwhile
            self.fill(targets)
            self.table.setEnabled(True)

    # -- EditorDialog --------------------------------------------------------------------
    def load_call(self) -> Callable[[], Targets]:
        db, year = self._db, self.year
        return lambda: kpi_targets(db, year)

    def take_version(self, record: Targets) -> None:
        """The versions read now; the targets typed are sent where they differ from them."""
        self.loaded = dict(record)

    def fill(self, record: Targets) -> None:
        self.loaded = dict(record)
        for kpi, edit in self.edits.items():
            edit.setText(_shown(record.get(kpi)))

    def changed(self) -> dict[Kpi, tuple[str, int | None]]:
        """The rows typed differently from what was read, with the versions read."""
        out = {}
        for kpi, edit in self.edits.items():
            stored = self.loaded.get(kpi)
            if edit.text().strip() != _shown(stored):
                out[kpi] = (edit.text(), stored.version if stored else None)
        return out

    def save_call(self) -> Callable[[], Change] | None:
        db, actor, year, targets = self._db, self._actor, self.year, self.changed()
        return lambda: set_kpi_targets(db, actor, year, targets)

    def describe(self, record: Targets) -> dict[str, str]:
        return {kpi.value: _shown(record.get(kpi)) for kpi in Kpi}

    def typed(self) -> dict[str, str]:
        return {kpi.value: edit.text().strip() for kpi, edit in self.edits.items()}

    def field_label(self, field: str) -> str:
        return (
            domain_label(Kpi(field))
            if field in {k.value for k in Kpi}
            else super().field_label(field)
        )


def open_kpi_targets(parent: QWidget, db: Database, actor: Actor) -> KpiTargetsDialog:
    dialog = KpiTargetsDialog(db, actor, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
