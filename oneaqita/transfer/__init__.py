"""Import and export of spreadsheet files (IMPORT-FORMAT.md), Qt-free.

Public API:

- ``import_file(db, actor, kind, path, check_only=False, *, display_name=None, progress=None)``
  → ``ImportReport``: all or nothing; every bad row as ``FILE:LINE: column: reason``.
- ``export_kind(db, actor, kind, path)`` → number of records written (.csv UTF-8 with BOM or
  .xlsx, Japanese headers); importing the file back changes nothing. Any registered, active
  user may export.
- ``check_request(kind, path)`` / ``check_export_request(kind, path)``: the checks that make a
  command wrong (``ImportRequestError``, exit status 2) before any database work.
- ``supported_kinds()``, ``ALL_KINDS``, ``KINDS`` (the column specs, e.g. for a dialog's help).
"""

from oneaqita.transfer.export import check_export_request, export_kind
from oneaqita.transfer.kinds import ALL_KINDS, KINDS, get_kind, supported_kinds
from oneaqita.transfer.parsing import Progress, check_request, parse_file
from oneaqita.transfer.report import ImportReport, ImportRequestError, RowError
from oneaqita.transfer.runner import import_file

__all__ = [
    "ALL_KINDS",
    "KINDS",
    "ImportReport",
    "ImportRequestError",
    "Progress",
    "RowError",
    "check_export_request",
    "check_request",
    "export_kind",
    "get_kind",
    "import_file",
    "parse_file",
    "supported_kinds",
]
