"""The row of filters above the contract list: client body, fiscal year covered, kind, bulk
group, free text (after a short pause), the count, and the button that adds a contract."""

from typing import Any

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from oneaqita.services.contract_queries import ContractChoices, ContractFilter
from ui.filter_bar_base import FilterBar
from ui.staffing.labels import fiscal_year_text


class ContractFilterBar(FilterBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.client_combo = self._choice_combo(self.tr("すべての委託者"), 10)
        self.year_combo = self._choice_combo(self.tr("すべての年度"), 14)
        self.year_combo.setToolTip(self.tr("その年度（4月〜翌3月）にかかる契約"))
        self.kind_combo = self._choice_combo(self.tr("すべての業務種別"), 12)
        self.group_combo = self._choice_combo(self.tr("一括発注: すべて"), 10)
        self.group_combo.setToolTip(self.tr("一括発注グループ（県がまとめて発注した契約）"))
        self.new_button = QPushButton(self.tr("新規契約…"))
        self.new_button.setToolTip(self.tr("契約を登録します (Ctrl+N)"))

        self.search_edit.setPlaceholderText(self.tr("契約番号・件名・業務種別で検索"))
        self.search_edit.setMinimumWidth(200)
        self.count_label.setMinimumWidth(70)
        self._lay_out(
            QLabel(self.tr("委託者")),
            self.client_combo,
            self.year_combo,
            self.kind_combo,
            self.group_combo,
        )
        self.layout().addWidget(self.new_button)

    # -- values --------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        client, year = self.client_combo.currentData(), self.year_combo.currentData()
        kind, group = self.kind_combo.currentData(), self.group_combo.currentData()
        return {
            **super().values(),
            "client_id": int(client) if client is not None else None,
            "fiscal_year": int(year) if year is not None else None,
            "kind": str(kind) if kind is not None else None,
            "bulk_group": str(group) if group is not None else None,
        }

    def set_choices(self, choices: ContractChoices) -> None:
        """Refills every filter's choices, keeping the chosen ones that are still there."""
        self._refill(self.client_combo, [(i, name, code) for i, code, name in choices.clients])
        self._refill(
            self.year_combo, [(y, fiscal_year_text(y), None) for y in choices.fiscal_years]
        )
        self._refill(self.kind_combo, [(k, k, None) for k in choices.kinds])
        self._refill(self.group_combo, [(g, g, None) for g in choices.bulk_groups])

    def set_filter(self, flt: ContractFilter) -> None:
        """Shows `flt` (a page asking for a filtered list), without announcing a change."""
        self.blockSignals(True)
        try:
            self.set_text(flt.text)
            self._choose(self.client_combo, flt.client_id)
            self._choose(self.year_combo, flt.fiscal_year)
            self._choose(self.kind_combo, flt.kind)
            self._choose(self.group_combo, flt.bulk_group)
        finally:
            self.blockSignals(False)

    def select(self, combo_name: str, value: object) -> None:
        combo = getattr(self, f"{combo_name}_combo")
        combo.setCurrentIndex(max(combo.findData(value), 0))

    # -- count ---------------------------------------------------------------------------
    def count_text(self, count: int) -> str:
        return self.tr("{count} 件").format(count=f"{count:,}")
