"""The selected person beside the list: contact data, qualifications, the whole secondment
history, whether an officer (役員) or staff (職員), the button that edits the person and those
that record, extend and end a secondment."""

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oneaqita.fiscal import to_wareki
from oneaqita.permissions import Action, allowed
from oneaqita.services.actor import Actor
from oneaqita.services.people_queries import PersonCard, SecondmentLine
from ui.detail_fields import field_grid, make_read_only, placeholder_stack
from ui.labels import date_text, percent_text, who_may
from ui.staffing.labels import (
    KIND_COLORS,
    end_text,
    kind_label,
    open_end_text,
    write_roles_hint,
)

_CENTER = Qt.AlignmentFlag.AlignCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def _active(line: SecondmentLine, on: date) -> bool:
    return line.start <= on and (line.end is None or line.end >= on)


class PersonCardPane(QWidget):
    register_requested = Signal()
    edit_requested = Signal()
    extend_requested = Signal(object)  # the SecondmentLine
    end_requested = Signal(object)  # the SecondmentLine

    def __init__(
        self, actor: Actor, today: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._may_write = allowed(actor, Action.EDIT_SECONDMENTS)
        self._may_edit = allowed(actor, Action.EDIT_PEOPLE)
        self._today = today
        self._busy = False
        self.card: PersonCard | None = None
        self._stack, self.placeholder = placeholder_stack(
            self, self.tr("一覧から職員を選んでください。"), self._build_content()
        )

    def today(self) -> date:
        return self._today or date.today()

    def _build_content(self) -> QWidget:
        content = QWidget()
        self.heading = QLabel()
        self.heading.setObjectName("detailHeading")
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kana = QLabel()
        self.kana.setObjectName("fieldCaption")
        fields, self.values = field_grid(
            [
                ("employee_no", self.tr("職員番号")),
                ("home", self.tr("所属団体")),
                ("email", self.tr("メール")),
                ("phone", self.tr("電話")),
                ("qualifications", self.tr("資格")),
                ("officer", self.tr("区分")),
            ]
        )
        self.edit_button = QPushButton(self.tr("職員情報を編集…"))
        self.edit_button.clicked.connect(self.edit_requested)
        if not self._may_edit:
            self.edit_button.setToolTip(
                self.tr("職員情報の編集は{roles}だけが行えます。").format(
                    roles=who_may(Action.EDIT_PEOPLE)
                )
            )

        self.history_box = QGroupBox(self.tr("出向の履歴"))
        self.history_table = QTableWidget(0, 6)
        self.history_table.setHorizontalHeaderLabels(
            [
                self.tr("派遣元"),
                self.tr("種別"),
                self.tr("開始"),
                self.tr("終了"),
                self.tr("役職"),
                self.tr("会社負担"),
            ]
        )
        t = self.history_table
        make_read_only(t)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # The sending body takes the room left (a partner firm's name is long).
        t.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        t.itemSelectionChanged.connect(self._update_buttons)

        self.register_button = QPushButton(self.tr("出向を登録…"))
        self.extend_button = QPushButton(self.tr("延長…"))
        self.end_button = QPushButton(self.tr("終了…"))
        self.register_button.clicked.connect(self.register_requested)
        self.extend_button.clicked.connect(self._emit_extend)
        self.end_button.clicked.connect(self._emit_end)
        buttons = QHBoxLayout()
        buttons.addWidget(self.register_button)
        buttons.addStretch(1)
        buttons.addWidget(self.extend_button)
        buttons.addWidget(self.end_button)
        self.no_history_label = QLabel(self.tr("出向の記録はありません。"))
        self.no_history_label.setEnabled(False)
        box_layout = QVBoxLayout(self.history_box)
        box_layout.addWidget(self.history_table, 1)
        box_layout.addWidget(self.no_history_label)
        box_layout.addLayout(buttons)
        if not self._may_write:
            for button in (self.register_button, self.extend_button, self.end_button):
                button.setToolTip(write_roles_hint())

        layout = QVBoxLayout(content)
        layout.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.kana)
        layout.addLayout(fields)
        edit_row = QHBoxLayout()
        edit_row.addStretch(1)
        edit_row.addWidget(self.edit_button)
        layout.addLayout(edit_row)
        layout.addWidget(self.history_box, 1)
        return content

    # -- showing -------------------------------------------------------------------------
    def clear(self) -> None:
        self.card = None
        self._stack.setCurrentIndex(0)

    def show_card(self, card: PersonCard) -> None:
        keep = self.selected_secondment()
        same_person = self.card is not None and self.card.id == card.id
        self.card = card
        self.heading.setText(card.name)
        self.kana.setText(card.name_kana or "")
        self.kana.setVisible(bool(card.name_kana))
        v = self.values
        v["employee_no"].setText(card.employee_no)
        v["home"].setText(f"{card.home_organization_name}（{card.home_organization_code}）")
        v["email"].setText(card.email or "—")
        v["phone"].setText(card.phone or "—")
        v["qualifications"].setText("\n".join(card.qualifications) or self.tr("なし"))
        v["officer"].setText(self.tr("役員") if card.officer else self.tr("職員"))
        self.history_box.setTitle(
            self.tr("出向の履歴 ({count})").format(count=len(card.secondments))
        )
        self._fill_history(card.secondments)
        if same_person and keep is not None:
            self.select_secondment(keep.id)
        self._stack.setCurrentIndex(1)
        self._update_buttons()

    def _fill_history(self, lines: list[SecondmentLine]) -> None:
        t = self.history_table
        t.clearSelection()
        t.setRowCount(len(lines))
        today = self.today()
        bold = QFont(t.font())
        bold.setBold(True)
        for r, line in enumerate(lines):
            wareki_end = to_wareki(line.end) if line.end else open_end_text()
            tooltip = f"{line.from_organization_name}\n{to_wareki(line.start)} 〜 {wareki_end}"
            values = [
                (line.from_organization_name, None),
                (kind_label(line.kind), _CENTER),
                (date_text(line.start), _CENTER),
                (end_text(line.end), _CENTER),
                (line.position or "", None),
                (percent_text(line.salary_borne_by_company_pct), _RIGHT),
            ]
            for c, (text, align) in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(tooltip)
                item.setData(Qt.ItemDataRole.UserRole, line.id)
                if align is not None:
                    item.setTextAlignment(align)
                if _active(line, today):
                    item.setFont(bold)  # the secondment in force today
                if c == 1:
                    item.setForeground(KIND_COLORS[line.kind])
                t.setItem(r, c, item)
        self.no_history_label.setVisible(not lines)
        t.setVisible(bool(lines))
        t.resizeColumnsToContents()
        for column in range(1, t.columnCount()):
            t.setColumnWidth(column, t.columnWidth(column) + 8)

    # -- selection and buttons -----------------------------------------------------------
    def selected_secondment(self) -> SecondmentLine | None:
        if self.card is None:
            return None
        rows = self.history_table.selectionModel().selectedRows()
        if not rows:
            return None
        row = rows[0].row()
        return self.card.secondments[row] if row < len(self.card.secondments) else None

    def select_secondment(self, secondment_id: int) -> bool:
        if self.card is None:
            return False
        for row, line in enumerate(self.card.secondments):
            if line.id == secondment_id:
                self.history_table.selectRow(row)
                return True
        return False

    def set_busy(self, busy: bool) -> None:
        """While a dialog is open or a change runs, the buttons wait."""
        self._busy = busy
        self._update_buttons()

    def _update_buttons(self) -> None:
        writable = self._may_write and self.card is not None and not self._busy
        line = self.selected_secondment()
        self.edit_button.setEnabled(self._may_edit and self.card is not None and not self._busy)
        self.register_button.setEnabled(writable)
        # Only a fixed end can move later; ending is for a stay not over yet.
        self.extend_button.setEnabled(writable and line is not None and line.end is not None)
        self.end_button.setEnabled(
            writable and line is not None and (line.end is None or line.end >= self.today())
        )

    def _emit_extend(self) -> None:
        line = self.selected_secondment()
        if line is not None and self.extend_button.isEnabled():
            self.extend_requested.emit(line)

    def _emit_end(self) -> None:
        line = self.selected_secondment()
        if line is not None and self.end_button.isEnabled():
            self.end_requested.emit(line)
