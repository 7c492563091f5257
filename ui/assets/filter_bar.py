"""The row of filters above the asset list: owner body, kind, district, status, condition, an
age range, the free text, the count; the list/tree switch and 編集…."""

from typing import Any

from PySide6.QtWidgets import QButtonGroup, QLabel, QPushButton, QSpinBox, QWidget

from oneaqita.models import AssetKind, AssetStatus, Urgency
from oneaqita.services.asset_picking import NO_CONDITION, PickerChoices
from oneaqita.services.asset_registry import MAX_AGE
from ui.assets.columns import condition_text
from ui.filter_bar_base import FilterBar
from ui.labels import domain_label

NO_AGE = -1  # the spin boxes' "no bound"


class AssetFilterBar(FilterBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.owner_combo = self._choice_combo(self.tr("すべての管理者"), 6)
        self.kind_combo = self._choice_combo(self.tr("すべての種別"), 6)
        for kind in AssetKind:
            self.kind_combo.addItem(domain_label(kind), kind)
        self.district_combo = self._choice_combo(self.tr("すべての処理区"), 8)
        self.status_combo = self._choice_combo(self.tr("すべての状態"), 6)
        for status in AssetStatus:
            self.status_combo.addItem(domain_label(status), status)
        self.condition_combo = self._choice_combo(self.tr("すべての緊急度"), 6)
        for urgency in Urgency:
            self.condition_combo.addItem(condition_text(urgency), urgency)
        self.condition_combo.addItem(condition_text(None), NO_CONDITION)
        self.age_from = self._age_box(self.tr("下限なし"))
        self.age_to = self._age_box(self.tr("上限なし"))

        self.search_edit.setPlaceholderText(self.tr("施設番号・処理区・管種で検索"))
        self.search_edit.setMinimumWidth(140)
        self.count_label.setMinimumWidth(90)
        self._lay_out(
            self.owner_combo,
            self.kind_combo,
            self.district_combo,
            self.status_combo,
            self.condition_combo,
            QLabel(self.tr("経過年数")),
            self.age_from,
            QLabel("〜"),
            self.age_to,
        )
        self.list_button = QPushButton(self.tr("一覧"))
        self.tree_button = QPushButton(self.tr("ツリー"))
        self.view_group = QButtonGroup(self)
        for i, button in enumerate((self.list_button, self.tree_button)):
            button.setCheckable(True)
            button.setAutoDefault(False)
            self.view_group.addButton(button, i)
        self.list_button.setChecked(True)
        self.list_button.setToolTip(self.tr("施設の一覧を表示します (Ctrl+L)"))
        self.tree_button.setToolTip(self.tr("管理者・処理区・施設のツリーを表示します (Ctrl+T)"))
        self.edit_button = QPushButton(self.tr("編集…"))
        self.edit_button.setToolTip(self.tr("選んだ施設を編集します (Enter・F2)"))
        self.edit_button.setAutoDefault(False)
        for button in (self.list_button, self.tree_button, self.edit_button):
            self.layout().addWidget(button)

    def _age_box(self, none_text: str) -> QSpinBox:
        box = QSpinBox()
        box.setRange(NO_AGE, MAX_AGE)
        box.setValue(NO_AGE)
        box.setSpecialValueText(none_text)
        box.setSuffix(self.tr(" 年"))
        box.valueChanged.connect(self.changed)
        return box

    # -- values --------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        return {
            **super().values(),
            "owner_id": self.owner_combo.currentData(),
            "kind": self.kind_combo.currentData(),
            "district": self.district_combo.currentData(),
            "status": self.status_combo.currentData(),
            "condition": self.condition_combo.currentData(),
            "age_from": self._age(self.age_from),
            "age_to": self._age(self.age_to),
        }

    @staticmethod
    def _age(box: QSpinBox) -> int | None:
        return None if box.value() == NO_AGE else box.value()

    def set_choices(self, choices: PickerChoices) -> None:
        """Refills the bodies owning assets and the districts in use, keeping the chosen."""
        self._refill(self.owner_combo, [(i, name, code) for i, code, name in choices.owners])
        self._refill(self.district_combo, [(d, d, None) for d in choices.districts])

    def select(self, combo_name: str, value: object) -> None:
        combo = getattr(self, f"{combo_name}_combo")
        combo.setCurrentIndex(max(combo.findData(value), 0))

    # -- count ---------------------------------------------------------------------------
    def count_text(self, count: int) -> str:
        return self.tr("{count} 件").format(count=f"{count:,}")
