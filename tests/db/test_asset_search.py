"""The asset registry's free text answered from the search index (oneaqita/asset_search.py),
on SQLite and PostgreSQL: the same assets as the LIKE it replaced (asset_picking's text match,
still the picker's), kept up to date by every write and import, and safe to feed anything."""

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from oneaqita.asset_search import MAX_TERMS, reindex_assets
from oneaqita.errors import ValidationError
from oneaqita.models import AssetKind
from oneaqita.services.asset_picking import AssetFilter, asset_codes
from oneaqita.services.asset_registry import (
    AssetListFilter,
    AssetSort,
    count_registry,
    list_registry,
    open_registry,
)
from oneaqita.services.assets import save_asset, upsert_assets
from oneaqita.services.database import Database
from oneaqita.services.records import AssetData
from oneaqita.transfer import import_file
from tests.import_files import write_csv
from tests.logins import actor_for
from tests.staffing_builders import ADMIN, add_bodies

P, M = AssetKind.PIPE, AssetKind.MANHOLE
TODAY = date(2026, 3, 31)
# code, kind, district, material: two-character words, both kana, widths, spaces inside
ASSETS = [
    ("CH-0001", P, "中央処理区", "ヒューム管"),
    ("CH-0002", P, "秋田中央処理区", "塩ビ管"),
    ("CH-0003", M, "中 央", None),  # a space inside the stored value
    ("NA-0001", P, "ちゅうおう処理区", "VU"),  # hiragana
    ("NA-0002", P, "チュウオウ処理区", "vu"),  # katakana, lower case
    ("NA-0003", P, "ﾁｭｳｵｳ処理区", "ＶＵ"),  # half-width katakana, full-width letters
    ("A0000010", P, "八橋処理区", "HP"),
    ("A0000011", P, "八橋処理区", "HP"),
    ("A0001000", M, "旭北処理区", None),
    ("AB-CD", M, "EF", "GH"),  # a term never spans two values: "DE" finds nothing
    ("Q%_\\'\"", M, "記号%処理区", None),  # stored symbols
]

QUERIES = [
    "中央",  # two characters: the index alone
    "央",  # one character, at a word's end too
    "中",
    "処理",
    "央処理",  # three: bigrams, then LIKE
    "中央 ヒューム",  # two terms
    "ちゅうおう",  # hiragana finds katakana and half-width
    "チュウオウ",
    "ﾁｭｳｵｳ",
    "ｖｕ",  # full-width, any case
    "VU",
    "a00000",  # a code fragment
    "A0000010",
    "0001",
    "1",
    "ch-000",
    "央中",  # the characters in the other order: nothing
    "DE",  # across code and district: nothing
    "CDEF",
    "%",
    "_",
    "\\",
    "'",
    '"',
    "%_\\'\"",
    "記号%",
    "' OR 1=1 --",
    "\x00",
    "\x07",
    "中\x00央",
    "\u202e",
    "全角　スペース",  # an ideographic space splits terms, as a space does
    "",
    "   ",
]


@pytest.fixture
def stored(db: Database) -> Database:
    add_bodies(db)
    with db.unit_of_work(ADMIN) as uow:
        upsert_assets(
            uow,
            [
                AssetData(code, kind, "052019", district, 1980, material)
                for code, kind, district, material in ASSETS
            ],  # fmt: skip
        )
    return db


def _listed(db: Database, query: str, **kw: object) -> list[str]:
    flt = AssetListFilter(text=query, today=TODAY, **kw)  # type: ignore[arg-type]
    count, rows = open_registry(db, flt, 0, 100)
    assert count == count_registry(db, flt) == len(rows)
    assert [r.code for r in rows] == [r.code for r in list_registry(db, flt, 0, 100)]
    return [r.code for r in rows]


def _like(db: Database, query: str) -> list[str]:
    """What the LIKE over code, district and material finds (the former filter)."""
    return asset_codes(db, AssetFilter(text=query))


@pytest.mark.parametrize("query", QUERIES)
def test_the_index_finds_what_the_like_found(stored: Database, query: str) -> None:
    assert _listed(stored, query) == _like(stored, query)


def test_hand_computed_answers(stored: Database) -> None:
    assert _listed(stored, "中央") == ["CH-0001", "CH-0002", "CH-0003"]
    assert _listed(stored, "ちゅうおう") == ["NA-0001", "NA-0002", "NA-0003"]
    assert _listed(stored, "ｖｕ") == ["NA-0001", "NA-0002", "NA-0003"]
    assert _listed(stored, "a00000") == ["A0000010", "A0000011"]
    assert _listed(stored, "央 ヒューム") == ["CH-0001"]
    assert _listed(stored, "DE") == []
    assert _listed(stored, "%") == ["Q%_\\'\""]
    assert _listed(stored, "記号%") == ["Q%_\\'\""]


def test_text_combines_with_the_other_filters_and_every_sort(stored: Database) -> None:
    assert _listed(stored, "中央", kind=M) == ["CH-0003"]
    for sort in AssetSort:
        for descending in (False, True):
            found = _listed(stored, "処理", sort=sort, descending=descending)
            assert sorted(found) == sorted(_like(stored, "処理"))


def test_a_page_deep_in_the_matches(stored: Database) -> None:
    flt = AssetListFilter(text="処理", today=TODAY)
    whole = [r.code for r in list_registry(stored, flt, 0, 100)]
    paged = [r.code for start in range(0, 12, 3) for r in list_registry(stored, flt, start, 3)]
    assert paged == whole == _like(stored, "処理")


def test_a_megabyte_of_text_finds_nothing_at_once(stored: Database) -> None:
    assert _listed(stored, "中" * 1_000_000) == []
    assert _listed(stored, "中央 " + "x" * 1_000_000) == []


def test_too_many_words_are_refused_on_the_text_field(stored: Database) -> None:
    many = " ".join(f"w{i}" for i in range(MAX_TERMS + 1))
    with pytest.raises(ValidationError) as refused:
        count_registry(stored, AssetListFilter(text=many))
    assert refused.value.field == "text"
    assert _listed(stored, " ".join(["中央"] * 100)) == _like(stored, "中央")  # repeats once


def test_an_edit_moves_the_asset_in_the_index(stored: Database) -> None:
    data = AssetData("CH-0001", P, "052019", "八橋処理区", 1980, "ヒューム管")
    save_asset(stored, ADMIN, data, 1)
    assert _listed(stored, "中央") == ["CH-0002", "CH-0003"]
    assert "CH-0001" in _listed(stored, "八橋")
    save_asset(stored, ADMIN, AssetData("NEW-01", M, "052019", "新中央"), None)
    assert _listed(stored, "中央") == ["CH-0002", "CH-0003", "NEW-01"]
    assert _listed(stored, "中央") == _like(stored, "中央")


def test_an_import_is_searchable(db: Database, tmp_path: Path) -> None:
    add_bodies(db)
    admin = actor_for(db, "search-admin")
    rows = [["施設番号", "施設種別", "管理者", "処理区", "管種"],
            ["IM-1", "管路", "052019", "雄和中央処理区", "塩ビ管"],
            ["IM-2", "管路", "052019", "河辺処理区", "ヒューム管"]]  # fmt: skip
    assert import_file(db, admin, "assets", write_csv(tmp_path / "a.csv", rows)).ok
    assert _listed(db, "中央") == ["IM-1"] and _listed(db, "ヒューム") == ["IM-2"]
    rows[2][3] = "雄和中央処理区"  # imported again, changed: found by its new district
    assert import_file(db, admin, "assets", write_csv(tmp_path / "b.csv", rows)).ok
    assert _listed(db, "中央") == ["IM-1", "IM-2"] == _like(db, "中央")


def test_reindexing_writes_each_document_once(stored: Database) -> None:
    with stored.unit_of_work(ADMIN) as uow:
        assert reindex_assets(uow.connection) == len(ASSETS)
        assert reindex_assets(uow.connection, [1, 2, 2]) == 2
        docs = uow.connection.execute(text("SELECT count(*) FROM asset_search")).scalar()
    assert docs == len(ASSETS)
    for query in QUERIES:
        assert _listed(stored, query) == _like(stored, query)
