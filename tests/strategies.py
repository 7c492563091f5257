"""Shared hypothesis strategies for text, written from the rule (values.py's module docstring)
rather than from its code, so that the tests check the code against the rule.

- ``storable_text``: text the app stores, every character allowed by the rule: no control
  character (Unicode category Cc: C0, DEL, C1) but, in multi-line fields, tab, CR and LF; no
  surrogate (Cs); no bidi embedding, override or isolate; not U+FFFE/U+FFFF; the line
  separators U+2028/U+2029 only in multi-line fields.
- ``unstorable_characters``: the characters refused wherever they stand;
  ``line_breaks``: those refused inside a single-line value (they are trimmed at its edges).
"""

from hypothesis import strategies as st

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
NONCHARACTERS = "\ufffe\uffff"
LINE_BREAKS = "\t\n\r\u2028\u2029"


def storable_characters(*, multiline: bool = False) -> st.SearchStrategy[str]:
    chars = st.characters(
        exclude_categories=("Cc", "Cs"),
        exclude_characters=BIDI_CONTROLS + NONCHARACTERS + "\u2028\u2029",
    )
    return chars | st.sampled_from(LINE_BREAKS) if multiline else chars


def storable_text(
    *, min_size: int = 0, max_size: int = 20, multiline: bool = False
) -> st.SearchStrategy[str]:
    """Text the app can store (it still NFKC-normalises and trims it)."""
    return st.text(storable_characters(multiline=multiline), min_size=min_size, max_size=max_size)


unstorable_characters: st.SearchStrategy[str] = (
    st.characters(categories=("Cc",)).filter(lambda c: c not in "\t\n\r")
    | st.characters(categories=("Cs",))
    | st.sampled_from(BIDI_CONTROLS + NONCHARACTERS)
)
line_breaks: st.SearchStrategy[str] = st.sampled_from(LINE_BREAKS)


@st.composite
def with_unstorable(draw: st.DrawFn, *, multiline: bool = False) -> tuple[str, str]:
    """(text, the character that makes it unstorable): storable text with one character the
    field must refuse put anywhere; a line break only between two visible characters, as
    at the edges it is trimmed like a space."""
    before = draw(storable_text(max_size=10, multiline=multiline))
    after = draw(storable_text(max_size=10, multiline=multiline))
    if multiline or draw(st.booleans()):
        bad = draw(unstorable_characters)
        return before + bad + after, bad
    bad = draw(line_breaks)
    return f"{before}x{bad}x{after}", bad
