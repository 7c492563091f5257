"""The `oneaqita` command: opens the app, or runs a subcommand on the same services."""

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from oneaqita.db.engine import ENV_URL, resolve_url
from oneaqita.errors import BadDatabaseUrl, DomainError

if TYPE_CHECKING:
    from datetime import date

    from oneaqita.services.actor import Actor
    from oneaqita.services.database import Database

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


def _add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS,
        help=f"SQLAlchemy URL of the database (default: ${ENV_URL}, else the SQLite file "
        "in the user data folder), e.g. sqlite:///oneaqita.sqlite3 or "
        "postgresql+psycopg://user@host/db",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="oneaqita",
        description="株式会社ONE・AQITA 業務管理 / operations app of ONE-AQITA. "
        "Without a subcommand the desktop app opens.",
    )
    _add_db_option(parser)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open the separate demo database (oneaqita-demo.sqlite3 in the user data folder), "
        "filled with the demo data on first use / デモ用データベースで開く",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    db = sub.add_parser("db", help="database maintenance / データベース管理")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    up = db_sub.add_parser("upgrade", help="create or migrate the schema to the newest revision")
    _add_db_option(up)
    cur = db_sub.add_parser("current", help="print the schema revision of the database")
    _add_db_option(cur)

    demo = sub.add_parser(
        "demo", help="fill an empty database with the demo data set / デモデータの投入"
    )
    _add_db_option(demo)
    demo.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    demo.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="size factor: 1 = about 20,000 assets and 5,000 work orders; 25 = 500,000 assets",
    )
    _add_import_export(sub)
    _add_report(sub)
    _add_backup(sub)
    return parser


def _add_backup(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    status = "Exit status: 0 done, 1 refused (nothing replaced), 2 wrong command."
    backup = sub.add_parser(
        "backup",
        help="write a consistent copy of the SQLite database / バックアップ",
        description="Copy the SQLite database to FILE while it is in use (SQLite's online "
        "backup), checked, renamed into place when complete; an existing FILE is replaced. "
        "Administrators and managers. For PostgreSQL use pg_dump (see the README). "
        "/ 使用中のデータベースをそのまま FILE に複製します。",
        epilog=status,
    )
    _add_db_option(backup)
    backup.add_argument("file", metavar="FILE", type=Path, help="the backup file to write")
    restore = sub.add_parser(
        "restore",
        help="replace the SQLite database by a backup / 復元",
        description="Check FILE (an SQLite file, integrity_check, a schema revision this "
        "version knows, every table) before anything is replaced, migrate it if it is older, "
        "keep the current database as NAME.before-restore-TIMESTAMP.sqlite3 beside it and put "
        "the backup in its place. Close the app and other commands on the database first. "
        "Administrators only. For PostgreSQL use pg_restore (see the README). "
        "/ 確認してから置き換え、元のデータベースは残します。",
        epilog=status,
    )
    _add_db_option(restore)
    restore.add_argument("file", metavar="FILE", type=Path, help="the backup file to restore")


def _kinds_epilog() -> str:
    from oneaqita.transfer import supported_kinds

    return (
        f"KIND: {', '.join(supported_kinds())}. FILE: .csv (UTF-8 or Shift_JIS/CP932) or .xlsx "
        "(first sheet). Columns, keys and value forms: IMPORT-FORMAT.md. "
        "Exit status: 0 done, 1 rejected (nothing written), 2 wrong command."
    )


def _add_import_export(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    imp = sub.add_parser(
        "import",
        help="import a .csv or .xlsx file of one kind / ファイルの取り込み",
        description="Import FILE as records of KIND, all or nothing: a file with any bad row "
        "writes nothing and every bad row is reported as FILE:LINE: column: reason. Rows "
        "whose key exists update that record; importing the same file twice changes nothing "
        "the second time. Administrators only. / 1行でも誤りがあれば何も書き込みません。",
        epilog=_kinds_epilog(),
    )
    _add_db_option(imp)
    imp.add_argument("kind", metavar="KIND", help="what the file holds (see below)")
    imp.add_argument("file", metavar="FILE", type=Path, help="the .csv or .xlsx file")
    imp.add_argument(
        "--check",
        action="store_true",
        help="validate and report what would be added/updated, without writing / 確認のみ",
    )
    exp = sub.add_parser(
        "export",
        help="export one kind to .csv or .xlsx / ファイルへの書き出し",
        description="Write every record of KIND to FILE (.csv in UTF-8 with BOM, or .xlsx) "
        "with Japanese column names; importing the file back changes nothing. An existing "
        "FILE is replaced. / 書き出したファイルはそのまま取り込めます。",
        epilog=_kinds_epilog(),
    )
    _add_db_option(exp)
    exp.add_argument("kind", metavar="KIND", help="what to export (see below)")
    exp.add_argument("file", metavar="FILE", type=Path, help="the .csv or .xlsx file to write")


def _add_report(sub: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
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
        _add_db_option(parser)
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


def _db_url(args: argparse.Namespace) -> str:
    return resolve_url(getattr(args, "db", None))


def _cmd_db(args: argparse.Namespace) -> int:
    from oneaqita.db import migrate
    from oneaqita.db.engine import describe, make_engine

    engine = make_engine(_db_url(args))
    try:
        if args.db_command == "upgrade":
            migrate.upgrade(engine)
            print(f"{describe(engine)}: revision {migrate.current_revision(engine)}")
        else:
            print(migrate.current_revision(engine) or "(empty / 未作成)")
    finally:
        engine.dispose()
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace) -> int:
    from oneaqita.db import migrate
    from oneaqita.demo import STAGE_JA, DemoStage, load_demo
    from oneaqita.services.database import Database
    from oneaqita.services.users import desktop_actor

    if args.scale <= 0:
        print("--scale は正の数です / --scale must be positive", file=sys.stderr)
        return EXIT_USAGE
    db = Database.open(_db_url(args))
    try:
        migrate.upgrade(db.engine)
        desktop_actor(db)  # the person loading the demo can open it in the app afterwards

        def progress(stage: DemoStage, done: int, total: int) -> None:
            if sys.stderr.isatty():
                label = f"{STAGE_JA[stage]} / {stage}"
                print(f"\r{label}: {done:,}/{total:,}", end="", file=sys.stderr, flush=True)

        summary = load_demo(db, seed=args.seed, scale=args.scale, progress=progress)
        if sys.stderr.isatty():
            print(file=sys.stderr)
        print(f"{db.describe()}: {summary}")
    finally:
        db.dispose()
    return EXIT_OK


def _usage_error(exc: DomainError) -> int:
    print(f"oneaqita: {exc.ja}\n          {exc.en}", file=sys.stderr)
    return EXIT_USAGE


def _cmd_import(args: argparse.Namespace) -> int:
    from oneaqita.db import migrate
    from oneaqita.services.database import Database
    from oneaqita.services.users import desktop_actor
    from oneaqita.transfer import ImportRequestError, check_request, import_file

    try:
        check_request(args.kind, args.file)
    except ImportRequestError as exc:
        return _usage_error(exc)
    db = Database.open(_db_url(args))
    try:
        migrate.upgrade(db.engine)
        actor = desktop_actor(db)
        report = import_file(db, actor, args.kind, args.file, check_only=args.check)
    finally:
        db.dispose()
    for error in report.errors:
        print(error, file=sys.stderr)
    print(report.summary(), file=sys.stdout if report.ok else sys.stderr)
    return EXIT_OK if report.ok else EXIT_REJECTED


def _cmd_export(args: argparse.Namespace) -> int:
    from oneaqita.db import migrate
    from oneaqita.services.database import Database
    from oneaqita.services.users import desktop_actor
    from oneaqita.transfer import ImportRequestError, check_export_request, export_kind

    try:
        check_export_request(args.kind, args.file)
    except ImportRequestError as exc:
        return _usage_error(exc)
    db = Database.open(_db_url(args))
    try:
        migrate.upgrade(db.engine)
        # Only registered, active users read the data out (export_kind checks it again).
        count = export_kind(db, desktop_actor(db), args.kind, args.file)
    finally:
        db.dispose()
    print(f"{args.file}: {count}件を書き出しました / {count} {args.kind} rows written")
    return EXIT_OK


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


def _cmd_report(args: argparse.Namespace) -> int:
    from oneaqita.db import migrate
    from oneaqita.services.database import Database
    from oneaqita.services.users import desktop_actor

    db = Database.open(_db_url(args))
    try:
        migrate.upgrade(db.engine)
        done = REPORTS[args.report](db, desktop_actor(db), args)
    finally:
        db.dispose()
    print(done)
    return EXIT_OK


def _cmd_backup(args: argparse.Namespace) -> int:
    from oneaqita.db import migrate
    from oneaqita.services.database import Database
    from oneaqita.services.database_backup import backup_database
    from oneaqita.services.users import desktop_actor

    db = Database.open(_db_url(args))
    try:
        migrate.upgrade(db.engine)
        written = backup_database(db, desktop_actor(db), args.file, _terminal_progress())
    finally:
        db.dispose()
    print(
        f"{written.path}: バックアップしました ({written.bytes:,} バイト) / "
        f"backup written ({written.bytes:,} bytes)"
    )
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace) -> int:
    from oneaqita.db import migrate
    from oneaqita.services.database import Database
    from oneaqita.services.database_backup import restore_database
    from oneaqita.services.users import desktop_actor

    db = Database.open(_db_url(args))
    try:
        migrate.upgrade(db.engine)
        done = restore_database(db, desktop_actor(db), args.file, _terminal_progress())
    finally:
        db.dispose()
    print(f"{done.live}: {done.source} から復元しました / restored from {done.source}")
    if done.kept is not None:
        print(f"元のデータベース / the previous database: {done.kept}")
    if done.revision != done.head:
        print(f"版 {done.revision} → {done.head} に更新しました / migrated")
    return EXIT_OK


def _terminal_progress() -> "Callable[[str, int, int], None] | None":
    if not sys.stderr.isatty():
        return None

    labels = {"copy": "複製 / copying", "check": "検査 / checking", "migrate": "更新 / migrating"}

    def progress(stage: str, done: int, total: int) -> None:
        label = labels.get(stage, stage)
        if total > 0:
            end = "\n" if done >= total else ""
            print(f"\r{label}: {done:,}/{total:,} pages", end=end, file=sys.stderr, flush=True)
        else:
            print(f"{label}…", file=sys.stderr, flush=True)

    return progress


# Opens the desktop app on (url, demo). The core never imports the UI: ui.launcher passes
# this in, so that the same command line serves scripts and the `oneaqita` app command.
OpenApp = Callable[[str | None, bool], int]


def _cmd_gui(args: argparse.Namespace, open_app: OpenApp | None) -> int:
    if open_app is None:
        print(
            "oneaqita: 画面はこのコマンドからは開けません (サブコマンドを指定してください)\n"
            "          this entry point has no desktop app; give a subcommand",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.demo:
        from oneaqita.db.engine import demo_database_url

        return open_app(demo_database_url(), True)
    return open_app(getattr(args, "db", None), False)


def main(argv: Sequence[str] | None = None, open_app: OpenApp | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handlers: dict[str | None, Callable[[argparse.Namespace], int]] = {
        "db": _cmd_db,
        "demo": _cmd_demo,
        "import": _cmd_import,
        "export": _cmd_export,
        "report": _cmd_report,
        "backup": _cmd_backup,
        "restore": _cmd_restore,
        None: lambda a: _cmd_gui(a, open_app),
    }
    try:
        return handlers[args.command](args)
    except BadDatabaseUrl as exc:  # --db or $ONEAQITA_DATABASE_URL names no usable database
        return _usage_error(exc)
    except DomainError as exc:
        print(f"oneaqita: {exc.ja}\n          {exc.en}", file=sys.stderr)
        return EXIT_REJECTED
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
