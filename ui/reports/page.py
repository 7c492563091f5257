"""The 報告書 page: choose the fiscal year or a quarter and the report (ui/reports/chooser.py),
「作成」 (Ctrl+Enter) reads its figures and lays out its PDF off the GUI thread (seconds at
full scale: a busy bar meanwhile), and the PDF is shown inside the page (ui/pdf_preview.py's
PdfViewer): 「印刷…」 (Ctrl+P) opens the system print dialog, 「保存…」 (Ctrl+S) writes the
PDF, or for a statement the PDF or its CSV by the file type chosen. 「KPI目標…」 opens the
KPI targets of the chosen year, for the roles that set them (Action.SET_KPI_TARGETS).

Nothing is read again by itself: a change to what a built report shows (work orders, hours,
bodies, the register, people, contracts, assets, KPI targets…) only marks the preview
「古くなりました — 再作成」, and a choice other than the one shown says so too; the years and
bodies offered are read when the page is first shown, and again on F5 after a change."""

from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from oneaqita.fiscal import fiscal_quarter, fiscal_year
from oneaqita.permissions import Action, allowed
from oneaqita.reports.pdf_base import write_pdf
from oneaqita.reports.report_choices import report_years, statement_bodies
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from ui.errors import show_error
from ui.kpi_targets_dialog import KpiTargetsDialog
from ui.operations import QueryOp, change_hub
from ui.pdf_preview import PdfViewer
from ui.reports.chooser import ReportChooser
from ui.reports.report_build import BuiltReport, ReportKind, build_report
from ui.shortcuts import add_page_shortcuts

# A change to any of these can alter a report already built.
REPORT_ENTITIES = (
    Entity.ORGANIZATIONS,
    Entity.SHAREHOLDINGS,
    Entity.PEOPLE,
    Entity.SECONDMENTS,
    Entity.CONTRACTS,
    Entity.WORK_ORDERS,
    Entity.ASSETS,
    Entity.FINDINGS,
    Entity.WORK_TYPES,
    Entity.TIME_ENTRIES,
    Entity.TIMESHEET_WEEKS,
    Entity.KPI_TARGETS,
    Entity.DATABASE,
)
# ... and of these, the years and bodies offered.
CHOICE_ENTITIES = (
    Entity.ORGANIZATIONS,
    Entity.SHAREHOLDINGS,
    Entity.WORK_ORDERS,
    Entity.TIME_ENTRIES,
    Entity.DATABASE,
)
_STALE_STYLE = "QLabel { background: #fff3cd; color: #664d03; padding: 3px 8px; }"


class ReportsPage(QWidget):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """`today` fixes the day of issue and the current year (tests); None follows the clock."""
        super().__init__(parent)
        self._db, self._actor, self._today = db, actor, today
        self.built: BuiltReport | None = None
        self.kpi_dialog: KpiTargetsDialog | None = None
        self.saved_to: str | None = None
        self._building = False
        self._changed_since_build = False
        self._choices_stale = True

        self.chooser = ReportChooser()
        self.build_button = QPushButton(self.tr("作成"))
        self.build_button.setToolTip(self.tr("選んだ帳票を作成して表示します (Ctrl+Enter)"))
        self.build_button.setEnabled(False)
        self.kpi_button: QPushButton | None = None
        if allowed(actor, Action.SET_KPI_TARGETS):
            self.kpi_button = QPushButton(self.tr("KPI目標…"))
            self.kpi_button.setToolTip(self.tr("選んだ年度のKPI目標を設定します"))
            self.kpi_button.clicked.connect(self.open_kpi_targets)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)  # busy, without a known end
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        self.status_label = QLabel()
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status_label.setMinimumWidth(1)  # a long path shown is cut, not widening the page
        self.stale_label = QLabel()
        self.stale_label.setStyleSheet(_STALE_STYLE)
        self.stale_label.setTextFormat(Qt.TextFormat.RichText)
        self.stale_label.linkActivated.connect(lambda _link: self.build())
        self.stale_label.hide()

        self.viewer = PdfViewer(shortcut_context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        # A whole page in view: the page is wide, a page fitted to its width is cut in two.
        self.viewer.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.print_button = QPushButton(self.tr("印刷…"))
        self.print_button.setToolTip(self.tr("プリンターに送ります (Ctrl+P)"))
        self.save_button = QPushButton(self.tr("保存…"))
        self.save_button.setToolTip(self.tr("PDFファイル (団体別はCSVも) に保存します (Ctrl+S)"))
        self.viewer.add_tools(self.print_button, self.save_button)
        self.empty_label = QLabel(
            self.tr("年度・期間・帳票を選んで「作成」(Ctrl+Enter) を押すと、ここに表示されます。")
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty_label)
        self.stack.addWidget(self.viewer)
        self._layout()
        self._connect()
        self._show_state()

    def _layout(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.chooser)
        bar.addWidget(self.build_button)
        bar.addStretch(1)
        status = QHBoxLayout()
        row = QWidget()  # of one height whether busy, stale or neither: nothing below jumps
        row.setLayout(status)
        status.setContentsMargins(0, 0, 0, 0)
        row.setMinimumHeight(max(self.busy_bar.sizeHint().height(), 24))
        status.addWidget(self.busy_bar)
        status.addWidget(self.status_label)
        status.addWidget(self.stale_label)
        status.addStretch(1)
        if self.kpi_button is not None:  # on this row: the choice above needs the width
            status.addWidget(self.kpi_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(row)
        layout.addWidget(self.stack, 1)

    def _connect(self) -> None:
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)
        self.build_button.clicked.connect(self.build)
        self.print_button.clicked.connect(self.print_report)
        self.save_button.clicked.connect(self.save_report)
        self.chooser.changed.connect(self._show_state)
        add_page_shortcuts(
            self,
            (
                (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Return), self.build),
                (QKeySequence(Qt.Modifier.CTRL | Qt.Key.Key_Enter), self.build),
                (QKeySequence(QKeySequence.StandardKey.Print), self.print_report),
                (QKeySequence(QKeySequence.StandardKey.Save), self.save_report),
            ),
        )
        change_hub().changed.connect(self._changed)

    def title(self) -> str:
        return self.tr("報告書")

    def today(self) -> date:
        return self._today or date.today()

    # -- the years and bodies offered ----------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self._choices_stale:
            self._load_choices()

    def _load_choices(self) -> None:
        db, actor, today = self._db, self._actor, self.today()
        self._choices_stale = False

        def read() -> tuple[list[int], list[tuple[str, str]]]:
            return report_years(db, actor, today), statement_bodies(db, actor, today)

        def shown(found: tuple[list[int], list[tuple[str, str]]]) -> None:
            years, bodies = found
            # In April to June the report of the year just ended is the one due.
            current = fiscal_year(today)
            default = current - 1 if fiscal_quarter(today) == 1 else current
            self.chooser.set_years(years, default if default in years else current)
            self.chooser.set_bodies(bodies)
            self._show_state()

        QueryOp(self, read).success(shown).run()

    # -- building ------------------------------------------------------------------------
    def build(self) -> None:
        choice = self.chooser.choice()
        if self._building or choice is None or not choice.is_complete():
            return
        db, actor, today = self._db, self._actor, self.today()
        self._building, self._changed_since_build = True, False
        self.status_label.setText(self.tr("作成しています…"))
        self._show_state()

        def shown(built: BuiltReport) -> None:
            self._building = False
            self.built = built
            self.viewer.set_pdf(built.pdf)
            self.stack.setCurrentWidget(self.viewer)
            self._show_state()

        def failed(exc: BaseException) -> None:
            self._building = False
            self._show_state()
            show_error(self, exc)

        QueryOp(self, lambda: build_report(db, actor, choice, today)).success(shown).failure(
            failed
        ).run()

    def _show_state(self) -> None:
        """The buttons, the busy bar, what is shown and whether it is out of date."""
        choice = self.chooser.choice()
        ready = choice is not None and choice.is_complete()
        self.build_button.setEnabled(ready and not self._building)
        self.busy_bar.setVisible(self._building)
        self.setCursor(Qt.CursorShape.BusyCursor if self._building else Qt.CursorShape.ArrowCursor)
        built = self.built
        for button in (self.print_button, self.save_button):
            button.setEnabled(built is not None)
        if self._building:
            self.stale_label.hide()
            return
        if built is None:
            self.status_label.setText("" if ready or choice is None else self._no_body())
            self.stale_label.hide()
            return
        self.status_label.setText(
            self.tr("{title} — {pages}ページ").format(
                title=built.title, pages=self.viewer.page_count()
            )
        )
        stale = self.is_stale()
        if stale and self._changed_since_build:
            why, link = self.tr("古くなりました"), self.tr("再作成")
        elif stale:
            why, link = self.tr("選択と異なります"), self.tr("作成")
        if stale:
            self.stale_label.setText(f"{why} — <a href='build'>{link}</a> (Ctrl+Enter)")
        self.stale_label.setVisible(stale)

    def _no_body(self) -> str:
        return self.tr("株主団体がありません: 団体別の帳票は作成できません。")

    def is_stale(self) -> bool:
        """A report is shown, and the data changed since, or another one is chosen."""
        if self.built is None:
            return False
        return self._changed_since_build or self.chooser.choice() != self.built.choice

    def _changed(self, change: Change) -> None:
        if change.touches(*CHOICE_ENTITIES):
            self._choices_stale = True
        if change.touches(*REPORT_ENTITIES) and (self.built is not None or self._building):
            self._changed_since_build = True
            self._show_state()

    def refresh(self) -> None:
        """F5: the years and bodies read again (when changed), the report shown rebuilt."""
        if self._choices_stale or self.built is None:
            self._load_choices()
        if self.built is not None:
            self.build()

    # -- print, save, KPI targets --------------------------------------------------------
    def print_report(self) -> int:
        """The system print dialog for the report shown; the number of pages printed."""
        if self.built is None or self._building:
            return 0
        return self.viewer.print_document(self.built.title)

    def save_report(self) -> None:
        built = self.built
        if built is None:
            return
        pdf_filter, csv_filter = self.tr("PDF (*.pdf)"), self.tr("CSV (Excel用) (*.csv)")
        filters = [pdf_filter] + ([csv_filter] if built.statement is not None else [])
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = f"{folder}/{built.file_stem}.pdf" if folder else f"{built.file_stem}.pdf"
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("帳票の保存"), suggested, ";;".join(filters)
        )
        if not path:
            return
        lower = path.lower()
        as_csv = built.statement is not None and (
            lower.endswith(".csv") or (chosen == csv_filter and not lower.endswith(".pdf"))
        )
        suffix = ".csv" if as_csv else ".pdf"
        if not lower.endswith(suffix):
            path += suffix
        try:
            if as_csv:
                built.write_csv(Path(path))
            else:
                write_pdf(path, built.pdf)
        except Exception as exc:  # noqa: BLE001 - a folder that refuses says so in a box
            show_error(self, exc)
            return
        self.saved_to = path
        self.status_label.setText(self.tr("保存しました: {path}").format(path=path))
        self.status_label.setToolTip(path)

    def open_kpi_targets(self) -> None:
        choice = self.chooser.choice()
        if self.kpi_button is None or choice is None:
            return
        if self.kpi_dialog is not None:
            self.kpi_dialog.raise_()
            return
        dialog = KpiTargetsDialog(self._db, self._actor, self, year=choice.fiscal_year)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda _o=None: setattr(self, "kpi_dialog", None))
        self.kpi_dialog = dialog
        dialog.open()

    # -- state ---------------------------------------------------------------------------
    def save_state(self, settings: QSettings) -> None:
        choice = self.chooser.choice()
        if choice is not None:
            settings.setValue("reports/kind", choice.kind.value)
            settings.setValue("reports/quarter", choice.quarter or 0)
            settings.setValue("reports/body", choice.body or "")

    def restore_state(self, settings: QSettings) -> None:
        kinds = {k.value: k for k in ReportKind}
        kind = kinds.get(str(settings.value("reports/kind", "")), ReportKind.SHAREHOLDERS)
        quarter = str(settings.value("reports/quarter", "0"))
        body = str(settings.value("reports/body", "")) or None
        self.chooser.set_choice(
            kind, int(quarter) if quarter in ("1", "2", "3", "4") else None, body
        )
