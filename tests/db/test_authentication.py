"""Logging in to the embedded database: argon2 hashes, one message for a wrong login or
password, counted failures, the slow-down and the lock, demo users, the first administrator."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from oneaqita.errors import AuthenticationFailed, ValidationError
from oneaqita.models import AuditEntry, DatabaseSetting, LoginFailure, Role, User
from oneaqita.services.actor import SYSTEM_ACTOR
from oneaqita.services.authentication import (
    LOCK_AFTER,
    authenticate,
    create_first_admin,
    delay_after,
    demo_logins,
)
from oneaqita.services.database import Database
from tests.logins import actor_for, add_login

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
PW = "right-password-1"


def _failures(db: Database, login: str) -> LoginFailure | None:
    with db.read() as session:
        uid = session.scalar(select(User.id).where(User.login == login))
        row = session.get(LoginFailure, uid)
        if row is not None:
            session.expunge(row)
        return row


def _user_version(db: Database, login: str) -> int:
    with db.read() as session:
        return int(session.scalar(select(User.version).where(User.login == login)) or 0)


def test_the_right_password_logs_in_and_a_wrong_one_or_login_says_the_same(
    sqlite_db: Database,
) -> None:
    add_login(sqlite_db, "sato", Role.MANAGER, PW)
    actor = authenticate(sqlite_db, "sato", PW, now=T0)
    assert (actor.login, actor.role) == ("sato", Role.MANAGER)
    with pytest.raises(AuthenticationFailed) as wrong_password:
        authenticate(sqlite_db, "sato", "wrong-password", now=T0)
    with pytest.raises(AuthenticationFailed) as wrong_login:
        authenticate(sqlite_db, "nobody", PW, now=T0)
    assert (
        wrong_password.value.ja == wrong_login.value.ja == "ログイン名またはパスワードが違います。"
    )
    assert wrong_password.value.en == wrong_login.value.en
    with sqlite_db.read() as session:
        stored = session.scalar(select(User.password_hash).where(User.login == "sato"))
    assert stored and stored.startswith("$argon2id$") and PW not in stored


def test_failures_are_counted_apart_from_the_user_and_a_success_clears_them(
    sqlite_db: Database,
) -> None:
    add_login(sqlite_db, "sato", Role.MANAGER, PW)
    version = _user_version(sqlite_db, "sato")
    for i in range(2):
        with pytest.raises(AuthenticationFailed):
            authenticate(sqlite_db, "sato", "nope-nope", now=T0 + timedelta(seconds=i))
    row = _failures(sqlite_db, "sato")
    assert row is not None and row.failures == 2
    assert _user_version(sqlite_db, "sato") == version  # the user's row is untouched
    authenticate(sqlite_db, "sato", PW, now=T0 + timedelta(seconds=5))
    assert _failures(sqlite_db, "sato") is None


def test_from_the_third_failure_a_quick_retry_is_refused_unchecked(sqlite_db: Database) -> None:
    add_login(sqlite_db, "sato", Role.MANAGER, PW)
    assert [delay_after(n) for n in (1, 2, 3, 4, 5, 8, 20)] == [0, 0, 1, 2, 4, 30, 30]
    for i in range(3):
        with pytest.raises(AuthenticationFailed):
            authenticate(sqlite_db, "sato", "nope-nope", now=T0 + timedelta(seconds=10 * i))
    last = T0 + timedelta(seconds=20)
    with pytest.raises(AuthenticationFailed) as slow:
        authenticate(sqlite_db, "sato", PW, now=last + timedelta(milliseconds=500))
    assert "slow down" in slow.value.en and "秒待って" in slow.value.ja
    row = _failures(sqlite_db, "sato")
    assert row is not None and row.failures == 3  # the refused attempt was not checked
    assert authenticate(sqlite_db, "sato", PW, now=last + timedelta(seconds=2)).login == "sato"


def test_ten_failures_lock_the_account_for_fifteen_minutes(sqlite_db: Database) -> None:
    add_login(sqlite_db, "sato", Role.MANAGER, PW)
    moment = T0
    for _ in range(LOCK_AFTER):
        moment += timedelta(seconds=31)
        with pytest.raises(AuthenticationFailed) as last:
            authenticate(sqlite_db, "sato", "nope-nope", now=moment)
    local = moment.astimezone() + timedelta(minutes=15)
    assert "locked until" in last.value.en and local.strftime("%H:%M") in last.value.en
    with pytest.raises(AuthenticationFailed) as locked:
        authenticate(sqlite_db, "sato", PW, now=moment + timedelta(minutes=14))
    assert "locked until" in locked.value.en and "ロック" in locked.value.ja
    assert authenticate(sqlite_db, "sato", PW, now=moment + timedelta(minutes=16)).login == "sato"


def test_a_deactivated_user_is_refused(sqlite_db: Database) -> None:
    add_login(sqlite_db, "gone", Role.MANAGER, PW)
    with sqlite_db.unit_of_work(SYSTEM_ACTOR) as uow:
        uow.session.execute(update(User).where(User.login == "gone").values(active=False))
    with pytest.raises(Exception) as refused:
        authenticate(sqlite_db, "gone", PW, now=T0)
    assert "deactivated" in str(getattr(refused.value, "en", ""))


def test_no_password_only_on_a_demo_database(sqlite_db: Database) -> None:
    actor_for(sqlite_db, "admin")  # no password hash
    with pytest.raises(AuthenticationFailed) as refused:
        authenticate(sqlite_db, "admin", "", now=T0)
    assert "no password set; ask an administrator" in refused.value.en
    assert demo_logins(sqlite_db) == []
    with sqlite_db.unit_of_work(SYSTEM_ACTOR) as uow:
        uow.session.add(DatabaseSetting(key="demo", value="1"))
    assert authenticate(sqlite_db, "admin", "", now=T0).login == "admin"
    assert [login for login, _, _ in demo_logins(sqlite_db)] == ["admin"]


def test_the_first_administrator_only_on_a_database_without_users(sqlite_db: Database) -> None:
    with pytest.raises(ValidationError):
        create_first_admin(sqlite_db, "boss", "", "short")
    with pytest.raises(ValidationError):
        create_first_admin(sqlite_db, "bad\nlogin", "", PW)
    admin = create_first_admin(sqlite_db, " boss ", "課長", PW)
    assert (admin.login, admin.role) == ("boss", Role.ADMIN)
    assert authenticate(sqlite_db, "boss", PW, now=T0).user_id == admin.user_id
    with pytest.raises(AuthenticationFailed) as again:
        create_first_admin(sqlite_db, "other", "", PW)
    assert "すでにユーザーがいます" in again.value.ja and "already has users" in again.value.en
    with sqlite_db.read() as session:
        assert session.scalar(select(func.count(User.id))) == 1
        audited = session.scalars(select(AuditEntry).where(AuditEntry.entity == "users")).all()
        assert len(audited) == 1 and "password" not in str(audited[0].after)
