"""The Japanese words for the domain's fixed values, by enum (taken from the one table in
oneaqita.labels), as imports, search documents and PDF reports look them up; and the standard
service lives."""

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

# Standard service lives (標準耐用年数) used when an asset row gives none.
SERVICE_LIFE_YEARS = {
    AssetKind.PIPE: 50,
    AssetKind.MANHOLE: 50,
    AssetKind.MANHOLE_PUMP: 15,
    AssetKind.PUMP_STATION: 20,
    AssetKind.TREATMENT_PLANT: 20,
    AssetKind.RURAL_DRAINAGE_PLANT: 20,
    AssetKind.NIGHT_SOIL_PLANT: 20,
}
