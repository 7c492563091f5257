"""The permission table: every writing service declares its action, every action has roles."""

import importlib
import inspect
import pkgutil

import pytest

import oneaqita.reports
import oneaqita.services
import oneaqita.transfer
from oneaqita.errors import PermissionDenied
from oneaqita.models import Role
from oneaqita.permissions import PERMISSIONS, Action, allowed, check, requires
from oneaqita.services.actor import Actor


def _modules():  # type: ignore[no-untyped-def]
    for package in (oneaqita.services, oneaqita.transfer, oneaqita.reports):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            yield importlib.import_module(info.name)


# Steps that services build on; only services that declare their action call them.
BUILDING_BLOCKS = {
    "oneaqita.services.upserts.store_values",
    "oneaqita.services.upserts.row_to_edit",
    # the asset write path's steps, called only by assets.upsert_assets (Action.EDIT_ASSETS)
    "oneaqita.services.asset_writes.insert_assets",
    "oneaqita.services.asset_writes.audit_writes",
}


def _writing_services() -> list[tuple[str, object]]:
    """Every public function defined in the services and imports that takes a unit of work,
    or a database and an actor: what the app calls to change something."""
    found = []
    for module in _modules():
        for name, fn in vars(module).items():
            if name.startswith("_") or not inspect.isfunction(fn):
                continue
            if inspect.unwrap(fn).__module__ != module.__name__:
                continue  # imported from elsewhere; checked where it is defined
            params = set(inspect.signature(fn).parameters)
            qualified = f"{module.__name__}.{name}"
            if qualified not in BUILDING_BLOCKS and ("uow" in params or {"db", "actor"} <= params):
                found.append((qualified, fn))
    return found


def test_the_walk_finds_the_services_it_must() -> None:
    names = {name for name, _ in _writing_services()}
    assert {
        "oneaqita.services.people.save_person",
        "oneaqita.services.people.upsert_people",
        "oneaqita.services.work_orders.transition",
        "oneaqita.transfer.runner.import_file",
        "oneaqita.transfer.export.export_kind",
        "oneaqita.reports.work_order_sheet.work_order_sheet_pdf",
    } <= names


@pytest.mark.parametrize(("name", "fn"), _writing_services(), ids=lambda v: str(v))
def test_every_writing_service_declares_an_action_of_the_table(name: str, fn: object) -> None:
    action = getattr(fn, "__permission__", None)
    assert action is not None, f"{name} has no @requires(Action…): add it to the table"
    assert action in PERMISSIONS


def test_every_action_names_its_roles() -> None:
    assert set(PERMISSIONS) == set(Action)
    assert all(PERMISSIONS[a] for a in Action)
    assert all(Role.ADMIN in PERMISSIONS[a] for a in Action)


def test_check_names_the_roles_that_may() -> None:
    seconded = Actor(None, "sato", Role.SECONDED)
    with pytest.raises(PermissionDenied) as exc:
        check(seconded, Action.RECORD_SHAREHOLDINGS)
    assert exc.value.ja == "この操作は管理者・管理職だけが行えます。"
    assert exc.value.en == "Only admin, manager may do this."
    assert not allowed(None, Action.READ_LISTS)
    assert allowed(seconded, Action.READ_LISTS)


def test_requires_checks_the_unit_of_works_actor_positionally_and_by_name() -> None:
    class Uow:
        def __init__(self, role: Role) -> None:
            self.actor = Actor(None, "x", role)

    @requires(Action.EDIT_ASSETS)
    def edit(uow: Uow, value: int) -> int:
        return value

    assert edit(Uow(Role.ADMIN), 3) == 3
    assert edit(uow=Uow(Role.ADMIN), value=4) == 4
    with pytest.raises(PermissionDenied):
        edit(Uow(Role.COORDINATOR), 3)
    assert edit.__permission__ is Action.EDIT_ASSETS  # type: ignore[attr-defined]


def test_requires_refuses_a_function_it_cannot_check() -> None:
    with pytest.raises(TypeError):

        @requires(Action.EDIT_ASSETS)
        def nothing_to_check(value: int) -> int:
            return value
