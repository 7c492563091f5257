"""Adding or editing one finding of a work order: asset (one of the order's), category, rank,
an optional urgency and a note, saved through services/findings.py; for a stored finding, its
attached photos and files (ui/work_orders/attachments_box.py), stored as they are attached.

An editor dialog (ui/editor_dialog.py). While the user picks the grades it shows the urgency
they give by the rule (oneaqita/condition.py) for the span — this finding with the order's
other findings on the same asset — and, when an urgency is chosen that differs, says that both
are kept.
"""

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QLabel, QPlainTextEdit, QWidget

from oneaqita.condition import CATEGORIES, is_span_category, span_urgency
from oneaqita.models import FindingRank, Urgency
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.finding_queries import FindingLine, OrderAsset, get_finding
from oneaqita.services.findings import FindingData, save_finding
from oneaqita.services.text_fields import reference_text
from ui.editor_dialog import EditorDialog
from ui.labels import asset_kind_label, domain_label
from ui.work_orders.attachments_box import AttachmentsBox


class FindingDialog(EditorDialog[FindingLine]):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        work_order_id: int,
        work_order_number: str,
        assets: list[OrderAsset],
        findings: list[FindingLine],
        line: FindingLine | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(Entity.FINDINGS, line.id if line else None, parent)
        self._db, self._actor = db, actor
        self._work_order_id = work_order_id
        self._findings = findings  # the order's findings as shown: the span's other grades
        self.line = line  # as stored when the dialog opened (or reloaded): its version
        title = self.tr("所見の編集") if line else self.tr("所見の追加")
        self.setWindowTitle(f"{title} — {work_order_number}")
        self.setMinimumWidth(520)

        self.asset_combo = QComboBox()
        for asset in assets:
            self.asset_combo.addItem(f"{asset.code}  {asset_kind_label(asset.kind)}", asset.id)
        self.category_combo = QComboBox()
        self.category_combo.setEditable(True)  # a surveyor may name another defect
        self.category_combo.addItems(list(CATEGORIES))
        self.rank_combo = QComboBox()
        for rank in FindingRank:
            self.rank_combo.addItem(domain_label(rank), rank)
        self.scope_label = QLabel()
        self.scope_label.setEnabled(False)
        self.urgency_combo = QComboBox()
        self.urgency_combo.addItem("", None)  # the rule's, named by _update_derived
        for urgency in Urgency:
            self.urgency_combo.addItem(domain_label(urgency), urgency)
        self.derived_label = QLabel()
        self.derived_label.setObjectName("derivedUrgency")
        self.note_edit = QPlainTextEdit()
        self.note_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4)

        form = self.form
        form.addRow(self.tr("施設(&A)"), self.asset_combo)
        form.addRow(self.tr("異常項目(&C)"), self.category_combo)
        form.addRow(self.tr("ランク(&R)"), self.rank_combo)
        form.addRow("", self.scope_label)
        form.addRow(self.tr("緊急度(&U)"), self.urgency_combo)
        form.addRow("", self.derived_label)
        form.addRow(self.tr("備考(&N)"), self.note_edit)
        self.attachments: AttachmentsBox | None = None
        if line is not None:  # files are attached to a stored finding, at once
            self.attachments = AttachmentsBox(db, actor, line.id, True)
            self.body_layout.addWidget(self.attachments)
            self.setMinimumWidth(660)  # four thumbnails a row
        else:
            hint = QLabel(self.tr("写真やファイルは、所見を保存してから添付できます。"))
            hint.setEnabled(False)
            self.body_layout.addWidget(hint)
        self.add_fields(
            {
                "asset": self.asset_combo,
                "category": self.category_combo,
                "rank": self.rank_combo,
                "urgency": self.urgency_combo,
                "note": self.note_edit,
            }
        )
        for combo in (self.asset_combo, self.rank_combo, self.urgency_combo):
            combo.currentIndexChanged.connect(self._update_derived)
        self.category_combo.currentTextChanged.connect(self._update_derived)
        if line is not None:
            self.fill(line)
        else:
            self.category_combo.setCurrentIndex(-1)
            self.category_combo.setEditText("")
        self._update_derived()
        self.asset_combo.setFocus()

    # -- the grades and what they give ---------------------------------------------------
    def category(self) -> str:
        try:  # as the service will store it, so that 全角 or spaces do not change the item
            return reference_text(self.category_combo.currentText(), None, "", "") or ""
        except Exception:  # noqa: BLE001 - the service names what is wrong on save
            return self.category_combo.currentText()

    def derived_urgency(self) -> Urgency | None:
        """The span's urgency by the rule: the order's other findings on this asset with the
        grade being typed."""
        asset_id, category = self.asset_combo.currentData(), self.category()
        grades = [
            (f.category, f.rank)
            for f in self._findings
            if f.asset_id == asset_id and f.id != self.record_id and f.category != category
        ]
        if category:
            grades.append((category, FindingRank(self.rank_combo.currentData())))
        return span_urgency(grades)

    def _update_derived(self) -> None:
        category = self.category()
        if not category:
            self.scope_label.setText("")
        elif is_span_category(category):
            self.scope_label.setText(self.tr("スパン全体の判定 (A/B/C)"))
        else:
            self.scope_label.setText(self.tr("管1本ごとの判定 (a/b/c)"))
        derived = self.derived_urgency()
        derived_text = domain_label(derived) if derived is not None else "—"
        self.urgency_combo.setItemText(
            0, self.tr("等級から ({urgency})").format(urgency=derived_text)
        )
        given = self._given()
        text = self.tr("等級から求めた緊急度: {urgency}").format(urgency=derived_text)
        if given is not None and given != derived:
            text += "\n" + self.tr(
                "選んだ緊急度は等級から求めたものと異なります。\n両方が記録に残り、施設の状態には選んだ緊急度が使われます。"
            )
        self.derived_label.setText(text)

    def _given(self) -> Urgency | None:
        value = self.urgency_combo.currentData()  # a StrEnum comes back from Qt as its str
        return None if value is None else Urgency(value)

    # -- the editor's parts --------------------------------------------------------------
    def data(self) -> FindingData:
        return FindingData(
            work_order_id=self._work_order_id,
            asset_id=self.asset_combo.currentData() or 0,
            category=self.category_combo.currentText(),
            rank=FindingRank(self.rank_combo.currentData()),
            urgency=self._given(),
            note=self.note_edit.toPlainText() or None,
        )

    def save_call(self) -> Callable[[], Change]:
        db, actor, data = self._db, self._actor, self.data()
        version = self.line.version if self.line else None
        row_id = self.record_id
        return lambda: save_finding(db, actor, data, version, row_id)

    def load_call(self) -> Callable[[], FindingLine] | None:
        db, row_id = self._db, self.record_id
        return None if row_id is None else lambda: get_finding(db, row_id)

    def take_version(self, record: FindingLine) -> None:
        self.line = record

    def fill(self, record: FindingLine) -> None:
        self.line = record
        self.asset_combo.setCurrentIndex(self.asset_combo.findData(record.asset_id))
        self.category_combo.setEditText(record.category)
        self.rank_combo.setCurrentIndex(self.rank_combo.findData(record.rank))
        given = record.urgency
        self.urgency_combo.setCurrentIndex(
            0 if given is None else self.urgency_combo.findData(given)
        )
        self.note_edit.setPlainText(record.note or "")

    def describe(self, record: FindingLine) -> dict[str, str]:
        return _texts(
            FindingData(
                record.work_order_id,
                record.asset_id,
                record.category,
                record.rank,
                record.urgency,
                record.note,
            ),
            self,
        )

    def typed(self) -> dict[str, str]:
        return _texts(self.data(), self)


def _texts(data: FindingData, dialog: FindingDialog) -> dict[str, str]:
    combo = dialog.asset_combo
    asset = (
        combo.itemText(combo.findData(data.asset_id)) if combo.findData(data.asset_id) >= 0 else ""
    )
    return {
        "asset": asset,
        "category": data.category,
        "rank": domain_label(data.rank),
        "urgency": domain_label(data.urgency) if data.urgency else "",
        "note": data.note or "",
    }
