"""Changes made on other desktops: announced at commit, heard by every other open app.

Rules:

- On PostgreSQL every unit of work that changed something sends one ``NOTIFY`` on
  ``CHANNEL`` inside its own transaction, so that it is delivered when, and only when, the
  transaction commits. The payload is compact JSON (see ``encode``): the entities and ids of
  the unit of work's ``Change`` and the ``origin`` of the sending ``Database`` (one per open
  app), so that an app skips what it has announced itself. Ids that would not fit in
  PostgreSQL's 8000-byte payload are given up entity by entity, largest first, for ``many``
  ("every record of it may have changed"), as ``ChangeBuilder`` does past ``LISTED``.
- ``ChangeListener`` holds a connection of its own (autocommit, ``LISTEN``), turns each
  payload into the same ``Change`` and hands it on; a payload it cannot read is logged and
  dropped. A lost connection is opened again after a pause that grows, and the first
  change after it is ``everything()``: what was sent meanwhile is lost.
- On SQLite there is no NOTIFY: ``ChangeNotifier.data_version_changed()`` asks a long-lived
  connection of its own for ``PRAGMA data_version``, which moves when another connection
  has committed. Its own units of work are bracketed (read before and after the commit,
  while the write lock is held and under a lock of this process), so that only another
  app's commits count. What changed is then not known: ``everything()``.
"""

import json
import logging
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, text

from oneaqita.services.changes import LISTED, Change, Entity

__all__ = [
    "CHANNEL",
    "PAYLOAD_LIMIT",
    "ChangeListener",
    "ChangeNotifier",
    "decode",
    "encode",
    "everything",
    "merge",
]

log = logging.getLogger(__name__)

CHANNEL = "oneaqita_changes"
PAYLOAD_LIMIT = 8000  # bytes; PostgreSQL refuses a payload of this length or longer
_VERSION = 1
_NOTIFY = text("SELECT pg_notify(:channel, :payload)")
_GROUPS = (("i", "ids"), ("d", "derived"), ("c", "created"))


def everything() -> Change:
    """A change of which nothing is known: every entity may have changed."""
    return Change(many=frozenset(Entity))


def merge(changes: Iterable[Change]) -> Change:
    """One change for several (a burst from another desktop): the union of their records,
    an entity past ``LISTED`` records in ``many``, as ``ChangeBuilder`` has it."""
    many: set[Entity] = set()
    groups: dict[str, dict[Entity, set[int]]] = {name: {} for _, name in _GROUPS}
    for change in changes:
        many |= change.many
        for _, name in _GROUPS:
            for entity, ids in getattr(change, name).items():
                groups[name].setdefault(entity, set()).update(ids)
    for _, name in _GROUPS:
        for entity, ids in groups[name].items():
            if len(ids) > LISTED:
                many.add(entity)
    return _change(groups, many)


def _change(groups: Mapping[str, Mapping[Entity, Iterable[int]]], many: set[Entity]) -> Change:
    kept = {
        name: {e: frozenset(ids) for e, ids in groups.get(name, {}).items() if e not in many}
        for _, name in _GROUPS
    }
    return Change(kept["ids"], kept["derived"], kept["created"], frozenset(many))


def encode(change: Change, origin: str) -> str:
    """The NOTIFY payload of `change`, shorter than PAYLOAD_LIMIT bytes: entities whose ids
    do not fit go to ``many``, the one with the most ids first."""
    many = set(change.many)
    groups = {name: dict(getattr(change, name)) for _, name in _GROUPS}
    while True:
        payload = _dumps(groups, many, origin)
        if len(payload.encode()) < PAYLOAD_LIMIT:
            return payload
        listed: dict[Entity, int] = {}
        for ids_of in groups.values():
            for entity, ids in ids_of.items():
                if entity not in many:
                    listed[entity] = listed.get(entity, 0) + len(ids)
        many.add(max(listed, key=lambda e: listed[e]))  # never empty: ids made it too long


def _dumps(
    groups: Mapping[str, Mapping[Entity, Iterable[int]]], many: set[Entity], origin: str
) -> str:
    body: dict[str, Any] = {"v": _VERSION, "o": origin}
    for key, name in _GROUPS:
        kept = {str(e): sorted(ids) for e, ids in groups[name].items() if e not in many}
        if kept:
            body[key] = kept
    if many:
        body["m"] = sorted(str(e) for e in many)
    return json.dumps(body, separators=(",", ":"))


def decode(payload: str) -> tuple[str, Change] | None:
    """(origin, change) of a payload made by `encode`; None (logged) for anything else."""
    try:
        body = json.loads(payload)
        if not isinstance(body, dict) or body.get("v") != _VERSION:
            raise ValueError("not a oneaqita change")
        origin = body["o"]
        if not isinstance(origin, str):
            raise ValueError("no origin")
        groups: dict[str, dict[Entity, list[int]]] = {}
        for key, name in _GROUPS:
            listed = body.get(key, {})
            if not isinstance(listed, dict):
                raise ValueError(f"{key} is not an object")
            groups[name] = {Entity(e): _ids(ids) for e, ids in listed.items()}
        many = body.get("m", [])
        if not isinstance(many, list):
            raise ValueError("m is not a list")
        return origin, _change(groups, {Entity(e) for e in many})
    except (ValueError, TypeError, KeyError) as exc:  # JSONDecodeError is a ValueError
        log.warning("ignored a change notification that is not ours (%s): %.200r", exc, payload)
        return None


def _ids(ids: object) -> list[int]:
    if not isinstance(ids, list) or not all(type(i) is int for i in ids):
        raise ValueError("ids are not a list of integers")
    return ids


class ChangeNotifier:
    """A Database's part in live changes: it sends them at commit (PostgreSQL) and tells
    whether another connection has committed (SQLite)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.origin = uuid.uuid4().hex  # this open database, in every payload it sends
        self._lock = threading.Lock()
        self._watch: Any = None  # the long-lived SQLite connection, opened on first use
        self._seen: int | None = None
        self._foreign = False  # another connection committed before one of ours

    @property
    def is_postgresql(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    @contextmanager
    def committing(self, conn: Connection, change: Callable[[], Change]) -> Iterator[None]:
        """Wraps a unit of work's commit: on PostgreSQL the NOTIFY of its change goes into
        the transaction; on SQLite its own commit is kept out of data_version_changed()."""
        if self.is_postgresql:
            built = change()
            if not built.is_empty:
                conn.execute(_NOTIFY, {"channel": CHANNEL, "payload": encode(built, self.origin)})
            yield
            return
        if self._watch is None:  # nobody watches yet: nothing to keep apart
            yield
            return
        with self._lock:
            # This unit of work holds the write lock (BEGIN IMMEDIATE): nobody else can
            # commit between this read and the commit, so what moved before it is foreign.
            self._foreign |= self._version() != self._seen
            yield
            self._seen = self._version()

    @property
    def _watchable(self) -> bool:
        """An SQLite file: an in-memory database has no other connection to watch (and its
        pool's one connection must stay in the pool)."""
        name = self.engine.url.database or ""
        return name not in ("", ":memory:") and "mode=memory" not in str(self.engine.url)

    def data_version_changed(self, *, wait: bool = True) -> bool:
        """SQLite: whether another connection (another app) committed since the last call;
        False at the first call, which starts watching. Without `wait` it answers False at
        once while this app is committing (the GUI thread must not wait for a commit); the
        other app's commit is then told at the next call."""
        if not self._lock.acquire(blocking=wait):
            return False
        try:
            if self._watch is None:
                if self.is_postgresql or not self._watchable:
                    return False
                self._watch = self._open_watch()
                self._seen = self._version()
                return False
            current = self._version()
            changed = self._foreign or current != self._seen
            self._seen, self._foreign = current, False
            return changed
        finally:
            self._lock.release()

    def _open_watch(self) -> Any:
        raw = self.engine.raw_connection()  # the engine's own way of connecting
        conn: Any = raw.driver_connection
        raw.detach()  # kept for good, outside the pool
        # Never wait for a lock (a rollback-journal file being written): the GUI asks, and
        # a busy answer only means "ask again at the next tick".
        conn.execute("PRAGMA busy_timeout = 0")
        return conn

    def _version(self) -> int:
        try:
            row = self._watch.execute("PRAGMA data_version").fetchone()
        except (sqlite3.Error, AttributeError):  # busy, or closed: unchanged for now
            log.debug("PRAGMA data_version failed", exc_info=True)
            return -1 if self._seen is None else self._seen
        return int(row[0])

    def close(self) -> None:
        with self._lock:
            if self._watch is not None:
                self._watch.close()
                self._watch = None


class ChangeListener:
    """Hears the changes other apps send on PostgreSQL: `run()` blocks (on a thread of the
    caller's) until `stop()`, calling `on_change` on that thread for each change whose origin
    is not `skip_origin`.

    The connection is the engine's own (its URL, credentials and connect arguments), taken
    out of the pool and put in autocommit. Every `heartbeat` seconds of silence it runs a
    query, so that a connection the server dropped is noticed and replaced."""

    def __init__(
        self,
        engine: Engine,
        on_change: Callable[[Change], None],
        *,
        skip_origin: str | None = None,
        wait: float = 0.25,
        first_pause: float = 0.5,
        longest_pause: float = 30.0,
        heartbeat: float = 15.0,
    ) -> None:
        self.engine = engine
        self.on_change = on_change
        self.skip_origin = skip_origin
        self.wait, self.heartbeat = wait, heartbeat
        self.first_pause, self.longest_pause = first_pause, longest_pause
        self.listening = threading.Event()  # set while LISTEN is in force (tests wait for it)
        self._stop = threading.Event()
        self._conn: Any = None

    def stop(self) -> None:
        """Ends `run()` within about `wait` seconds (it may be called from any thread)."""
        self._stop.set()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    def run(self) -> None:
        pause, heard_before = self.first_pause, False
        while not self._stop.is_set():
            try:
                self._connect()
            except Exception:  # noqa: BLE001 - server down, refused, …: try again later
                log.warning("cannot listen for changes; again in %.1f s", pause, exc_info=True)
            else:
                if heard_before:  # what was sent while the connection was down is lost
                    self._deliver(everything())
                heard_before, pause = True, self.first_pause
                try:
                    self._listen()
                except Exception:  # noqa: BLE001 - the connection broke: open a new one
                    log.warning("lost the connection listening for changes", exc_info=True)
                finally:
                    self._disconnect()
            if self._stop.wait(pause):
                break
            pause = min(pause * 2, self.longest_pause)

    def _connect(self) -> None:
        raw = self.engine.raw_connection()
        conn: Any = raw.driver_connection
        raw.detach()  # this connection is ours for good, never back in the pool
        try:
            conn.rollback()  # a checkout's ping may have begun a transaction
            conn.autocommit = True
            conn.execute(f"LISTEN {CHANNEL}")
        except BaseException:
            conn.close()
            raise
        self._conn = conn
        self.listening.set()

    def _disconnect(self) -> None:
        self.listening.clear()
        conn, self._conn = self._conn, None
        if conn is not None:
            try:
                conn.close()
            except Exception:  # noqa: BLE001 - it is broken already
                log.debug("closing the listening connection failed", exc_info=True)

    def _listen(self) -> None:
        conn = self._conn
        silent = 0.0
        while not self._stop.is_set():
            heard = False
            for notification in conn.notifies(timeout=self.wait):
                heard = True
                if notification.channel == CHANNEL:
                    self._received(notification.payload)
                if self._stop.is_set():
                    return
            silent = 0.0 if heard else silent + self.wait
            if silent >= self.heartbeat:
                conn.execute("SELECT 1")
                silent = 0.0

    def _received(self, payload: str) -> None:
        decoded = decode(payload)
        if decoded is None:
            return
        origin, change = decoded
        if origin != self.skip_origin and not change.is_empty:
            self._deliver(change)

    def _deliver(self, change: Change) -> None:
        try:
            self.on_change(change)
        except Exception:  # noqa: BLE001 - a receiver's failure must not end listening
            log.exception("a receiver of live changes failed")
