"""The My week page's bar: the week (◀ 今週 ▶ and its dates), its status, the row commands and
「提出」; and the banner under it for a returned week's comment or a locked week."""

from datetime import date, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from oneaqita.models import TimeEntryStatus
from ui.labels import domain_label
from ui.schedule.header import weekday_names

__all__ = ["WeekBanner", "WeekBar"]

S = TimeEntryStatus
STATUS_STYLE = {
    S.DRAFT: "background:#eceff1; color:#37474f;",
    S.SUBMITTED: "background:#e3f2fd; color:#0d47a1;",
    S.APPROVED: "background:#e8f5e9; color:#1b5e20;",
    S.RETURNED: "background:#fff3e0; color:#bf360c;",
}


class WeekBar(QWidget):
    step_requested = Signal(int)  # -1 / +1 weeks
    this_week_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.previous_button = QPushButton("◀")
        self.previous_button.setToolTip(self.tr("前の週 (PageUp)"))
        self.this_week_button = QPushButton(self.tr("今週"))
        self.this_week_button.setToolTip(self.tr("今日を含む週 (Home)"))
        self.next_button = QPushButton("▶")
        self.next_button.setToolTip(self.tr("次の週 (PageDown)"))
        self.previous_button.clicked.connect(lambda: self.step_requested.emit(-1))
        self.next_button.clicked.connect(lambda: self.step_requested.emit(1))
        self.this_week_button.clicked.connect(self.this_week_requested)
        self.week_label = QLabel()
        font = self.week_label.font()
        font.setBold(True)
        self.week_label.setFont(font)
        self.week_label.setMinimumWidth(260)
        self.status_label = QLabel()
        self.status_label.setMinimumWidth(70)
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.add_row_button = QPushButton(self.tr("行を追加…"))
        self.add_row_button.setToolTip(self.tr("担当している作業の行を追加します"))
        self.copy_rows_button = QPushButton(self.tr("先週の行をコピー"))
        self.copy_rows_button.setToolTip(
            self.tr("先週時間を入力した行を、空の行として追加します (時間はコピーしません)")
        )
        self.submit_button = QPushButton(self.tr("提出…"))
        self.submit_button.setToolTip(self.tr("この週を提出します。提出後は編集できません"))
        for button in (
            self.previous_button,
            self.this_week_button,
            self.next_button,
            self.add_row_button,
            self.copy_rows_button,
            self.submit_button,
        ):
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a click leaves the grid focused
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.previous_button,
            self.this_week_button,
            self.next_button,
            self.week_label,
            self.status_label,
        ):
            self.layout_.addWidget(widget)
        self.layout_.addStretch(1)
        for widget in (self.add_row_button, self.copy_rows_button, self.submit_button):
            self.layout_.addWidget(widget)

    def show_week(self, monday: date) -> None:
        sunday = monday + timedelta(days=6)
        names = weekday_names()
        self.week_label.setText(
            self.tr("{y1}年{m1}月{d1}日({w1}) 〜 {m2}月{d2}日({w2})").format(
                y1=monday.year,
                m1=monday.month,
                d1=monday.day,
                w1=names[0],
                m2=sunday.month,
                d2=sunday.day,
                w2=names[6],
            )
        )

    def show_status(self, status: TimeEntryStatus | None, editable: bool) -> None:
        self.status_label.setVisible(status is not None)
        if status is not None:
            self.status_label.setText(domain_label(status))
            self.status_label.setStyleSheet(
                STATUS_STYLE[status] + "border-radius:4px; padding:2px 8px; font-weight:bold;"
            )
        for button in (self.add_row_button, self.copy_rows_button, self.submit_button):
            button.setEnabled(editable)


class WeekBanner(QFrame):
    """A returned week's comment, or why the week cannot be changed; hidden otherwise."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("weekBanner")
        self.heading = QLabel()
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.heading)
        layout.addWidget(self.text)
        self.hide()

    def show_week(self, status: TimeEntryStatus, comment: str | None) -> None:
        if status is S.RETURNED:
            self.heading.setText(
                self.tr("この週は差し戻されました。直して、もう一度提出してください。")
            )
            self.text.setText(self.tr("差戻しの理由: {comment}").format(comment=comment or "—"))
            self._colour("#fff3e0", "#e65100")
        elif status is S.SUBMITTED:
            self.heading.setText(self.tr("この週は提出済みです。承認を待っています。"))
            self.text.setText(self.tr("直すには、管理職に差し戻してもらってください。"))
            self._colour("#e3f2fd", "#1565c0")
        elif status is S.APPROVED:
            self.heading.setText(self.tr("この週は承認済みです。"))
            self.text.setText(self.tr("直すには、管理職に差し戻してもらってください。"))
            self._colour("#e8f5e9", "#2e7d32")
        else:
            self.hide()
            return
        self.show()

    def _colour(self, background: str, border: str) -> None:
        self.setStyleSheet(
            f"QFrame#weekBanner {{ background:{background}; border:1px solid {border};"
            " border-radius:4px; }"
        )
