"""Organizations (the prefecture, municipalities, partner firms, the company) and shareholdings."""

import enum
from datetime import date

from sqlalchemy import BigInteger, Boolean, CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from oneaqita.models.base import Base, IdMixin, VersionedMixin, str_enum


class OrganizationKind(enum.StrEnum):
    PREFECTURE = "prefecture"
    CITY = "city"
    TOWN = "town"
    VILLAGE = "village"
    PARTNER = "partner"
    COMPANY = "company"

    @property
    def is_public_body(self) -> bool:
        return self in (self.PREFECTURE, self.CITY, self.TOWN, self.VILLAGE)


class Organization(IdMixin, VersionedMixin, Base):
    __tablename__ = "organizations"

    code: Mapped[str] = mapped_column(String(20), unique=True)
    kind: Mapped[OrganizationKind] = mapped_column(str_enum(OrganizationKind, "organization_kind"))
    name_ja: Mapped[str] = mapped_column(String(100), unique=True)
    name_kana: Mapped[str | None] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    # Demo partner firms are invented; reports must never present them as real companies.
    is_fictional: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    shareholdings: Mapped[list["Shareholding"]] = relationship(
        back_populates="organization", order_by="Shareholding.since"
    )

    def __repr__(self) -> str:
        return f"Organization({self.code} {self.name_ja})"


class Shareholding(IdMixin, VersionedMixin, Base):
    """A holding as of `since`; a change is a new row, so the register keeps its history."""

    __tablename__ = "shareholdings"
    __table_args__ = (
        UniqueConstraint("organization_id", "since"),
        CheckConstraint("shares >= 0", name="shares_not_negative"),
        CheckConstraint("capital_yen >= 0", name="capital_not_negative"),
    )

    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    shares: Mapped[int] = mapped_column(BigInteger)
    capital_yen: Mapped[int] = mapped_column(BigInteger)
    since: Mapped[date]

    organization: Mapped[Organization] = relationship(back_populates="shareholdings")
