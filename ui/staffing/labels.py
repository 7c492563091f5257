"""What the staffing screens say for the domain's fixed values, translatable (Japanese source).

The kind colours are shared by the timeline, its legend and the person card, so that a kind
looks the same wherever it appears.
"""

from datetime import date

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from oneaqita.fiscal import era_year, format_era_year
from oneaqita.models import SecondmentKind
from oneaqita.permissions import Action
from ui.labels import date_text, domain_label, who_may

translate = QCoreApplication.translate

KIND_COLORS = {
    SecondmentKind.ON_ROLL: QColor("#2f6fb3"),  # blue
    SecondmentKind.RETIRED: QColor("#8a5cb8"),  # violet
    SecondmentKind.PARTNER: QColor("#2e8b57"),  # green
}
# Days left at or below which a leaver is shown in red.
URGENT_DAYS = 30
URGENT_COLOR = QColor("#b00020")


def kind_label(kind: SecondmentKind) -> str:
    return domain_label(kind)


def kind_description(kind: SecondmentKind) -> str:
    """A tooltip for the kind combo and the legend."""
    return {
        SecondmentKind.ON_ROLL: translate(
            "StaffingLabels", "県・市町村の職員のまま派遣（元の所属に在籍）"
        ),
        SecondmentKind.RETIRED: translate(
            "StaffingLabels", "県・市町村を退職して派遣（元の所属に在籍しない）"
        ),
        SecondmentKind.PARTNER: translate("StaffingLabels", "協力会社からの出向"),
    }[kind]


def open_end_text() -> str:
    return translate("StaffingLabels", "期間の定めなし")


def end_text(end: date | None) -> str:
    return date_text(end) if end is not None else open_end_text()


def period_text(start: date, end: date | None) -> str:
    return f"{date_text(start)} 〜 {end_text(end)}"


def days_left_text(days: int) -> str:
    if days == 0:
        return translate("StaffingLabels", "本日まで")
    return translate("StaffingLabels", "あと {days} 日").format(days=days)


def write_roles_hint() -> str:
    return translate("StaffingLabels", "出向の登録・変更は{roles}だけが行えます。").format(
        roles=who_may(Action.EDIT_SECONDMENTS)
    )


def fiscal_year_text(fy: int, with_year: bool = True) -> str:
    """令和7年度（2025）, or 令和7年度 where room is short; FY2025 in English."""
    era, n = era_year(fy)
    parts = {"era": era, "n": format_era_year(n), "year": fy}
    if with_year:
        return translate("StaffingLabels", "{era}{n}年度（{year}）").format(**parts)
    return translate("StaffingLabels", "{era}{n}年度").format(**parts)


def month_text(month: int) -> str:
    """A month column's short label: 4月."""
    return translate("StaffingLabels", "{month}月").format(month=month)
