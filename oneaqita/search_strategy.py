"""How a work-order list with a search term finds its page: collect or walk.

- Collecting asks the bigram index (oneaqita.search) for every match, then sorts them and takes
  the page. Its cost grows with the number of matches.
- Walking reads the list's own sort index in order and checks each row's search document with
  LIKE until the page is full. Its cost grows with the rows it has to read: (offset + limit)
  divided by the share of orders that match.

A rare word is collected. A common one (点検 is in 38 % of the demo's orders) is walked for the
first pages, where the walk stops after a few hundred rows (500,000 orders: 140 ms collecting,
2 ms walking), and collected again deep in its results, where the walk would read nearly every
row before the page. The match count that decides is the one the list has just shown, kept
here per database and query, so that the choice costs no second count.
"""

from collections import OrderedDict
from threading import Lock

from sqlalchemy import text

from oneaqita.search import Conn, count_matching, engine_of, terms_of

# Below this share of all orders a word is rare: always collected.
COMMON_SHARE = 0.01
# Reading one row on the walk costs about this many times as much as collecting one match
# for a page (500,000 orders, 点検: SQLite ~3.7 µs a walked row and ~2.1 µs a collected match,
# PostgreSQL ~8.5 and ~3.7); tests/bench/test_search_depth_bench.py shows where the two meet.
WALK_ROW_COST = 2

_REMEMBERED = 256
_counts: OrderedDict[tuple[int, str], int] = OrderedDict()
_lock = Lock()


def _key(conn: Conn, query: str) -> tuple[int, str]:
    return id(engine_of(conn)), " ".join(terms_of(query))


def count_and_remember(conn: Conn, query: str) -> int:
    """The exact number of orders matching `query` (all orders for an empty one), kept for
    the choice of strategy of the pages that follow."""
    count = count_matching(conn, query)
    with _lock:
        _counts[_key(conn, query)] = count
        while len(_counts) > _REMEMBERED:
            _counts.popitem(last=False)
    return count


def _matches(conn: Conn, query: str) -> int:
    with _lock:
        known = _counts.get(_key(conn, query))
    return count_and_remember(conn, query) if known is None else known


def _total(conn: Conn) -> int:
    return int(conn.execute(text("SELECT max(id) FROM work_orders")).scalar() or 0)


def is_common(conn: Conn, query: str) -> bool:
    """Whether at least COMMON_SHARE of all orders match (False for an empty query)."""
    if not terms_of(query):
        return False
    total = _total(conn)
    return total > 0 and _matches(conn, query) >= COMMON_SHARE * total


def walk_pays(matches: int, total: int, offset: int, limit: int) -> bool:
    """Whether walking to rows offset..offset+limit reads less than collecting all matches."""
    if total <= 0 or matches <= 0:
        return False
    rows_walked = (offset + limit) * total / matches
    return rows_walked * WALK_ROW_COST <= matches


def page_walks(conn: Conn, query: str, offset: int, limit: int) -> bool:
    """The strategy for one page of a list filtered by `query`: True to walk."""
    if not terms_of(query):
        return False
    return walk_pays(_matches(conn, query), _total(conn), offset, limit)
