"""The database settings file: what it holds (never a password), validation at the field, a
damaged file falling back to the embedded database, and resolve_url's order."""

import json
from pathlib import Path

import pytest

from oneaqita.db import owner_secrets
from oneaqita.db.connection_settings import (
    CONFIG_DIR_ENV,
    ConnectionSettings,
    DatabaseKind,
    load_settings,
    save_settings,
    server_settings,
    server_url,
    settings_path,
    validate_port,
)
from oneaqita.db.engine import ENV_URL, default_database_path, resolve_url
from oneaqita.db.server_check import explain
from oneaqita.errors import DomainError, ValidationError
from tests.memory_keyring import MemoryKeyring, memory_keyring, no_keyring  # noqa: F401

SERVER = server_settings("db.example.lan", "5433", "oneaqita", "tanaka", "require")


@pytest.fixture(autouse=True)
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv(CONFIG_DIR_ENV, str(folder))
    monkeypatch.delenv(ENV_URL, raising=False)
    return folder


def test_nothing_stored_is_the_embedded_default() -> None:
    loaded = load_settings()
    assert loaded.settings == ConnectionSettings()
    assert loaded.problem is None
    assert resolve_url() == f"sqlite:///{default_database_path().as_posix()}"


def test_a_saved_server_is_what_resolve_url_opens(config: Path) -> None:
    path = save_settings(SERVER)
    assert path == settings_path() and path.parent == config
    assert load_settings().settings == SERVER
    assert resolve_url() == (
        "postgresql+psycopg://tanaka@db.example.lan:5433/oneaqita?sslmode=require"
    )


def test_resolve_url_order_db_then_environment_then_setting(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    save_settings(SERVER)
    monkeypatch.setenv(ENV_URL, "sqlite:///env.sqlite3")
    assert resolve_url() == "sqlite:///env.sqlite3"
    assert resolve_url("sqlite:///given.sqlite3") == "sqlite:///given.sqlite3"


def test_choosing_embedded_again_forgets_the_server() -> None:
    save_settings(SERVER)
    save_settings(ConnectionSettings())
    assert json.loads(settings_path().read_text(encoding="utf-8")) == {
        "version": 1,
        "kind": "embedded",
    }
    assert resolve_url().startswith("sqlite:///")


def test_the_file_never_holds_a_password(memory_keyring: MemoryKeyring) -> None:  # noqa: F811
    owner_secrets.remember_password(SERVER, "owner", "s3cret-Pa55")
    save_settings(SERVER)
    text = settings_path().read_text(encoding="utf-8")
    assert "s3cret" not in text and "password" not in text.lower()
    assert set(json.loads(text)) == {
        "version",
        "kind",
        "host",
        "port",
        "database",
        "user",
        "sslmode",
    }
    # the secret went to the keyring, under the documented key
    assert memory_keyring.secrets == {
        ("oneaqita", "owner@db.example.lan:5433/oneaqita"): "s3cret-Pa55"
    }
    assert owner_secrets.remembered_password(SERVER, "owner") == "s3cret-Pa55"
    owner_secrets.forget_password(SERVER, "owner")
    assert memory_keyring.secrets == {}


def test_without_a_keyring_nothing_is_remembered_nor_written(
    config: Path,
    no_keyring: None,  # noqa: F811
) -> None:
    assert not owner_secrets.keyring_available()
    with pytest.raises(owner_secrets.SecretNotKept) as refused:
        owner_secrets.remember_password(SERVER, "owner", "s3cret-Pa55")
    assert "キーリング" in refused.value.ja and "keyring" in refused.value.en
    assert not config.exists()  # no file of any kind
    assert owner_secrets.remembered_password(SERVER, "owner") is None


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        (("", "5432", "oneaqita", "u"), "host"),
        (("db host", "5432", "oneaqita", "u"), "host"),
        (("db\x00host", "5432", "oneaqita", "u"), "host"),
        (("user@db", "5432", "oneaqita", "u"), "host"),
        (("h" * 254, "5432", "oneaqita", "u"), "host"),
        (("db", "0", "oneaqita", "u"), "port"),
        (("db", "65536", "oneaqita", "u"), "port"),
        (("db", "-1", "oneaqita", "u"), "port"),
        (("db", "54x", "oneaqita", "u"), "port"),
        (("db", "９９", "oneaqita", "u"), "port"),  # full-width digits
        (("db", "9" * 400, "oneaqita", "u"), "port"),
        (("db", "5432", "", "u"), "database"),
        (("db", "5432", "one\naqita", "u"), "database"),
        (("db", "5432", "あ" * 22, "u"), "database"),  # 66 bytes
        (("db", "5432", "oneaqita", "ta\u200bnaka"), "user"),
        (("db", "5432", "oneaqita", "u" * 64), "user"),
    ],
)
def test_refusals_name_their_field(raw: tuple[str, str, str, str], field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        server_settings(*raw)
    assert refused.value.field == field
    assert refused.value.ja and refused.value.en
    assert len(refused.value.ja) < 200 and len(refused.value.en) < 200


def test_names_are_trimmed_and_unicode_is_allowed() -> None:
    settings = server_settings(" ::1 ", " 5432 ", " 業務DB ", " 田中 ")
    assert (settings.host, settings.port, settings.database, settings.user) == (
        "::1",
        5432,
        "業務DB",
        "田中",
    )
    assert validate_port(65535) == 65535
    url = server_url(settings, "owner", "p@ss/word")
    assert "p%40ss%2Fword" in url  # the password is escaped, never cuts the URL


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b"\xff\xfe\x00garbage",
        b"[1, 2]",
        b'{"kind": "oracle"}',
        b'{"kind": "postgresql", "host": "db", "port": "5432", "database": "x"}',
        b'{"kind": "postgresql", "host": "db", "port": 99999, "database": "x"}',
        b'{"kind": "postgresql", "host": "a b", "port": 5432, "database": "x"}',
        b'{"kind": "postgresql", "port": 5432, "database": "x"}',
        b" " * (70 * 1024),
    ],
)
def test_a_damaged_file_is_the_embedded_default_with_a_message(content: bytes) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    loaded = load_settings()
    assert loaded.settings.kind is DatabaseKind.EMBEDDED
    assert loaded.problem is not None
    assert "組み込み" in loaded.problem.ja and "embedded" in loaded.problem.en
    assert str(path) in loaded.problem.en
    assert resolve_url().startswith("sqlite:///")


def test_a_folder_in_place_of_the_file_is_said_too() -> None:
    settings_path().mkdir(parents=True)
    assert load_settings().problem is None  # not a file: nothing stored
    with pytest.raises(DomainError) as refused:
        save_settings(SERVER)
    assert "保存できませんでした" in refused.value.ja and "Could not save" in refused.value.en


@pytest.mark.parametrize(
    ("message", "field"),
    [
        ('could not translate host name "nohost" to address: Name or service not known', "host"),
        ('connection to server at "127.0.0.1", port 1 failed: Connection refused', "port"),
        ("connection to server failed: timeout expired", "host"),
        ('FATAL:  password authentication failed for user "tanaka"', "password"),
        ('FATAL:  role "tanaka" does not exist', "user"),
        ('FATAL:  database "nodb" does not exist', "database"),
        ("server does not support SSL, but SSL was required", "sslmode"),
    ],
)
def test_connection_failures_are_explained_at_the_field(message: str, field: str) -> None:
    failure = explain(RuntimeError(message), "db:5432/x")
    assert failure.field == field
    assert "接続できませんでした" in failure.ja and "Could not connect" in failure.en
    assert message.splitlines()[0] in failure.en


def test_saves_at_once_leave_one_whole_file(config: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    choices = [
        server_settings(f"db{n}.lan", str(5000 + n), "oneaqita", f"user{n}") for n in range(8)
    ]
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(save_settings, choices * 5))
    loaded = load_settings()
    assert loaded.problem is None and loaded.settings in choices
    assert [p.name for p in config.iterdir()] == ["database.json"]  # no temporary left


class _PrivilegeError(Exception):
    sqlstate = "42501"

    def __str__(self) -> str:
        return "permission denied to create role"


def test_a_privilege_a_revision_lacks_is_said_as_not_the_owner() -> None:
    from sqlalchemy.exc import ProgrammingError

    from oneaqita.db.owner_migrations import NotOwner, _failed

    refused = _failed(
        "clerk", "db:5432/x", "0013", "0014", ProgrammingError("GRANT", None, _PrivilegeError())
    )
    assert isinstance(refused, NotOwner)
    assert "0014" in refused.ja and "permission denied to create role" in refused.en
    other = _failed(
        "owner", "db:5432/x", None, "0001", ProgrammingError("X", None, Exception("boom"))
    )
    assert not isinstance(other, NotOwner)
    assert "0001" in other.en and "empty" in other.en and "boom" in other.en
