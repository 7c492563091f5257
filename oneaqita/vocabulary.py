"""The Japanese words for the domain's fixed values, as users say them and spreadsheets
write them. Used by imports (to accept either word), search documents and PDF reports;
the UI has its own translatable labels."""

from oneaqita.models import (
    AssetKind,
    AssetStatus,
    OrganizationKind,
    OverheadCategory,
    SecondmentKind,
    WorkOrderStatus,
    WorkOrderType,
)

WORK_ORDER_TYPE_JA = {
    WorkOrderType.INSPECTION: "点検",
    WorkOrderType.TV_SURVEY: "TVカメラ調査",
    WorkOrderType.CLEANING: "清掃",
    WorkOrderType.REPAIR: "修繕",
    WorkOrderType.EMERGENCY: "緊急対応",
}

WORK_ORDER_STATUS_JA = {
    WorkOrderStatus.DRAFT: "起票",
    WorkOrderStatus.PLANNED: "計画",
    WorkOrderStatus.IN_PROGRESS: "着手",
    WorkOrderStatus.COMPLETED: "完了",
    WorkOrderStatus.ACCEPTED: "検収済",
    WorkOrderStatus.CANCELLED: "中止",
}

ASSET_KIND_JA = {
    AssetKind.PIPE: "管路",
    AssetKind.MANHOLE: "マンホール",
    AssetKind.MANHOLE_PUMP: "マンホールポンプ",
    AssetKind.PUMP_STATION: "ポンプ場",
    AssetKind.TREATMENT_PLANT: "処理場",
    AssetKind.RURAL_DRAINAGE_PLANT: "農業集落排水施設",
    AssetKind.NIGHT_SOIL_PLANT: "し尿処理施設",
}

ASSET_STATUS_JA = {
    AssetStatus.IN_SERVICE: "供用中",
    AssetStatus.CONSOLIDATED: "統合済",
    AssetStatus.RETIRED: "廃止",
}

SECONDMENT_KIND_JA = {
    SecondmentKind.ON_ROLL: "在籍派遣",
    SecondmentKind.RETIRED: "退職派遣",
    SecondmentKind.PARTNER: "出向",
}

ORGANIZATION_KIND_JA = {
    OrganizationKind.PREFECTURE: "県",
    OrganizationKind.CITY: "市",
    OrganizationKind.TOWN: "町",
    OrganizationKind.VILLAGE: "村",
    OrganizationKind.PARTNER: "協力会社",
    OrganizationKind.COMPANY: "当社",
}

OVERHEAD_CATEGORY_JA = {
    OverheadCategory.TRAINING: "研修",
    OverheadCategory.OFFICE: "事務",
    OverheadCategory.TRAVEL: "移動",
    OverheadCategory.LEAVE: "休暇",
}

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
