"""The findings of the selected work order in its detail pane: asset, category, rank,
urgency (with the one the grades give beside it when a given one differs) and how many files
are attached (shown and attached in the finding's editor), and the commands
to add, edit and remove them — offered only on an order open to findings (着手, 完了) and to
a user who may record them (the service refuses anyway)."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from oneaqita.permissions import Action, allowed
from oneaqita.services.actor import Actor
from oneaqita.services.finding_queries import FindingLine
from oneaqita.services.findings import RECORDING_STATUSES
from oneaqita.services.work_order_queries import WorkOrderDetail
from ui.detail_fields import ReadOnlyTable
from ui.labels import domain_label


def urgency_text(line: FindingLine, differing: str) -> str:
    """The effective urgency; when a given one differs, `differing` filled with it and the
    derived one (「緊急度III（等級から I）」)."""
    shown = line.effective_urgency
    text = domain_label(shown) if shown is not None else "—"
    if line.differs:
        derived = line.derived_urgency
        return differing.format(urgency=text, derived=derived.value if derived else "—")
    return text


class FindingsBox(QGroupBox):
    add_requested = Signal()
    edit_requested = Signal(object)  # the FindingLine
    remove_requested = Signal(object)  # the FindingLine

    def __init__(self, actor: Actor | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._may_record = allowed(actor, Action.RECORD_FINDINGS)
        self.lines: list[FindingLine] = []
        self.may_edit = False
        self.table = ReadOnlyTable(
            [
                self.tr("施設コード"),
                self.tr("異常項目"),
                self.tr("ランク"),
                self.tr("緊急度"),
                self.tr("添付"),
            ],
            ["052019-P-000000", "取付管突出", "a", "緊急度III（等級から III）", "20"],
        )
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self._edit())
        self.add_button = QPushButton(self.tr("所見を追加…"))
        self.edit_button = QPushButton(self.tr("編集…"))
        self.remove_button = QPushButton(self.tr("削除"))
        self.add_button.clicked.connect(self.add_requested.emit)
        self.edit_button.clicked.connect(self._edit)
        self.remove_button.clicked.connect(self._remove)
        self.buttons = QWidget()
        row = QHBoxLayout(self.buttons)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.add_button)
        row.addWidget(self.edit_button)
        row.addWidget(self.remove_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.buttons)
        self.show_findings(None, [])

    def show_findings(self, detail: WorkOrderDetail | None, lines: list[FindingLine]) -> None:
        self.lines = lines
        self.setTitle(self.tr("所見 ({count})").format(count=len(lines)))
        differing = self.tr("{urgency}（等級から {derived}）")
        self.table.fill(
            [
                [
                    f.asset_code,
                    f.category,
                    domain_label(f.rank),
                    urgency_text(f, differing),
                    str(f.attachments) if f.attachments else "",
                ]
                for f in lines
            ]
        )
        for row, line in enumerate(lines):
            if line.differs:
                derived = line.derived_urgency
                self.table.item(row, 3).setToolTip(
                    self.tr("入力された緊急度: {given}\n等級から求めた緊急度: {derived}").format(
                        given=domain_label(line.urgency) if line.urgency else "—",
                        derived=domain_label(derived) if derived else "—",
                    )
                )
        open_to_findings = detail is not None and detail.row.status in RECORDING_STATUSES
        self.may_edit = self._may_record and open_to_findings
        self.buttons.setVisible(self.may_edit)
        self._update_buttons()

    def selected(self) -> FindingLine | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.lines[rows.pop()] if len(rows) == 1 else None

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    def _edit(self) -> None:
        line = self.selected()
        if line is not None and self.may_edit:
            self.edit_requested.emit(line)

    def _remove(self) -> None:
        line = self.selected()
        if line is not None:
            self.remove_requested.emit(line)
