"""Text typed by people (in a dialog or a spreadsheet cell): how services check it and how
lists match it.

Rules enforced here:

- Stored text is NFKC-normalised and trimmed (全角 letters and digits become half-width,
  half-width katakana full-width), so that a search never depends on how a value was typed;
  an empty value is "no value".
- A value longer than its column is refused with a ValidationError naming the field, on
  SQLite too (which would otherwise store it whole).
- A value holding a character no database or export may hold (a control character, a lone
  surrogate, a bidi override …; tab and line breaks inside a value unless the field is
  multi-line: ``values.check_storable``) is refused with a ValidationError naming the field,
  and so is a reference to a stored record that holds one (``reference_text``).
- A free-text search is split into terms on whitespace; every term must match. Case and the
  difference between hiragana and katakana do not matter, nor do spaces inside the stored
  value ("佐藤花子" finds "佐藤 花子").
"""

import unicodedata
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_

from oneaqita.errors import ValidationError
from oneaqita.values import ValueParseError, replace_unstorable, storable_text

__all__ = [
    "hiragana_to_katakana",
    "katakana_to_hiragana",
    "matches_all_terms",
    "optional_text",
    "reference_text",
    "required_text",
    "search_terms",
]

# The hiragana ぁ..ゖ and the iteration marks ゝゞ sit exactly 0x60 code points below their
# katakana forms ァ..ヶ and ヽヾ; nothing else in either block maps one to one. The tables are
# built once: str.translate is a single C loop over the text (a search document per asset of
# an import goes through it).
_KANA_OFFSET = 0x60
_HIRAGANA = ((0x3041, 0x3096), (0x309D, 0x309E))
_TO_KATAKANA = {c: c + _KANA_OFFSET for lo, hi in _HIRAGANA for c in range(lo, hi + 1)}
_TO_HIRAGANA = {k: h for h, k in _TO_KATAKANA.items()}


def hiragana_to_katakana(text: str) -> str:
    """ "さとう はなこ" → "サトウ ハナコ"; other characters are kept."""
    return text.translate(_TO_KATAKANA)


def katakana_to_hiragana(text: str) -> str:
    """ "サトウ ハナコ" → "さとう はなこ"; other characters (ー included) are kept."""
    return text.translate(_TO_HIRAGANA)


def required_text(value: str | None, field: str, label_ja: str, label_en: str, limit: int) -> str:
    """The normalised value; refused when empty or longer than `limit` characters."""
    text = optional_text(value, field, label_ja, label_en, limit)
    if text is None:
        raise ValidationError(f"{label_ja}を入力してください。", f"{label_en} is required.", field)
    return text


def optional_text(
    value: str | None,
    field: str,
    label_ja: str,
    label_en: str,
    limit: int,
    *,
    multiline: bool = False,
) -> str | None:
    """The normalised value or None; refused when it holds a character that cannot be
    stored or is longer than `limit` characters."""
    text = reference_text(value, field, label_ja, label_en, multiline=multiline)
    if text is not None and len(text) > limit:
        raise ValidationError(
            f"{label_ja}は{limit}文字以内にしてください ({len(text)}文字あります)。",
            f"{label_en} must be at most {limit} characters (it has {len(text)}).",
            field,
        )
    return text


def reference_text(
    value: str | None, field: str | None, label_ja: str, label_en: str, *, multiline: bool = False
) -> str | None:
    """The normalised value or None; a ValidationError on `field` when it holds a character
    that cannot be stored (so it also names nothing stored)."""
    try:
        return storable_text(value, multiline=multiline)
    except ValueParseError as exc:
        raise ValidationError(f"{label_ja}: {exc.ja}。", f"{label_en} {exc.en}.", field) from exc


def search_terms(text: str) -> list[str]:
    """The terms of a free-text search: NFKC-normalised, case-folded, split on whitespace; a
    character that cannot be stored becomes U+FFFD (it finds nothing, and PostgreSQL would
    refuse a NUL in the query)."""
    return replace_unstorable(unicodedata.normalize("NFKC", text)).casefold().split()


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def matches_all_terms(text: str, columns: list[Any]) -> ColumnElement[bool] | None:
    """A WHERE clause: every term of `text` occurs in one of `columns` (as typed, in
    katakana or in hiragana, ignoring case and the spaces inside stored values); None when
    `text` has no terms. A LIKE over a few thousand people or a hundred bodies needs no
    index of its own, unlike the work-order search."""
    terms = search_terms(text)
    if not terms:
        return None
    per_term = []
    for term in terms:
        variants = sorted({term, hiragana_to_katakana(term), katakana_to_hiragana(term)})
        per_term.append(
            or_(
                *(
                    func.replace(column, " ", "").ilike(_like(v), escape="\\")
                    for column in columns
                    for v in variants
                )
            )
        )
    return and_(*per_term)
