"""The work-type catalogue: what a work order is for (the company's office services and the
field work it supervises), reference data an administrator extends without a new release.

Rules enforced here:

- A work type's key is its code: a lower-case letter, then 1 to 39 lower-case letters, digits
  or underscores (``[a-z][a-z0-9_]{1,39}``). Work orders refer to it by this code, so it never
  changes once stored; every other value may.
- The Japanese name (what users say and spreadsheets write) and the English name are required
  and each names at most one work type.
- Only administrators change the catalogue (Action.MANAGE_WORK_TYPES).
- A type is taken out of use by deactivating it: work orders keep it, lists still show its
  name, but it is no longer offered for new orders. Deleting is possible only while no work
  order has the type.
- Renaming a type in Japanese rebuilds the search documents of its work orders (they hold the
  name, so that searching 点検 finds inspections).
"""

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from oneaqita.errors import NotFound, ValidationError
from oneaqita.labels import Language
from oneaqita.models import WorkKind, WorkOrder, WorkType
from oneaqita.permissions import Action, requires
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.number_fields import checked_number
from oneaqita.services.records import UpsertOutcome, WorkTypeData
from oneaqita.services.text_fields import reference_text, required_text
from oneaqita.services.unit_of_work import UnitOfWork
from oneaqita.services.upserts import holder_of, row_to_edit, store_values

ENTITY = Entity.WORK_TYPES
CODE_PATTERN = re.compile(r"[a-z][a-z0-9_]{1,39}")
_WHAT = ("作業種別", "Work type")


@dataclass(frozen=True, slots=True)
class WorkTypeRow:
    id: int
    code: str
    name_ja: str
    name_en: str
    kind: WorkKind
    requires_assets: bool
    active: bool
    sort_order: int
    version: int

    def name(self, language: Language) -> str:
        return self.name_ja if language == "ja" else self.name_en


def _row(wt: WorkType) -> WorkTypeRow:
    return WorkTypeRow(
        wt.id,
        wt.code,
        wt.name_ja,
        wt.name_en,
        wt.kind,
        wt.requires_assets,
        wt.active,
        wt.sort_order,
        wt.version,
    )


def checked_work_type(data: WorkTypeData) -> WorkTypeData:
    """The record with its text normalised, or a ValidationError naming the field to fix."""
    code = required_text(data.code, "code", "コード", "Code", 40)
    if not CODE_PATTERN.fullmatch(code):
        raise ValidationError(
            f"コード「{code}」は使えません。英小文字で始まる2〜40文字の英小文字・数字・"
            "_ にしてください(例: pump_check)。",
            f"Code '{code}' is not allowed: 2-40 lower-case letters, digits or _, starting "
            "with a letter (e.g. pump_check).",
            field="code",
        )
    return WorkTypeData(
        code=code,
        name_ja=required_text(data.name_ja, "name_ja", "名称", "Japanese name", 100),
        name_en=required_text(data.name_en, "name_en", "英語名", "English name", 100),
        kind=WorkKind(data.kind),
        requires_assets=bool(data.requires_assets),
        sort_order=checked_number(
            data.sort_order, WorkType.sort_order, "sort_order", "表示順", "Sort order"
        ),
    )


def snapshot(wt: WorkType) -> dict[str, Any]:
    return {
        "code": wt.code,
        "name_ja": wt.name_ja,
        "name_en": wt.name_en,
        "kind": wt.kind.value,
        "requires_assets": wt.requires_assets,
        "active": wt.active,
        "sort_order": wt.sort_order,
        "version": wt.version,
    }


def _check_unique(session: Session, clean: WorkTypeData, own_id: int | None) -> None:
    for column, value, field, label_ja, label_en in (
        (WorkType.code, clean.code, "code", "コード", "code"),
        (WorkType.name_ja, clean.name_ja, "name_ja", "名称", "Japanese name"),
        (WorkType.name_en, clean.name_en, "name_en", "英語名", "English name"),
    ):
        other = holder_of(session, column, value, own_id)
        if other is not None:
            raise ValidationError(
                f"{label_ja}「{value}」は既に作業種別 {other.code} {other.name_ja} に使われて"
                "います。",
                f"The {label_en} '{value}' is already used by work type {other.code} "
                f"{other.name_ja}.",
                field,
            )


def _reindex_orders(uow: UnitOfWork, wt: WorkType, changed: frozenset[str]) -> None:
    if "name_ja" in changed:  # the search documents hold the Japanese name
        ids = uow.session.scalars(select(WorkOrder.id).where(WorkOrder.type == wt.code))
        uow.reindex_work_orders(list(ids))


@requires(Action.MANAGE_WORK_TYPES)
def _store(uow: UnitOfWork, wt: WorkType | None, clean: WorkTypeData) -> tuple[int, UpsertOutcome]:
    if wt is not None and wt.code != clean.code:
        raise ValidationError(
            f"作業種別のコード {wt.code} は変更できません(作業がこのコードで参照しています)。",
            f"The code {wt.code} of a work type cannot change (work orders refer to it).",
            "code",
        )
    _check_unique(uow.session, clean, wt.id if wt else None)
    values: dict[str, Any] = {
        "code": clean.code,
        "name_ja": clean.name_ja,
        "name_en": clean.name_en,
        "kind": clean.kind,
        "requires_assets": clean.requires_assets,
        "sort_order": clean.sort_order,
    }
    if wt is None:
        values["active"] = True
    return store_values(uow, ENTITY, WorkType, wt, values, snapshot, _reindex_orders)


def _to_edit(uow: UnitOfWork, work_type_id: int, expected_version: int) -> WorkType:
    return row_to_edit(
        uow, WorkType, WorkType.id, work_type_id, work_type_id, expected_version, _WHAT
    )


@requires(Action.MANAGE_WORK_TYPES)
def save_work_type(
    db: Database,
    actor: Actor,
    data: WorkTypeData,
    expected_version: int | None,
    work_type_id: int | None = None,
) -> Change:
    """The catalogue editor's save, in its own unit of work. `expected_version` None adds a
    new, active work type (refused if the code exists); otherwise it is the version the user
    edited (ConcurrentEdit when it changed since) of the type `work_type_id`, else of the one
    with the code."""
    with db.unit_of_work(actor) as uow:
        clean = checked_work_type(data)
        if expected_version is None:
            _store(uow, None, clean)
            return uow.change
        if work_type_id is None:
            wt = row_to_edit(
                uow, WorkType, WorkType.code, clean.code, None, expected_version, _WHAT
            )
        else:
            wt = _to_edit(uow, work_type_id, expected_version)
        _store(uow, wt, clean)
        return uow.change


@requires(Action.MANAGE_WORK_TYPES)
def set_work_type_active(
    db: Database, actor: Actor, work_type_id: int, expected_version: int, active: bool
) -> Change:
    """Offer the type for new work orders again (active) or no longer; orders keep it."""
    with db.unit_of_work(actor) as uow:
        wt = _to_edit(uow, work_type_id, expected_version)
        store_values(uow, ENTITY, WorkType, wt, {"active": active}, snapshot)
        return uow.change


@requires(Action.MANAGE_WORK_TYPES)
def delete_work_type(
    db: Database, actor: Actor, work_type_id: int, expected_version: int
) -> Change:
    """Remove a type no work order has; a type in use is refused (deactivate it instead)."""
    with db.unit_of_work(actor) as uow:
        wt = _to_edit(uow, work_type_id, expected_version)
        used = uow.session.scalar(
            select(func.count()).select_from(WorkOrder).where(WorkOrder.type == wt.code)
        )
        if used:
            raise ValidationError(
                f"作業種別 {wt.code} {wt.name_ja} は {used:,} 件の作業に使われているため削除"
                "できません。使わなくするには無効にしてください。",
                f"Work type {wt.code} is used by {used:,} work orders and cannot be deleted; "
                "deactivate it instead.",
            )
        before = snapshot(wt)
        uow.session.delete(wt)
        uow.session.flush()
        uow.audit("delete", ENTITY, work_type_id, before, None)
        return uow.change


def list_work_types(db: Database, include_inactive: bool = False) -> list[WorkTypeRow]:
    """The catalogue in its order (sort order, then code): the active types, or all."""
    stmt = select(WorkType).order_by(WorkType.sort_order, WorkType.code)
    if not include_inactive:
        stmt = stmt.where(WorkType.active.is_(True))
    with db.read() as session:
        return [_row(wt) for wt in session.scalars(stmt)]


def get_work_type(db: Database, work_type_id: int) -> WorkTypeRow:
    with db.read() as session:
        wt = session.get(WorkType, work_type_id)
        if wt is None:
            raise NotFound(
                f"作業種別 (id {work_type_id}) が見つかりません。",
                f"Work type {work_type_id} not found.",
            )
        return _row(wt)


def find_work_type(session: Session, ref: str | None, field: str | None = None) -> WorkType:
    """The work type whose code is `ref`, else the one whose Japanese name it exactly is
    (as an import row or a user writes it); inactive ones included, so that stored orders
    can be written back as they are. A ValidationError (on `field`) when there is none."""
    key = reference_text(ref, field, "作業種別", "Work type")
    if key is None:
        raise ValidationError("作業種別を指定してください。", "A work type is required.", field)
    found = {
        wt.code: wt
        for wt in session.scalars(
            select(WorkType).where(or_(WorkType.code == key, WorkType.name_ja == key))
        )
    }
    wt = found.get(key) or next(iter(found.values()), None)  # a code wins over a name
    if wt is None:
        raise ValidationError(
            f"作業種別「{key}」が見つかりません。コードか名称で指定してください。",
            f"No work type with code or Japanese name '{key}'.",
            field,
        )
    return wt
