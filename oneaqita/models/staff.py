"""People, their qualifications and secondments to the company."""

import enum
from datetime import date
from typing import Any

from sqlalchemy import BigInteger, Boolean, CheckConstraint, ForeignKey, Integer, String, or_
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql import ColumnElement

from oneaqita.models.base import Base, IdMixin, VersionedMixin, str_enum, utcnow
from oneaqita.models.organizations import Organization


class SecondmentKind(enum.StrEnum):
    ON_ROLL = "on_roll"  # 在籍派遣: keeps the home employment
    RETIRED = "retired"  # 退職派遣: leaves the home employment
    PARTNER = "partner"  # 出向 from a partner firm


class Person(IdMixin, VersionedMixin, Base):
    __tablename__ = "people"

    employee_no: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    name_kana: Mapped[str | None] = mapped_column(String(200))
    home_organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    # 役員 (代表取締役, 取締役, 監査役 …) rather than staff, whichever body sent them: the
    # report's 職員の状況 shows the two apart (reports/shareholders_company.py).
    officer: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")

    home_organization: Mapped[Organization] = relationship()
    qualifications: Mapped[list["PersonQualification"]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonQualification.name"
    )
    secondments: Mapped[list["Secondment"]] = relationship(
        back_populates="person", order_by="Secondment.start_date"
    )

    @property
    def qualification_names(self) -> frozenset[str]:
        """The names of the qualifications held, as one value to compare and set."""
        return frozenset(q.name for q in self.qualifications)

    @qualification_names.setter
    def qualification_names(self, names: frozenset[str]) -> None:
        held = self.qualification_names
        if names == held:
            return
        # Only the difference is written: re-adding a held name would collide with its own
        # primary key before the old row is deleted.
        for q in [q for q in self.qualifications if q.name not in names]:
            self.qualifications.remove(q)
        self.qualifications.extend(PersonQualification(name=n) for n in sorted(names - held))
        # Touching the row makes a change of qualifications alone still bump the version, so
        # that a concurrent edit of them is caught too.
        self.updated_at = utcnow()


class PersonQualification(Base):
    __tablename__ = "person_qualifications"

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), primary_key=True)

    person: Mapped[Person] = relationship(back_populates="qualifications")


class Secondment(IdMixin, VersionedMixin, Base):
    """A person's stay at the company. Overlaps are refused by the service (the database
    cannot express an interval exclusion on SQLite)."""

    __tablename__ = "secondments"
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="end_after_start"),
        CheckConstraint("salary_borne_by_company_pct BETWEEN 0 AND 100", name="salary_pct_range"),
        CheckConstraint("monthly_cost_yen >= 0", name="monthly_cost_not_negative"),
    )

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    from_organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    kind: Mapped[SecondmentKind] = mapped_column(str_enum(SecondmentKind, "secondment_kind"))
    start_date: Mapped[date]
    end_date: Mapped[date | None] = mapped_column(index=True)
    position: Mapped[str | None] = mapped_column(String(100))
    salary_borne_by_company_pct: Mapped[int] = mapped_column(Integer, default=0)
    # 月額負担基礎額: the monthly pay plus the employer's insurance, the settlement's basis
    # (DESIGN.md, "Secondment settlement"); None until the sending body states it.
    monthly_cost_yen: Mapped[int | None] = mapped_column(BigInteger)

    person: Mapped[Person] = relationship(back_populates="secondments")
    from_organization: Mapped[Organization] = relationship()

    @staticmethod
    def not_ended_before(day: Any) -> ColumnElement[bool]:
        """SQL: the secondment has no end, or ends on `day` (a date or a column) or later."""
        return or_(Secondment.end_date.is_(None), Secondment.end_date >= day)
