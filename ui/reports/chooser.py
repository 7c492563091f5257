"""The Reports page's choice: 年度 (令和N年度（YYYY年度）, the years the data holds and the
current one, newest first), 期間 (通年 or a quarter with its months), 帳票 (株主向け事業報告 or
団体別 事業実施状況) and, for the statement, 団体 (a shareholder body). It reads nothing: the
page gives it the years and bodies (set_years, set_bodies) and listens to ``changed``."""

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from oneaqita.fiscal import fiscal_year_label
from ui.reports.report_build import ReportChoice, ReportKind

_QUARTER_MONTHS = ("4月〜6月", "7月〜9月", "10月〜12月", "1月〜3月")


class ReportChooser(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._wanted_body: str | None = None
        self.year_combo = QComboBox()
        self.year_combo.setToolTip(self.tr("報告する年度 (4月〜翌年3月)"))
        self.period_combo = QComboBox()
        self.period_combo.addItem(self.tr("通年（4月〜3月）"), 0)
        for quarter, months in enumerate(_QUARTER_MONTHS, start=1):
            self.period_combo.addItem(
                self.tr("第{n}四半期（{months}）").format(n=quarter, months=months), quarter
            )
        self.report_combo = QComboBox()
        self.report_combo.addItem(self.tr("株主向け事業報告"), ReportKind.SHAREHOLDERS.value)
        self.report_combo.addItem(self.tr("団体別 事業実施状況"), ReportKind.STATEMENT.value)
        self.report_combo.setToolTip(
            self.tr("株主向け事業報告: 株主総会向けの冊子 / 事業実施状況: 一つの株主団体の明細")
        )
        self.body_combo = QComboBox()
        self.body_combo.setMinimumContentsLength(10)
        self.body_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.body_combo.setToolTip(self.tr("明細を作成する株主団体 (県・市町村)"))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for text, combo in (
            (self.tr("年度(&Y)"), self.year_combo),
            (self.tr("期間(&Q)"), self.period_combo),
            (self.tr("帳票(&R)"), self.report_combo),
            (self.tr("団体(&B)"), self.body_combo),
        ):
            label = QLabel(text)
            label.setBuddy(combo)
            layout.addWidget(label)
            layout.addWidget(combo)
            layout.addSpacing(8)
            if combo is self.body_combo:
                self.body_label = label
        for combo in (self.year_combo, self.period_combo, self.report_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for combo in (self.year_combo, self.period_combo, self.report_combo, self.body_combo):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.report_combo.currentIndexChanged.connect(lambda _i: self._show_body())
        self._show_body()

    # -- what the page gives -------------------------------------------------------------
    def set_years(self, years: list[int], chosen: int) -> None:
        """The fiscal years offered (newest first); ``chosen`` is kept if offered."""
        keep = self.year_combo.currentData()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for fy in years:
            self.year_combo.addItem(
                self.tr("{label}（{year}年度）").format(label=fiscal_year_label(fy), year=fy), fy
            )
        # 令和N年度（YYYY年度） whole: the other combos give way first.
        self.year_combo.setMinimumWidth(self.year_combo.sizeHint().width())
        wanted = keep if keep in years else chosen
        self.year_combo.setCurrentIndex(max(self.year_combo.findData(wanted), 0))
        self.year_combo.blockSignals(False)
        if self.year_combo.currentData() != keep:
            self.changed.emit()

    def set_bodies(self, bodies: list[tuple[str, str]]) -> None:
        """(code, name) of the shareholder bodies; the chosen one is kept if still there."""
        keep = self.body_combo.currentData() or self._wanted_body
        self.body_combo.blockSignals(True)
        self.body_combo.clear()
        for code, name in bodies:
            self.body_combo.addItem(f"{code}　{name}", code)
        self.body_combo.setCurrentIndex(max(self.body_combo.findData(keep), 0))
        self.body_combo.blockSignals(False)
        if self.body_combo.currentData() != keep:
            self.changed.emit()

    # -- the choice ----------------------------------------------------------------------
    def choice(self) -> ReportChoice | None:
        """What is chosen; None before the years are read."""
        year = self.year_combo.currentData()
        if year is None:
            return None
        kind = ReportKind(self.report_combo.currentData())
        body = self.body_combo.currentData() if kind is ReportKind.STATEMENT else None
        quarter = int(self.period_combo.currentData()) or None
        return ReportChoice(kind, int(year), quarter, body)

    def set_choice(self, kind: ReportKind, quarter: int | None, body: str | None = None) -> None:
        self.report_combo.setCurrentIndex(max(self.report_combo.findData(kind.value), 0))
        self.period_combo.setCurrentIndex(max(self.period_combo.findData(quarter or 0), 0))
        if body is not None:
            self._wanted_body = body  # kept for when the bodies are read
            index = self.body_combo.findData(body)
            if index >= 0:
                self.body_combo.setCurrentIndex(index)

    def set_year(self, fiscal_year: int) -> None:
        index = self.year_combo.findData(fiscal_year)
        if index >= 0:
            self.year_combo.setCurrentIndex(index)

    def _show_body(self) -> None:
        statement = self.report_combo.currentData() == ReportKind.STATEMENT.value
        self.body_label.setVisible(statement)
        self.body_combo.setVisible(statement)
