"""The kana conversions of services/text_fields.py (str.translate with tables built once)
give what the per-character loop they replaced gave, character for character; and the FTS
tokens of search.sqlite_tokens (the grams made distinct before they are hex-encoded) are
those it gave before."""

import pytest

from oneaqita.asset_search import asset_document
from oneaqita.search import bigrams, normalize, sqlite_tokens
from oneaqita.services.text_fields import hiragana_to_katakana, katakana_to_hiragana

_OFFSET = 0x60
_HIRAGANA = ((0x3041, 0x3096), (0x309D, 0x309E))
_KATAKANA = tuple((lo + _OFFSET, hi + _OFFSET) for lo, hi in _HIRAGANA)


def _loop(text: str, ranges: tuple[tuple[int, int], ...], offset: int) -> str:
    """The former implementation, kept here as the reference."""
    return "".join(
        chr(ord(c) + offset) if any(lo <= ord(c) <= hi for lo, hi in ranges) else c for c in text
    )


def _old_to_katakana(text: str) -> str:
    return _loop(text, _HIRAGANA, _OFFSET)


def _old_to_hiragana(text: str) -> str:
    return _loop(text, _KATAKANA, -_OFFSET)


KANA_BLOCKS = [chr(c) for c in range(0x3040, 0x3100)]


@pytest.mark.parametrize("char", KANA_BLOCKS, ids=lambda c: f"U+{ord(c):04X}")
def test_each_kana_block_character_as_before(char: str) -> None:
    assert hiragana_to_katakana(char) == _old_to_katakana(char)
    assert katakana_to_hiragana(char) == _old_to_hiragana(char)


def test_the_tables_change_exactly_the_one_to_one_kana() -> None:
    block = "".join(KANA_BLOCKS)
    changed = [c for c, k in zip(block, hiragana_to_katakana(block), strict=True) if c != k]
    assert changed == [chr(c) for lo, hi in _HIRAGANA for c in range(lo, hi + 1)]
    back = [c for c, h in zip(block, katakana_to_hiragana(block), strict=True) if c != h]
    assert back == [chr(c) for lo, hi in _KATAKANA for c in range(lo, hi + 1)]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "さとう はなこ、ゔぁ ゝ",
        "サトウ ハナコー ヶ",
        "佐藤ABC",
        "秋田市あきたシ123-ｱｲｳ",
        "ＡＢＣ　あいう　漢字カナ ゟ゠ヿー・",
        "abc\tDEF\nあ\x00イ\ud800う\U0001f600ゞヾ",
        "".join(KANA_BLOCKS) + "河川管理施設ダクタイル鋳鉄管",
    ],
)
def test_mixed_text_as_before(text: str) -> None:
    assert hiragana_to_katakana(text) == _old_to_katakana(text)
    assert katakana_to_hiragana(text) == _old_to_hiragana(text)


def test_the_basic_multilingual_plane_as_before() -> None:
    plane = "".join(chr(c) for c in range(0x10000))
    assert hiragana_to_katakana(plane) == _old_to_katakana(plane)
    assert katakana_to_hiragana(plane) == _old_to_hiragana(plane)


def _old_sqlite_tokens(document: str) -> str:
    """search.sqlite_tokens as it was: each gram hex-encoded, then made distinct."""
    tokens: set[str] = set()
    for seg in normalize(document).split():
        tokens.update(g.encode("utf-8").hex() for g in bigrams(seg))
        tokens.add(seg[-1].encode("utf-8").hex())
    return " ".join(sorted(tokens))


@pytest.mark.parametrize(
    "parts",
    [
        ("P-0000001", "八郎湖処理区", "ダクタイル鋳鉄管"),
        ("MH-0000010", "中央処理区", None),
        ("ａａａａ", "あああ　いい", "x"),
        ("Straße", "ΐΐ", "ｶﾀｶﾅ"),
        ("WO-2024-0001 点検 秋田 秋田市上下水道局", None, None),
    ],
)
def test_fts_tokens_as_before(parts: tuple[str | None, str | None, str | None]) -> None:
    asset = asset_document(*parts)
    order = " ".join(p for p in parts if p)
    for document in (asset, order, "".join(KANA_BLOCKS)):
        assert sqlite_tokens(document) == _old_sqlite_tokens(document)
