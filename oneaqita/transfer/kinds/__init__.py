"""The import kinds: one small module each, registered here.

Adding a kind (assets, contracts, …) is one module with a ``SPEC`` (columns, key, record type,
the service's upsert and the export query) and one line in ``KINDS``.
"""

from typing import Any

from oneaqita.transfer.columns import KindSpec
from oneaqita.transfer.kinds import (
    assets,
    contracts,
    findings,
    organizations,
    people,
    secondments,
    shareholdings,
    time_entries,
    work_orders,
)
from oneaqita.transfer.report import ImportRequestError

# Every kind IMPORT-FORMAT.md names, in its order (the order lists and help show them in).
ALL_KINDS = (
    "organizations",
    "shareholdings",
    "people",
    "secondments",
    "assets",
    "contracts",
    "work-orders",
    "findings",
    "time-entries",
)

KINDS: dict[str, KindSpec[Any]] = {
    spec.name: spec
    for spec in (
        organizations.SPEC,
        shareholdings.SPEC,
        people.SPEC,
        secondments.SPEC,
        assets.SPEC,
        contracts.SPEC,
        work_orders.SPEC,
        findings.SPEC,
        time_entries.SPEC,
    )
}


def supported_kinds() -> list[str]:
    return [k for k in ALL_KINDS if k in KINDS]


def get_kind(name: str) -> KindSpec[Any]:
    """The spec of a supported kind; ImportRequestError naming the supported ones otherwise."""
    spec = KINDS.get(name.strip().lower())
    if spec is not None:
        return spec
    supported = ", ".join(supported_kinds())
    raise ImportRequestError(
        f"種類「{name}」はありません。使える種類: {supported}",
        f"unknown kind {name!r}; supported kinds: {supported}",
    )
