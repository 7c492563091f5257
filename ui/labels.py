"""What the user reads for the domain's fixed values, translatable (Japanese source text).

The domain's fixed values (statuses, kinds, roles) come from the core's one table
(oneaqita.labels) in the language of the installed catalogue; the rest (buttons, priorities,
progress stages) are the screen's own translatable texts.
"""

import enum
from datetime import UTC, date, datetime
from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from oneaqita.labels import Language, label
from oneaqita.models import AssetKind, Role, WorkOrderStatus
from oneaqita.permissions import Action, roles_for

S = WorkOrderStatus


translate = QCoreApplication.translate


def ui_language() -> Language:
    """'en' while the English catalogue is installed, else 'ja' (the source language): the
    catalogue itself says which language it is."""
    return "en" if translate("language", "ja") == "en" else "ja"


def domain_label(value: enum.Enum) -> str:
    """A fixed value of the domain in the UI's language (oneaqita.labels)."""
    return label(value, ui_language())


def work_type_name(name_ja: str, name_en: str) -> str:
    """A work type of the catalogue (reference data, not a fixed value) in the UI's language."""
    return name_en if ui_language() == "en" else name_ja


def status_label(value: WorkOrderStatus) -> str:
    return domain_label(value)


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
    try:
        return domain_label(AssetKind(value))
    except ValueError:
        return value


def priority_label(priority: int) -> str:
    words = {
        1: translate("labels", "高"),
        2: translate("labels", "中"),
        3: translate("labels", "低"),
    }
    word = words.get(priority)
    return f"{priority} ({word})" if word else str(priority)


def role_label(role: Role) -> str:
    return domain_label(role)


def who_may(action: Action) -> str:
    """The roles that may take `action`, from the permission table, in the UI's language."""
    roles = [domain_label(role) for role in Role if role in roles_for(action)]
    return ("・" if ui_language() == "ja" else ", ").join(roles)


def percent_text(value: int | Decimal) -> str:
    """A whole percentage as 100 %; the service's two-place one as it is: 28.49 %."""
    return f"{value:.2f} %" if isinstance(value, Decimal) else f"{value} %"


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
