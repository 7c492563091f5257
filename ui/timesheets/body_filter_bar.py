"""The filter bar of the timesheet lists: the sending body, the person's name, reading or
employee number, and the count."""

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from ui.filter_bar_base import FilterBar


class BodyFilterBar(FilterBar):
    def __init__(self, count_text: Callable[[int], str], parent: QWidget | None = None) -> None:
        """`count_text` words the count (weeks or people)."""
        super().__init__(parent)
        self._count_text = count_text
        self.body_combo = self._choice_combo(self.tr("すべての派遣元"), 10)
        self.body_combo.setToolTip(self.tr("出向元 (出向していない人は所属)"))
        self.search_edit.setPlaceholderText(self.tr("氏名・よみ・社員番号で検索 (Ctrl+F)"))
        self.search_edit.setMinimumWidth(220)
        self.count_label.setMinimumWidth(90)
        self._lay_out(QLabel(self.tr("派遣元")), self.body_combo)

    def values(self) -> dict[str, Any]:
        body = self.body_combo.currentData()
        return {"body_id": int(body) if body is not None else None, "text": self.text()}

    def set_bodies(self, choices: list[tuple[int, str, str]]) -> None:
        """(id, code, name) as services/schedule_queries.organization_choices gives them."""
        self._refill(self.body_combo, [(i, name, code) for i, code, name in choices])

    def choose_body(self, body_id: int | None) -> None:
        """Chooses the body `body_id` (None: every body), even before the choices are read."""
        self._choose(self.body_combo, body_id)

    def count_text(self, count: int) -> str:
        return self._count_text(count)
