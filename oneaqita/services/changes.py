"""What a use case changed, so that every open view can decide for itself whether to refresh.

Modelled on anki's ``OpChanges`` / ``OpChangesWithId``:

- ``ids`` groups the records a use case wrote, by ``Entity``; ``derived`` the records it
  recomputed from them (saving a person re-indexes the work orders assigned to them), so
  that a view depends on what it shows, never on what happens to feed it.
- ``created`` names the records a use case added; ``created_id(entity)`` is the one new
  record of that entity, for the dialog that made it (never guessed from ``ids``).
- A use case that writes more than ``LISTED`` records of one entity (an import of 200,000
  rows) reports that entity in ``many`` instead of listing every id, so that its change stays
  small; a view then treats every record of it as changed.
- ``initiator`` is left empty by the core; the UI sets it to the view that started the
  operation, so that this view need not reload what it has just shown.
"""

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

__all__ = ["LISTED", "Change", "ChangeBuilder", "Entity"]

LISTED = 5000


class Entity(enum.StrEnum):
    """What a change touches; the value is the audit log's ``entity``."""

    ORGANIZATIONS = "organizations"
    SHAREHOLDINGS = "shareholdings"
    PEOPLE = "people"
    SECONDMENTS = "secondments"
    CONTRACTS = "contracts"
    WORK_ORDERS = "work_orders"
    ASSETS = "assets"
    FINDINGS = "findings"
    FINDING_ATTACHMENTS = "finding_attachments"
    USERS = "users"
    WORK_TYPES = "work_types"
    TIME_ENTRIES = "time_entries"
    TIMESHEET_WEEKS = "timesheet_weeks"
    KPI_TARGETS = "kpi_targets"
    RENEWAL_BASIS = "renewal_basis"  # service lives, bodies' target lives, unit renewal costs
    DATABASE = "database"  # the whole database (demo data loaded)


def _frozen(groups: Mapping[Entity, set[int]]) -> Mapping[Entity, frozenset[int]]:
    return {entity: frozenset(ids) for entity, ids in groups.items()}


@dataclass(frozen=True)
class Change:
    ids: Mapping[Entity, frozenset[int]] = field(default_factory=dict)
    derived: Mapping[Entity, frozenset[int]] = field(default_factory=dict)
    created: Mapping[Entity, frozenset[int]] = field(default_factory=dict)
    many: frozenset[Entity] = frozenset()
    initiator: object | None = field(default=None, compare=False)

    @property
    def entities(self) -> frozenset[Entity]:
        """Every entity written or recomputed."""
        return frozenset(self.ids) | frozenset(self.derived) | self.many

    def touches(self, *entities: Entity) -> bool:
        """Whether any of `entities` was written or recomputed."""
        return any(e in self.ids or e in self.derived or e in self.many for e in entities)

    def ids_of(self, entity: Entity) -> frozenset[int]:
        """The records of `entity` written or recomputed, as far as listed (see ``many``)."""
        return self.ids.get(entity, frozenset()) | self.derived.get(entity, frozenset())

    def created_id(self, entity: Entity) -> int | None:
        """The record of `entity` this change added, when it added exactly one."""
        created = self.created.get(entity, frozenset())
        return next(iter(created)) if len(created) == 1 else None

    @property
    def is_empty(self) -> bool:
        return not self.ids and not self.derived and not self.many


@dataclass
class ChangeBuilder:
    """Collects a unit of work's change as it goes."""

    _ids: dict[Entity, set[int]] = field(default_factory=dict)
    _derived: dict[Entity, set[int]] = field(default_factory=dict)
    _created: dict[Entity, set[int]] = field(default_factory=dict)
    _many: set[Entity] = field(default_factory=set)

    def wrote(self, entity: Entity, ids: Iterable[int | None], *, created: bool = False) -> None:
        known = {i for i in ids if i is not None}
        self._add(self._ids, entity, known)
        if created:
            self._add(self._created, entity, known)

    def recomputed(self, entity: Entity, ids: Iterable[int]) -> None:
        known = set(ids)
        if known:
            self._add(self._derived, entity, known)

    def _add(self, groups: dict[Entity, set[int]], entity: Entity, ids: set[int]) -> None:
        group = groups.setdefault(entity, set())
        if entity in self._many:
            return
        group.update(ids)
        if len(group) > LISTED:
            self._many.add(entity)
            for kept in (self._ids, self._derived, self._created):
                kept.get(entity, set()).clear()

    def build(self) -> Change:
        return Change(
            _frozen(self._ids),
            _frozen(self._derived),
            _frozen(self._created),
            frozenset(self._many),
        )
