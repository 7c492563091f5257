"""The domain's fixed values in words, Japanese and English: the one table that imports,
search documents, PDF reports, messages and the screens read.

Rules:

- Every member of every enum in ``ENUMS`` has a label in both languages
  (``tests/unit/test_labels.py`` fails on a member without one, or on two members of one enum
  with the same word, which an import could then not tell apart).
- The Japanese word is what users say and spreadsheets write (an import accepts it as well as
  the stored value); the English one is what the English UI and messages show.
"""

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, TypeVar

from oneaqita.models import (
    AssetKind,
    AssetStatus,
    FindingRank,
    Kpi,
    OrganizationKind,
    OverheadCategory,
    Role,
    SecondmentKind,
    TimeEntryStatus,
    Urgency,
    WorkKind,
    WorkOrderStatus,
)

__all__ = ["ENUMS", "LABELS", "Label", "Language", "ja_words", "label"]

Language = Literal["ja", "en"]


@dataclass(frozen=True)
class Label:
    ja: str
    en: str

    def text(self, language: Language) -> str:
        return self.ja if language == "ja" else self.en


L = Label
# By enum first: members of two enums may share a value (SecondmentKind.PARTNER and
# OrganizationKind.PARTNER are both "partner"), and a StrEnum member hashes as its value.
LABELS: Mapping[type[enum.Enum], Mapping[enum.Enum, Label]] = {
    WorkKind: {
        WorkKind.OFFICE: L("業務", "Office service"),
        WorkKind.FIELD: L("現場作業", "Field work"),
    },
    WorkOrderStatus: {
        WorkOrderStatus.DRAFT: L("起票", "Draft"),
        WorkOrderStatus.PLANNED: L("計画", "Planned"),
        WorkOrderStatus.IN_PROGRESS: L("着手", "In progress"),
        WorkOrderStatus.COMPLETED: L("完了", "Completed"),
        WorkOrderStatus.ACCEPTED: L("検収済", "Accepted"),
        WorkOrderStatus.CANCELLED: L("中止", "Cancelled"),
    },
    AssetKind: {
        AssetKind.PIPE: L("管路", "Pipe"),
        AssetKind.MANHOLE: L("マンホール", "Manhole"),
        AssetKind.MANHOLE_PUMP: L("マンホールポンプ", "Manhole pump"),
        AssetKind.PUMP_STATION: L("ポンプ場", "Pump station"),
        AssetKind.TREATMENT_PLANT: L("処理場", "Treatment plant"),
        AssetKind.RURAL_DRAINAGE_PLANT: L("農業集落排水施設", "Rural drainage plant"),
        AssetKind.NIGHT_SOIL_PLANT: L("し尿処理施設", "Night-soil plant"),
    },
    AssetStatus: {
        AssetStatus.IN_SERVICE: L("供用中", "In service"),
        AssetStatus.CONSOLIDATED: L("統合済", "Consolidated"),
        AssetStatus.RETIRED: L("廃止", "Retired"),
    },
    Urgency: {
        Urgency.I: L("緊急度I", "Urgency I"),
        Urgency.II: L("緊急度II", "Urgency II"),
        Urgency.III: L("緊急度III", "Urgency III"),
    },
    FindingRank: {
        FindingRank.A: L("a", "a"),
        FindingRank.B: L("b", "b"),
        FindingRank.C: L("c", "c"),
    },
    SecondmentKind: {
        SecondmentKind.ON_ROLL: L("在籍派遣", "On roll"),
        SecondmentKind.RETIRED: L("退職派遣", "Retired"),
        SecondmentKind.PARTNER: L("出向", "Partner"),
    },
    OrganizationKind: {
        OrganizationKind.PREFECTURE: L("県", "Prefecture"),
        OrganizationKind.CITY: L("市", "City"),
        OrganizationKind.TOWN: L("町", "Town"),
        OrganizationKind.VILLAGE: L("村", "Village"),
        OrganizationKind.PARTNER: L("協力会社", "Partner"),
        OrganizationKind.COMPANY: L("当社", "The company"),
    },
    OverheadCategory: {
        OverheadCategory.TRAINING: L("研修", "Training"),
        OverheadCategory.OFFICE: L("事務", "Office work"),
        OverheadCategory.TRAVEL: L("移動", "Travel"),
        OverheadCategory.LEAVE: L("休暇", "Leave"),
    },
    TimeEntryStatus: {
        TimeEntryStatus.DRAFT: L("入力中", "Draft"),
        TimeEntryStatus.SUBMITTED: L("提出済", "Submitted"),
        TimeEntryStatus.APPROVED: L("承認済", "Approved"),
        TimeEntryStatus.RETURNED: L("差戻し", "Returned"),
    },
    Kpi: {
        Kpi.KM_INSPECTED: L("点検・調査延長", "Pipe length inspected"),
        Kpi.KM_URGENCY_I: L("緊急度I 判定延長", "Length found urgency I"),
        Kpi.KM_URGENCY_II: L("緊急度II 判定延長", "Length found urgency II"),
        Kpi.KM_URGENCY_III: L("緊急度III 判定延長", "Length found urgency III"),
        Kpi.ORDERS_ACCEPTED: L("検収件数", "Work orders accepted"),
        Kpi.PLANS_DELIVERED: L("計画・戦略策定件数", "Plans delivered"),
        Kpi.TRAINING_HOURS: L("研修時間", "Training hours"),
        Kpi.TRAININGS_HELD: L("研修・講習会の開催", "Training courses held"),
        Kpi.COST_REDUCTION: L("コスト縮減額", "Cost reduction"),
    },
    Role: {
        Role.ADMIN: L("管理者", "administrator"),
        Role.MANAGER: L("管理職", "manager"),
        Role.COORDINATOR: L("業務担当", "coordinator"),
        Role.SECONDED: L("出向職員", "seconded staff"),
    },
}

ENUMS: tuple[type[enum.Enum], ...] = tuple(LABELS)

E = TypeVar("E", bound=enum.Enum)


def label(value: enum.Enum, language: Language = "ja") -> str:
    """The word for `value` in `language`."""
    return LABELS[type(value)][value].text(language)


def ja_words(enum_type: type[E]) -> dict[E, str]:
    """Every member of `enum_type` with its Japanese word."""
    return {member: LABELS[enum_type][member].ja for member in enum_type}
