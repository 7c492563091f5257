"""Trying a PostgreSQL server before it is saved: connect with a short timeout, say the
server's version and whether the schema is at the newest revision, or why not (host unknown,
refused, silent, wrong password, no such role or database), in Japanese and English, at the
field to fix."""

from dataclasses import dataclass, replace

from sqlalchemy import Engine, text
from sqlalchemy.pool import NullPool

from oneaqita.db.connection_settings import ConnectionSettings, describe_server, server_url
from oneaqita.db.engine import make_engine
from oneaqita.db.migrate import current_revision, head_revision
from oneaqita.errors import DatabaseUnavailable

TEST_TIMEOUT_S = 5


class ConnectionFailed(DatabaseUnavailable):
    """The server could not be used; `field` is the input to fix, when one is to blame."""

    def __init__(self, ja: str, en: str, field: str | None = None) -> None:
        super().__init__(ja, en)
        self.field = field


@dataclass(frozen=True)
class _Reason:
    needles: tuple[str, ...]
    ja: str
    en: str
    field: str | None


# The first whose text appears in libpq's message (lower case) explains it; libpq has no
# SQLSTATE for a failed connection, only its text, in English whatever the server's locale.
_REASONS = (
    _Reason(
        (
            "could not translate host name",
            "name or service not known",
            "nodename nor servname",
            "temporary failure in name resolution",
            "no address associated",
            "unknown host",
            "failed to resolve host",
        ),
        "サーバーが見つかりません（ホスト名が違うか、ネットワークにつながっていません）。",
        "The server cannot be found (a wrong host name, or no network).",
        "host",
    ),
    _Reason(
        ("connection refused",),
        "サーバーが接続を拒否しました（ポートが違うか、PostgreSQLが動いていません）。",
        "The server refused the connection (a wrong port, or PostgreSQL is not running).",
        "port",
    ),
    _Reason(
        ("timeout expired", "timed out"),
        "サーバーが応答しません（ホストやポート、ファイアウォールを確認してください）。",
        "The server does not answer (check the host, the port and the firewall).",
        "host",
    ),
    _Reason(
        ("password authentication failed", "no password supplied", "password is required"),
        "パスワードが違います（またはこのユーザーはパスワードでログインできません）。",
        "Wrong password (or this user cannot log in with a password).",
        "password",
    ),
    _Reason(
        ("role", "does not exist"),  # both: see _matches
        "そのユーザー（ログインロール）はサーバーにありません。",
        "No such user (login role) on the server.",
        "user",
    ),
    _Reason(
        ("database", "does not exist"),
        "そのデータベースはサーバーにありません。",
        "No such database on the server.",
        "database",
    ),
    _Reason(
        ("server does not support ssl", "ssl", "certificate"),
        "SSLで接続できません（SSLの設定を確認してください）。",
        "Could not connect with SSL (check the SSL setting).",
        "sslmode",
    ),
    _Reason(
        ("no pg_hba.conf entry", "not permitted to log in", "permission denied"),
        "サーバーがこの接続を許可していません（管理者に確認してください）。",
        "The server does not allow this connection (ask its administrator).",
        "user",
    ),
)
_ALL_NEEDED = {"role", "database"}  # these reasons need every needle, the others any


def _matches(reason: _Reason, message: str) -> bool:
    if reason.needles[0] in _ALL_NEEDED:
        return f'{reason.needles[0]} "' in message and reason.needles[1] in message
    return any(needle in message for needle in reason.needles)


def explain(exc: BaseException, where: str) -> ConnectionFailed:
    """The connection failure `exc` (any depth of causes) said for a person."""
    cause: BaseException | None = exc
    while cause is not None and cause.__cause__ is not None:
        cause = cause.__cause__
    original = getattr(cause, "orig", None) or cause or exc
    raw = str(original).strip()
    first = (raw.splitlines() or [type(original).__name__])[0][:300]
    message = raw.lower()
    for reason in _REASONS:
        if _matches(reason, message):
            return ConnectionFailed(
                f"接続できませんでした ({where}): {reason.ja}",  # the server's words: below
                f"Could not connect to {where}: {reason.en}\n{first}",
                reason.field,
            )
    return ConnectionFailed(
        f"接続できませんでした ({where}): {first}", f"Could not connect to {where}: {first}"
    )


def connect(settings: ConnectionSettings, user: str | None, password: str) -> Engine:
    """An engine on the server as `user` (the stored login name when None), connected once
    with a short timeout, or ConnectionFailed."""
    url = server_url(settings, user, password)
    where = describe_server(settings if user is None else replace(settings, user=user))
    try:
        return make_engine(
            url, poolclass=NullPool, connect_args={"connect_timeout": TEST_TIMEOUT_S}
        )
    except DatabaseUnavailable as exc:
        raise explain(exc, where) from exc


def _schema_state(engine: Engine) -> tuple[str, str]:
    head = head_revision(engine) or "?"
    try:
        current = current_revision(engine)
    except Exception as exc:  # noqa: BLE001 - a role that may not read alembic_version
        why = (str(getattr(exc, "orig", exc)).strip().splitlines() or ["?"])[0][:200]
        return (
            f"スキーマの版を読めません: {why}",
            f"The schema's revision cannot be read: {why}",
        )
    if current is None:
        return (
            f"データベースは空です。所有者が「移行を実行」すると使えます（最新 {head}）。",
            f"The database is empty: its owner must run the migrations (newest {head}).",
        )
    if current == head:
        return (f"スキーマは最新です（{head}）。", f"The schema is up to date ({head}).")
    return (
        f"スキーマが古い版です（{current}、最新 {head}）。所有者が「移行を実行」してください。",
        f"The schema is behind ({current}, newest {head}): its owner must run the migrations.",
    )


def test_connection(settings: ConnectionSettings, password: str = "") -> str:
    """Connects, and says the server's version and the schema's state (Japanese line, then
    English), or raises ConnectionFailed saying why not."""
    engine = connect(settings, None, password)
    try:
        with engine.connect() as conn:
            version = str(conn.execute(text("SHOW server_version")).scalar_one()).split()[0]
        ja, en = _schema_state(engine)
    finally:
        engine.dispose()
    where = describe_server(settings)
    return (
        f"接続できました: {where}（PostgreSQL {version}）。{ja}\n"
        f"Connected to {where} (PostgreSQL {version}). {en}"
    )


test_connection.__test__ = False  # type: ignore[attr-defined]  # not a pytest test
