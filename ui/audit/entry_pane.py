"""The selected audit entry beside the list: when, who, what, and its before and after side
by side, field by field, the changed fields marked (≠, bold, tinted). Read-only: the table
takes no edits and the pane has no command that changes anything."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oneaqita.services.audit_queries import AuditRow, changed_fields
from ui.audit.labels import (
    action_text,
    entity_text,
    field_text,
    local_time_text,
    shown,
    value_text,
)

CHANGED = QColor("#ffe0b2")
MARK = "≠ "


class AuditEntryPane(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entry: AuditRow | None = None
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("項目"), self.tr("変更前"), self.tr("変更後")]
        )
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.clear()

    def clear(self) -> None:
        self.entry = None
        self.heading.setText(self.tr("一覧から記録を選ぶと、変更前と変更後をここに表示します。"))
        self.summary.clear()
        self.table.setRowCount(0)

    def show_entry(self, entry: AuditRow | None) -> None:
        if entry is None:  # not there (cannot happen in an append-only log)
            self.clear()
            return
        self.entry = entry
        target = entity_text(entry.entity)
        if entry.entity_id is not None:
            target = f"{target} #{entry.entity_id}"
        self.heading.setText(
            self.tr("{at}　{user}　{action}　{target}").format(
                at=local_time_text(entry.at),
                user=entry.actor,
                action=action_text(entry.action),
                target=target,
            )
        )
        old, new = entry.before or {}, entry.after or {}
        changed = set(changed_fields(entry.before, entry.after))
        fields = list(old) + [k for k in new if k not in old]
        self.summary.setText(
            self.tr("{changed} 項目が変わりました（全 {count} 項目）").format(
                changed=len(changed), count=len(fields)
            )
        )
        self.table.setRowCount(len(fields))
        for row, field in enumerate(fields):
            differs = field in changed
            before = value_text(old.get(field)) if field in old else ""
            after = value_text(new.get(field)) if field in new else ""
            cells = [(MARK if differs else "") + field_text(field), shown(before), shown(after)]
            tips = [field, before, after]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                item.setToolTip(tips[column][:5000])
                if differs:
                    bold = QFont(item.font())
                    bold.setBold(True)
                    item.setFont(bold)
                    item.setBackground(QBrush(CHANGED))
                self.table.setItem(row, column, item)

    def changed_rows(self) -> list[str]:
        """The field names of the rows marked changed (for tests)."""
        out = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 0)
            if item is not None and item.text().startswith(MARK):
                out.append(item.toolTip())
        return out

    def row_texts(self) -> list[tuple[str, str, str]]:
        texts = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, c) for c in range(3)]
            texts.append(tuple(c.text() if c else "" for c in cells))
        return texts  # type: ignore[return-value]
