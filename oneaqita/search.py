"""Free-text search over work orders that stays instant for two-character Japanese words.

Trigram indexes (SQLite FTS5 `trigram`, PostgreSQL pg_trgm) cannot answer a query shorter
than three characters, and 点検 or 秋田 are two. So each work order gets a search document
whose character bigrams are indexed (plus single characters where a one-character query must
be answered): SQLite keeps them in an FTS5 table, PostgreSQL in a text[] column under a GIN
index. A query is turned into the bigrams it must contain; the few candidates are then checked
with LIKE on the stored document, so results are exact substring matches.
"""

import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, bindparam, literal_column, text
from sqlalchemy.orm import Session

SEARCH_TABLE = "work_order_search"
SEARCH_TABLES = (SEARCH_TABLE,)


def normalize(value: str) -> str:
    """Full-width and half-width forms and letter case must not matter to a search."""
    return unicodedata.normalize("NFKC", value).casefold()


def _segments(value: str) -> list[str]:
    return normalize(value).split()


def _hex(gram: str) -> str:
    # FTS5 tokenizers split on punctuation; hex tokens pass through any tokenizer unchanged,
    # and UTF-8 is prefix-free, so a hex prefix matches exactly the grams that start with it.
    return gram.encode("utf-8").hex()


def bigrams(segment: str) -> list[str]:
    return [segment[i : i + 2] for i in range(len(segment) - 1)]


def sqlite_tokens(document: str) -> str:
    """Bigrams, plus each segment's last character so that a one-character prefix query
    also finds a character that stands at the end of a word."""
    tokens: set[str] = set()
    for seg in _segments(document):
        tokens.update(_hex(g) for g in bigrams(seg))
        tokens.add(_hex(seg[-1]))
    return " ".join(sorted(tokens))


def pg_grams(document: str) -> list[str]:
    grams: set[str] = set()
    for seg in _segments(document):
        grams.update(bigrams(seg))
        grams.update(seg)
    return sorted(grams)


def work_order_document(parts: Iterable[str | None]) -> str:
    return " ".join(normalize(p) for p in parts if p)


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def terms_of(query: str) -> list[str]:
    return _segments(query)


def matching_ids_clause(dialect: str, query: str, id_column: Any) -> ColumnElement[bool] | None:
    """A WHERE clause `id_column IN (ids whose document contains every term)`, or None for
    an empty query."""
    terms = terms_of(query)
    if not terms:
        return None
    likes = " AND ".join(f"doc LIKE :like{i} ESCAPE '\\'" for i in range(len(terms)))
    params: dict[str, Any] = {f"like{i}": _like_pattern(t) for i, t in enumerate(terms)}
    if dialect == "sqlite":
        match_parts = []
        for term in terms:
            if len(term) == 1:
                match_parts.append(f'"{_hex(term)}"*')
            else:
                match_parts.extend(f'"{_hex(g)}"' for g in sorted(set(bigrams(term))))
        params["match"] = " AND ".join(match_parts)
        sub = text(
            f"SELECT rowid FROM {SEARCH_TABLE} WHERE {SEARCH_TABLE} MATCH :match AND {likes}"
        )
    else:
        needed: set[str] = set()
        for term in terms:
            needed.update(bigrams(term) if len(term) > 1 else [term])
        params["grams"] = sorted(needed)
        sub = text(
            f"SELECT work_order_id FROM {SEARCH_TABLE} "
            f"WHERE grams @> CAST(:grams AS text[]) AND {likes}"
        )
    sub = sub.bindparams(*(bindparam(k, v) for k, v in params.items()))
    clause: ColumnElement[bool] = id_column.in_(sub.columns(literal_column("id")))
    return clause


def _dialect(conn: Connection | Session) -> str:
    return conn.get_bind().dialect.name if isinstance(conn, Session) else conn.dialect.name


def upsert_documents(conn: Connection | Session, rows: Sequence[tuple[int, str]]) -> None:
    """Store (work order id, document) pairs, replacing what was indexed for those ids."""
    if not rows:
        return
    ids = [{"id": wid} for wid, _ in rows]
    if _dialect(conn) == "sqlite":
        conn.execute(text(f"DELETE FROM {SEARCH_TABLE} WHERE rowid = :id"), ids)
        conn.execute(
            text(f"INSERT INTO {SEARCH_TABLE} (rowid, tokens, doc) VALUES (:id, :tokens, :doc)"),
            [{"id": wid, "tokens": sqlite_tokens(doc), "doc": doc} for wid, doc in rows],
        )
    else:
        conn.execute(
            text(
                f"INSERT INTO {SEARCH_TABLE} (work_order_id, doc, grams) "
                "VALUES (:id, :doc, :grams) ON CONFLICT (work_order_id) "
                "DO UPDATE SET doc = EXCLUDED.doc, grams = EXCLUDED.grams"
            ),
            [{"id": wid, "doc": doc, "grams": pg_grams(doc)} for wid, doc in rows],
        )


def delete_documents(conn: Connection | Session, ids: Sequence[int]) -> None:
    key = "rowid" if _dialect(conn) == "sqlite" else "work_order_id"
    conn.execute(text(f"DELETE FROM {SEARCH_TABLE} WHERE {key} = :id"), [{"id": i} for i in ids])


def create_search_table_sql(dialect: str) -> list[str]:
    """DDL for the migration (kept here beside the code that reads and writes the table)."""
    if dialect == "sqlite":
        return [
            f"CREATE VIRTUAL TABLE {SEARCH_TABLE} USING fts5("
            "tokens, doc UNINDEXED, tokenize='ascii', detail='none')"
        ]
    return [
        f"CREATE TABLE {SEARCH_TABLE} ("
        "work_order_id integer PRIMARY KEY REFERENCES work_orders(id) ON DELETE CASCADE, "
        "doc text NOT NULL, grams text[] NOT NULL)",
        f"CREATE INDEX ix_{SEARCH_TABLE}_grams ON {SEARCH_TABLE} USING gin (grams)",
    ]


def drop_search_table_sql() -> list[str]:
    return [f"DROP TABLE IF EXISTS {SEARCH_TABLE}"]


def reindex_work_orders(
    conn: Connection | Session, ids: Sequence[int] | None = None, batch: int = 5000
) -> int:
    """Rebuild the search documents of the given work orders (all when ids is None) from
    what is stored: number, title, contract, client body, type and assignees. Streams in
    batches so that 500,000 orders never sit in memory at once. Returns how many were indexed."""
    from oneaqita.vocabulary import WORK_ORDER_TYPE_JA

    where = "" if ids is None else "WHERE wo.id IN :ids"
    sql = text(
        "SELECT wo.id, wo.number, wo.title, wo.type, c.number, c.title, o.name_ja, o.name_kana "
        "FROM work_orders wo JOIN contracts c ON c.id = wo.contract_id "
        f"JOIN organizations o ON o.id = c.client_id {where} ORDER BY wo.id"
    )
    names_sql = text(
        "SELECT a.work_order_id, p.name, p.name_kana FROM work_order_assignees a "
        "JOIN people p ON p.id = a.person_id WHERE a.work_order_id BETWEEN :lo AND :hi"
    )
    if ids is not None:
        sql = sql.bindparams(bindparam("ids", expanding=True))
        if not ids:
            return 0
    params: dict[str, Any] = {} if ids is None else {"ids": list(ids)}
    rows = conn.execute(sql, params).fetchall() if ids is not None else None
    total = 0

    def flush(chunk: list[Any]) -> None:
        nonlocal total
        if not chunk:
            return
        names: dict[int, list[str]] = {}
        for wid, name, kana in conn.execute(names_sql, {"lo": chunk[0][0], "hi": chunk[-1][0]}):
            names.setdefault(wid, []).extend(v for v in (name, kana) if v)
        docs = [
            (
                r[0],
                work_order_document(
                    [
                        r[1],
                        r[2],
                        WORK_ORDER_TYPE_JA.get(r[3], r[3]),
                        r[4],
                        r[5],
                        r[6],
                        r[7],
                        *names.get(r[0], []),
                    ]
                ),
            )
            for r in chunk
        ]
        upsert_documents(conn, docs)
        total += len(docs)

    if rows is not None:
        for start in range(0, len(rows), batch):
            flush(list(rows[start : start + batch]))
        return total
    last_id = 0
    page = text(sql.text.replace("ORDER BY wo.id", "WHERE wo.id > :after ORDER BY wo.id LIMIT :n"))
    while True:
        chunk = list(conn.execute(page, {"after": last_id, "n": batch}))
        if not chunk:
            return total
        flush(chunk)
        last_id = chunk[-1][0]
