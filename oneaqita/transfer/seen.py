"""The first line of every key an import has seen, kept on disk, not in memory.

An import must say "same key as line N" for any two rows of a file, however far apart, so it
remembers one entry per row; held in a dict that is about 200 bytes a row (40 MB for 200,000
rows). Here the entries go to a private temporary SQLite database (the standard library's),
whose page cache (2 MiB) is all the memory it takes; it is deleted when closed. A key is
compared by its repr(), which is distinct for the values keys hold (text, numbers, dates, None).
"""

import sqlite3
from collections.abc import Hashable, Sequence
from types import TracebackType

__all__ = ["FirstLines"]

IN_LIST = 500  # keys asked for in one statement (SQLite allows 32,766 parameters)


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

    def first_many(self, items: Sequence[tuple[Hashable, int]]) -> list[int | None]:
        """``first`` for each (key, line) in turn, in two statements per IN_LIST items."""
        found: list[int | None] = []
        for i in range(0, len(items), IN_LIST):
            found.extend(self._first_few(items[i : i + IN_LIST]))
        return found

    def _first_few(self, items: Sequence[tuple[Hashable, int]]) -> list[int | None]:
        texts = [repr(key) for key, _line in items]
        marks = ", ".join("?" * len(set(texts)))
        known: dict[str, int] = dict(
            self._db.execute(f"SELECT key, line FROM seen WHERE key IN ({marks})", list(set(texts)))
        )
        found: list[int | None] = []
        new: list[tuple[str, int]] = []
        for text, (_key, line) in zip(texts, items, strict=True):
            first = known.get(text)
            found.append(first)
            if first is None:
                known[text] = line
                new.append((text, line))
        self._db.executemany("INSERT INTO seen VALUES (?, ?)", new)
        return found

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
