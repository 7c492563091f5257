"""Free-text search over assets (code, district, material) from the work orders' gram index.

The asset registry's text filter finds the assets of which every term occurs in the code, the
district or the material, ignoring case, hiragana against katakana, full against half width
and the spaces inside a stored value. A LIKE over 500,000 assets takes seconds; this module
answers it the way oneaqita.search answers the work-order search, with the same functions:

- Each asset has a search document in `asset_search`: its code, district and material, each
  NFKC-normalised, case-folded, spaces taken out and hiragana made katakana, one word each,
  separated by single spaces. A term matches a word, never across two: as the LIKE did, which
  compared each column on its own.
- SQLite: the words' bigram tokens (oneaqita.search.sqlite_tokens) in the contentless FTS5
  table `asset_search_fts`. PostgreSQL: a GIN index on `oneaqita_search_grams(doc)`, the
  function of migration 0002.
- A term of one or two characters is answered by the index alone; a longer one by the AND of
  its bigrams, then LIKE against the document, so results are exact substring matches.
- A term longer than any word a stored asset can have matches nothing, answered without
  asking the database (a 1 MB paste). More than MAX_TERMS distinct terms are refused on the
  field `text`.

The documents are written by the asset service on every add and update (an import included)
and by migration 0021_assetlist_search for the assets stored before it; nothing deletes
assets, and the document goes with its asset (ON DELETE CASCADE; a contentless FTS5 row of an
id no asset has any more matches no asset).

It differs from the LIKE it replaces only where the LIKE broke its own rule: a word mixing
hiragana and katakana (あイ) is found by either kana of the term, and letters outside ASCII
ignore case on SQLite too (its lower() folds ASCII only).
"""

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, bindparam, column, table, text

from oneaqita.errors import ValidationError
from oneaqita.search import (
    PG_GRAMS_FUNCTION,
    Conn,
    _hex,
    _like_pattern,
    bigrams,
    engine_of,
    ids_in,
    normalize,
    sqlite_tokens,
    terms_of,
)
from oneaqita.services.text_fields import hiragana_to_katakana

__all__ = [
    "ASSET_FTS_TABLE",
    "ASSET_SEARCH_TABLE",
    "ASSET_SEARCH_TABLES",
    "MAX_TERMS",
    "asset_document",
    "asset_terms",
    "index_assets",
    "matching_asset_ids",
    "reindex_assets",
]

ASSET_SEARCH_TABLE = "asset_search"
ASSET_FTS_TABLE = "asset_search_fts"
ASSET_SEARCH_TABLES = (ASSET_SEARCH_TABLE,)  # the FTS table and its shadows share the prefix

MAX_TERMS = 32
# The longest word a document can hold: the district (100 characters, NFKC when stored), each
# character case-folded into at most three ("ΐ" → "ΐ").
LONGEST_WORD = 3 * 100

asset_search_docs = table(ASSET_SEARCH_TABLE, column("asset_id"), column("doc"))


def _word(value: str) -> str:
    return hiragana_to_katakana("".join(normalize(value).split()))


def asset_document(code: str | None, district: str | None, material: str | None) -> str:
    """The searchable text of an asset: one word per value (see the module's rules)."""
    return " ".join(w for w in (_word(v) for v in (code, district, material) if v) if w)


def asset_terms(query: str) -> list[str]:
    """The distinct terms of a search, as documents hold them (katakana for hiragana);
    a ValidationError on `text` for more than MAX_TERMS."""
    terms = list(dict.fromkeys(hiragana_to_katakana(t) for t in terms_of(query)))
    if len(terms) > MAX_TERMS:
        raise ValidationError(
            f"検索語は{MAX_TERMS}語までにしてください ({len(terms)}語あります)。",
            f"Search for at most {MAX_TERMS} words (there are {len(terms)}).",
            "text",
        )
    return terms


def _index_grams(term: str) -> list[str]:
    """The grams the index is asked for a term: the term itself up to two characters, else
    its distinct bigrams (a long term keeps a spread of eight: LIKE checks the rest)."""
    if len(term) <= 2:
        return [term]
    grams = sorted(set(bigrams(term)))
    if len(grams) > 8:
        step = len(grams) / 8
        grams = [grams[int(i * step)] for i in range(8)]
    return grams


def matching_sql(dialect: str, query: str) -> tuple[str, dict[str, Any]] | None:
    """SQL selecting the ids of the assets whose document holds every term of `query`, with
    its parameters; None for a query without terms."""
    terms = asset_terms(query)
    if not terms:
        return None
    if any(len(t) > LONGEST_WORD for t in terms):
        return f"SELECT asset_id FROM {ASSET_SEARCH_TABLE} WHERE 1 = 0", {}
    long_terms = [t for t in terms if len(t) > 2]
    params: dict[str, Any] = {f"alike{i}": _like_pattern(t) for i, t in enumerate(long_terms)}
    likes = "".join(f" AND s.doc LIKE :alike{i} ESCAPE '\\'" for i in range(len(long_terms)))
    if dialect == "sqlite":
        parts: list[str] = []
        for term in terms:
            if len(term) == 1:
                parts.append(f'"{_hex(term)}"*')
            else:
                parts.extend(f'"{_hex(g)}"' for g in _index_grams(term))
        params["amatch"] = " AND ".join(parts)
        fts = f"SELECT rowid FROM {ASSET_FTS_TABLE} WHERE {ASSET_FTS_TABLE} MATCH :amatch"
        if not long_terms:
            return fts, params
        return (
            f"SELECT s.asset_id FROM {ASSET_SEARCH_TABLE} s WHERE s.asset_id IN ({fts}){likes}",
            params,
        )
    needed: set[str] = set()
    for term in terms:
        needed.update(_index_grams(term))
    params["agrams"] = sorted(needed)
    # OFFSET 0: answered from the GIN index first, never merged into a walk of the list's
    # index that would run the gram function on each row (as oneaqita.search explains).
    return (
        f"SELECT s.asset_id FROM {ASSET_SEARCH_TABLE} s "
        f"WHERE {PG_GRAMS_FUNCTION}(s.doc) @> CAST(:agrams AS text[]){likes} OFFSET 0",
        params,
    )


def matching_asset_ids(dialect: str, query: str, id_column: Any) -> ColumnElement[bool] | None:
    """A WHERE clause `id_column IN (assets matching query)`, or None for no terms."""
    return ids_in(matching_sql(dialect, query), id_column, "asset_id")


def document_conditions(query: str) -> list[ColumnElement[bool]]:
    """LIKE conditions on asset_search_docs.doc, one per term: for walking a list's index
    and checking each row's document (oneaqita.search_strategy explains when that pays)."""
    return [asset_search_docs.c.doc.like(_like_pattern(t), escape="\\") for t in asset_terms(query)]


def index_assets(
    conn: Conn, rows: Sequence[tuple[int, str | None, str | None, str | None]]
) -> None:
    """Store the documents of (id, code, district, material) rows, replacing any."""
    if not rows:
        return
    docs: list[dict[str, Any]] = [
        {"id": r[0], "doc": asset_document(r[1], r[2], r[3])} for r in rows
    ]
    if engine_of(conn).dialect.name == "sqlite":
        _forget_sqlite(conn, [r[0] for r in rows])
        conn.execute(
            text(f"INSERT INTO {ASSET_SEARCH_TABLE} (asset_id, doc) VALUES (:id, :doc)"), docs
        )
        conn.execute(
            text(f"INSERT INTO {ASSET_FTS_TABLE} (rowid, tokens) VALUES (:id, :tokens)"),
            [{"id": d["id"], "tokens": sqlite_tokens(d["doc"])} for d in docs],
        )
        return
    conn.execute(
        text(
            f"INSERT INTO {ASSET_SEARCH_TABLE} (asset_id, doc) VALUES (:id, :doc) "
            "ON CONFLICT (asset_id) DO UPDATE SET doc = EXCLUDED.doc"
        ),
        docs,
    )


def _forget_sqlite(conn: Conn, ids: Sequence[int]) -> None:
    # A contentless FTS5 table forgets a row only when told the tokens it was given.
    old = conn.execute(
        text(f"SELECT asset_id, doc FROM {ASSET_SEARCH_TABLE} WHERE asset_id IN :ids").bindparams(
            bindparam("ids", expanding=True)
        ),
        {"ids": list(ids)},
    ).all()
    if not old:
        return
    conn.execute(
        text(
            f"INSERT INTO {ASSET_FTS_TABLE} ({ASSET_FTS_TABLE}, rowid, tokens) "
            "VALUES ('delete', :id, :tokens)"
        ),
        [{"id": i, "tokens": sqlite_tokens(doc)} for i, doc in old],
    )
    conn.execute(
        text(f"DELETE FROM {ASSET_SEARCH_TABLE} WHERE asset_id = :id"), [{"id": i} for i, _ in old]
    )


def reindex_assets(conn: Conn, ids: Sequence[int] | None = None, batch: int = 5000) -> int:
    """Write the documents of these assets (all when None) from their stored values, read in
    id batches so that 500,000 never sit in memory at once; how many were written."""
    select_sql = "SELECT id, code, district, material FROM assets "
    total = 0
    if ids is not None:
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), batch):
            rows = conn.execute(
                text(select_sql + "WHERE id IN :ids").bindparams(bindparam("ids", expanding=True)),
                {"ids": wanted[start : start + batch]},
            ).all()
            index_assets(conn, [(r[0], r[1], r[2], r[3]) for r in rows])
            total += len(rows)
        return total
    page = text(select_sql + "WHERE id > :after ORDER BY id LIMIT :n")
    last = 0
    while rows := conn.execute(page, {"after": last, "n": batch}).all():
        index_assets(conn, [(r[0], r[1], r[2], r[3]) for r in rows])
        total += len(rows)
        last = rows[-1][0]
    return total
