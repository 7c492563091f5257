"""The Japanese words for the domain's fixed values, by enum (taken from the one table in
oneaqita.labels), as imports, search documents and PDF reports look them up. (The standard
service lives are a table: models/service_lives.py.)"""

from oneaqita.labels import ja_words
from oneaqita.models import (
    AssetKind,
    AssetStatus,
    OrganizationKind,
    OverheadCategory,
    SecondmentKind,
    WorkOrderStatus,
)

WORK_ORDER_STATUS_JA = ja_words(WorkOrderStatus)
ASSET_KIND_JA = ja_words(AssetKind)
ASSET_STATUS_JA = ja_words(AssetStatus)
SECONDMENT_KIND_JA = ja_words(SecondmentKind)
ORGANIZATION_KIND_JA = ja_words(OrganizationKind)
OVERHEAD_CATEGORY_JA = ja_words(OverheadCategory)
