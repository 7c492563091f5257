"""`oneaqita report WHAT … -o FILE`: the report sub-commands' options and the function that
writes each report (REPORTS), apart from the rest of the command line (cli.py)."""

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

    from oneaqita.services.actor import Actor
    from oneaqita.services.database import Database

__all__ = ["REPORTS", "add_report"]


def add_report(
    sub: "argparse._SubParsersAction[argparse.ArgumentParser]",
    add_db_option: Callable[[argparse.ArgumentParser], None],
) -> None:
    """`oneaqita report WHAT … -o FILE`: one subcommand per PDF (REPORTS below)."""
    report = sub.add_parser(
        "report",
        help="write a report as PDF or CSV / 帳票 (PDF・CSV) の出力",
        description="Write one report as PDF (or CSV). Exit status: 0 written, 1 not found, "
        "not allowed or not writable, 2 wrong command. / 帳票を書き出します。",
    )
    report_sub = report.add_subparsers(dest="report", metavar="REPORT", required=True)

    def add(name: str, help: str, description: str, output: str) -> argparse.ArgumentParser:
        parser = report_sub.add_parser(name, help=help, description=description)
        add_db_option(parser)
        parser.add_argument("-o", "--output", metavar="FILE", type=Path, required=True, help=output)
        return parser

    wo = add(
        "work-order",
        "the work-order sheet (作業指示書) of one order",
        "The work-order sheet of the order numbered NUMBER: the order, its "
        "assets, the findings form to fill in on site and the findings recorded. An existing "
        "FILE is replaced. / 作業指示書をPDFに書き出します。",
        "the PDF file to write",
    )
    wo.add_argument("number", metavar="NUMBER", help="the work order's number, e.g. WO-2025-000123")
    st = add(
        "settlement",
        "the secondment settlement (派遣負担金精算書) of a month, per sending body",
        "Per sending body: each seconded person of the month, kind and period, days "
        "and hours, the monthly cost basis, the company's share, the amount owed to the body "
        "and the fiscal year to date. Managers and administrators only. FILE ending in .pdf "
        "or .csv decides the format. / 派遣負担金精算書をPDFかCSVに書き出します。",
        "the .pdf or .csv file",
    )
    st.add_argument("--month", metavar="YYYY-MM", required=True, help="the month, e.g. 2025-04")
    st.add_argument("--body", metavar="CODE", help="only this sending body (its code)")
    hr = add(
        "hours",
        "monthly hours per person (月間作業時間表)",
        "Per person: the hours of each day of the month by work order and "
        "category, with totals; one person or everyone with hours in the month. FILE ending "
        "in .pdf or .csv decides the format. / 月間作業時間表をPDFかCSVに書き出します。",
        "the .pdf or .csv file",
    )
    hr.add_argument("--month", metavar="YYYY-MM", required=True, help="the month, e.g. 2025-04")
    hr.add_argument("--person", metavar="EMPLOYEE_NO", help="only this person")
    hr.add_argument(
        "--body", metavar="CODE", help="only the people seconded from this body (its code)"
    )
    ch = add(
        "contract-hours",
        "hours per contract and client body of a month (契約別作業時間表)",
        "Per client body: the hours of the month on each of its contracts, with the people "
        "and work orders that logged them and the body's subtotal; overhead categories as "
        "their own block, then the total. FILE ending in .pdf or .csv decides the format. "
        "/ 契約別作業時間表をPDFかCSVに書き出します。",
        "the .pdf or .csv file",
    )
    ch.add_argument("--month", metavar="YYYY-MM", required=True, help="the month, e.g. 2025-04")
    ch.add_argument("--body", metavar="CODE", help="only this client body (its code)")
    sh = add(
        "shareholders",
        "the report to the shareholders (株主向け事業報告) of a fiscal year or quarter",
        "Cover, contents, company and shareholder register, staff by origin, key figures "
        "against last year, work per client body and per service, KPI targets and results, "
        "asset condition, and one page per shareholder body. "
        "/ 株主向け事業報告をPDFに書き出します。",
        "the PDF file to write",
    )
    _add_period(sh)
    sm = add(
        "statement",
        "one body's statement (団体別 事業実施状況) of a fiscal year or quarter",
        "The body's page of the report to the shareholders: its holding, its work by service "
        "against last year, its contracts and its assets' condition. FILE ending in .pdf or "
        ".csv decides the format. / 団体別の事業実施状況をPDFかCSVに書き出します。",
        "the .pdf or .csv file",
    )
    sm.add_argument("--body", metavar="CODE", required=True, help="the body's code, e.g. 052019")
    _add_period(sm)


def _add_period(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--fiscal-year",
        metavar="YYYY",
        type=int,
        required=True,
        help="the fiscal year by the Western year it starts in (2025 = 令和7年度, April 2025 "
        "to March 2026)",
    )
    parser.add_argument(
        "--quarter",
        metavar="Q",
        type=int,
        choices=(1, 2, 3, 4),
        help="only this quarter: 1 = April-June, 2 = July-September, 3 = October-December, "
        "4 = January-March",
    )


def _report_work_order(db: "Database", actor: "Actor", args: argparse.Namespace) -> str:
    from oneaqita.reports.pdf_base import write_pdf
    from oneaqita.reports.work_order_sheet import work_order_sheet_pdf

    write_pdf(args.output, work_order_sheet_pdf(db, actor, args.number))
    return f"{args.output}: 作業指示書 {args.number} を書き出しました / work-order sheet written"


def _month(text: str) -> "date":
    from datetime import date

    from oneaqita.errors import ValidationError

    year, _, month = text.partition("-")
    digits = len(year) == 4 and len(month) == 2 and year.isdigit() and month.isdigit()
    if digits and 1 <= int(month) <= 12 and int(year) >= 1900:
        return date(int(year), int(month), 1)
    raise ValidationError(
        f"月は YYYY-MM で指定してください (例 2025-04): {text!r}",
        f"give the month as YYYY-MM (e.g. 2025-04), not {text!r}",
        "month",
    )


def _report_settlement(db: "Database", actor: "Actor", args: argparse.Namespace) -> str:
    from oneaqita.reports.pdf_base import write_pdf
    from oneaqita.reports.report_files import report_format
    from oneaqita.reports.settlement_figures import settlement_figures
    from oneaqita.reports.settlement_report import (
        month_label,
        render_settlement_pdf,
        write_settlement_csv,
    )

    kind, month = report_format(args.output), _month(args.month)
    figures = settlement_figures(db, actor, month, args.body)
    if kind == "pdf":
        write_pdf(args.output, render_settlement_pdf(figures))
    else:
        write_settlement_csv(figures, args.output)
    return (
        f"{args.output}: {month_label(month)}分の派遣負担金精算書 ({len(figures.bodies)}団体) を"
        f"書き出しました / settlement of {args.month} written ({len(figures.bodies)} bodies)"
    )


def _report_hours(db: "Database", actor: "Actor", args: argparse.Namespace) -> str:
    from oneaqita.reports.hours_figures import hours_figures
    from oneaqita.reports.hours_report import render_hours_pdf, write_hours_csv
    from oneaqita.reports.monthly import month_label
    from oneaqita.reports.pdf_base import write_pdf
    from oneaqita.reports.report_files import report_format

    kind, month = report_format(args.output), _month(args.month)
    figures = hours_figures(db, actor, month, args.person, args.body)
    if kind == "pdf":
        write_pdf(args.output, render_hours_pdf(figures))
    else:
        write_hours_csv(figures, args.output)
    return (
        f"{args.output}: {month_label(month)}の月間作業時間表 ({len(figures.people)}名) を"
        f"書き出しました / hours of {args.month} written ({len(figures.people)} people)"
    )


def _report_contract_hours(db: "Database", actor: "Actor", args: argparse.Namespace) -> str:
    from oneaqita.reports.contract_hours_figures import contract_hours_figures
    from oneaqita.reports.contract_hours_report import (
        render_contract_hours_pdf,
        write_contract_hours_csv,
    )
    from oneaqita.reports.monthly import month_label
    from oneaqita.reports.pdf_base import write_pdf
    from oneaqita.reports.report_files import report_format

    kind, month = report_format(args.output), _month(args.month)
    figures = contract_hours_figures(db, actor, month, args.body)
    if kind == "pdf":
        write_pdf(args.output, render_contract_hours_pdf(figures))
    else:
        write_contract_hours_csv(figures, args.output)
    return (
        f"{args.output}: {month_label(month)}の契約別作業時間表 ({len(figures.bodies)}団体) を"
        f"書き出しました / hours per contract of {args.month} written "
        f"({len(figures.bodies)} bodies)"
    )


def _report_shareholders(db: "Database", actor: "Actor", args: argparse.Namespace) -> str:
    from oneaqita.reports.pdf_base import write_pdf
    from oneaqita.reports.shareholders_figures import shareholders_figures
    from oneaqita.reports.shareholders_report import render_shareholders_pdf

    if args.output.suffix.lower() != ".pdf":
        from oneaqita.errors import ValidationError

        raise ValidationError(
            f"{args.output}: 出力ファイルは .pdf にしてください。",
            f"{args.output}: the output file must end in .pdf.",
            "output",
        )
    figures = shareholders_figures(db, actor, args.fiscal_year, args.quarter)
    write_pdf(args.output, render_shareholders_pdf(figures))
    return (
        f"{args.output}: {figures.period.label}の株主向け事業報告 ({len(figures.bodies)}団体) を"
        f"書き出しました / report to the shareholders written ({len(figures.bodies)} bodies)"
    )


def _report_statement(db: "Database", actor: "Actor", args: argparse.Namespace) -> str:
    from oneaqita.reports.pdf_base import write_pdf
    from oneaqita.reports.report_files import report_format
    from oneaqita.reports.shareholders_figures import body_statement
    from oneaqita.reports.statement_report import render_statement_pdf, write_statement_csv

    kind = report_format(args.output)
    statement = body_statement(db, actor, args.body, args.fiscal_year, args.quarter)
    if kind == "pdf":
        write_pdf(args.output, render_statement_pdf(statement))
    else:
        write_statement_csv(statement, args.output)
    return (
        f"{args.output}: {statement.body.name}の{statement.period.label}の事業実施状況を"
        f"書き出しました / statement of {statement.body.code} written"
    )


# The reports `oneaqita report` writes: each reads with the desktop user and returns its line.
REPORTS: dict[str, Callable[["Database", "Actor", argparse.Namespace], str]] = {
    "work-order": _report_work_order,
    "settlement": _report_settlement,
    "hours": _report_hours,
    "contract-hours": _report_contract_hours,
    "shareholders": _report_shareholders,
    "statement": _report_statement,
}
