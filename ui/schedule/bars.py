"""The schedule page's two bars: the period (週/月, ◀ 今日 ▶, the period shown, the status
colours) and the filters (sending body, contract, the person's name; the count)."""

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QWidget

from oneaqita.models import WorkOrderStatus
from oneaqita.services.contract_queries import ContractRow
from oneaqita.services.schedule_queries import ScheduleFilter, Span
from ui.filter_bar_base import FilterBar
from ui.labels import status_label
from ui.schedule.header import STATUS_COLORS


class PeriodBar(QWidget):
    span_changed = Signal(object)  # Span
    step_requested = Signal(int)  # -1 / +1 periods
    today_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.week_button = QPushButton(self.tr("週"))
        self.month_button = QPushButton(self.tr("月"))
        self.spans = QButtonGroup(self)
        for button, span in ((self.week_button, Span.WEEK), (self.month_button, Span.MONTH)):
            button.setCheckable(True)
            button.setAutoDefault(False)
            self.spans.addButton(button)
            button.clicked.connect(lambda _=False, s=span: self.span_changed.emit(s))
        self.week_button.setToolTip(self.tr("1週間 (月〜日) を表示します"))
        self.month_button.setToolTip(self.tr("1か月を表示します"))
        self.previous_button = QPushButton("◀")
        self.previous_button.setToolTip(self.tr("前の期間 (PageUp)"))
        self.today_button = QPushButton(self.tr("今日"))
        self.today_button.setToolTip(self.tr("今日を含む期間 (Home・T)"))
        self.next_button = QPushButton("▶")
        self.next_button.setToolTip(self.tr("次の期間 (PageDown)"))
        for button in (self.previous_button, self.today_button, self.next_button):
            button.setAutoDefault(False)
        self.previous_button.clicked.connect(lambda: self.step_requested.emit(-1))
        self.next_button.clicked.connect(lambda: self.step_requested.emit(1))
        self.today_button.clicked.connect(self.today_requested)
        self.period_label = QLabel()
        self.period_label.setMinimumWidth(220)
        legend = "　".join(
            f'<span style="color:{STATUS_COLORS[s].name()}">■</span> {status_label(s)}'
            for s in WorkOrderStatus
            if s is not WorkOrderStatus.CANCELLED
        )
        overload = self.tr("過負荷")
        self.legend = QLabel(f'{legend}　<span style="color:#c62828">■</span> {overload}')

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (
            self.week_button,
            self.month_button,
            self.previous_button,
            self.today_button,
            self.next_button,
            self.period_label,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.legend)

    def show_period(self, span: Span, start: date, end: date) -> None:
        for button, its in ((self.week_button, Span.WEEK), (self.month_button, Span.MONTH)):
            button.setChecked(its is span)
            font = button.font()
            font.setBold(its is span)  # the checked look alone is faint in some styles
            button.setFont(font)
        if span is Span.MONTH:
            text = self.tr("{year}年{month}月").format(year=start.year, month=start.month)
        else:
            text = self.tr("{y1}年{m1}月{d1}日 〜 {y2}年{m2}月{d2}日").format(
                y1=start.year, m1=start.month, d1=start.day, y2=end.year, m2=end.month, d2=end.day
            )
        self.period_label.setText(text)


class ScheduleFilterBar(FilterBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.body_combo = self._choice_combo(self.tr("すべての派遣元"), 10)
        self.contract_combo = self._choice_combo(self.tr("すべての契約"), 14)
        self.contract_combo.setToolTip(self.tr("表示期間の年度の契約"))
        self.search_edit.setPlaceholderText(self.tr("担当者の氏名・よみ・社員番号で検索"))
        self.search_edit.setMinimumWidth(220)
        self.count_label.setMinimumWidth(110)
        self._lay_out(QLabel(self.tr("派遣元")), self.body_combo, self.contract_combo)

    def schedule_filter(self) -> ScheduleFilter:
        body, contract = self.body_combo.currentData(), self.contract_combo.currentData()
        return ScheduleFilter(
            organization_id=int(body) if body is not None else None,
            contract_id=int(contract) if contract is not None else None,
            text=self.text(),
        )

    def set_bodies(self, choices: list[tuple[int, str, str]]) -> None:
        self._refill(self.body_combo, [(i, name, code) for i, code, name in choices])

    def set_contracts(self, rows: list[ContractRow]) -> None:
        self._refill(self.contract_combo, [(r.id, r.number, r.title) for r in rows])

    def count_text(self, count: int) -> str:
        return self.tr("{count} 人").format(count=f"{count:,}")
