"""What the Reports page builds off the GUI thread: the figures of the chosen report read by
the core (oneaqita/reports/shareholders_figures.py) and laid out as a PDF, kept together so
that the PDF saved, printed and shown, and the statement's CSV, are of the same figures."""

from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path

from oneaqita.reports.shareholders_figures import Statement, body_statement, shareholders_figures
from oneaqita.reports.shareholders_report import TITLE as SHAREHOLDERS_TITLE
from oneaqita.reports.shareholders_report import render_shareholders_pdf
from oneaqita.reports.statement_report import TITLE as STATEMENT_TITLE
from oneaqita.reports.statement_report import render_statement_pdf, write_statement_csv
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database


class ReportKind(Enum):
    SHAREHOLDERS = "shareholders"  # 株主向け事業報告
    STATEMENT = "statement"  # 団体別 事業実施状況, one shareholder body


@dataclass(frozen=True, slots=True)
class ReportChoice:
    kind: ReportKind
    fiscal_year: int
    quarter: int | None  # None: the whole fiscal year
    body: str | None  # the body's code, for a statement

    def is_complete(self) -> bool:
        return self.kind is ReportKind.SHAREHOLDERS or bool(self.body)


@dataclass(frozen=True)
class BuiltReport:
    choice: ReportChoice
    title: str  # the report's name and period, as a window title or document name
    file_stem: str  # what 保存… suggests, without the suffix
    pdf: bytes
    statement: Statement | None  # the statement's figures, for its CSV

    def write_csv(self, path: Path) -> int:
        assert self.statement is not None
        return write_statement_csv(self.statement, path)


def _stem(title: str) -> str:
    """A file name from the title: "株主向け事業報告_令和7年度_第1四半期"."""
    return "_".join(title.split())


def build_report(db: Database, actor: Actor, choice: ReportChoice, today: date) -> BuiltReport:
    """The figures of ``choice`` as issued on ``today`` and their PDF (runs on a worker)."""
    if choice.kind is ReportKind.SHAREHOLDERS:
        figures = shareholders_figures(db, actor, choice.fiscal_year, choice.quarter, today)
        label = figures.period.label
        title = f"{SHAREHOLDERS_TITLE} {label}"
        pdf = render_shareholders_pdf(figures)
        return BuiltReport(choice, title, _stem(title), pdf, None)
    statement = body_statement(
        db, actor, choice.body or "", choice.fiscal_year, choice.quarter, today
    )
    label = statement.period.label
    title = f"{STATEMENT_TITLE} {statement.body.name} {label}"
    return BuiltReport(choice, title, _stem(title), render_statement_pdf(statement), statement)
