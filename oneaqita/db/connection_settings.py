"""The database this desktop opens when neither --db nor ONEAQITA_DATABASE_URL says one: the
embedded SQLite file (the default) or a PostgreSQL server, chosen in 設定 ▸ データベース… and
kept per user in a small JSON file in the user's config directory (platformdirs;
ONEAQITA_CONFIG_DIR points elsewhere, as the tests do).

The file never holds a password: every PostgreSQL user logs in with their own login role at
start (the server checks it), and the stored `user` is only the login name offered there.
The one secret the app may keep is the password an owner runs the migrations with, and only in
the system keyring (see owner_secrets.py), never in a file.

A file that cannot be read (damaged, edited by hand into nonsense) never stops the app: the
embedded database is used and `problem` says why (both languages).
"""

import json
import logging
import os
import tempfile
import unicodedata
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy.engine import URL

from oneaqita.errors import DomainError, ValidationError

CONFIG_DIR_ENV = "ONEAQITA_CONFIG_DIR"
SETTINGS_FILE = "database.json"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 64 * 1024
MAX_HOST = 253  # a DNS name
MAX_NAME_BYTES = 63  # PostgreSQL cuts longer identifiers (NAMEDATALEN - 1)
DEFAULT_PORT = 5432
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
log = logging.getLogger(__name__)
_HOST_FORBIDDEN = set("/\\@?#%'\"<>,;=&")


class DatabaseKind(StrEnum):
    EMBEDDED = "embedded"
    POSTGRESQL = "postgresql"


@dataclass(frozen=True)
class ConnectionSettings:
    kind: DatabaseKind = DatabaseKind.EMBEDDED
    host: str = ""
    port: int = DEFAULT_PORT
    database: str = "oneaqita"
    user: str = ""
    sslmode: str = "prefer"

    @property
    def is_server(self) -> bool:
        return self.kind is DatabaseKind.POSTGRESQL


@dataclass(frozen=True)
class LoadedSettings:
    settings: ConnectionSettings
    problem: DomainError | None = None  # the file could not be used: the embedded default


class SettingsDamaged(DomainError):
    """The settings file could not be read: the embedded database is used instead."""


def config_dir() -> Path:
    override = os.environ.get(CONFIG_DIR_ENV, "").strip()
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir("oneaqita", "ONE-AQITA"))


def settings_path() -> Path:
    return config_dir() / SETTINGS_FILE


# -- validation ---------------------------------------------------------------------------------


def _has_control(text: str) -> bool:
    # Cc control, Cf format (zero-width, bidi), Cs/Co/Cn: nothing a name is made of.
    return any(unicodedata.category(ch).startswith("C") for ch in text)


def validate_host(text: str) -> str:
    host = text.strip()
    if not host:
        raise ValidationError(
            "サーバー（ホスト名またはIPアドレス）を入力してください。",
            "Enter the server (a host name or an IP address).",
            "host",
        )
    if _has_control(host) or any(ch.isspace() for ch in host):
        raise ValidationError(
            "ホスト名に空白や制御文字は使えません。",
            "A host name cannot contain spaces or control characters.",
            "host",
        )
    if _HOST_FORBIDDEN.intersection(host):
        bad = "".join(sorted(_HOST_FORBIDDEN.intersection(host)))
        raise ValidationError(
            f"ホスト名に使えない文字があります: {bad}",
            f"A host name cannot contain {bad}",
            "host",
        )
    if len(host) > MAX_HOST:
        raise ValidationError(
            f"ホスト名が長すぎます（{MAX_HOST}文字まで）。",
            f"The host name is too long (at most {MAX_HOST} characters).",
            "host",
        )
    return host


def validate_port(value: str | int) -> int:
    text = str(value).strip()
    port = int(text) if text.isascii() and text.isdigit() and len(text) <= 5 else 0
    if not 1 <= port <= 65535:
        raise ValidationError(
            f"ポートは1から65535までの数字です（PostgreSQLの既定は{DEFAULT_PORT}）: {text[:20]!r}",
            f"The port is a number from 1 to 65535 (PostgreSQL's default is {DEFAULT_PORT}): "
            f"{text[:20]!r}",
            "port",
        )
    return port


_NAME_LABELS = {
    "database": ("データベース名", "database name"),
    "user": ("ユーザー名", "user name"),
    "owner": ("所有者のログイン名", "owner's login name"),
}


def validate_name(text: str, field: str, *, required: bool = True) -> str:
    """A database or role name: no control characters, at most 63 bytes (PostgreSQL's limit)."""
    ja, en = _NAME_LABELS.get(field, ("名前", "name"))
    name = text.strip()
    if not name:
        if not required:
            return ""
        raise ValidationError(f"{ja}を入力してください。", f"Enter the {en}.", field)
    if _has_control(name):
        raise ValidationError(
            f"{ja}に制御文字は使えません。",
            f"The {en} cannot contain control characters.",
            field,
        )
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise ValidationError(
            f"{ja}が長すぎます（{MAX_NAME_BYTES}バイトまで）。",
            f"The {en} is too long (at most {MAX_NAME_BYTES} bytes).",
            field,
        )
    return name


def validate_sslmode(text: str) -> str:
    if text not in SSL_MODES:
        raise ValidationError(
            f"SSLの設定は次のどれかです: {', '.join(SSL_MODES)}",
            f"SSL mode must be one of {', '.join(SSL_MODES)}",
            "sslmode",
        )
    return text


def server_settings(
    host: str, port: str | int, database: str, user: str, sslmode: str = "prefer"
) -> ConnectionSettings:
    """Checked PostgreSQL settings from what the user typed; ValidationError at the field."""
    return ConnectionSettings(
        kind=DatabaseKind.POSTGRESQL,
        host=validate_host(host),
        port=validate_port(port),
        database=validate_name(database, "database"),
        user=validate_name(user, "user", required=False),
        sslmode=validate_sslmode(sslmode),
    )


def checked(settings: ConnectionSettings) -> ConnectionSettings:
    if not settings.is_server:
        return ConnectionSettings()
    return server_settings(
        settings.host, settings.port, settings.database, settings.user, settings.sslmode
    )


# -- the URL ------------------------------------------------------------------------------------


def server_url(settings: ConnectionSettings, user: str | None = None, password: str = "") -> str:
    """The SQLAlchemy URL of the server (psycopg); `user` instead of the stored login name."""
    login = settings.user if user is None else user
    url = URL.create(
        "postgresql+psycopg",
        username=login or None,
        password=password or None,
        host=settings.host,
        port=settings.port,
        database=settings.database,
        query={"sslmode": settings.sslmode},
    )
    return url.render_as_string(hide_password=False)


def describe_server(settings: ConnectionSettings) -> str:
    who = f"{settings.user}@" if settings.user else ""
    return f"{who}{settings.host}:{settings.port}/{settings.database}"


# -- the file -----------------------------------------------------------------------------------


def _damaged(path: Path, why: str) -> LoadedSettings:
    return LoadedSettings(
        ConnectionSettings(),
        SettingsDamaged(
            f"データベースの設定ファイルを読めないため、組み込みのデータベースを使います。"
            f"設定 ▸ データベース… で設定し直してください。\n{path}: {why}",
            "The database settings file cannot be read, so the embedded database is used. "
            f"Choose the database again in Settings ▸ Database….\n{path}: {why}",
        ),
    )


def _from_json(data: Any) -> ConnectionSettings:
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    kind = DatabaseKind(data.get("kind", DatabaseKind.EMBEDDED.value))
    if kind is DatabaseKind.EMBEDDED:
        return ConnectionSettings()
    port = data.get("port")
    if not isinstance(port, int) or isinstance(port, bool):
        raise ValueError(f"port is not a number: {port!r}"[:120])
    texts: dict[str, str] = {}
    for key, default in (("host", None), ("database", None), ("user", ""), ("sslmode", "prefer")):
        value = data.get(key, default)
        if not isinstance(value, str):
            raise ValueError(f"{key} is not a text")
        texts[key] = value
    return server_settings(texts["host"], port, texts["database"], texts["user"], texts["sslmode"])


def load_settings() -> LoadedSettings:
    """The stored choice; no file is the embedded default, a damaged one that and `problem`."""
    path = settings_path()
    try:
        if not path.is_file():
            return LoadedSettings(ConnectionSettings())
        if path.stat().st_size > MAX_FILE_BYTES:
            return _damaged(path, f"larger than {MAX_FILE_BYTES} bytes")
        data = json.loads(path.read_text(encoding="utf-8"))
        return LoadedSettings(_from_json(data))
    except ValidationError as exc:
        return _damaged(path, exc.en)
    except (OSError, ValueError) as exc:  # unreadable, not UTF-8, not JSON, unknown kind
        return _damaged(path, (str(exc).splitlines() or [type(exc).__name__])[0][:200])


def save_settings(settings: ConnectionSettings) -> Path:
    """Writes the checked settings (never a password) in one step: a half-written file is
    never left, whatever happens while writing."""
    settings = checked(settings)
    data: dict[str, Any] = {"version": FORMAT_VERSION, **asdict(settings)}
    data["kind"] = settings.kind.value
    if not settings.is_server:
        data = {"version": FORMAT_VERSION, "kind": settings.kind.value}
    path = settings_path()
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # A temporary file of its own, so that two saves at once never write into one file.
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        temporary = Path(name)
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(data, file, ensure_ascii=False, indent=2)
        os.replace(temporary, path)
    except OSError as exc:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise DomainError(
            f"データベースの設定を保存できませんでした: {path}: {exc.strerror or exc}",
            f"Could not save the database settings: {path}: {exc.strerror or exc}",
        ) from exc
    return path


def stored_url() -> str | None:
    """The stored server's URL (no password), or None for the embedded database."""
    loaded = load_settings()
    if loaded.problem is not None:
        log.warning("%s", loaded.problem.en)
    return server_url(loaded.settings) if loaded.settings.is_server else None
