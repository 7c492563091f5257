"""Users and the append-only audit log of every change they make."""

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from oneaqita.models.base import Base, IdMixin, VersionedMixin, str_enum, utcnow
from oneaqita.models.staff import Person


class Role(enum.StrEnum):
    ADMIN = "admin"
    MANAGER = "manager"
    COORDINATOR = "coordinator"
    SECONDED = "seconded"


class User(IdMixin, VersionedMixin, Base):
    __tablename__ = "users"

    login: Mapped[str] = mapped_column(String(60), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[Role] = mapped_column(str_enum(Role, "user_role"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), unique=True)
    password_hash: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")

    person: Mapped[Person | None] = relationship()


class LoginFailure(Base):
    """Failed logins of a user of the embedded database, in a row of their own: counting them
    never changes the user's row (its version, its audit), and a successful login deletes it.
    ``locked_until`` set: no login, right password or not, before that moment."""

    __tablename__ = "login_failures"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_failed_at: Mapped[datetime] = mapped_column(default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column()


class DatabaseSetting(Base):
    """Facts about this database itself, by key: ``demo`` = "1" on a database the demo loader
    filled, where its demo users may log in without a password."""

    __tablename__ = "database_settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class AuditEntry(IdMixin, Base):
    """Append-only: triggers created by the migration refuse UPDATE and DELETE."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_entity_entity_id", "entity", "entity_id"),
        # The audit log viewer's filters, newest first (migration 0015).
        Index("ix_audit_log_user_id_at_id", "user_id", "at", "id"),
        Index("ix_audit_log_entity_at_id", "entity", "at", "id"),
    )

    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Kept as text too, so the entry stays readable whatever happens to the user later.
    actor: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(20))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
