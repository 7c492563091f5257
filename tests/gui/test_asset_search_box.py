"""The Assets page's search box on the demo: what is typed (a two-character word, full-width
forms, hiragana for katakana, a code fragment, a huge paste, symbols) lists exactly what the
registry finds from its search index, with the count; too many words are refused in a message
and the rows shown stay."""

from typing import Any

import pytest

from oneaqita.asset_search import MAX_TERMS
from oneaqita.errors import ValidationError
from oneaqita.services.actor import Actor
from oneaqita.services.asset_picking import AssetFilter, asset_codes
from oneaqita.services.asset_registry import AssetListFilter, open_registry
from oneaqita.services.database import Database
from tests.gui.input import after_recount, type_japanese
from ui.assets.page import AssetsPage
from ui.main_window import MainWindow


@pytest.fixture
def page(qtbot, demo_db: Database, actor: Actor) -> AssetsPage:  # type: ignore[no-untyped-def]
    window = MainWindow(demo_db, actor)
    qtbot.addWidget(window)
    window.navigation.setCurrentRow(window.pages.index(window.assets))
    window.show()
    qtbot.waitExposed(window)
    page = window.assets
    qtbot.waitUntil(lambda: not page.model.is_loading(), timeout=10_000)
    return page


def _search(qtbot: Any, page: AssetsPage, text: str) -> list[str]:
    """Type `text` into the emptied box; the codes of the first page shown."""
    edit = page.filter_bar.search_edit
    if edit.text():
        after_recount(qtbot, page, edit.clear)
    after_recount(qtbot, page, lambda: type_japanese(edit, text))
    model = page.model
    rows = [model.row_at(r) for r in range(min(model.rowCount(), model.page_size))]
    assert None not in rows
    return [r.code for r in rows if r is not None]


def _expected(db: Database, text: str) -> tuple[int, list[str]]:
    count, rows = open_registry(db, AssetListFilter(text=text))
    return count, [r.code for r in rows]


TYPED = ["中央", "ﾁｭｳｵｳ", "ちゅうおう", "ＭＨ－００００１", "mh-00001 中央"]


@pytest.mark.parametrize("text", TYPED)
def test_what_is_typed_lists_what_the_index_finds(
    qtbot: Any, page: AssetsPage, demo_db: Database, text: str
) -> None:
    shown = _search(qtbot, page, text)
    count, first = _expected(demo_db, text)
    assert page.model.rowCount() == count and shown == first[: len(shown)]
    assert page.filter_bar.count_label.text() == f"{count:,} 件"
    assert count == len(asset_codes(demo_db, AssetFilter(text=text)))  # as the LIKE found


def test_a_two_character_word_finds_many(qtbot: Any, page: AssetsPage, demo_db: Database) -> None:
    shown = _search(qtbot, page, "処理")
    assert page.model.rowCount() > 100 and len(shown) == page.model.page_size


@pytest.mark.parametrize("text", ["%", "_", "\\", "' OR 1=1 --", "中" * 40_000, "\x07"])
def test_hostile_text_finds_nothing_quietly(
    qtbot: Any, page: AssetsPage, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    shown: list[BaseException] = []
    monkeypatch.setattr("ui.list_page.show_error", lambda _parent, exc: shown.append(exc))
    after_recount(qtbot, page, lambda: page.filter_bar.search_edit.setText(text))  # pasted
    assert page.model.rowCount() == 0 and shown == []
    assert page.filter_bar.count_label.text() == "0 件"


def test_too_many_words_are_refused_and_the_rows_stay(
    qtbot: Any, page: AssetsPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[BaseException] = []
    monkeypatch.setattr("ui.list_page.show_error", lambda _parent, exc: shown.append(exc))
    before = page.model.rowCount()
    words = " ".join(f"w{i}" for i in range(MAX_TERMS + 1))
    page.filter_bar.search_edit.setText(words)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert isinstance(shown[0], ValidationError) and shown[0].field == "text"
    assert page.model.rowCount() == before
