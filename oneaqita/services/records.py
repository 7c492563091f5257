"""Plain values of one record of each kind, as an import row or an edit dialog gives them.

Services take these (never ORM objects) so that the UI, the CLI and imports hand over the
same thing; references are by key (organization code, employee number), as in IMPORT-FORMAT.
"""

import enum
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from oneaqita.models import AssetKind, AssetStatus, OrganizationKind, SecondmentKind, WorkKind


class UpsertOutcome(enum.StrEnum):
    """What storing a record by its key did: the import summary counts these."""

    ADDED = "added"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class OrganizationData:
    code: str
    kind: OrganizationKind
    name_ja: str
    name_kana: str | None = None
    name_en: str | None = None


@dataclass(frozen=True)
class WorkTypeData:
    code: str
    name_ja: str
    name_en: str
    kind: WorkKind
    requires_assets: bool
    sort_order: int = 0


@dataclass(frozen=True)
class ShareholdingData:
    organization: str  # code, or the exact Japanese name
    shares: int
    capital_yen: int
    since: date


@dataclass(frozen=True)
class PersonData:
    employee_no: str
    name: str
    home_organization: str  # code or exact Japanese name
    name_kana: str | None = None
    email: str | None = None
    phone: str | None = None
    qualifications: tuple[str, ...] = field(default_factory=tuple)
    officer: bool = False  # 役員 (代表取締役, 取締役, 監査役 …), else staff (職員)


@dataclass(frozen=True)
class AssetData:
    code: str
    kind: AssetKind
    owner: str  # organization code or exact Japanese name
    district: str | None = None
    installed_year: int | None = None
    material: str | None = None
    diameter_mm: int | None = None
    length_m: Decimal | None = None
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    parent: str | None = None  # the parent asset's code
    status: AssetStatus = AssetStatus.IN_SERVICE


@dataclass(frozen=True)
class SecondmentData:
    employee_no: str
    from_organization: str  # code or exact Japanese name
    kind: SecondmentKind
    start: date
    end: date | None = None
    position: str | None = None
    salary_borne_by_company_pct: int = 0
    monthly_cost_yen: int | None = None  # 月額負担基礎額; None until the body states it


@dataclass(frozen=True)
class ContractData:
    number: str
    client: str  # code or exact Japanese name
    title: str
    start: date
    end: date
    amount_yen: int
    kind: str | None = None
    bulk_group: str | None = None
