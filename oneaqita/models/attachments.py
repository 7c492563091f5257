"""Photos and files attached to a finding, stored in the database itself (BLOB / bytea) so
that a shared PostgreSQL database or one SQLite file holds everything; each carries a small
JPEG thumbnail made when it was attached, so that lists never load the whole file."""

from datetime import datetime

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import Mapped, mapped_column

from oneaqita.models.base import Base, IdMixin, utcnow


class FindingAttachment(IdMixin, Base):
    """Immutable once stored: a changed file is a new attachment (the old one removed)."""

    __tablename__ = "finding_attachments"
    # A name once per finding: an import names a finding's files by it.
    __table_args__ = (
        UniqueConstraint("finding_id", "file_name"),
        CheckConstraint("size_bytes > 0", name="size_positive"),
    )

    finding_id: Mapped[int] = mapped_column(
        ForeignKey("findings.id", ondelete="CASCADE"), index=True
    )
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    thumbnail: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.now())
    created_by: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
