"""Change: ids by entity, derived rows, the created id, and a bound on what is listed."""

from oneaqita.services.changes import LISTED, Change, ChangeBuilder, Entity


def test_a_change_says_what_was_written_derived_and_created() -> None:
    builder = ChangeBuilder()
    builder.wrote(Entity.PEOPLE, [3])
    builder.wrote(Entity.SECONDMENTS, [9], created=True)
    builder.recomputed(Entity.WORK_ORDERS, [5, 6])
    change = builder.build()
    assert change.touches(Entity.WORK_ORDERS) and not change.touches(Entity.ASSETS)
    assert change.entities == {Entity.PEOPLE, Entity.SECONDMENTS, Entity.WORK_ORDERS}
    assert change.created_id(Entity.SECONDMENTS) == 9
    assert change.created_id(Entity.PEOPLE) is None  # updated, not created
    assert change.ids_of(Entity.WORK_ORDERS) == {5, 6}
    assert not change.is_empty and Change().is_empty


def test_two_created_records_have_no_single_created_id() -> None:
    builder = ChangeBuilder()
    builder.wrote(Entity.PEOPLE, [1, 2], created=True)
    assert builder.build().created_id(Entity.PEOPLE) is None


def test_an_import_of_many_rows_reports_the_entity_not_every_id() -> None:
    builder = ChangeBuilder()
    for start in range(0, 3 * LISTED, 100):
        builder.wrote(Entity.PEOPLE, range(start, start + 100), created=True)
    builder.wrote(Entity.ORGANIZATIONS, [1])
    change = builder.build()
    assert change.many == {Entity.PEOPLE}
    assert change.touches(Entity.PEOPLE) and Entity.PEOPLE in change.entities
    assert change.ids_of(Entity.PEOPLE) == frozenset()
    assert change.created_id(Entity.PEOPLE) is None
    assert change.ids_of(Entity.ORGANIZATIONS) == {1}
