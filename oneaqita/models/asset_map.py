"""The map's pre-counted cells: how many placed assets of each condition lie in each grid cell
of a few zoom levels, per slice of the list's filter (oneaqita/db/asset_map_sql.py says how they
are kept, services/asset_map.py how they are read)."""

from decimal import Decimal

from sqlalchemy import Integer, Numeric, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from oneaqita.models.base import Base


class AssetMapCell(Base):
    """One cell of one level and slice: the placed assets counted by their condition. The
    dimensions a slice does not count by hold the placeholders (owner 0, kind and status '');
    a cell whose assets all moved away keeps its row, with zero counts."""

    __tablename__ = "asset_map_cells"
    __table_args__ = {"sqlite_with_rowid": False}  # the rows in key order: a range per view

    level: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    owner_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(24), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), primary_key=True)
    cx: Mapped[int] = mapped_column(Integer, primary_key=True)
    cy: Mapped[int] = mapped_column(Integer, primary_key=True)
    n_none: Mapped[int] = mapped_column(Integer, default=0)
    n_iii: Mapped[int] = mapped_column(Integer, default=0)
    n_ii: Mapped[int] = mapped_column(Integer, default=0)
    n_i: Mapped[int] = mapped_column(Integer, default=0)


class AssetMapChange(Base):
    """A placed asset's write not yet folded into the cells: +1 with its new values, −1 with
    its old ones (written by the triggers of migration 0020)."""

    __tablename__ = "asset_map_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sign: Mapped[int] = mapped_column(SmallInteger)
    owner_id: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(24))
    status: Mapped[str] = mapped_column(String(16))
    severity: Mapped[int] = mapped_column(SmallInteger)
    longitude: Mapped[Decimal] = mapped_column(Numeric(9, 6))
    latitude: Mapped[Decimal] = mapped_column(Numeric(9, 6))
