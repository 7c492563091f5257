"""The inspection plan's bar per fiscal year: the length (km) each year gets, beside the
even share (the dashed line), so the levelling is seen at a glance. Drawn with QPainter; the
numbers come from the preview (services/inspection_planning.py)."""

from decimal import Decimal

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from oneaqita.services.inspection_planning import YearPlan
from ui.staffing.labels import fiscal_year_text

_BAR = QColor("#3a7bbf")
_TARGET = QColor("#b05000")


def km_text(km: Decimal) -> str:
    return f"{km:,.2f} km"


class PlanChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.years: list[YearPlan] = []
        self.setMinimumHeight(170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(420, 190)

    def show_years(self, years: list[YearPlan]) -> None:
        self.years = list(years)
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        if not self.years:
            return
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = p.fontMetrics()
        line = metrics.height()
        top, bottom = 2 * line + 8, self.height() - 2 * line - 8
        left, right = 8, self.width() - 8
        highest = max(float(y.length_km) for y in self.years) or 1.0
        mean = sum(float(y.length_km) for y in self.years) / len(self.years)
        slot = (right - left) / len(self.years)
        bar_width = min(slot * 0.6, 90.0)
        palette_text = self.palette().windowText().color()
        for i, year in enumerate(self.years):
            x = left + i * slot + (slot - bar_width) / 2
            h = (bottom - top) * float(year.length_km) / highest
            p.fillRect(QRectF(x, bottom - h, bar_width, h), _BAR)
            p.setPen(palette_text)
            center = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter
            p.drawText(
                QRectF(left + i * slot, bottom - h - line - 2, slot, line),
                center,
                km_text(year.length_km),
            )
            p.drawText(
                QRectF(left + i * slot, bottom + 4, slot, line),
                center,
                fiscal_year_text(year.fiscal_year, with_year=False),
            )
            p.drawText(
                QRectF(left + i * slot, bottom + 4 + line, slot, line),
                center,
                self.tr("{count} 件").format(count=f"{year.orders:,}"),
            )
        y = bottom - (bottom - top) * mean / highest
        pen = QPen(_TARGET, 1.5, Qt.PenStyle.DashLine)
        p.setPen(pen)
        p.drawLine(left, round(y), right, round(y))
        p.drawText(
            QRectF(left, 0, right - left, line),
            Qt.AlignmentFlag.AlignLeft,
            self.tr("均等配分 {km}").format(km=km_text(Decimal(str(round(mean, 2))))),
        )
        p.end()
