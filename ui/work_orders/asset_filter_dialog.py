"""フィルタで追加: every asset a filter matches, added to the work order at once ("all pipes
of 八橋処理区 laid before 1980").

- The filter (services/asset_picking.AssetFilter): owning body, kind, district, installed
  from / before a year, material, status. The choices of body, district and material are
  those the registry holds, read off the GUI thread when the dialog opens.
- The count of matching assets ("該当 3,214 件") follows every change after a short pause,
  counted off the GUI thread; an answer for an older filter is dropped.
- 追加 reads the matching assets (their list lines) and hands them to the picker in one go
  (`picked`); the dialog closes then. Assets already listed are not added twice.
"""

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from oneaqita.models import AssetKind, AssetStatus
from oneaqita.services.asset_picking import (
    AssetFilter,
    PickerChoices,
    count_assets,
    matching_lines,
    picker_choices,
)
from oneaqita.services.database import Database
from ui.errors import show_error
from ui.labels import domain_label
from ui.operations import QueryOp

COUNT_DEBOUNCE_MS = 300
FIRST_YEAR, LAST_YEAR = 1868, 2200  # what the registry's installed_year holds


class _Year(QSpinBox):
    """A year, or none (the lowest value, shown as 指定なし)."""

    def __init__(self, none_text: str) -> None:
        super().__init__()
        self.setRange(FIRST_YEAR - 1, LAST_YEAR)
        self.setSpecialValueText(none_text)
        self.setValue(FIRST_YEAR - 1)
        self.setGroupSeparatorShown(False)

    def year(self) -> int | None:
        value = self.value()
        return None if value < FIRST_YEAR else value

    def set_year(self, year: int | None) -> None:
        self.setValue(FIRST_YEAR - 1 if year is None else year)


class AssetFilterDialog(QDialog):
    picked = Signal(list)  # the AssetLines matching, when 追加 was pressed

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._generation = 0  # which filter the count shown is for
        self.matches: int | None = None
        self.busy = False
        self.setWindowTitle(self.tr("フィルタで対象施設を追加"))
        self.setMinimumWidth(420)

        self.owner_combo = self._combo(self.tr("すべての所有者"))
        self.kind_combo = self._combo(self.tr("すべての種別"))
        for kind in AssetKind:
            self.kind_combo.addItem(domain_label(kind), kind)
        self.district_combo = self._combo(self.tr("すべての地区"))
        self.from_year = _Year(self.tr("指定なし"))
        self.before_year = _Year(self.tr("指定なし"))
        self.material_combo = self._combo(self.tr("すべての材質"))
        self.status_combo = self._combo(self.tr("すべての状態"))
        for status in AssetStatus:
            self.status_combo.addItem(domain_label(status), status)
        for spin in (self.from_year, self.before_year):
            spin.valueChanged.connect(self._changed)

        years = QHBoxLayout()
        years.addWidget(self.from_year, 1)
        years.addWidget(QLabel(self.tr("以降")))
        years.addWidget(self.before_year, 1)
        years.addWidget(QLabel(self.tr("より前")))
        form = QFormLayout()
        form.addRow(self.tr("所有者(&O)"), self.owner_combo)
        form.addRow(self.tr("種別(&K)"), self.kind_combo)
        form.addRow(self.tr("地区(&D)"), self.district_combo)
        years_label = QLabel(self.tr("設置年(&Y)"))
        years_label.setBuddy(self.from_year)
        form.addRow(years_label, years)
        form.addRow(self.tr("材質(&M)"), self.material_combo)
        form.addRow(self.tr("状態(&S)"), self.status_combo)

        self.count_label = QLabel()
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        font = self.count_label.font()
        font.setBold(True)
        self.count_label.setFont(font)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.add_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.add_button.setText(self.tr("追加(&A)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("キャンセル"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.count_label)
        layout.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COUNT_DEBOUNCE_MS)
        self._timer.timeout.connect(self._count)
        QueryOp(self, lambda: picker_choices(db)).success(self._fill_choices).run()
        self._changed()

    def _combo(self, all_text: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(all_text, None)
        combo.currentIndexChanged.connect(self._changed)
        return combo

    def _fill_choices(self, choices: PickerChoices) -> None:
        for combo, items in (
            (self.owner_combo, [(f"{name} ({code})", i) for i, code, name in choices.owners]),
            (self.district_combo, [(d, d) for d in choices.districts]),
            (self.material_combo, [(m, m) for m in choices.materials]),
        ):
            combo.blockSignals(True)
            for text, value in items:
                combo.addItem(text, value)
            combo.blockSignals(False)

    # -- the filter and its count --------------------------------------------------------
    def value(self) -> AssetFilter:
        data: dict[str, Any] = {
            "owner_id": self.owner_combo.currentData(),
            "kind": self.kind_combo.currentData(),
            "district": self.district_combo.currentData(),
            "installed_from": self.from_year.year(),
            "installed_before": self.before_year.year(),
            "material": self.material_combo.currentData(),
            "status": self.status_combo.currentData(),
        }
        return AssetFilter(**data)

    def _changed(self, *_args: object) -> None:
        self._generation += 1
        self.matches = None
        self.add_button.setEnabled(False)
        self.count_label.setText(self.tr("数えています…"))
        self._timer.start()

    def _count(self) -> None:
        generation, flt, db = self._generation, self.value(), self._db
        QueryOp(self, lambda: count_assets(db, flt)).success(
            lambda n: self._counted(generation, n)
        ).run()

    def _counted(self, generation: int, n: int) -> None:
        if generation != self._generation:
            return  # the filter changed meanwhile: its own count follows
        self.matches = n
        self.count_label.setText(self.tr("該当 {n:,} 件").format(n=n))
        self.add_button.setText(self.tr("{n:,} 件を追加(&A)").format(n=n))
        self.add_button.setEnabled(n > 0 and not self.busy)

    # -- adding --------------------------------------------------------------------------
    def accept(self) -> None:
        if self.busy or not self.matches:
            return
        self.busy = True
        self.add_button.setEnabled(False)
        self.count_label.setText(self.tr("{n:,} 件を読み込んでいます…").format(n=self.matches))
        flt, db = self.value(), self._db
        QueryOp(self, lambda: matching_lines(db, flt)).success(self._read).failure(
            self._read_failed
        ).run()

    def _read(self, lines: list[Any]) -> None:
        self.busy = False
        self.picked.emit(lines)
        super().accept()

    def _read_failed(self, exc: BaseException) -> None:
        self.busy = False
        self._changed()
        show_error(self, exc)
