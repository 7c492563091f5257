"""The work-order editor's assignees: every person as a checkable line, read for the order's
planned period (services/assignee_eligibility.py) and read again when the period changes.

Who may not be assigned for the period is greyed out, the reason as the line's tooltip; one
already ticked stays enabled, so that it can be unticked (the save refuses it otherwise).
The ticked employee numbers survive a re-read."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from oneaqita.services.assignee_eligibility import Candidate, assignee_candidates
from oneaqita.services.database import Database
from ui.labels import ui_language
from ui.operations import QueryOp

_NUMBER_ROLE = int(Qt.ItemDataRole.UserRole)


class AssigneeList(QListWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._wanted: set[str] = set()  # ticked before the candidates were (re)read
        self._request = 0
        self.period: tuple[date, date] | None = None
        self.setMinimumHeight(120)
        self.itemChanged.connect(self._item_changed)

    def checked(self) -> list[str]:
        """The ticked employee numbers, in list order (those not listed yet included)."""
        listed = [self.item(r).data(_NUMBER_ROLE) for r in range(self.count())]
        ticked = [n for n in listed if n in self._wanted]
        return ticked + sorted(self._wanted - set(listed))

    def set_checked(self, employee_nos: list[str] | tuple[str, ...]) -> None:
        self._wanted = set(employee_nos)
        self._show(self._candidates())

    def read_for(self, first: date, last: date) -> None:
        """Reads who may be assigned from `first` to `last` (the latest request wins)."""
        if self.period == (first, last):
            return
        self.period = (first, last)
        self._request += 1
        request, db = self._request, self._db

        def shown(candidates: list[Candidate]) -> None:
            if request == self._request:
                self._show(candidates)

        QueryOp(self, lambda: assignee_candidates(db, first, last)).success(shown).run()

    def _candidates(self) -> list[Candidate]:
        return [self.item(r).data(_NUMBER_ROLE + 1) for r in range(self.count())]

    def _show(self, candidates: list[Candidate]) -> None:
        english = ui_language() == "en"
        self.blockSignals(True)
        self.clear()
        for c in candidates:
            item = QListWidgetItem(f"{c.employee_no}  {c.name}")
            item.setData(_NUMBER_ROLE, c.employee_no)
            item.setData(_NUMBER_ROLE + 1, c)
            ticked = c.employee_no in self._wanted
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            flags = Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
            if c.eligible or ticked:
                flags |= Qt.ItemFlag.ItemIsEnabled
            item.setFlags(flags)
            if not c.eligible:
                item.setToolTip((c.why_not_en if english else c.why_not_ja) or "")
            self.addItem(item)
        self.blockSignals(False)

    def _item_changed(self, item: QListWidgetItem) -> None:
        number = item.data(_NUMBER_ROLE)
        if item.checkState() == Qt.CheckState.Checked:
            self._wanted.add(number)
        else:
            self._wanted.discard(number)
