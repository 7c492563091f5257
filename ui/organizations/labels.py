"""What the user reads for organization kinds, yen amounts, share counts and percentages.

Only formatting: every number shown (percentages and totals included) comes computed from the
service; nothing here adds or divides.
"""

from PySide6.QtCore import QCoreApplication

from oneaqita.models import OrganizationKind
from ui.labels import domain_label

translate = QCoreApplication.translate
K = OrganizationKind


def organization_kind_label(kind: OrganizationKind) -> str:
    return domain_label(kind)


def fictional_kind_label(kind: OrganizationKind) -> str:
    """A demo partner firm is invented: the list must never pass it off as a real company."""
    return translate("organization_labels", "{kind}（架空）").format(
        kind=organization_kind_label(kind)
    )


def yen_text(amount: int) -> str:
    """12345000 → 12,345,000円 (¥12,345,000 in English)."""
    return translate("organization_labels", "{amount}円").format(amount=f"{amount:,}")


def shares_text(shares: int) -> str:
    return f"{shares:,}"


def shares_change_text(change: int | None) -> str:
    """+25 / −25 / 0; the first holding has no change (—)."""
    if change is None:
        return "—"
    if change > 0:
        return f"+{change:,}"
    if change < 0:
        return f"−{-change:,}"
    return "0"
