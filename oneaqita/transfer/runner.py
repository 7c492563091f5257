"""Importing one file of one kind: all or nothing, every bad row reported.

Rules (IMPORT-FORMAT.md):

1. Parse: the header row is matched (unknown, doubled or missing required columns are errors on
   line 1 and stop there); every other non-empty row is parsed cell by cell, collecting every
   error of every row as ``FILE:LINE: column: reason``. Two rows with the same key are an error
   on the later one ("same key as line N").
2. Store: the rows that parsed are handed, in file order and a chunk at a time (set-based
   where the kind's service can), as they are read, to the kind's service inside ONE unit of
   work (so memory holds a chunk, not the file; a kind with an order, as assets put parents
   first, needs all its rows before it can store the first, and holds them), under
   SAVEPOINTs, so that a row the service refuses (ValidationError, NotFound, or a database
   constraint) is reported against the column the user named (its ``ValidationError.field``
   mapped back to the header) and the remaining rows are still checked. This runs even when
   phase 1 found errors (for the rows that parsed), so that one run reports every error. Rows
   may rely on earlier rows of the same file (or on any row, where the kind orders them, as
   assets put parents first). Two rows that the service stores as the same
   record (e.g. a holder once by code, once by name) are a duplicate key too. An optional
   column the file leaves out keeps each stored record's value (one present with an empty
   cell clears it).
3. The unit of work is committed only when no row had an error of either kind and ``check_only``
   is false; otherwise it is rolled back and nothing at all is written. ``check_only`` runs the
   very same path, so its counts are what a real import would do.
4. Cancelling: ``cancelled``, when given, is asked between chunks (and every PROGRESS_EVERY
   rows read); once it says True the import raises Cancelled, the unit of work is rolled back
   and nothing at all is written or audited.

Importing the same file again stores nothing new: the services report every row "unchanged".
Only an administrator may import.
"""

import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DataError, IntegrityError
from sqlalchemy.orm import Session

from oneaqita.errors import Cancelled, NotFound, ValidationError
from oneaqita.permissions import Action, requires
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.records import UpsertOutcome
from oneaqita.services.unit_of_work import UnitOfWork
from oneaqita.transfer.columns import Stored
from oneaqita.transfer.parsing import (
    CancelCheck,
    ParsedFile,
    ParsedRow,
    Progress,
    check_request,
    parsing,
)
from oneaqita.transfer.report import ImportReport
from oneaqita.transfer.seen import FirstLines

__all__ = ["import_file"]


def _begin_sqlite_transaction(session: Session) -> None:
    # pysqlite starts its transaction only at the first INSERT/UPDATE/DELETE, so a SAVEPOINT
    # issued before that opens the outermost transaction and its RELEASE commits the row for
    # good: the later rollback of a rejected file would then not undo it.
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        raw: Any = conn.connection.dbapi_connection
        if raw is not None and not raw.in_transaction:
            conn.exec_driver_sql("BEGIN IMMEDIATE")  # a writer: see db/engine.py


# Rows stored under one SAVEPOINT: BULK_CHUNK at a time by the kind's set-based upsert_many
# where it has one (a chunk with a refused row is halved, each half stored under a SAVEPOINT
# of its own, down to the row refused, so that the others stay set-based), CHUNK at a time
# one by one otherwise (a chunk with a refused row is stored again one SAVEPOINT per row: the
# session holds a chunk's objects, which every autoflush looks through). Every refused row is
# reported.
CHUNK = 200
BULK_CHUNK = 1000
_REFUSALS = (ValidationError, NotFound, IntegrityError, DataError)


def _refused(p: ParsedFile, row: ParsedRow, exc: Exception) -> None:
    if isinstance(exc, ValidationError):
        p.error(row.line, p.column_for(exc.field), exc.ja, exc.en)
    elif isinstance(exc, NotFound):
        p.error(row.line, p.key_column(), exc.ja, exc.en)
    else:
        orig = getattr(exc, "orig", None)
        why = str(orig or exc).strip().splitlines()[0]
        why = why if len(why) <= 200 else f"{why[:200]}…"  # the database may quote the value
        p.error(
            row.line,
            p.key_column(),
            f"データベースが受け付けません: {why}",
            f"the database refused the row: {why}",
        )


def _store_chunk(p: ParsedFile, uow: UnitOfWork, chunk: list[ParsedRow]) -> list[Stored | None]:
    spec = p.spec
    if spec.upsert_many is not None and len(chunk) > 1:
        try:
            with uow.session.begin_nested():
                return list(spec.upsert_many(uow, [row.record for row in chunk]))
        except _REFUSALS:
            half = len(chunk) // 2
            return _store_chunk(p, uow, chunk[:half]) + _store_chunk(p, uow, chunk[half:])
    if len(chunk) > 1:
        try:
            with uow.session.begin_nested():
                return [spec.upsert(uow, row.record) for row in chunk]
        except _REFUSALS:
            pass
    results: list[Stored | None] = []
    for row in chunk:
        try:
            with uow.session.begin_nested():
                results.append(spec.upsert(uow, row.record))
        except _REFUSALS as exc:
            _refused(p, row, exc)
            results.append(None)
    return results


def _chunks(p: ParsedFile, rows: Iterator[ParsedRow]) -> tuple[Iterable[list[ParsedRow]], int]:
    """The rows in chunks (of BULK_CHUNK or CHUNK), in the order to store them, and their
    count (0: unknown until the last one is read)."""
    size = BULK_CHUNK if p.spec.upsert_many is not None else CHUNK
    if p.spec.order is None:
        return iter(lambda: list(itertools.islice(rows, size)), []), 0
    every = list(rows)
    ordered = [every[i] for i in p.spec.order([row.record for row in every])]
    return (ordered[i : i + size] for i in range(0, len(ordered), size)), len(ordered)


def _store_rows(
    p: ParsedFile,
    uow: UnitOfWork,
    rows: Iterator[ParsedRow],
    progress: Progress | None,
    cancelled: CancelCheck | None,
) -> None:
    present = frozenset(p.header.names) if p.header else frozenset()
    with FirstLines() as stored:  # record id -> line
        _store_chunks(p, uow, rows, present, stored, progress, cancelled)


def _store_chunks(
    p: ParsedFile,
    uow: UnitOfWork,
    rows: Iterator[ParsedRow],
    present: frozenset[str],
    stored: FirstLines,
    progress: Progress | None,
    cancelled: CancelCheck | None,
) -> None:
    chunks, total = _chunks(p, rows)
    done = 0
    for parsed in chunks:
        if cancelled is not None and cancelled():
            raise Cancelled()
        # A column the file leaves out keeps each stored record's value.
        records = p.spec.keep_stored(uow.session, [row.record for row in parsed], present)
        chunk = [ParsedRow(row.line, record) for row, record in zip(parsed, records, strict=True)]
        results = [
            (row, result)
            for row, result in zip(chunk, _store_chunk(p, uow, chunk), strict=True)
            if result is not None
        ]
        firsts = stored.first_many([(result[0], row.line) for row, result in results])
        for (row, (_record_id, outcome)), first in zip(results, firsts, strict=True):
            if first is not None:
                p.error(
                    row.line,
                    p.key_column(),
                    f"{first}行目と同じデータです",
                    f"same key as line {first} (the same record)",
                )
                continue
            _count(p.report, outcome)
        # Everything so far is flushed: forgetting the objects keeps the session small.
        uow.session.expunge_all()
        done += len(chunk)
        if progress:
            progress("store", done, total)
    if progress and not total:
        progress("store", done, done)


def _store(
    p: ParsedFile,
    rows: Iterator[ParsedRow],
    db: Database,
    actor: Actor,
    progress: Progress | None,
    cancelled: CancelCheck | None,
) -> None:
    report = p.report
    with db.unit_of_work(actor) as uow:
        _begin_sqlite_transaction(uow.session)
        _store_rows(p, uow, rows, progress, cancelled)
        if cancelled is not None and cancelled():
            raise Cancelled()  # the last chunk is stored, but not yet committed
        if report.errors or report.check_only:
            uow.discard()  # the very same path as a real import, then nothing is written
            return
        if report.added or report.updated:
            counts = {"added": report.added, "updated": report.updated}
            after = {"file": Path(report.file).name, **counts, "unchanged": report.unchanged}
            uow.audit("import", p.spec.entity, None, None, after)
        change = uow.change
    report.written = True
    report.change = change


def _count(report: ImportReport, outcome: UpsertOutcome) -> None:
    if outcome is UpsertOutcome.ADDED:
        report.added += 1
    elif outcome is UpsertOutcome.UPDATED:
        report.updated += 1
    else:
        report.unchanged += 1


@requires(Action.IMPORT_FILES)
def import_file(
    db: Database,
    actor: Actor,
    kind: str,
    path: Path | str,
    check_only: bool = False,
    *,
    display_name: str | None = None,
    progress: Progress | None = None,
    cancelled: CancelCheck | None = None,
) -> ImportReport:
    """Import FILE as KIND, all or nothing (see the module docstring for the rules).

    Raises ImportRequestError for an unknown or unsupported kind, a missing file or a suffix
    other than .csv/.xlsx, and PermissionDenied unless ``actor`` is an administrator. Every
    problem with the file's content is in the returned report, never raised; the report's
    ``written`` says whether anything was stored. ``display_name`` is the FILE of the error
    lines (default: the path as given).
    """
    check_request(kind, Path(path))
    opened = parsing(
        kind,
        path,
        check_only=check_only,
        display_name=display_name,
        progress=progress,
        cancelled=cancelled,
    )
    with opened as (p, rows):
        if p.header is not None:  # even without rows: a clean empty file is "imported", 0 rows
            _store(p, rows, db, actor, progress, cancelled)
    p.report.errors.sort(key=lambda e: e.line or 0)
    return p.report
