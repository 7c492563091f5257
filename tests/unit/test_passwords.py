"""Passwords of the embedded database: argon2id hashes, refusals with a reason."""

import pytest

from oneaqita.errors import ValidationError
from oneaqita.passwords import hash_password, needs_rehash, verify_password


def test_a_hash_is_salted_argon2id_and_verifies_only_its_password() -> None:
    first, second = hash_password("秋田の下水道2026"), hash_password("秋田の下水道2026")
    assert first.startswith("$argon2id$") and first != second  # a fresh salt each time
    assert verify_password(first, "秋田の下水道2026")
    assert not verify_password(first, "秋田の下水道2027")
    assert not needs_rehash(first)


@pytest.mark.parametrize("stored", [None, "", "not a hash", "$argon2id$v=19$broken"])
def test_a_missing_or_damaged_hash_never_verifies(stored: str | None) -> None:
    assert not verify_password(stored, "whatever-password")


@pytest.mark.parametrize(
    ("password", "reason"),
    [("short", "8文字以上"), ("x" * 257, "256文字以内"), ("pass\x00word!", "制御文字")],
)
def test_unusable_passwords_are_refused_with_the_reason(password: str, reason: str) -> None:
    with pytest.raises(ValidationError) as caught:
        hash_password(password)
    assert reason in caught.value.ja and caught.value.field == "password"


def test_a_huge_password_is_not_hashed_at_a_login() -> None:
    assert not verify_password(hash_password("correct horse"), "x" * 1_000_000)


def test_a_new_password_typed_twice_differently_is_refused_at_the_second_field() -> None:
    from oneaqita.passwords import check_repeated

    check_repeated("correct horse", "correct horse")
    with pytest.raises(ValidationError) as caught:
        check_repeated("correct horse", "correct house")
    assert "一致しません" in caught.value.ja and caught.value.field == "password_again"
