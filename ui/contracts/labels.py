"""What the Contracts page says for hours, fiscal-year spans and progress, translatable."""

from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from oneaqita.fiscal import fiscal_year
from oneaqita.permissions import Action
from oneaqita.services.contract_queries import ContractRow
from ui.labels import percent_text, who_may
from ui.organizations.labels import yen_text
from ui.staffing.labels import fiscal_year_text

translate = QCoreApplication.translate

__all__ = ["count_text", "fiscal_years_text", "hours_text", "percent_text", "yen_text"]


def hours_text(minutes: int) -> str:
    """Booked minutes as hours with one decimal: 90 → 1.5 時間."""
    hours = (Decimal(minutes) / 60).quantize(Decimal("0.1"))
    return translate("ContractLabels", "{hours} 時間").format(hours=f"{hours:,}")


def count_text(count: int) -> str:
    return translate("ContractLabels", "{count} 件").format(count=f"{count:,}")


def fiscal_years_text(row: ContractRow) -> str:
    """The fiscal years a contract covers: 令和7年度（2025）, or 令和7年度〜令和9年度 (3年)."""
    first, last = fiscal_year(row.start), fiscal_year(row.end)
    if first == last:
        return fiscal_year_text(first)
    return translate("ContractLabels", "{first} 〜 {last}（{years}年度分）").format(
        first=fiscal_year_text(first, with_year=False),
        last=fiscal_year_text(last, with_year=False),
        years=last - first + 1,
    )


def unscheduled_text() -> str:
    return translate("ContractLabels", "日程未定")


def edit_roles_hint() -> str:
    return translate("ContractLabels", "契約の登録・変更は業務担当・管理職・管理者だけが行えます。")


def plan_roles_hint() -> str:
    return translate("ContractLabels", "点検計画の作成は{roles}だけが行えます。").format(
        roles=who_may(Action.EDIT_WORK_ORDERS)
    )
