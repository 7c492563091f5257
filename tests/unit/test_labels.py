"""The one table of the domain's words: complete, unambiguous, and what the core uses."""

import enum
import inspect

import pytest

import oneaqita.models
from oneaqita.labels import ENUMS, LABELS, label
from oneaqita.models import (
    OrganizationKind,
    Role,
    SecondmentKind,
    TimeEntryStatus,
    WorkOrderStatus,
)
from oneaqita.vocabulary import WORK_ORDER_STATUS_JA


def test_every_enum_of_the_models_is_in_the_table() -> None:
    defined = {
        obj
        for _, obj in inspect.getmembers(oneaqita.models, inspect.isclass)
        if issubclass(obj, enum.Enum) and obj.__module__.startswith("oneaqita.models")
    }
    assert defined == set(ENUMS)


@pytest.mark.parametrize("enum_type", ENUMS, ids=lambda e: e.__name__)
def test_every_member_has_a_japanese_and_an_english_word(enum_type: type[enum.Enum]) -> None:
    table = LABELS[enum_type]
    assert set(table) == set(enum_type), f"{enum_type.__name__}: a member without a label"
    assert all(type(member) is enum_type for member in table)
    for member in enum_type:
        assert table[member].ja.strip() and table[member].en.strip()
    for language in ("ja", "en"):
        words = [table[m].text(language) for m in enum_type]  # type: ignore[arg-type]
        assert len(set(words)) == len(words), f"{enum_type.__name__}: a {language} word twice"


def test_the_core_reads_its_words_from_the_table() -> None:
    assert WORK_ORDER_STATUS_JA[WorkOrderStatus.PLANNED] == label(WorkOrderStatus.PLANNED) == "計画"
    assert label(Role.SECONDED, "en") == "seconded staff"


def test_members_of_two_enums_with_one_value_keep_their_own_words() -> None:
    assert SecondmentKind.PARTNER == OrganizationKind.PARTNER  # both "partner"
    assert label(SecondmentKind.PARTNER) == "出向"
    assert label(OrganizationKind.PARTNER) == "協力会社"
    assert label(TimeEntryStatus.DRAFT) == "入力中" and label(WorkOrderStatus.DRAFT) == "起票"
