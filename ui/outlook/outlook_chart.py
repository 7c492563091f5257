"""The outlook's stacked bar chart: the renewal cost per fiscal year in 百万円, stacked by kind
or by owner body, with the levelled scenario's spending as a line when a budget is given. The
figures are the core's (reports/renewal_outlook.py); the chart only draws them."""

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QLineSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QCursor, QFont, QPainter, QPen
from PySide6.QtWidgets import QToolTip, QWidget

from oneaqita.reports.renewal_levelling import LevelledPlan
from oneaqita.reports.renewal_outlook import YearTotal

MILLION = 1_000_000
_COLORS = (
    "#3a7bbf",
    "#e08a2c",
    "#4d9f5a",
    "#c44e52",
    "#8172b2",
    "#937860",
    "#da8bc3",
    "#8c8c8c",
    "#ccb974",
    "#64b5cd",
)
_LEVELLED = QColor("#202020")


def millions(yen: int) -> float:
    return round(yen / MILLION, 1)


class OutlookChart(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(260)
        self.bar_sets: list[QBarSet] = []
        self.levelled_series: QLineSeries | None = None
        self.setChart(QChart())

    def show_years(
        self,
        totals: Sequence[YearTotal],
        parts: Sequence[tuple[object, str]],
        plan: LevelledPlan | None,
    ) -> None:
        """One bar per year of `totals`, one stacked set per (key, name) of `parts` (the keys
        of YearTotal.by_part), and the plan's spending as a line."""
        chart = QChart()
        chart.setTitle(self.tr("改築需要(百万円/年)"))
        # Many bodies do not fit in a row below the chart: they are listed beside it.
        many = len(parts) > 8
        legend = chart.legend()
        legend.setAlignment(Qt.AlignmentFlag.AlignRight if many else Qt.AlignmentFlag.AlignBottom)
        if many:
            small = QFont(legend.font())
            small.setPointSizeF(max(6.0, small.pointSizeF() * 0.75))
            legend.setFont(small)
        series = QStackedBarSeries()
        self.bar_sets = []
        for i, (key, name) in enumerate(parts):
            bar_set = QBarSet(name)
            bar_set.setColor(QColor(_COLORS[i % len(_COLORS)]))
            bar_set.append([millions(t.by_part.get(key, 0)) for t in totals])
            bar_set.hovered.connect(lambda on, index, s=bar_set: self._hovered(on, index, s))
            series.append(bar_set)
            self.bar_sets.append(bar_set)
        series.setBarWidth(0.8)
        chart.addSeries(series)
        years = QBarCategoryAxis()
        years.append([str(t.fiscal_year) for t in totals])
        years.setLabelsAngle(-90)
        tiny = QFont(years.labelsFont())
        tiny.setPointSizeF(max(6.0, tiny.pointSizeF() * 0.8))
        years.setLabelsFont(tiny)
        chart.addAxis(years, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(years)
        axis = QValueAxis()
        axis.setLabelFormat("%.0f")
        axis.setTitleText(self.tr("百万円"))
        chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(axis)
        highest = max((millions(t.cost_yen) for t in totals), default=0.0)
        self.levelled_series = None
        if plan is not None:
            line = QLineSeries()
            line.setName(
                self.tr("平準化後(予算 {budget} 百万円/年)").format(
                    budget=f"{millions(plan.budget_yen):,.1f}"
                )
            )
            line.setPen(QPen(_LEVELLED, 2))
            for i, year in enumerate(plan.years):
                line.append(QPointF(i, millions(year.spent_yen)))
            chart.addSeries(line)
            line.attachAxis(years)
            line.attachAxis(axis)
            self.levelled_series = line
            highest = max(highest, millions(plan.budget_yen))
        axis.setRange(0, max(1.0, highest * 1.05))
        axis.applyNiceNumbers()
        old = self.chart()
        self.setChart(chart)
        old.deleteLater()

    def _hovered(self, on: bool, index: int, bar_set: QBarSet) -> None:
        if not on:
            QToolTip.hideText()
            return
        axis = self.chart().axes(Qt.Orientation.Horizontal)
        year = axis[0].at(index) if axis and isinstance(axis[0], QBarCategoryAxis) else ""
        QToolTip.showText(
            QCursor.pos(),
            self.tr("{year}年度 {name}: {value} 百万円").format(
                year=year, name=bar_set.label(), value=f"{bar_set.at(index):,.1f}"
            ),
            self,
        )

    def levelled_values(self) -> list[float]:
        series = self.levelled_series
        return [] if series is None else [p.y() for p in series.points()]
