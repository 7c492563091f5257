"""What the renewal outlook is computed from: the standard service life of each asset kind,
a body's own target life for a kind, and the unit renewal cost per kind and diameter band.

An asset's effective service life is its own (``Asset.service_life_years``, set only when it
differs from the tables), else its owner's target life for its kind, else the kind's standard
life: ``COALESCE(asset, body, standard)``, resolved in SQL (oneaqita/service_life_rules.py).
"""

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from oneaqita.models.assets import AssetKind
from oneaqita.models.base import Base, IdMixin, VersionedMixin, str_enum
from oneaqita.models.organizations import Organization

LIFE_CHECK = "years BETWEEN 1 AND 200"


class ServiceLife(IdMixin, VersionedMixin, Base):
    """The standard service life (標準耐用年数) of one asset kind, one row per kind."""

    __tablename__ = "service_lives"
    __table_args__ = (CheckConstraint(LIFE_CHECK, name="years_range"),)

    kind: Mapped[AssetKind] = mapped_column(str_enum(AssetKind, "service_life_kind"), unique=True)
    years: Mapped[int] = mapped_column(Integer)


class BodyServiceLife(IdMixin, VersionedMixin, Base):
    """A body's own target life (目標耐用年数) for the assets of one kind it owns."""

    __tablename__ = "body_service_lives"
    __table_args__ = (
        UniqueConstraint("organization_id", "kind"),
        CheckConstraint(LIFE_CHECK, name="years_range"),
    )

    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    kind: Mapped[AssetKind] = mapped_column(str_enum(AssetKind, "body_service_life_kind"))
    years: Mapped[int] = mapped_column(Integer)

    organization: Mapped[Organization] = relationship()


class RenewalUnitCost(IdMixin, VersionedMixin, Base):
    """The renewal (改築) cost of one kind from a diameter on: yen per metre for pipes, per
    asset for every other kind. A band runs from its ``min_diameter_mm`` to the next band's of
    the same kind; every kind has a band from 0 mm (assets without a diameter fall in it)."""

    __tablename__ = "renewal_unit_costs"
    __table_args__ = (
        UniqueConstraint("kind", "min_diameter_mm"),
        CheckConstraint("min_diameter_mm >= 0", name="min_diameter_not_negative"),
        CheckConstraint("yen >= 0", name="yen_not_negative"),
    )

    kind: Mapped[AssetKind] = mapped_column(str_enum(AssetKind, "unit_cost_kind"))
    min_diameter_mm: Mapped[int] = mapped_column(Integer)
    yen: Mapped[int] = mapped_column(BigInteger)
