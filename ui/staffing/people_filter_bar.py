"""The row of filters above the people list: home body, seconded now, qualification, free
text (after a short pause), and the count."""

from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from oneaqita.services.organizations import OrganizationRow
from ui.filter_bar_base import FilterBar


class PeopleFilterBar(FilterBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.home_combo = self._choice_combo(self.tr("すべての所属団体"), 12)

        self.seconded_combo = QComboBox()
        self.seconded_combo.addItem(self.tr("出向: すべて"), None)
        self.seconded_combo.addItem(self.tr("出向中"), True)
        self.seconded_combo.addItem(self.tr("出向中でない"), False)
        self.seconded_combo.setToolTip(self.tr("今日の時点で出向中かどうか"))
        self.seconded_combo.currentIndexChanged.connect(self.changed)

        self.qualification_combo = self._choice_combo(self.tr("すべての資格"), 12)

        self.search_edit.setPlaceholderText(self.tr("氏名・カナ・職員番号・メールで検索"))
        self.search_edit.setMinimumWidth(220)
        self.count_label.setMinimumWidth(90)
        self._lay_out(
            QLabel(self.tr("所属")), self.home_combo, self.seconded_combo, self.qualification_combo
        )

    # -- values --------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        return {
            **super().values(),
            "home_organization_id": self.home_organization_id(),
            "currently_seconded": self.currently_seconded(),
            "qualification": self.qualification(),
        }

    def home_organization_id(self) -> int | None:
        data = self.home_combo.currentData()
        return int(data) if data is not None else None

    def currently_seconded(self) -> bool | None:
        data = self.seconded_combo.currentData()
        return bool(data) if data is not None else None

    def qualification(self) -> str | None:
        data = self.qualification_combo.currentData()
        return str(data) if data is not None else None

    def set_organizations(self, organizations: list[OrganizationRow]) -> None:
        """Refills the home-body list, keeping the chosen body if it is still there."""
        choices = [(o.id, o.name_ja, o.code) for o in organizations]
        self._refill(self.home_combo, choices)

    def set_qualifications(self, names: list[str]) -> None:
        self._refill(self.qualification_combo, [(n, n, None) for n in names])

    # -- count ---------------------------------------------------------------------------
    def count_text(self, count: int) -> str:
        return self.tr("{count} 人").format(count=f"{count:,}")
