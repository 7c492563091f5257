"""Free-text search over work orders that stays instant for two-character Japanese words.

Trigram indexes (SQLite FTS5 `trigram`, PostgreSQL pg_trgm) cannot answer a query shorter
than three characters, and 点検 or 秋田 are two. So each work order gets a search document
(number, title, the type's Japanese name, contract, client body, assignees; NFKC-normalised
and case-folded) whose character bigrams are indexed, plus single characters for
one-character queries:

- SQLite: the documents in `work_order_search`, their grams in the contentless FTS5 table
  `work_order_search_fts` (hex-encoded, so no tokenizer splits them; UTF-8 is prefix-free,
  so the hex prefix of a character matches exactly the grams that start with it).
- PostgreSQL: the documents in `work_order_search`, their grams only in a GIN index on the
  expression `oneaqita_search_grams(doc)` (an immutable function made by migration 0002: every
  character and character pair of each space-separated word), so the table stays narrow and a
  count of a common word reads little.

A term of one or two characters is answered by the index alone; a longer term by the AND of
its bigrams, checked with LIKE against the stored document so that results are exact
substring matches.
"""

import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    bindparam,
    column,
    literal_column,
    table,
    text,
)
from sqlalchemy.orm import Session

from oneaqita.values import replace_unstorable

SEARCH_TABLE = "work_order_search"
FTS_TABLE = "work_order_search_fts"
SEARCH_TABLES = (SEARCH_TABLE,)  # FTS_TABLE and its shadow tables share the prefix

Conn = Connection | Session


def normalize(value: str) -> str:
    """Full-width and half-width forms and letter case must not matter to a search. A
    character no stored text may hold (a NUL pasted into the search box, which PostgreSQL
    would refuse in the query) becomes U+FFFD, which finds nothing."""
    return replace_unstorable(unicodedata.normalize("NFKC", value)).casefold()


def _segments(value: str) -> list[str]:
    return normalize(value).split()


def _hex(gram: str) -> str:
    return gram.encode("utf-8").hex()


def bigrams(segment: str) -> list[str]:
    return [segment[i : i + 2] for i in range(len(segment) - 1)]


def sqlite_tokens(document: str) -> str:
    """Bigrams, plus each segment's last character so that a one-character prefix query
    also finds a character that stands at the end of a word."""
    # The distinct grams first, each hex-encoded once (the hex form is one to one, so the
    # same sorted tokens): an import computes this for every asset it adds.
    grams: set[str] = set()
    for seg in _segments(document):
        grams.update([seg[i : i + 2] for i in range(len(seg) - 1)])
        grams.add(seg[-1])
    return " ".join(sorted([g.encode("utf-8").hex() for g in grams]))


PG_GRAMS_FUNCTION = "oneaqita_search_grams"


def work_order_document(parts: Iterable[str | None]) -> str:
    """The searchable text: the parts normalised, words separated by single spaces (the
    PostgreSQL gram function splits at spaces only)."""
    return " ".join(word for p in parts if p for word in _segments(p))


def _like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def terms_of(query: str) -> list[str]:
    return _segments(query)


def engine_of(conn: Conn) -> Engine:
    bind = conn.get_bind() if isinstance(conn, Session) else conn
    return bind if isinstance(bind, Engine) else bind.engine


def _dialect(conn: Conn) -> str:
    return engine_of(conn).dialect.name


def matching_ids_sql(dialect: str, query: str) -> tuple[str, dict[str, Any]] | None:
    """SQL selecting the ids of work orders whose document contains every term of `query`,
    with its parameters; None for an empty query."""
    terms = terms_of(query)
    if not terms:
        return None
    long_terms = [t for t in terms if len(t) > 2]
    params: dict[str, Any] = {f"like{i}": _like_pattern(t) for i, t in enumerate(long_terms)}
    likes = "".join(f" AND s.doc LIKE :like{i} ESCAPE '\\'" for i in range(len(long_terms)))
    if dialect == "sqlite":
        parts: list[str] = []
        for term in terms:
            if len(term) == 1:
                parts.append(f'"{_hex(term)}"*')
            else:
                parts.extend(f'"{_hex(g)}"' for g in sorted(set(bigrams(term))))
        params["match"] = " AND ".join(parts)
        fts = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :match"
        if not long_terms:
            return fts, params
        return (
            f"SELECT s.work_order_id FROM {SEARCH_TABLE} s WHERE s.work_order_id IN ({fts}){likes}",
            params,
        )
    needed: set[str] = set()
    for term in terms:
        needed.update(bigrams(term) if len(term) > 1 else [term])
    params["grams"] = sorted(needed)
    # OFFSET 0 keeps the planner from merging this into the outer query, where it may walk
    # the list's index and run the gram function on each row (seconds for a common word):
    # the grams are only ever read from the index (oneaqita.search_strategy walks with LIKE).
    return (
        f"SELECT s.work_order_id FROM {SEARCH_TABLE} s "
        f"WHERE {PG_GRAMS_FUNCTION}(s.doc) @> CAST(:grams AS text[]){likes} OFFSET 0",
        params,
    )


def matching_ids_clause(dialect: str, query: str, id_column: Any) -> ColumnElement[bool] | None:
    """A WHERE clause `id_column IN (ids matching query)`, or None for an empty query."""
    return ids_in(matching_ids_sql(dialect, query), id_column, "id")


def ids_in(
    found: tuple[str, dict[str, Any]] | None, id_column: Any, column: str
) -> ColumnElement[bool] | None:
    """`id_column IN (the ids of the found SQL's column)`, or None when nothing was asked
    (shared by the work orders' and the assets' search)."""
    if found is None:
        return None
    sql, params = found
    sub = text(sql).bindparams(*(bindparam(k, v) for k, v in params.items()))
    clause: ColumnElement[bool] = id_column.in_(sub.columns(literal_column(column)))
    return clause


search_documents = table(SEARCH_TABLE, column("work_order_id"), column("doc"))


def document_conditions(query: str) -> list[ColumnElement[bool]]:
    """LIKE conditions on search_documents.doc, one per term, for walking a list's index
    (see oneaqita.search_strategy)."""
    return [
        search_documents.c.doc.like(_like_pattern(term), escape="\\") for term in terms_of(query)
    ]


def count_matching(conn: Conn, query: str) -> int:
    """How many work orders match, answered from the index without touching work_orders."""
    found = matching_ids_sql(_dialect(conn), query)
    if found is None:
        return int(conn.execute(text("SELECT count(*) FROM work_orders")).scalar_one())
    sql, params = found
    return int(conn.execute(text(f"SELECT count(*) FROM ({sql}) m"), params).scalar_one())


def upsert_documents(conn: Conn, rows: Sequence[tuple[int, str]]) -> None:
    """Store (work order id, document) pairs, replacing what was indexed for those ids."""
    if not rows:
        return
    if _dialect(conn) == "sqlite":
        delete_documents(conn, [wid for wid, _ in rows])
        conn.execute(
            text(f"INSERT INTO {SEARCH_TABLE} (work_order_id, doc) VALUES (:id, :doc)"),
            [{"id": wid, "doc": doc} for wid, doc in rows],
        )
        conn.execute(
            text(f"INSERT INTO {FTS_TABLE} (rowid, tokens) VALUES (:id, :tokens)"),
            [{"id": wid, "tokens": sqlite_tokens(doc)} for wid, doc in rows],
        )
        return
    conn.execute(
        text(
            f"INSERT INTO {SEARCH_TABLE} (work_order_id, doc) VALUES (:id, :doc) "
            "ON CONFLICT (work_order_id) DO UPDATE SET doc = EXCLUDED.doc"
        ),
        [{"id": wid, "doc": doc} for wid, doc in rows],
    )


def delete_documents(conn: Conn, ids: Sequence[int]) -> None:
    if not ids:
        return
    if _dialect(conn) == "sqlite":
        # A contentless FTS5 table forgets a row only when told the tokens it was given.
        old = conn.execute(
            text(
                f"SELECT work_order_id, doc FROM {SEARCH_TABLE} WHERE work_order_id IN :ids"
            ).bindparams(bindparam("ids", expanding=True)),
            {"ids": list(ids)},
        ).all()
        if old:
            conn.execute(
                text(
                    f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rowid, tokens) "
                    "VALUES ('delete', :id, :tokens)"
                ),
                [{"id": wid, "tokens": sqlite_tokens(doc)} for wid, doc in old],
            )
    conn.execute(
        text(f"DELETE FROM {SEARCH_TABLE} WHERE work_order_id = :id"), [{"id": i} for i in ids]
    )


_DERIVED_SQL = (
    "SELECT wo.id, wo.number, wo.title, t.name_ja, c.number, c.title, o.name_ja, o.name_kana, "
    "o.code "
    "FROM work_orders wo JOIN contracts c ON c.id = wo.contract_id "
    "JOIN organizations o ON o.id = c.client_id "
    "JOIN work_types t ON t.code = wo.type "
)


def reindex_work_orders(conn: Conn, ids: Sequence[int] | None = None, batch: int = 5000) -> int:
    """Rebuild what is derived from a work order and its neighbours: its search document
    (number, title, type, contract, client body, assignees) and the assignee names that lists
    show and sort by. For the given ids, or all orders when ids is None, streamed in batches
    so that 500,000 orders never sit in memory at once. Returns how many were indexed."""
    if ids is not None:
        id_list = sorted(set(ids))
        total = 0
        for start in range(0, len(id_list), batch):
            chunk_ids = id_list[start : start + batch]
            rows = conn.execute(
                text(_DERIVED_SQL + "WHERE wo.id IN :ids ORDER BY wo.id").bindparams(
                    bindparam("ids", expanding=True)
                ),
                {"ids": chunk_ids},
            ).all()
            total += _refresh(conn, rows)
        return total
    total, last_id = 0, 0
    page = text(_DERIVED_SQL + "WHERE wo.id > :after ORDER BY wo.id LIMIT :n")
    while rows := conn.execute(page, {"after": last_id, "n": batch}).all():
        total += _refresh(conn, rows)
        last_id = rows[-1][0]
    return total


def _refresh(conn: Conn, rows: Sequence[Any]) -> int:
    people: dict[int, list[tuple[str, str | None]]] = {}
    for wid, name, kana in conn.execute(
        text(
            "SELECT a.work_order_id, p.name, p.name_kana FROM work_order_assignees a "
            "JOIN people p ON p.id = a.person_id WHERE a.work_order_id IN :ids "
            "ORDER BY a.work_order_id, p.name"
        ).bindparams(bindparam("ids", expanding=True)),
        {"ids": [r[0] for r in rows]},
    ):
        people.setdefault(wid, []).append((name, kana))
    docs, derived = [], []
    for wid, number, title, type_ja, c_number, c_title, client, client_kana, code in rows:
        names = people.get(wid, [])
        words = [n for pair in names for n in pair if n]
        parts = [number, title, type_ja, c_number, c_title, client, client_kana, *words]
        docs.append((wid, work_order_document(parts)))
        derived.append(
            {"id": wid, "names": "、".join(n for n, _ in names), "code": code, "cn": c_number}
        )
    upsert_documents(conn, docs)
    conn.execute(
        text(
            "UPDATE work_orders SET assignee_names = :names, client_code = :code, "
            "contract_number = :cn WHERE id = :id"
        ),
        derived,
    )
    return len(docs)
