"""What the user reads for the domain's fixed values, translatable (Japanese source text).

The core has its own Japanese words (oneaqita.vocabulary) for imports and reports; these are
the screen's, so that the English UI can say "Planned" where the data says 計画.
"""

from datetime import UTC, date, datetime

from PySide6.QtCore import QCoreApplication

from oneaqita.models import AssetKind, Role, WorkOrderStatus, WorkOrderType

S = WorkOrderStatus


translate = QCoreApplication.translate


def work_order_type_label(value: WorkOrderType) -> str:
    return {
        WorkOrderType.INSPECTION: translate("labels", "点検"),
        WorkOrderType.TV_SURVEY: translate("labels", "TVカメラ調査"),
        WorkOrderType.CLEANING: translate("labels", "清掃"),
        WorkOrderType.REPAIR: translate("labels", "修繕"),
        WorkOrderType.EMERGENCY: translate("labels", "緊急対応"),
    }[value]


def status_label(value: WorkOrderStatus) -> str:
    return {
        S.DRAFT: translate("labels", "起票"),
        S.PLANNED: translate("labels", "計画"),
        S.IN_PROGRESS: translate("labels", "着手"),
        S.COMPLETED: translate("labels", "完了"),
        S.ACCEPTED: translate("labels", "検収済"),
        S.CANCELLED: translate("labels", "中止"),
    }[value]


def move_label(to_status: WorkOrderStatus) -> str:
    """The button that moves a work order to `to_status`."""
    return {
        S.DRAFT: translate("labels", "起票に戻す"),
        S.PLANNED: translate("labels", "計画にする"),
        S.IN_PROGRESS: translate("labels", "着手する"),
        S.COMPLETED: translate("labels", "完了にする"),
        S.ACCEPTED: translate("labels", "検収済にする"),
        S.CANCELLED: translate("labels", "中止する…"),
    }[to_status]


def asset_kind_label(value: str) -> str:
    """`value` is an AssetKind value; anything unknown is shown as stored."""
    labels: dict[str, str] = {
        AssetKind.PIPE: translate("labels", "管路"),
        AssetKind.MANHOLE: translate("labels", "マンホール"),
        AssetKind.MANHOLE_PUMP: translate("labels", "マンホールポンプ"),
        AssetKind.PUMP_STATION: translate("labels", "ポンプ場"),
        AssetKind.TREATMENT_PLANT: translate("labels", "処理場"),
        AssetKind.RURAL_DRAINAGE_PLANT: translate("labels", "農業集落排水施設"),
        AssetKind.NIGHT_SOIL_PLANT: translate("labels", "し尿処理施設"),
    }
    return labels.get(value, value)


def priority_label(priority: int) -> str:
    words = {
        1: translate("labels", "高"),
        2: translate("labels", "中"),
        3: translate("labels", "低"),
    }
    word = words.get(priority)
    return f"{priority} ({word})" if word else str(priority)


def role_label(role: Role) -> str:
    return {
        Role.ADMIN: translate("labels", "管理者"),
        Role.MANAGER: translate("labels", "管理職"),
        Role.COORDINATOR: translate("labels", "業務担当"),
        Role.SECONDED: translate("labels", "出向職員"),
    }[role]


def date_text(value: date | None) -> str:
    """Dates as 2025/04/01 in every language: unambiguous, and how Japanese forms write them."""
    return value.isoformat().replace("-", "/") if value else ""  # strftime is 10× slower


def datetime_text(value: datetime | None) -> str:
    """A stored moment in the desktop's local time; naive values are UTC (SQLite drops
    the offset)."""
    if value is None:
        return ""
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return f"{aware.astimezone():%Y/%m/%d %H:%M}"


def demo_stage_label(stage: str) -> str:
    """`stage` is an oneaqita.demo.DemoStage value (the demo is imported only when loaded)."""
    labels = {
        "organizations": translate("labels", "組織・株主"),
        "staff": translate("labels", "職員・出向"),
        "assets": translate("labels", "施設"),
        "contracts": translate("labels", "契約"),
        "work_orders": translate("labels", "作業指示"),
        "search_index": translate("labels", "検索索引"),
        "hours": translate("labels", "工数 (職員)"),
        "finishing": translate("labels", "仕上げ"),
    }
    return labels.get(stage, stage)
