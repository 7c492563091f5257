"""The `oneaqita` command: opens the app, or runs a subcommand on the same services."""

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from oneaqita.cli_login import add_user_option, create_admin, open_for_user
from oneaqita.cli_reports import REPORTS, add_report
from oneaqita.cli_users import add_users, run_users
from oneaqita.db.engine import ENV_URL, resolve_url
from oneaqita.errors import BadDatabaseUrl, DomainError

if TYPE_CHECKING:
    pass

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


def _add_db_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        default=argparse.SUPPRESS,
        help=f"SQLAlchemy URL of the database (default: ${ENV_URL}, else the server saved in "
        "Settings > Database, else the SQLite file in the user data folder), e.g. "
        "sqlite:///oneaqita.sqlite3 or "
        "postgresql+psycopg://user@host/db",
    )
    add_user_option(parser)  # every command on a database may name who runs it


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
    up.add_argument(
        "--admin",
        metavar="LOGIN",
        help="then create the first administrator LOGIN (only on a database without users; "
        "password from $ONEAQITA_PASSWORD or asked twice) / 最初の管理者を作成",
    )
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
    add_report(sub, _add_db_option)
    _add_backup(sub)
    add_users(sub, _add_db_option)
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


def _db_url(args: argparse.Namespace) -> str:
    return resolve_url(getattr(args, "db", None))


def _cmd_db(args: argparse.Namespace) -> int:
    from oneaqita.db import migrate
    from oneaqita.db.engine import describe, make_engine
    from oneaqita.services.database import Database

    engine = make_engine(_db_url(args))
    try:
        if args.db_command == "upgrade":
            migrate.upgrade(engine)
            print(f"{describe(engine)}: revision {migrate.current_revision(engine)}")
            if args.admin:
                admin = create_admin(Database(engine), args.admin)
                print(
                    f"管理者「{admin.login}」を作成しました / administrator {admin.login} created"
                )
        else:
            print(migrate.current_revision(engine) or "(empty / 未作成)")
    finally:
        engine.dispose()
    return EXIT_OK


def _cmd_demo(args: argparse.Namespace) -> int:
    from oneaqita.db import migrate
    from oneaqita.demo import STAGE_JA, DemoStage, load_demo
    from oneaqita.permissions import Action, check
    from oneaqita.services.authentication import has_users
    from oneaqita.services.database import Database

    if args.scale <= 0:
        print("--scale は正の数です / --scale must be positive", file=sys.stderr)
        return EXIT_USAGE
    db = Database.open(_db_url(args))
    try:
        migrate.upgrade(db.engine)
        if has_users(db):  # only a proved administrator fills a database others use
            db.dispose()
            db, actor = open_for_user(args, _db_url(args))
            check(actor, Action.RESTORE_DATABASE)  # as drastic as replacing the database

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
    from oneaqita.transfer import ImportRequestError, check_request, import_file

    try:
        check_request(args.kind, args.file)
    except ImportRequestError as exc:
        return _usage_error(exc)
    db, actor = open_for_user(args, _db_url(args))
    try:
        report = import_file(db, actor, args.kind, args.file, check_only=args.check)
    finally:
        db.dispose()
    for error in report.errors:
        print(error, file=sys.stderr)
    print(report.summary(), file=sys.stdout if report.ok else sys.stderr)
    return EXIT_OK if report.ok else EXIT_REJECTED


def _cmd_export(args: argparse.Namespace) -> int:
    from oneaqita.transfer import ImportRequestError, check_export_request, export_kind

    try:
        check_export_request(args.kind, args.file)
    except ImportRequestError as exc:
        return _usage_error(exc)
    db, actor = open_for_user(args, _db_url(args))
    try:
        # Only registered, active users read the data out (export_kind checks it again).
        count = export_kind(db, actor, args.kind, args.file)
    finally:
        db.dispose()
    print(f"{args.file}: {count}件を書き出しました / {count} {args.kind} rows written")
    return EXIT_OK


def _cmd_report(args: argparse.Namespace) -> int:

    db, actor = open_for_user(args, _db_url(args))
    try:
        done = REPORTS[args.report](db, actor, args)
    finally:
        db.dispose()
    print(done)
    return EXIT_OK


def _cmd_backup(args: argparse.Namespace) -> int:
    from oneaqita.services.database_backup import backup_database

    db, actor = open_for_user(args, _db_url(args))
    try:
        written = backup_database(db, actor, args.file, _terminal_progress())
    finally:
        db.dispose()
    print(
        f"{written.path}: バックアップしました ({written.bytes:,} バイト) / "
        f"backup written ({written.bytes:,} bytes)"
    )
    return EXIT_OK


def _cmd_restore(args: argparse.Namespace) -> int:
    from oneaqita.services.database_backup import restore_database

    db, actor = open_for_user(args, _db_url(args))
    try:
        done = restore_database(db, actor, args.file, _terminal_progress())
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
        "users": lambda a: run_users(a, _db_url(a)),
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
