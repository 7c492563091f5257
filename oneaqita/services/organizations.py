"""Organizations: the prefecture, the municipalities, partner firms and the company itself.

Rules enforced here:

- An organization's key is its code. The code of a public body (prefecture, city, town,
  village) must be a JIS X 0402 local-government code with a correct check digit; the
  prefecture's body number is 000 and a municipality's never is. A partner's or the
  company's code is any non-empty text (at most 20 characters).
- The Japanese name is required and names at most one organization.
- Only administrators change organizations (they are reference data).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from oneaqita.errors import NotFound, ValidationError
from oneaqita.jis_code import InvalidJisCode, validate_local_government_code
from oneaqita.models import Contract, Organization, OrganizationKind, WorkOrder
from oneaqita.permissions import Action, requires
from oneaqita.services.actor import Actor
from oneaqita.services.changes import Change, Entity
from oneaqita.services.database import Database
from oneaqita.services.records import OrganizationData, UpsertOutcome
from oneaqita.services.text_fields import (
    matches_all_terms,
    optional_text,
    reference_text,
    required_text,
)
from oneaqita.services.unit_of_work import UnitOfWork
from oneaqita.services.upserts import holder_of, row_to_edit, store_values
from oneaqita.values import ValueParseError, storable_text
from oneaqita.vocabulary import ORGANIZATION_KIND_JA

ENTITY = Entity.ORGANIZATIONS


@dataclass(frozen=True, slots=True)
class OrganizationRow:
    id: int
    code: str
    kind: OrganizationKind
    name_ja: str
    name_kana: str | None
    name_en: str | None
    is_fictional: bool
    version: int


def checked_organization(data: OrganizationData) -> OrganizationData:
    """The record with its text normalised, or a ValidationError naming the field to fix."""
    code = required_text(data.code, "code", "団体コード", "Code", 20)
    if data.kind.is_public_body:
        try:
            validate_local_government_code(code)
        except InvalidJisCode as exc:
            raise ValidationError(exc.ja, exc.en, field="code") from exc
        # The body number 000 stands for the prefecture itself (050008 is 秋田県).
        if (code[2:5] == "000") != (data.kind is OrganizationKind.PREFECTURE):
            kind_ja = ORGANIZATION_KIND_JA[data.kind]
            raise ValidationError(
                f"団体コード {code} は種別「{kind_ja}」と合いません"
                "(都道府県のコードは3〜5桁目が000、市町村は000以外です)。",
                f"Code {code} does not fit kind {data.kind.value} (a prefecture's digits 3-5 "
                "are 000, a municipality's never are).",
                field="code",
            )
    return OrganizationData(
        code=code,
        kind=data.kind,
        name_ja=required_text(data.name_ja, "name_ja", "名称", "Japanese name", 100),
        name_kana=optional_text(data.name_kana, "name_kana", "カナ", "Kana name", 200),
        name_en=optional_text(data.name_en, "name_en", "英語名", "English name", 200),
    )


def organizations_by_ref(session: Session, refs: Iterable[str | None]) -> dict[str, Organization]:
    """The organizations that `refs` name, in one query, by the normalised reference: the
    one whose code it is, else the one whose Japanese name it exactly is (the result may hold
    other keys too). References that name none are left out (resolve_organization then says
    so, also for one that holds a character that cannot be stored)."""
    keys = {key for ref in refs if (key := _key(ref)) is not None}
    if not keys:
        return {}
    by_code: dict[str, Organization] = {}
    by_name: dict[str, Organization] = {}
    for org in session.scalars(
        select(Organization).where(or_(Organization.code.in_(keys), Organization.name_ja.in_(keys)))
    ):
        by_code[org.code] = org
        by_name[org.name_ja] = org
    # A code names its organization even where another one has that text as its name.
    return {**by_name, **by_code}


def _key(ref: str | None) -> str | None:
    try:
        return storable_text(ref)
    except ValueParseError:
        return None  # it names nothing stored (and PostgreSQL refuses NUL in a query)


def resolve_organization(
    found: Mapping[str, Organization], ref: str | None, field: str | None = None
) -> Organization:
    """The organization `ref` names among those organizations_by_ref found; a
    ValidationError (on `field`) naming the reference when there is none."""
    key = reference_text(ref, field, "団体", "Organization")
    if key is None:
        raise ValidationError("団体を指定してください。", "An organization is required.", field)
    org = found.get(key)
    if org is None:
        raise ValidationError(
            f"団体「{key}」が見つかりません。団体コードか正式な名称で指定してください。",
            f"No organization with code or Japanese name '{key}'.",
            field,
        )
    return org


def find_organization(session: Session, ref: str, field: str | None = None) -> Organization:
    """The organization whose code is `ref`, else the one whose Japanese name is exactly
    `ref`; a ValidationError (on `field`) naming the reference when there is none."""
    return resolve_organization(organizations_by_ref(session, [ref]), ref, field)


def snapshot(org: Organization) -> dict[str, Any]:
    return {
        "code": org.code,
        "kind": org.kind.value,
        "name_ja": org.name_ja,
        "name_kana": org.name_kana,
        "name_en": org.name_en,
        "version": org.version,
    }


def _check_unique(session: Session, clean: OrganizationData, own_id: int | None) -> None:
    for column, value, field, label_ja, label_en in (
        (Organization.code, clean.code, "code", "団体コード", "code"),
        (Organization.name_ja, clean.name_ja, "name_ja", "名称", "Japanese name"),
    ):
        other = holder_of(session, column, value, own_id)
        if other is not None:
            raise ValidationError(
                f"{label_ja}「{value}」は既に {other.code} {other.name_ja} に使われています。",
                f"The {label_en} '{value}' is already used by {other.code} {other.name_ja}.",
                field,
            )


@requires(Action.EDIT_ORGANIZATIONS)
def _store(
    uow: UnitOfWork, org: Organization | None, clean: OrganizationData
) -> tuple[int, UpsertOutcome]:
    session = uow.session
    _check_unique(session, clean, org.id if org else None)
    values = {
        "code": clean.code,
        "kind": clean.kind,
        "name_ja": clean.name_ja,
        "name_kana": clean.name_kana,
        "name_en": clean.name_en,
    }
    return store_values(uow, ENTITY, Organization, org, values, snapshot, _refresh_work_orders)


def _refresh_work_orders(uow: UnitOfWork, org: Organization, changed: frozenset[str]) -> None:
    # The client's code and names are derived into each of its work orders (search document,
    # list sort key).
    if changed & {"code", "name_ja", "name_kana"}:
        ids = uow.session.scalars(
            select(WorkOrder.id)
            .join(Contract, Contract.id == WorkOrder.contract_id)
            .where(Contract.client_id == org.id)
        )
        uow.reindex_work_orders(list(ids))


@requires(Action.EDIT_ORGANIZATIONS)
def upsert_organization(uow: UnitOfWork, data: OrganizationData) -> tuple[int, UpsertOutcome]:
    """Store `data` under its code: add it, update the stored organization with that code, or
    leave it unchanged when it already says the same. Enforces the module's rules (JIS code
    of public bodies, unique name, administrators only); audits every write."""
    clean = checked_organization(data)
    org = uow.session.scalar(select(Organization).where(Organization.code == clean.code))
    return _store(uow, org, clean)


@requires(Action.EDIT_ORGANIZATIONS)
def save_organization(
    db: Database,
    actor: Actor,
    data: OrganizationData,
    expected_version: int | None,
    organization_id: int | None = None,
) -> Change:
    """The edit dialog's save, in its own unit of work. `expected_version` None adds a new
    organization (refused if the code exists); otherwise it is the version the user edited,
    and a record changed since raises ConcurrentEdit. The record is found by
    `organization_id` when given (so that its code can change), else by the code."""
    with db.unit_of_work(actor) as uow:
        clean = checked_organization(data)
        if expected_version is None:
            _store(uow, None, clean)
            return uow.change
        org = row_to_edit(
            uow,
            Organization,
            Organization.code,
            clean.code,
            organization_id,
            expected_version,
            ("団体", "Organization"),
        )
        _store(uow, org, clean)
        return uow.change


def list_organizations(
    db: Database, kind: OrganizationKind | None = None, text: str = ""
) -> list[OrganizationRow]:
    """Organizations in code order (prefecture, municipalities in JIS order, then the rest),
    filtered in SQL by kind and by text in the code or any of the names (kana either way)."""
    stmt = select(
        Organization.id,
        Organization.code,
        Organization.kind,
        Organization.name_ja,
        Organization.name_kana,
        Organization.name_en,
        Organization.is_fictional,
        Organization.version,
    )
    if kind is not None:
        stmt = stmt.where(Organization.kind == kind)
    match = matches_all_terms(
        text,
        [Organization.code, Organization.name_ja, Organization.name_kana, Organization.name_en],
    )
    if match is not None:
        stmt = stmt.where(match)
    with db.read() as session:
        return [OrganizationRow(*r) for r in session.execute(stmt.order_by(Organization.code))]


def get_organization(db: Database, organization_id: int) -> OrganizationRow:
    with db.read() as session:
        org = session.get(Organization, organization_id)
        if org is None:
            raise NotFound(
                f"団体 (id {organization_id}) が見つかりません。",
                f"Organization {organization_id} not found.",
            )
        return OrganizationRow(
            org.id,
            org.code,
            org.kind,
            org.name_ja,
            org.name_kana,
            org.name_en,
            org.is_fictional,
            org.version,
        )
