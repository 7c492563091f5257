"""Photos and files attached to a finding (oneaqita/models/attachments.py).

Rules enforced here (each refusal is a bilingual ValidationError on the field
``attachments`` that names the file):

- Files are attached and removed only on a finding of an order open to findings (着手, 完了),
  as findings themselves are recorded (services/findings.py); by coordinators, managers and
  administrators (Action.RECORD_FINDINGS).
- A file is at most ``MAX_FILE_BYTES`` (10 MiB) and not empty; a finding holds at most
  ``MAX_FILES`` (20) files of at most ``MAX_FINDING_BYTES`` (50 MiB) in all.
- A file's name is its base name only (``..\\..\\evil.jpg`` is stored as ``evil.jpg``; both
  separators count, whatever the platform), NFKC-normalised as all text, at most 255
  characters, without control characters or the other characters no text may hold
  (services/text_fields.py), and without ";" (the separator of an import's photo list). A
  name is attached once per finding: the same name with the same content again changes
  nothing, with other content it is refused (remove the stored one first).
- The media type comes from the content (oneaqita/thumbnails.py), never from the name; a
  JPEG or PNG that decodes gets a thumbnail, any other file (a decompression bomb, a truncated
  or fake image) is stored without one.
- Attaching several files is all or nothing: one refused file stores none of them.
- Every stored or removed file is audited with its name, size and SHA-256, never its bytes;
  removing a finding removes its files, audited the same way (services/attachment_rows.py).
"""

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from sqlalchemy import insert, select

from oneaqita.errors import NotFound, ValidationError
from oneaqita.models import Finding, FindingAttachment
from oneaqita.permissions import Action, requires
from oneaqita.services.actor import Actor
from oneaqita.services.attachment_rows import ENTITY, remove_attachment_rows, snapshot
from oneaqita.services.changes import Change
from oneaqita.services.database import Database
from oneaqita.services.findings import recording_order
from oneaqita.services.text_fields import reference_text
from oneaqita.services.unit_of_work import UnitOfWork
from oneaqita.thumbnails import media_type_of, thumbnail_of
from oneaqita.values import quote

__all__ = [
    "FIELD",
    "MAX_FILES",
    "MAX_FILE_BYTES",
    "MAX_FINDING_BYTES",
    "NAME_CHARS",
    "add_files",
    "attach_files",
    "attachment_name",
    "read_file",
    "remove_attachment",
    "replace_files",
]

MiB = 1024 * 1024
MAX_FILE_BYTES = 10 * MiB
MAX_FILES = 20
MAX_FINDING_BYTES = 50 * MiB
NAME_CHARS = 255
FIELD = "attachments"


def _mib(size: int) -> str:
    return f"{size / MiB:,.1f} MiB"


def attachment_name(raw: str) -> str:
    """The name a file is stored under: its base name, checked (see the module docstring)."""
    shown = quote(raw)
    text = reference_text(raw, FIELD, f"ファイル名 {shown}", f"File name {shown}")
    base = (text or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    if base in ("", ".", ".."):
        raise ValidationError(
            f"ファイル名がありません: {shown}", f"The file has no name: {shown}", FIELD
        )
    if ";" in base:
        raise ValidationError(
            f"ファイル名に「;」は使えません (取り込みの区切り文字です): {shown}",
            f"A file name may not contain ';' (imports separate names with it): {shown}",
            FIELD,
        )
    if len(base) > NAME_CHARS:
        raise ValidationError(
            f"ファイル名は{NAME_CHARS}文字以内にしてください ({len(base):,}文字): {shown}",
            f"A file name must be at most {NAME_CHARS} characters ({len(base):,}): {shown}",
            FIELD,
        )
    return base


def _too_big(name: str, size: int) -> ValidationError:
    return ValidationError(
        f"{name}: ファイルが大きすぎます ({_mib(size)})。1ファイル {_mib(MAX_FILE_BYTES)} まで"
        "添付できます。",
        f"{name}: the file is too large ({_mib(size)}); a file may be at most "
        f"{_mib(MAX_FILE_BYTES)}.",
        FIELD,
    )


def read_file(path: Path, shown: str | None = None) -> bytes:
    """A file's bytes for attaching, never more than MAX_FILE_BYTES of them in memory: a
    ValidationError naming it (`shown`, default the path) when it is missing, not a regular
    file, unreadable or too large."""
    shown = shown or str(path)
    try:
        if not path.is_file():
            raise ValidationError(
                f"{shown}: ファイルがありません。", f"{shown}: no such file.", FIELD
            )
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _too_big(shown, size)
        with path.open("rb") as f:
            content = f.read(MAX_FILE_BYTES + 1)  # it may have grown since
    except OSError as exc:
        raise ValidationError(
            f"{shown}: ファイルを読めません ({exc.strerror or exc})。",
            f"{shown}: the file cannot be read ({exc.strerror or exc}).",
            FIELD,
        ) from exc
    if len(content) > MAX_FILE_BYTES:
        raise _too_big(shown, len(content))
    return content


@dataclass(frozen=True)
class _Prepared:
    name: str
    content: bytes
    media_type: str
    sha256: str
    thumbnail: bytes | None


class _Stored(NamedTuple):
    id: int
    file_name: str
    sha256: str
    size_bytes: int


def _prepared(raw_name: str, content: bytes) -> _Prepared:
    name = attachment_name(raw_name)
    if not content:
        raise ValidationError(
            f"{name}: 空のファイルは添付できません。", f"{name}: the file is empty.", FIELD
        )
    if len(content) > MAX_FILE_BYTES:
        raise _too_big(name, len(content))
    media_type = media_type_of(content)
    return _Prepared(
        name,
        content,
        media_type,
        hashlib.sha256(content).hexdigest(),
        thumbnail_of(content, media_type),
    )


def _finding(uow: UnitOfWork, finding_id: int) -> Finding:
    finding = uow.session.get(Finding, finding_id)
    if finding is None:
        raise NotFound(
            f"所見 (id {finding_id}) が見つかりません。", f"Finding {finding_id} not found."
        )
    recording_order(uow, finding.work_order_id)
    return finding


def _stored(uow: UnitOfWork, finding_id: int) -> dict[str, _Stored]:
    rows = uow.session.execute(
        select(
            FindingAttachment.id,
            FindingAttachment.file_name,
            FindingAttachment.sha256,
            FindingAttachment.size_bytes,
        )
        .where(FindingAttachment.finding_id == finding_id)
        .order_by(FindingAttachment.id)
    )
    return {r.file_name: _Stored(*r) for r in rows}


def _check_totals(names_sizes: Sequence[tuple[str, int]]) -> None:
    """The finding's files after the write, in order: the first past a limit is named."""
    total = 0
    for count, (name, size) in enumerate(names_sizes, start=1):
        total += size
        if count > MAX_FILES:
            raise ValidationError(
                f"{name}: 1つの所見に添付できるのは {MAX_FILES} ファイルまでです。",
                f"{name}: a finding holds at most {MAX_FILES} files.",
                FIELD,
            )
        if total > MAX_FINDING_BYTES:
            raise ValidationError(
                f"{name}: 1つの所見に添付できるのは合計 {_mib(MAX_FINDING_BYTES)} までです"
                f" (これで {_mib(total)})。",
                f"{name}: a finding's files may be at most {_mib(MAX_FINDING_BYTES)} in all "
                f"(this makes {_mib(total)}).",
                FIELD,
            )


def _distinct(prepared: Sequence[tuple[str, Any]]) -> None:
    seen: set[str] = set()
    for name, _ in prepared:
        if name in seen:
            raise ValidationError(
                f"{name}: 同じ名前のファイルが2つあります。",
                f"{name}: two files have this name.",
                FIELD,
            )
        seen.add(name)


class _Audited(NamedTuple):
    finding_id: int
    file_name: str
    media_type: str
    size_bytes: int
    sha256: str


def _insert(uow: UnitOfWork, finding_id: int, files: Sequence[_Prepared]) -> list[int]:
    ids = []
    for p in files:
        new_id = uow.session.execute(
            insert(FindingAttachment)
            .values(
                finding_id=finding_id,
                file_name=p.name,
                media_type=p.media_type,
                size_bytes=len(p.content),
                sha256=p.sha256,
                content=p.content,
                thumbnail=p.thumbnail,
                created_by=uow.actor.user_id,
            )
            .returning(FindingAttachment.id)
        ).scalar_one()
        after = snapshot(_Audited(finding_id, p.name, p.media_type, len(p.content), p.sha256))
        uow.audit("create", ENTITY, new_id, None, after)
        ids.append(new_id)
    return ids


@requires(Action.RECORD_FINDINGS)
def add_files(uow: UnitOfWork, finding_id: int, files: Sequence[tuple[str, bytes]]) -> list[int]:
    """Attach (name, content) pairs to a finding, all or nothing; the ids of those stored (a
    file already attached under its name with the same content is left as it is)."""
    finding = _finding(uow, finding_id)
    prepared = [_prepared(name, content) for name, content in files]
    _distinct([(p.name, p) for p in prepared])
    stored = _stored(uow, finding.id)
    new = []
    for p in prepared:
        same_name = stored.get(p.name)
        if same_name is None:
            new.append(p)
        elif same_name.sha256 != p.sha256:
            raise ValidationError(
                f"{p.name}: 同じ名前の別のファイルが既に添付されています。先に削除するか、"
                "名前を変えてください。",
                f"{p.name}: another file of this name is already attached; remove it first "
                "or rename the file.",
                FIELD,
            )
    _check_totals(
        [(s.file_name, s.size_bytes) for s in stored.values()]
        + [(p.name, len(p.content)) for p in new]
    )
    return _insert(uow, finding.id, new)


@requires(Action.RECORD_FINDINGS)
def attach_files(
    db: Database, actor: Actor, finding_id: int, files: Sequence[tuple[str, bytes]]
) -> Change:
    """add_files in its own unit of work (the editor's 添付)."""
    with db.unit_of_work(actor) as uow:
        add_files(uow, finding_id, files)
        return uow.change


@requires(Action.RECORD_FINDINGS)
def remove_attachment(db: Database, actor: Actor, attachment_id: int) -> Change:
    """Remove one attached file, audited; NotFound when it is gone already."""
    with db.unit_of_work(actor) as uow:
        finding_id = uow.session.scalar(
            select(FindingAttachment.finding_id).where(FindingAttachment.id == attachment_id)
        )
        if finding_id is None:
            raise NotFound(
                f"添付ファイル (id {attachment_id}) が見つかりません。既に削除されています。",
                f"Attachment {attachment_id} not found; it has been removed already.",
            )
        _finding(uow, finding_id)
        remove_attachment_rows(uow, FindingAttachment.id == attachment_id)
        return uow.change


@requires(Action.RECORD_FINDINGS)
def replace_files(
    uow: UnitOfWork, finding_id: int, wanted: Sequence[tuple[str, bytes | None]]
) -> bool:
    """Make the finding's files exactly `wanted`, (name, content) each, for an import:
    content None keeps the stored file of that name (refused when there is none); a stored
    file with the same name and content is kept, one with other content replaced; stored files
    not named are removed. Whether anything changed."""
    finding = _finding(uow, finding_id)
    named = [(attachment_name(name), content) for name, content in wanted]
    _distinct(named)
    stored = _stored(uow, finding.id)
    new: list[_Prepared] = []
    final: list[tuple[str, int]] = []
    replaced: list[int] = []
    for name, content in named:
        same_name = stored.get(name)
        if content is None:
            if same_name is None:
                raise ValidationError(
                    f"{name}: ファイルがなく、この所見にも添付されていません。",
                    f"{name}: no such file, and none of this name is attached to the finding.",
                    FIELD,
                )
            final.append((name, same_name.size_bytes))
            continue
        p = _prepared(name, content)
        final.append((name, len(content)))
        if same_name is not None and same_name.sha256 == p.sha256:
            continue
        if same_name is not None:
            replaced.append(same_name.id)
        new.append(p)
    _check_totals(final)
    wanted_names = {name for name, _ in named}
    gone = replaced + [s.id for s in stored.values() if s.file_name not in wanted_names]
    if gone:
        remove_attachment_rows(uow, FindingAttachment.id.in_(gone))
    _insert(uow, finding.id, new)
    return bool(gone or new)
