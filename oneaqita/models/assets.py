"""Sewer assets owned by a municipality or the prefecture, and the defects found on them."""

import enum
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from oneaqita.models.base import Base, IdMixin, VersionedMixin, str_enum
from oneaqita.models.organizations import Organization


class AssetKind(enum.StrEnum):
    PIPE = "pipe"
    MANHOLE = "manhole"
    MANHOLE_PUMP = "manhole_pump"
    PUMP_STATION = "pump_station"
    TREATMENT_PLANT = "treatment_plant"
    RURAL_DRAINAGE_PLANT = "rural_drainage_plant"
    NIGHT_SOIL_PLANT = "night_soil_plant"


class AssetStatus(enum.StrEnum):
    IN_SERVICE = "in_service"
    CONSOLIDATED = "consolidated"  # merged into the regional system
    RETIRED = "retired"


class Urgency(enum.StrEnum):
    """緊急度: I is the most urgent."""

    I = "I"  # noqa: E741
    II = "II"
    III = "III"


class FindingRank(enum.StrEnum):
    A = "a"
    B = "b"
    C = "c"


# The columns the registry's list sorts by, besides the unique code (migration 0009).
LIST_SORT_COLUMNS = (
    "kind",
    "owner_id",
    "district",
    "installed_year",
    "material",
    "diameter_mm",
    "length_m",
    "status",
    "condition",
)


class Asset(IdMixin, VersionedMixin, Base):
    __tablename__ = "assets"
    __table_args__ = (
        CheckConstraint("installed_year BETWEEN 1868 AND 2200", name="installed_year_range"),
        CheckConstraint("diameter_mm > 0", name="diameter_positive"),
        CheckConstraint("length_m >= 0", name="length_not_negative"),
        CheckConstraint("service_life_years > 0", name="service_life_positive"),
        CheckConstraint("latitude BETWEEN -90 AND 90", name="latitude_range"),
        CheckConstraint("longitude BETWEEN -180 AND 180", name="longitude_range"),
        # The picker's and the planner's filter ("the pipes of a district laid before 1980")
        # counts and lists from this alone.
        Index("ix_assets_district_installed_year", "district", "installed_year"),
        # The asset registry's list sorts by every column, ties broken by id: one index per
        # column ending in id serves a page on both databases (migration 0009; they replace
        # the single-column indexes of kind, owner and installed year, their prefixes).
        *(Index(f"ix_assets_list_{c}", c, "id") for c in LIST_SORT_COLUMNS),
        # The registry's tree: a body's districts with their counts, a district's top-level
        # assets in code order, read from the index alone.
        Index("ix_assets_tree", "owner_id", "district", "parent_id", "code"),
        # The map: the assets in a view box, read or counted per cell from the index alone
        # (migration 0016).
        Index("ix_assets_map", "longitude", "latitude", "condition", "id"),
        # The renewal outlook: the assets in service grouped by their own columns, read in
        # this order from the index alone (migration 0017); the report's 資産の状況 per owner
        # and condition too (migration 0025).
        Index(
            "ix_assets_outlook",
            "status",
            "owner_id",
            "kind",
            "installed_year",
            "service_life_years",
            "diameter_mm",
            "length_m",
            "condition",
        ),
    )

    code: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[AssetKind] = mapped_column(str_enum(AssetKind, "asset_kind"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("assets.id"), index=True)
    district: Mapped[str | None] = mapped_column(String(100))
    installed_year: Mapped[int | None] = mapped_column(Integer)
    material: Mapped[str | None] = mapped_column(String(40))
    diameter_mm: Mapped[int | None] = mapped_column(Integer)
    length_m: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    latitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    longitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    # The asset's own service life, only when it differs from its owner's target life and the
    # kind's standard life (models/service_lives.py); None follows those.
    service_life_years: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[AssetStatus] = mapped_column(
        str_enum(AssetStatus, "asset_status"), default=AssetStatus.IN_SERVICE
    )
    # Derived from findings by the service that records them; kept here so that lists and
    # reports can filter and count by condition without aggregating every finding.
    condition: Mapped[Urgency | None] = mapped_column(str_enum(Urgency, "asset_condition"))

    owner: Mapped[Organization] = relationship()
    parent: Mapped["Asset | None"] = relationship(remote_side="Asset.id")


class Finding(IdMixin, VersionedMixin, Base):
    __tablename__ = "findings"
    # One finding per category per asset per work order: the import key.
    # The span's grades a, read from the index alone by the dashboard's urgency-I tile
    # (services/work_order_attention.py, migration 0018_dashboard_speed).
    __table_args__ = (
        UniqueConstraint("work_order_id", "asset_id", "category"),
        Index("ix_findings_span_grades", "work_order_id", "asset_id", "rank", "category"),
    )

    work_order_id: Mapped[int] = mapped_column(ForeignKey("work_orders.id"), index=True)
    asset_id: Mapped[int] = mapped_column(ForeignKey("assets.id"), index=True)
    category: Mapped[str] = mapped_column(String(40))
    rank: Mapped[FindingRank] = mapped_column(str_enum(FindingRank, "finding_rank"))
    urgency: Mapped[Urgency | None] = mapped_column(str_enum(Urgency, "finding_urgency"))
    note: Mapped[str | None] = mapped_column(String(1000))

    asset: Mapped[Asset] = relationship()
