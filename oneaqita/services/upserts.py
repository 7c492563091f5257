"""Storing one record's checked column values on its row: the add / update / leave-unchanged
step that every upsert by key shares, audited."""

from collections.abc import Callable, Mapping
from typing import Any, Protocol, TypeVar

from oneaqita.services.changes import Entity
from oneaqita.services.records import UpsertOutcome
from oneaqita.services.unit_of_work import UnitOfWork


class _Row(Protocol):
    id: int


M = TypeVar("M", bound=_Row)


def store_values(
    uow: UnitOfWork,
    entity: Entity,
    model: Callable[..., M],
    row: M | None,
    values: Mapping[str, Any],
    snapshot: Callable[[M], dict[str, Any]],
    on_update: Callable[[UnitOfWork, M, frozenset[str]], None] | None = None,
) -> tuple[int, UpsertOutcome]:
    """Add a row of `model` with `values` (row None), or set `values` on `row`, or leave it
    unchanged when it already holds them. Each write is flushed and audited with the row's
    `snapshot` before and after; `on_update` gets the unit of work, an updated row and the names
    of the values that changed, after the flush, to refresh what is derived from them."""
    session = uow.session
    if row is None:
        row = model(**values)
        session.add(row)
        session.flush()
        uow.audit("create", entity, row.id, None, snapshot(row))
        return row.id, UpsertOutcome.ADDED
    changed = frozenset(k for k, v in values.items() if getattr(row, k) != v)
    if not changed:
        return row.id, UpsertOutcome.UNCHANGED
    before = snapshot(row)
    for k in changed:
        setattr(row, k, values[k])
    session.flush()
    if on_update is not None:
        on_update(uow, row, changed)
    uow.audit("update", entity, row.id, before, snapshot(row))
    return row.id, UpsertOutcome.UPDATED
