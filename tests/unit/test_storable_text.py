"""What text may be stored (values.check_storable) and how export cells are kept from becoming
formulas (values.protect_formula / unprotect_formula); no database."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from oneaqita.values import (
    ValueParseError,
    check_storable,
    normalize_text,
    protect_formula,
    replace_unstorable,
    storable_text,
    unprotect_formula,
)
from tests.strategies import storable_text as storable
from tests.strategies import with_unstorable


@given(text=storable(), multiline=st.booleans())
def test_storable_text_is_accepted_and_only_normalised(text: str, multiline: bool) -> None:
    assert storable_text(text, multiline=multiline) == normalize_text(text)


@given(text=storable(multiline=True))
def test_multi_line_text_is_accepted_in_a_multi_line_field(text: str) -> None:
    assert check_storable(text, multiline=True) == text


@given(case=with_unstorable())
def test_text_with_an_unstorable_character_is_refused_saying_which(case: tuple[str, str]) -> None:
    text, bad = case
    with pytest.raises(ValueParseError) as info:
        storable_text(text)
    assert f"U+{ord(bad):04X}" in info.value.en
    assert f"U+{ord(bad):04X}" in info.value.ja
    # Nothing NFKC or trimming does makes it storable: the check may run on the raw cell.
    with pytest.raises(ValueParseError):
        check_storable(unicodedata.normalize("NFKC", text))


@given(case=with_unstorable(multiline=True))
def test_multi_line_fields_refuse_control_characters_too(case: tuple[str, str]) -> None:
    with pytest.raises(ValueParseError):
        check_storable(case[0], multiline=True)


@pytest.mark.parametrize(
    ("text", "at", "code", "why"),
    [
        ("佐藤\x00花子", 3, "U+0000", "a control character"),
        ("bell\x07", 5, "U+0007", "a control character"),
        ("esc\x1b[31m", 4, "U+001B", "a control character"),
        ("next\x85line", 5, "U+0085", "a control character"),
        ("abc\u202etxt.exe", 4, "U+202E", "a bidi control"),
        ("\u2066x", 1, "U+2066", "a bidi control"),
        ("a\ud800b", 2, "U+D800", "a lone surrogate"),
        ("a\uffff", 2, "U+FFFF", "a noncharacter"),
        ("two\nlines", 4, "U+000A", "a line break or tab"),
        ("  tab\tinside ", 6, "U+0009", "a line break or tab"),
        ("line\u2028sep", 5, "U+2028", "a line break or tab"),
    ],
)
def test_refusal_names_the_character_and_where_it_is(
    text: str, at: int, code: str, why: str
) -> None:
    with pytest.raises(ValueParseError) as info:
        check_storable(text)
    assert f"character {at}: {code}, {why}" in info.value.en
    assert f"{at}文字目: {code}" in info.value.ja


def test_tabs_and_line_breaks_at_the_edges_are_trimmed_and_inside_only_in_multi_line_fields() -> (
    None
):
    assert storable_text("\t佐藤 花子\r\n") == "佐藤 花子"
    assert storable_text("\u2028x\u2029") == "x"
    assert (
        storable_text(" 一行目\r\n二行目\t(続き) \n", multiline=True) == "一行目\r\n二行目\t(続き)"
    )
    # Other C0 controls are never trimmed away silently, not even at the edges.
    with pytest.raises(ValueParseError):
        storable_text("\x1f名前")
    with pytest.raises(ValueParseError):
        storable_text("名前\x0b", multiline=True)


def test_replace_unstorable_keeps_tabs_and_line_breaks() -> None:
    assert replace_unstorable("a\x07b\tc\n\u202ed") == "a\ufffdb\tc\n\ufffdd"


@pytest.mark.parametrize(
    ("stored", "csv"),
    [
        ('=HYPERLINK("http://x"&A1,"click")', '\'=HYPERLINK("http://x"&A1,"click")'),
        ("+1", "'+1"),
        ("-x", "'-x"),
        ("-5", "'-5"),  # a text cell (a phone, a code); numbers are never text cells
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("'quoted", "''quoted"),
        ("''", "'''"),
        ("佐藤", "佐藤"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_csv_text_cells_that_could_be_formulas_get_one_apostrophe(stored: str, csv: str) -> None:
    assert protect_formula(stored) == csv
    assert unprotect_formula(csv) == stored


@pytest.mark.parametrize("typed", ["'quoted", "'", "'佐藤", "it's", "-5", "=x"])
def test_an_apostrophe_the_export_did_not_add_is_kept(typed: str) -> None:
    assert unprotect_formula(typed) == typed


@given(text=st.text(max_size=12) | st.text(st.sampled_from("'=+-@\t\rab"), max_size=6))
def test_protected_text_reads_back_as_it_was_and_never_starts_a_formula(text: str) -> None:
    cell = protect_formula(text)
    assert unprotect_formula(cell) == text
    assert cell[:1] not in set("=+-@\t\r")
