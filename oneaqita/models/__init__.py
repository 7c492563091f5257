"""The domain model: every table of oneaqita, importable from one place."""

from oneaqita.models.asset_map import AssetMapCell, AssetMapChange
from oneaqita.models.assets import Asset, AssetKind, AssetStatus, Finding, FindingRank, Urgency
from oneaqita.models.attachments import FindingAttachment
from oneaqita.models.base import Base
from oneaqita.models.kpi import Kpi, KpiTarget
from oneaqita.models.organizations import Organization, OrganizationKind, Shareholding
from oneaqita.models.service_lives import BodyServiceLife, RenewalUnitCost, ServiceLife
from oneaqita.models.staff import Person, PersonQualification, Secondment, SecondmentKind
from oneaqita.models.time_entries import (
    OverheadCategory,
    TimeEntry,
    TimeEntryStatus,
    TimesheetWeek,
)
from oneaqita.models.urgent_findings import UrgentChange, UrgentFinding
from oneaqita.models.users import AuditEntry, DatabaseSetting, LoginFailure, Role, User
from oneaqita.models.work import (
    Contract,
    WorkKind,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderStatus,
    WorkType,
    work_order_assets,
    work_order_assignees,
)

__all__ = [
    "Asset",
    "AssetKind",
    "AssetMapCell",
    "AssetMapChange",
    "UrgentChange",
    "UrgentFinding",
    "AssetStatus",
    "AuditEntry",
    "Base",
    "BodyServiceLife",
    "Contract",
    "DatabaseSetting",
    "Finding",
    "FindingAttachment",
    "FindingRank",
    "Kpi",
    "LoginFailure",
    "KpiTarget",
    "Organization",
    "OrganizationKind",
    "OverheadCategory",
    "Person",
    "PersonQualification",
    "RenewalUnitCost",
    "Role",
    "Secondment",
    "SecondmentKind",
    "ServiceLife",
    "Shareholding",
    "TimeEntry",
    "TimeEntryStatus",
    "TimesheetWeek",
    "Urgency",
    "User",
    "WorkOrder",
    "WorkOrderEvent",
    "WorkOrderStatus",
    "WorkKind",
    "WorkType",
    "work_order_assets",
    "work_order_assignees",
]
