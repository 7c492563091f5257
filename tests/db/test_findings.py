"""Recording findings (services/findings.py) and the asset's condition derived from them, on
both databases."""

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import select

from oneaqita.condition import recompute_conditions
from oneaqita.errors import ConcurrentEdit, PermissionDenied, ValidationError
from oneaqita.models import Asset, AuditEntry, Finding, FindingRank, Urgency, WorkOrder
from oneaqita.models import WorkOrderStatus as S
from oneaqita.services.changes import Entity
from oneaqita.services.database import Database
from oneaqita.services.finding_queries import (
    findings_of_asset,
    findings_of_work_order,
    get_finding,
    order_assets,
)
from oneaqita.services.findings import FindingData, remove_finding, save_finding
from tests.builders import Sample, build_sample

a, b, c = FindingRank.A, FindingRank.B, FindingRank.C


@pytest.fixture
def sample(db: Database) -> Iterator[Sample]:
    sample = build_sample(db)
    # WO-0001 carries the pipe; make it a running survey.
    _set_status(db, sample.work_order_ids[0], S.IN_PROGRESS, date(2025, 5, 1))
    yield sample


def _set_status(db: Database, wid: int, status: S, start: date | None = None) -> None:
    with db.read() as s:
        wo = s.get(WorkOrder, wid)
        assert wo is not None
        wo.status = status
        wo.actual_start = start
        s.commit()


def _pipe(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(Asset.id).where(Asset.code == "052019-P-000001")) or 0)


def _condition(db: Database, asset_id: int) -> Urgency | None:
    with db.read() as s:
        return s.scalar(select(Asset.condition).where(Asset.id == asset_id))


def _add(db: Database, sample: Sample, category: str, rank: FindingRank, **kw: object) -> int:
    data = FindingData(sample.work_order_ids[0], _pipe(db), category, rank, **kw)  # type: ignore[arg-type]
    change = save_finding(db, sample.coordinator, data, None)
    found = change.created_id(Entity.FINDINGS)
    assert found is not None
    return found


def test_recording_derives_the_urgency_and_the_assets_condition(
    db: Database, sample: Sample
) -> None:
    pipe = _pipe(db)
    _add(db, sample, "破損", a)
    assert _condition(db, pipe) is Urgency.II  # one per-length a
    data = FindingData(sample.work_order_ids[0], pipe, "クラック", a)
    change = save_finding(db, sample.coordinator, data, None)
    assert _condition(db, pipe) is Urgency.I  # two a's
    assert change.ids_of(Entity.ASSETS) == {pipe}  # the condition changed: reported
    lines = findings_of_work_order(db, sample.work_order_ids[0])
    assert [(f.category, f.urgency, f.derived_urgency) for f in lines] == [
        ("クラック", None, Urgency.I),
        ("破損", None, Urgency.I),
    ]
    with db.read() as s:
        actions = [
            e.action for e in s.scalars(select(AuditEntry).where(AuditEntry.entity == "findings"))
        ]
    assert actions == ["create", "create"]


def test_a_given_urgency_is_kept_beside_the_derived_one(db: Database, sample: Sample) -> None:
    pipe = _pipe(db)
    fid = _add(db, sample, "腐食", a, urgency=Urgency.III)  # rule says I, surveyor says III
    line = get_finding(db, fid)
    assert (line.urgency, line.derived_urgency, line.differs) == (Urgency.III, Urgency.I, True)
    assert line.effective_urgency is Urgency.III
    assert _condition(db, pipe) is Urgency.III  # the given one wins
    # Editing it back to "derive" puts the rule's answer in the condition.
    data = FindingData(sample.work_order_ids[0], pipe, "腐食", a, urgency=None)
    save_finding(db, sample.coordinator, data, line.version, fid)
    assert get_finding(db, fid).differs is False
    assert _condition(db, pipe) is Urgency.I


@pytest.mark.parametrize("status", [S.DRAFT, S.PLANNED, S.ACCEPTED, S.CANCELLED])
def test_refused_on_an_order_not_running_or_completed(
    db: Database, sample: Sample, status: S
) -> None:
    _set_status(db, sample.work_order_ids[0], status)
    data = FindingData(sample.work_order_ids[0], _pipe(db), "破損", a)
    with pytest.raises(ValidationError) as err:
        save_finding(db, sample.coordinator, data, None)
    assert err.value.field == "work_order"
    assert "WO-0001" in err.value.ja and "in progress or completed" in err.value.en
    assert findings_of_work_order(db, sample.work_order_ids[0]) == []


def test_completed_orders_take_findings(db: Database, sample: Sample) -> None:
    _set_status(db, sample.work_order_ids[0], S.COMPLETED)
    _add(db, sample, "たるみ", b)
    assert _condition(db, _pipe(db)) is Urgency.II


def test_refused_on_an_asset_not_of_the_order(db: Database, sample: Sample) -> None:
    with db.read() as s:
        manhole = s.scalar(select(Asset.id).where(Asset.code == "052027-M-000001"))
    assert manhole is not None
    data = FindingData(sample.work_order_ids[0], manhole, "破損", a)
    with pytest.raises(ValidationError) as err:
        save_finding(db, sample.coordinator, data, None)
    assert err.value.field == "asset" and "052027-M-000001" in err.value.en
    assert [x.code for x in order_assets(db, sample.work_order_ids[0])] == ["052019-P-000001"]


def test_text_and_duplicates_are_refused_at_their_field(db: Database, sample: Sample) -> None:
    pipe, wid = _pipe(db), sample.work_order_ids[0]
    for category in ("", "破\x00損", "x" * 41):
        with pytest.raises(ValidationError) as err:
            save_finding(db, sample.coordinator, FindingData(wid, pipe, category, a), None)
        assert err.value.field == "category"
    _add(db, sample, "破損", a)
    with pytest.raises(ValidationError) as err:
        save_finding(db, sample.coordinator, FindingData(wid, pipe, "破損", b), None)
    assert err.value.field == "category" and "already" in err.value.en


def test_only_coordinators_managers_and_admins_record(db: Database, sample: Sample) -> None:
    data = FindingData(sample.work_order_ids[0], _pipe(db), "破損", a)
    with pytest.raises(PermissionDenied):
        save_finding(db, sample.seconded, data, None)
    fid = _add(db, sample, "破損", a)
    with pytest.raises(PermissionDenied):
        remove_finding(db, sample.seconded, fid, 1)
    assert len(findings_of_work_order(db, sample.work_order_ids[0])) == 1


def test_an_edit_of_a_finding_changed_meanwhile_is_refused(db: Database, sample: Sample) -> None:
    pipe, wid = _pipe(db), sample.work_order_ids[0]
    fid = _add(db, sample, "破損", b)
    seen = get_finding(db, fid).version
    save_finding(db, sample.coordinator, FindingData(wid, pipe, "破損", a), seen, fid)
    with pytest.raises(ConcurrentEdit):
        save_finding(db, sample.coordinator, FindingData(wid, pipe, "破損", c), seen, fid)
    with pytest.raises(ConcurrentEdit):
        remove_finding(db, sample.coordinator, fid, seen)
    assert get_finding(db, fid).rank is a


def test_removing_the_last_finding_clears_the_condition(db: Database, sample: Sample) -> None:
    pipe = _pipe(db)
    fid = _add(db, sample, "腐食", a)
    assert _condition(db, pipe) is Urgency.I
    change = remove_finding(db, sample.coordinator, fid, get_finding(db, fid).version)
    assert _condition(db, pipe) is None
    assert change.touches(Entity.FINDINGS) and change.ids_of(Entity.ASSETS) == {pipe}


def test_the_condition_follows_the_most_recent_survey(db: Database, sample: Sample) -> None:
    pipe = _pipe(db)
    _add(db, sample, "腐食", a)  # WO-0001, started 2025-05-01: I
    later = sample.work_order_ids[2]  # WO-0003
    with db.read() as s:
        wo = s.get(WorkOrder, later)
        asset = s.get(Asset, pipe)
        assert wo is not None and asset is not None
        wo.assets = [asset]
        wo.status, wo.actual_start = S.IN_PROGRESS, date(2026, 5, 1)
        s.commit()
    save_finding(db, sample.coordinator, FindingData(later, pipe, "クラック", c), None)
    assert _condition(db, pipe) is Urgency.III  # the pipe was renewed: the newer survey counts
    history = findings_of_asset(db, pipe)
    assert [(f.work_order_number, f.category) for f in history] == [
        ("WO-0003", "クラック"),
        ("WO-0001", "腐食"),
    ]
    # A cancelled survey does not count: the older one is the latest again.
    _set_status(db, later, S.CANCELLED, date(2026, 5, 1))
    with db.unit_of_work(sample.coordinator) as uow:
        assert recompute_conditions(uow.session, [pipe]) == [pipe]
    assert _condition(db, pipe) is Urgency.I


def test_recompute_is_set_based_over_many_assets(db: Database, sample: Sample) -> None:
    wid = sample.work_order_ids[0]
    with db.read() as s:
        wo = s.get(WorkOrder, wid)
        assert wo is not None
        assets = [
            Asset(code=f"X-{i:05d}", kind="pipe", owner_id=sample.akita_id, service_life_years=50)
            for i in range(2500)
        ]
        s.add_all(assets)
        s.flush()
        wo.assets = [*wo.assets, *assets]
        s.add_all(
            Finding(work_order_id=wid, asset_id=x.id, category="破損", rank=(a, b)[i % 2])
            for i, x in enumerate(assets)
        )
        s.commit()
        ids = [x.id for x in assets]
    with db.unit_of_work(sample.coordinator) as uow:
        changed = recompute_conditions(uow.session, ids)
        assert recompute_conditions(uow.session, ids) == []  # nothing left to change
    assert sorted(changed) == sorted(ids)
    with db.read() as s:
        got = dict(s.execute(select(Asset.id, Asset.condition).where(Asset.id.in_(ids[:4]))).all())
    assert [got[i] for i in ids[:4]] == [Urgency.II, Urgency.III, Urgency.II, Urgency.III]
