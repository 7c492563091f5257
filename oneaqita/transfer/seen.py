"""The first line of every key an import has seen, kept on disk, not in memory.

An import must say "same key as line N" for any two rows of a file, however far apart, so it
remembers one entry per row; held in a dict that is about 200 bytes a row (40 MB for 200,000
rows). Here the entries go to a private temporary SQLite database (the standard library's),
whose page cache (2 MiB) is all the memory it takes; it is deleted when closed. A key is
compared by its repr(), which is distinct for the values keys hold (text, numbers, dates, None).
"""

import sqlite3
from collections.abc import Hashable
from types import TracebackType

__all__ = ["FirstLines"]


class FirstLines:
    """``first(key, line)``: the line the key was first seen on, or None (then it is ``line``)."""

    def __init__(self) -> None:
        # "" is a temporary database in a file of its own, removed on close.
        self._db = sqlite3.connect("", isolation_level=None)
        self._db.execute("PRAGMA journal_mode = OFF")
        self._db.execute("PRAGMA synchronous = OFF")
        self._db.execute("CREATE TABLE seen (key TEXT PRIMARY KEY, line INTEGER) WITHOUT ROWID")
        self._db.execute("BEGIN")

    def first(self, key: Hashable, line: int) -> int | None:
        text = repr(key)
        cursor = self._db.execute("INSERT OR IGNORE INTO seen VALUES (?, ?)", (text, line))
        if cursor.rowcount == 1:
            return None
        (first,) = self._db.execute("SELECT line FROM seen WHERE key = ?", (text,)).fetchone()
        return int(first)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> "FirstLines":
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
