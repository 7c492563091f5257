"""The asset list's columns: header, the service's sort key, and how a row shows in it."""

from decimal import Decimal

from PySide6.QtCore import QCoreApplication

from oneaqita.models import AssetKind, AssetStatus, Urgency
from oneaqita.services.asset_registry import AssetRow, AssetSort
from ui.labels import domain_label, ui_language
from ui.paged_model import Column

translate = QCoreApplication.translate
Sort = AssetSort


def _longest(values: list[str]) -> str:
    return max(values, key=len)


def owner_text(row: AssetRow) -> str:
    return row.owner_name_en if ui_language() == "en" and row.owner_name_en else row.owner_name


def condition_text(value: Urgency | None) -> str:
    return domain_label(value) if value is not None else translate("AssetColumns", "未判定")


def number_text(value: int | Decimal | None) -> str:
    return "" if value is None else f"{value:,}"


COLUMNS: list[Column[AssetRow]] = [
    Column(
        lambda: translate("AssetColumns", "施設番号"),
        Sort.CODE,
        lambda r: r.code,
        lambda: "050008-MH-000000",
    ),
    Column(
        lambda: translate("AssetColumns", "種別"),
        Sort.KIND,
        lambda r: domain_label(r.kind),
        lambda: _longest([domain_label(k) for k in AssetKind]),
    ),
    Column(
        lambda: translate("AssetColumns", "管理者"),
        Sort.OWNER,
        owner_text,
        lambda: "由利本荘市",
    ),
    Column(
        lambda: translate("AssetColumns", "処理区"),
        Sort.DISTRICT,
        lambda r: r.district or "",
        lambda: "由利本荘中央処理区",
    ),
    Column(
        lambda: translate("AssetColumns", "布設年度"),
        Sort.INSTALLED_YEAR,
        lambda r: str(r.installed_year) if r.installed_year is not None else "",
        lambda: "2000",
        centered=True,
    ),
    Column(
        lambda: translate("AssetColumns", "経過年数"),
        Sort.AGE,
        lambda r: str(r.age) if r.age is not None else "",
        lambda: "100",
        centered=True,
    ),
    Column(
        lambda: translate("AssetColumns", "管種"),
        Sort.MATERIAL,
        lambda r: r.material or "",
        lambda: "鉄筋コンクリート管",
    ),
    Column(
        lambda: translate("AssetColumns", "管径 (mm)"),
        Sort.DIAMETER,
        lambda r: number_text(r.diameter_mm),
        lambda: "1,000",
        centered=True,
    ),
    Column(
        lambda: translate("AssetColumns", "延長 (m)"),
        Sort.LENGTH,
        lambda r: number_text(r.length_m),
        lambda: "1,000.00",
        centered=True,
    ),
    Column(
        lambda: translate("AssetColumns", "状態"),
        Sort.STATUS,
        lambda r: domain_label(r.status),
        lambda: _longest([domain_label(s) for s in AssetStatus]),
        centered=True,
    ),
    Column(
        lambda: translate("AssetColumns", "緊急度"),
        Sort.CONDITION,
        lambda r: condition_text(r.condition),
        lambda: _longest([condition_text(None), *(condition_text(u) for u in Urgency)]),
        centered=True,
    ),
]


def column_of(sort: AssetSort) -> int:
    return next(i for i, c in enumerate(COLUMNS) if c.sort is sort)
