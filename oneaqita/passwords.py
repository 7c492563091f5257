"""Passwords of the embedded (SQLite) database's users, kept only as salted argon2id hashes.

On PostgreSQL the server itself checks each user's password (SCRAM-SHA-256) and the app keeps
none; this module is for the embedded database, where the app is the only gatekeeper.

Rules:

- ``hash_password`` refuses a password that is too short, too long, or holds control
  characters (they cannot be typed back reliably at a login prompt), with a bilingual reason.
- ``verify_password`` never raises for a wrong password, a missing hash or a damaged one: it
  answers False, so that a login says only "login or password is wrong".
- argon2-cffi's defaults (RFC 9106's low-memory profile: argon2id, 64 MiB, 3 passes, a 16-byte
  random salt) are used; ``needs_rehash`` tells when a stored hash was made with weaker
  parameters and should be replaced at the next successful login.
"""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from oneaqita.errors import ValidationError

__all__ = ["MAX_LENGTH", "MIN_LENGTH", "check_password", "hash_password", "needs_rehash"]
__all__ += ["check_repeated", "verify_password"]

MIN_LENGTH = 8
MAX_LENGTH = 256  # argon2 takes any length; a megabyte pasted by mistake is refused

_HASHER = PasswordHasher()


def check_password(password: str) -> None:
    """ValidationError (field ``password``) unless ``password`` may be set as a password."""
    if len(password) < MIN_LENGTH:
        raise ValidationError(
            f"パスワードは{MIN_LENGTH}文字以上にしてください。",
            f"A password needs at least {MIN_LENGTH} characters.",
            "password",
        )
    if len(password) > MAX_LENGTH:
        raise ValidationError(
            f"パスワードは{MAX_LENGTH}文字以内にしてください。",
            f"A password may have at most {MAX_LENGTH} characters.",
            "password",
        )
    if any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in password):
        raise ValidationError(
            "パスワードに制御文字は使えません。",
            "A password cannot contain control characters.",
            "password",
        )


def check_repeated(password: str, again: str) -> None:
    """ValidationError (field ``password_again``) when a new password typed twice differs."""
    if password != again:
        raise ValidationError(
            "2回入力したパスワードが一致しません。",
            "The two passwords differ.",
            "password_again",
        )


def hash_password(password: str) -> str:
    """The argon2id hash to store for ``password`` (checked first by ``check_password``)."""
    check_password(password)
    return _HASHER.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    """Whether ``password`` is the one ``stored_hash`` was made from; False for no hash."""
    if not stored_hash or len(password) > MAX_LENGTH:
        return False
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    try:
        return _HASHER.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True
