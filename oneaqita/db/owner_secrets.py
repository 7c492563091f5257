"""The one secret the app may keep: the password an owner runs the migrations with, when they
ask for it to be remembered, in the system keyring (Windows Credential Manager, Secret Service,
macOS Keychain) under service "oneaqita" and "<owner>@<host>:<port>/<database>". Where no
keyring is available (the fail backend of a CI machine, no Secret Service) nothing is written
anywhere and the caller is told so. Users' own passwords are never kept."""

import logging

import keyring
import keyring.errors
from keyring.backends import fail

from oneaqita.db.connection_settings import ConnectionSettings
from oneaqita.errors import DomainError

SERVICE = "oneaqita"
log = logging.getLogger(__name__)


class SecretNotKept(DomainError):
    """The keyring refused or is missing: the password was not remembered (nor written)."""

    def __init__(self, why: str = "") -> None:
        detail = f"\n{why}" if why else ""
        super().__init__(
            "この環境にはキーリング（パスワードの保管場所）がないため、パスワードを記憶できません。"
            f"パスワードはどこにも保存していません。{detail}",
            "No keyring (system password store) is available here, so the password cannot be "
            f"remembered. It was not stored anywhere.{detail}",
        )


def secret_key(settings: ConnectionSettings, owner: str) -> str:
    return f"{owner}@{settings.host}:{settings.port}/{settings.database}"


def keyring_available() -> bool:
    """False where keyring would refuse (its fail backend, or none with a positive priority)."""
    try:
        backend = keyring.get_keyring()
        return not isinstance(backend, fail.Keyring) and float(backend.priority) > 0
    except Exception:  # noqa: BLE001 - a broken backend is no backend
        return False


def _why(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


def remember_password(settings: ConnectionSettings, owner: str, password: str) -> None:
    if not keyring_available():
        raise SecretNotKept()
    try:
        keyring.set_password(SERVICE, secret_key(settings, owner), password)
    except Exception as exc:  # noqa: BLE001 - NoKeyringError, a locked store, D-Bus gone
        raise SecretNotKept(_why(exc)) from exc


def remembered_password(settings: ConnectionSettings, owner: str) -> str | None:
    if not owner or not keyring_available():
        return None
    try:
        return keyring.get_password(SERVICE, secret_key(settings, owner))
    except Exception as exc:  # noqa: BLE001 - not remembered is the answer
        log.info("keyring lookup failed: %s", _why(exc))
        return None


def forget_password(settings: ConnectionSettings, owner: str) -> None:
    if not owner or not keyring_available():
        return
    try:
        keyring.delete_password(SERVICE, secret_key(settings, owner))
    except keyring.errors.PasswordDeleteError:
        pass  # nothing was remembered
    except Exception as exc:  # noqa: BLE001
        log.info("keyring delete failed: %s", _why(exc))
