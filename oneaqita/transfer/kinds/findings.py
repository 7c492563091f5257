"""Kind ``findings``: key ``work_order`` + ``asset`` + ``category``; the order by its number,
the asset by its code; rank a, b, c; urgency I, II, III (left out: it follows from the grades,
services/findings.py); ``photos`` the files attached to the finding.

Photos (services/attachments.py for the limits and names):

- A cell lists file names separated by ";", relative to the folder of the imported file
  (``写真/p1.jpg`` is ``p1.jpg`` in its 写真 folder); a name that leaves that folder
  (absolute, or with a ``..`` part) is refused. Names are taken as written, not
  NFKC-normalised, so that the file is found; it is attached under its base name.
- The files listed become the finding's files: a file beside the import is attached, or
  replaces the stored one of its name when its content differs (the same content changes
  nothing); a name that is not beside the import keeps the stored file of that name, and is
  an error at that row and column when there is none (so an export, which writes the names,
  imports back unchanged without its photos); stored files not listed are removed. A file
  over the limits is an error at its row and column.
- A file without the photos column leaves every finding's files alone; an empty cell removes
  them (as any column: README.md).
"""

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from oneaqita.errors import ValidationError
from oneaqita.models import Asset, Finding, FindingAttachment, FindingRank, Urgency, WorkOrder
from oneaqita.permissions import Action, requires
from oneaqita.services.attachments import FIELD, read_file, replace_files
from oneaqita.services.changes import Entity
from oneaqita.services.findings import FindingData, upsert_finding
from oneaqita.services.records import UpsertOutcome
from oneaqita.services.unit_of_work import UnitOfWork
from oneaqita.services.work_order_queries import work_order_id_by_number
from oneaqita.transfer.columns import Column, KindSpec, Stored, choice, join_list
from oneaqita.values import Cell, quote

__all__ = ["SPEC", "FindingRow", "StoredNames"]


class StoredNames(tuple[str, ...]):
    """The names of a finding's stored files, as a file without the photos column keeps
    them: nothing is read or changed."""

    __slots__ = ()


@dataclass(frozen=True)
class FindingRow:
    work_order: str
    asset: str
    category: str
    rank: FindingRank
    urgency: Urgency | None = None
    note: str | None = None
    photos: tuple[str, ...] | None = None


def photo_names(value: Cell) -> tuple[str, ...] | None:
    """The names as written (trimmed, not normalised), split on ";" or "；"."""
    if value is None:
        return None
    text = str(value).replace("；", ";")
    names = tuple(dict.fromkeys(n.strip() for n in text.split(";") if n.strip()))
    return names or None


def _asset_id(uow: UnitOfWork, code: str) -> int:
    found = uow.session.scalar(select(Asset.id).where(Asset.code == code))
    if found is None:
        raise ValidationError(
            f"施設番号 {quote(code, ja=True)} の施設がありません。",
            f"no asset coded {quote(code)}",
            "asset",
        )
    return found


def _photo(folder: Path | None, name: str) -> tuple[str, bytes | None]:
    """(name, the file's content, or None when it is not beside the import)."""
    relative = PurePath(name.replace("\\", "/"))
    if relative.is_absolute() or ".." in relative.parts or (relative.drive or "").strip():
        raise ValidationError(
            f"{quote(name, ja=True)}: 取り込むファイルのフォルダの中のファイルを指定してください。",
            f"{quote(name)}: name a file inside the imported file's folder",
            FIELD,
        )
    if folder is None:
        return name, None
    path = folder / relative
    if not path.exists():
        return name, None
    return name, read_file(path, name)


def _upsert_in(folder: Path | None) -> Any:
    @requires(Action.RECORD_FINDINGS)
    def upsert(uow: UnitOfWork, row: FindingRow) -> Stored:
        data = FindingData(
            work_order_id=work_order_id_by_number(uow.session, row.work_order),
            asset_id=_asset_id(uow, row.asset),
            category=row.category,
            rank=row.rank,
            urgency=row.urgency,
            note=row.note,
        )
        finding_id, outcome = upsert_finding(uow, data)
        if isinstance(row.photos, StoredNames):
            return finding_id, outcome
        wanted = [_photo(folder, name) for name in row.photos or ()]
        if replace_files(uow, finding_id, wanted) and outcome is UpsertOutcome.UNCHANGED:
            outcome = UpsertOutcome.UPDATED
        return finding_id, outcome

    return upsert


def _records(session: Session, numbers: Collection[object] | None) -> Iterator[FindingRow]:
    query = (
        select(Finding, WorkOrder.number, Asset.code)
        .join(WorkOrder, WorkOrder.id == Finding.work_order_id)
        .join(Asset, Asset.id == Finding.asset_id)
        .order_by(WorkOrder.number, Asset.code, Finding.category)
    )
    names = select(FindingAttachment.finding_id, FindingAttachment.file_name).join(
        Finding, Finding.id == FindingAttachment.finding_id
    )
    if numbers is not None:
        query = query.where(WorkOrder.number.in_(numbers))
        names = names.join(WorkOrder, WorkOrder.id == Finding.work_order_id).where(
            WorkOrder.number.in_(numbers)
        )
    photos: dict[int, list[str]] = {}
    for finding_id, file_name in session.execute(names.order_by(FindingAttachment.id)):
        photos.setdefault(finding_id, []).append(file_name)
    for f, number, code in session.execute(query.execution_options(yield_per=1000)):
        yield FindingRow(
            work_order=number,
            asset=code,
            category=f.category,
            rank=f.rank,
            urgency=f.urgency,
            note=f.note,
            photos=StoredNames(photos.get(f.id, ())) or None,
        )


_RANKS = {r: str(r.value) for r in FindingRank}
_URGENCIES = {u: f"緊急度{u.value}" for u in Urgency}


def _spec(folder: Path | None) -> KindSpec[FindingRow]:
    return KindSpec(
        name="findings",
        name_ja="所見",
        record_type=FindingRow,
        columns=(
            Column("work_order", "作業番号", required=True, max_length=40),
            Column("asset", "施設番号", required=True, max_length=40, aliases=("asset_id",)),
            Column("category", "異常項目", required=True, max_length=40),
            Column("rank", "ランク", choice(FindingRank, _RANKS, "ランク", "rank"), required=True),
            Column("urgency", "緊急度", choice(Urgency, _URGENCIES, "緊急度", "urgency")),
            Column("note", "備考", max_length=1000, multiline=True),
            Column("photos", "写真", photo_names, export=join_list, aliases=(FIELD,)),
        ),
        key=("work_order", "asset", "category"),
        upsert=_upsert_in(folder),
        records=_records,
        entity=Entity.FINDINGS,
        for_file=lambda path: _spec(path.parent),
    )


SPEC = _spec(None)
