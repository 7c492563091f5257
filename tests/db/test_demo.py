"""The demo data set: deterministic, believable, consistent with the domain's rules, and
never loaded into a database that already holds data."""

import os
import uuid
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select, text

from oneaqita.condition import recompute_conditions
from oneaqita.db.engine import make_engine
from oneaqita.db.migrate import upgrade
from oneaqita.demo import DemoStage, DemoSummary, load_demo
from oneaqita.demo.staff import MONTHLY_COST
from oneaqita.errors import ValidationError
from oneaqita.models import (
    Finding,
    Organization,
    OrganizationKind,
    Shareholding,
    WorkOrder,
    WorkOrderStatus,
)
from oneaqita.search import matching_ids_clause
from oneaqita.services.authentication import demo_logins, is_demo_database
from oneaqita.services.database import Database
from oneaqita.services.shareholders import ownership_percentages, shareholder_register
from tests.db.demo_digest import TODAY, checksum
from tests.logins import actor_for

SCALE = 0.05
PG_URL = os.environ.get(
    "ONEAQITA_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


def _new_db(path: Path) -> Database:
    engine = make_engine(f"sqlite:///{path.as_posix()}")
    upgrade(engine)
    return Database(engine)


def _loaded(path: Path, seed: int = 1, scale: float = SCALE) -> tuple[Database, DemoSummary]:
    db = _new_db(path)
    return db, load_demo(db, seed=seed, scale=scale, today=TODAY)


def _checksum(db: Database) -> str:
    return checksum(db.engine)


def _scalar(db: Database, sql: str, **params: object) -> int:
    with db.engine.connect() as conn:
        return int(conn.execute(text(sql), params).scalar_one())


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Database, DemoSummary]]:
    """One demo database shared by the read-only checks below."""
    db, summary = _loaded(tmp_path_factory.mktemp("demo") / "demo.sqlite3")
    yield db, summary
    db.dispose()


def test_counts_match_the_summary_and_the_scale(demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    for table, count in summary.as_dict().items():
        assert _scalar(db, f"SELECT count(*) FROM {table}") == count, table
    assert summary.organizations == 26 + 1 + 3
    assert summary.shareholdings == 26 + 3 + 2  # every body, the partners, one later transfer
    assert 0.8 * 20_000 * SCALE <= summary.assets <= 1.3 * 20_000 * SCALE
    assert 0.95 * 5_000 * SCALE <= summary.work_orders <= 1.1 * 5_000 * SCALE
    assert 0.5 * 100_000 * SCALE <= summary.time_entries <= 1.6 * 100_000 * SCALE
    assert summary.findings > 0 and summary.secondments >= summary.people // 2


def test_organizations_are_the_real_bodies_plus_invented_partners(
    demo: tuple[Database, DemoSummary],
) -> None:
    db, _ = demo
    with db.read() as s:
        orgs = [
            (o.code, o.kind, o.name_ja, o.is_fictional) for o in s.scalars(select(Organization))
        ]
    codes = {kind: sorted(c for c, k, _, _ in orgs if k is kind) for kind in OrganizationKind}
    assert codes[OrganizationKind.PREFECTURE] == ["050008"]
    assert len(codes[OrganizationKind.CITY]) == 13
    assert len(codes[OrganizationKind.COMPANY]) == 1
    assert codes[OrganizationKind.PARTNER] == ["P001", "P002", "P003"]
    for _, kind, name, fictional in orgs:
        assert fictional == (kind is OrganizationKind.PARTNER)
        assert ("架空" in name) == fictional
    largest = _scalar(
        db,
        "SELECT o.code FROM shareholdings h JOIN organizations o ON o.id = h.organization_id "
        "WHERE o.kind = 'city' ORDER BY h.shares DESC LIMIT 1",
    )
    assert largest == 52019  # Akita City, read back as a number by the bare SQL


def test_the_register_adds_up_as_the_public_record_has_it(
    demo: tuple[Database, DemoSummary],
) -> None:
    """10,000 shares, ¥100,000,000; the prefecture 18.21 %, the 25 municipalities 32.79 %
    together (the public side 51 %), the partners 49 % (DESIGN.md), before and after the
    later transfer between two partner firms."""
    db, _ = demo
    with db.read() as s:
        founded = min(s.scalars(select(Shareholding.since)))
    for day in (founded, TODAY):
        register = shareholder_register(db, day)
        assert register.total_shares == 10_000
        assert register.total_capital_yen == 100_000_000
        by_kind: dict[str, int] = {"prefecture": 0, "municipal": 0, "partner": 0}
        for row in register.rows:
            side = row.kind.value if row.kind.value in by_kind else "municipal"
            by_kind[side] += row.shares
        assert by_kind == {"prefecture": 1_821, "municipal": 3_279, "partner": 4_900}
        assert ownership_percentages(list(by_kind.values())) == [
            Decimal("18.21"),
            Decimal("32.79"),
            Decimal("49.00"),
        ]
        assert sum(1 for r in register.rows if r.kind.is_public_body) == 26
        assert all(r.capital_yen == r.shares * 10_000 for r in register.rows)
    assert shareholder_register(db, TODAY).rows != shareholder_register(db, founded).rows


def test_same_seed_gives_identical_data(demo: tuple[Database, DemoSummary], tmp_path: Path) -> None:
    db, summary = demo
    again, again_summary = _loaded(tmp_path / "again.sqlite3")
    try:
        assert again_summary == summary
        assert _checksum(again) == _checksum(db)
    finally:
        again.dispose()


def test_another_seed_gives_other_data(tmp_path: Path) -> None:
    one, _ = _loaded(tmp_path / "one.sqlite3", seed=1, scale=0.01)
    two, _ = _loaded(tmp_path / "two.sqlite3", seed=2, scale=0.01)
    try:
        assert _checksum(one) != _checksum(two)
    finally:
        one.dispose()
        two.dispose()


def test_every_work_order_status_occurs(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    with db.engine.connect() as conn:
        found = set(conn.execute(text("SELECT DISTINCT status FROM work_orders")).scalars())
    assert found == {s.value for s in WorkOrderStatus}


def test_status_history_matches_each_order(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    last_event_differs = _scalar(
        db,
        "SELECT count(*) FROM work_orders w WHERE w.status <> (SELECT e.to_status "
        "FROM work_order_events e WHERE e.work_order_id = w.id ORDER BY e.id DESC LIMIT 1)",
    )
    started_without_date = _scalar(
        db,
        "SELECT count(*) FROM work_orders WHERE (status IN ('in_progress', 'completed', "
        "'accepted') AND actual_start IS NULL) OR (status IN ('completed', 'accepted') "
        "AND actual_end IS NULL) OR (status IN ('draft', 'planned') AND actual_start IS NOT NULL)",
    )
    outside_contract = _scalar(
        db,
        "SELECT count(*) FROM work_orders w JOIN contracts c ON c.id = w.contract_id "
        "WHERE w.planned_start < c.start_date OR w.planned_end > c.end_date "
        "OR w.actual_start < c.start_date OR w.actual_end > c.end_date",
    )
    assert (last_event_differs, started_without_date, outside_contract) == (0, 0, 0)


def test_no_person_has_overlapping_secondments(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    overlaps = _scalar(
        db,
        "SELECT count(*) FROM secondments a JOIN secondments b "
        "ON a.person_id = b.person_id AND a.id < b.id "
        "WHERE (a.end_date IS NULL OR b.start_date <= a.end_date) "
        "AND (b.end_date IS NULL OR a.start_date <= b.end_date)",
    )
    assert overlaps == 0


def test_every_secondment_has_a_believable_monthly_cost(
    demo: tuple[Database, DemoSummary],
) -> None:
    db, _ = demo
    lowest, highest, missing = (
        _scalar(db, f"SELECT {f} FROM secondments")
        for f in (
            "min(monthly_cost_yen)",
            "max(monthly_cost_yen)",
            "sum(CASE WHEN monthly_cost_yen IS NULL THEN 1 ELSE 0 END)",
        )
    )
    # Up to the president's (代表取締役社長) basis, the one officer post above 750,000.
    assert missing == 0 and lowest >= 400_000 and highest <= max(MONTHLY_COST.values()) + 30_000
    # By position: a 課長 costs more than a 主事, each within 30,000 yen of its base.
    with db.engine.connect() as conn:
        sql = "SELECT position, monthly_cost_yen FROM secondments"
        for position, cost in conn.execute(text(sql)):
            assert 0 <= cost - MONTHLY_COST[position] <= 30_000, (position, cost)


def test_office_work_and_officers_as_the_kpis_read_them(
    demo: tuple[Database, DemoSummary],
) -> None:
    db, _ = demo
    misplaced = _scalar(
        db,
        "SELECT count(*) FROM work_orders WHERE cost_reduction_yen IS NOT NULL AND (type NOT IN "
        "('design_review', 'estimate') OR status NOT IN ('completed', 'accepted') "
        "OR cost_reduction_yen < 0 OR cost_reduction_yen % 1000 <> 0)",
    )
    office_assets = _scalar(
        db,
        "SELECT count(*) FROM work_order_assets a JOIN work_orders w ON w.id = a.work_order_id "
        "WHERE w.type IN ('design_review', 'estimate', 'training', 'strategy', 'stock_plan')",
    )
    office_hours = _scalar(
        db,
        "SELECT count(*) FROM time_entries t JOIN work_orders w ON w.id = t.work_order_id "
        "WHERE w.type IN ('design_review', 'estimate', 'training', 'strategy', 'stock_plan')",
    )
    assert (misplaced, office_assets, office_hours) == (0, 0, 0)
    # The manager (E0001, an own hire) is an officer; an officer seconded says so in 役職.
    with db.engine.connect() as conn:
        officers = dict(
            conn.execute(
                text(
                    "SELECT p.employee_no, s.position FROM people p LEFT JOIN secondments s "
                    "ON s.person_id = p.id WHERE p.officer = :yes"
                ),
                {"yes": True},
            ).all()
        )
    assert "E0001" in officers and officers["E0001"] is None
    assert set(officers.values()) <= {None, "代表取締役社長", "取締役"}


def test_hours_respect_the_rules(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    over_a_day = _scalar(
        db,
        "SELECT count(*) FROM (SELECT person_id, work_date FROM time_entries "
        "GROUP BY person_id, work_date HAVING sum(minutes) > 1440) d",
    )
    odd_minutes = _scalar(db, "SELECT count(*) FROM time_entries WHERE minutes % 15 <> 0")
    outside_secondment = _scalar(
        db,
        "SELECT count(*) FROM time_entries t WHERE NOT EXISTS (SELECT 1 FROM secondments s "
        "WHERE s.person_id = t.person_id AND s.start_date <= t.work_date "
        "AND (s.end_date IS NULL OR t.work_date <= s.end_date))",
    )
    not_assigned = _scalar(
        db,
        "SELECT count(*) FROM time_entries t WHERE t.work_order_id IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM work_order_assignees a "
        "WHERE a.work_order_id = t.work_order_id AND a.person_id = t.person_id)",
    )
    own_approval = _scalar(
        db,
        "SELECT count(*) FROM time_entries t JOIN users u ON u.id = t.approved_by_id "
        "WHERE u.person_id = t.person_id",
    )
    approved_unsigned = _scalar(
        db,
        "SELECT count(*) FROM time_entries WHERE status = 'approved' "
        "AND (approved_by_id IS NULL OR approved_at IS NULL)",
    )
    assert (over_a_day, odd_minutes, outside_secondment, not_assigned) == (0, 0, 0, 0)
    assert (own_approval, approved_unsigned) == (0, 0)
    # Every entry's status is its week's: a week row for each week that is not a draft.
    other_than_week = _scalar(
        db,
        "SELECT count(*) FROM time_entries t WHERE t.status <> 'draft' AND NOT EXISTS "
        "(SELECT 1 FROM timesheet_weeks w WHERE w.person_id = t.person_id "
        "AND w.status = t.status AND w.week_start <= t.work_date "
        "AND t.work_date <= date(w.week_start, '+6 days'))",
    )
    week_without_entries = _scalar(
        db,
        "SELECT count(*) FROM timesheet_weeks w WHERE NOT EXISTS (SELECT 1 FROM time_entries t "
        "WHERE t.person_id = w.person_id AND t.status = w.status "
        "AND t.work_date BETWEEN w.week_start AND date(w.week_start, '+6 days'))",
    )
    assert (other_than_week, week_without_entries) == (0, 0)
    with db.engine.connect() as conn:
        statuses = set(conn.execute(text("SELECT DISTINCT status FROM time_entries")).scalars())
    assert {"approved", "submitted", "draft"} <= statuses


def test_work_orders_touch_only_their_clients_assets(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    foreign = _scalar(
        db,
        "SELECT count(*) FROM work_order_assets x JOIN work_orders w ON w.id = x.work_order_id "
        "JOIN contracts c ON c.id = w.contract_id JOIN assets a ON a.id = x.asset_id "
        "WHERE a.owner_id <> c.client_id",
    )
    # Every order of a type that needs assets has some (the office work needs none).
    without_assets = _scalar(
        db,
        "SELECT count(*) FROM work_orders w JOIN work_types t ON t.code = w.type "
        "WHERE t.requires_assets = :yes AND NOT EXISTS "
        "(SELECT 1 FROM work_order_assets x WHERE x.work_order_id = w.id)",
        yes=True,
    )
    assert (foreign, without_assets) == (0, 0)


def test_asset_condition_follows_the_rule_of_the_core(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    with db.read() as s:
        ids = list(s.scalars(select(Finding.asset_id).distinct()))
        assert ids and recompute_conditions(s, ids) == []  # nothing left to change
    assert _scalar(db, "SELECT count(*) FROM assets WHERE condition IS NOT NULL") > 0


def test_search_finds_the_demo_work_orders(demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    assert _scalar(db, "SELECT count(*) FROM work_order_search") == summary.work_orders
    # Every planned order has assignees (a draft without dates has none yet).
    unstaffed = "SELECT count(*) FROM work_orders WHERE assignee_names = ''"
    assert _scalar(db, f"{unstaffed} AND planned_start IS NOT NULL") == 0
    assert _scalar(db, f"{unstaffed} AND planned_start IS NULL AND status <> 'draft'") == 0
    with db.read() as s:
        number, assignees = s.execute(
            select(WorkOrder.number, WorkOrder.assignee_names).order_by(WorkOrder.id).limit(1)
        ).one()
        for query in ("点検", number, assignees.split("、")[0]):
            clause = matching_ids_clause(db.dialect, query, WorkOrder.id)
            assert clause is not None
            assert s.scalar(select(WorkOrder.id).where(clause).limit(1)) is not None, query


def test_one_audit_entry_records_the_load(demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    with db.engine.connect() as conn:
        rows = conn.execute(text("SELECT action, entity FROM audit_log")).all()
    assert [tuple(r) for r in rows] == [("demo", "database")]
    assert summary.work_orders > 0


def test_refuses_a_database_that_holds_data(demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    with pytest.raises(ValidationError) as caught:
        load_demo(db, seed=1, scale=SCALE, today=TODAY)
    assert "空のデータベース" in caught.value.ja and "empty database" in caught.value.en
    assert _scalar(db, "SELECT count(*) FROM work_orders") == summary.work_orders


def test_keeps_the_desktop_user_the_command_line_created(tmp_path: Path) -> None:
    db = _new_db(tmp_path / "cli.sqlite3")
    try:
        desktop = actor_for(db, login="admin")  # what `oneaqita demo` does first
        summary = load_demo(db, scale=0.01, today=TODAY)
        with db.engine.connect() as conn:
            admins = conn.execute(text("SELECT id FROM users WHERE login = 'admin'")).all()
        assert [r[0] for r in admins] == [desktop.user_id]
        assert summary.users == _scalar(db, "SELECT count(*) FROM users") - 1
        # A demo database: its demo users may log in without a password, and only they.
        assert is_demo_database(db)
        picks = {login for login, _, _ in demo_logins(db)}
        assert {"admin", "manager", "coordinator1", "coordinator2"} <= picks
    finally:
        db.dispose()


def test_reports_progress_per_stage(tmp_path: Path) -> None:
    seen: list[tuple[str, int, int]] = []
    db = _new_db(tmp_path / "progress.sqlite3")
    try:
        load_demo(db, scale=0.01, progress=lambda *args: seen.append(args), today=TODAY)
    finally:
        db.dispose()
    stages = {stage for stage, _, _ in seen}
    assert set(DemoStage) == stages
    assert all(0 <= done <= total for _, done, total in seen)


@pytest.mark.pg
def test_loads_on_postgresql() -> None:
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect():
            pass
    except Exception as exc:  # noqa: BLE001 - any failure to connect means "no server"
        admin.dispose()
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL at {PG_URL} is required in CI: {exc}")
        pytest.skip(f"PostgreSQL not reachable at {PG_URL}: {exc}")
    name = f"oneaqita_test_demo_{uuid.uuid4().hex[:12]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(admin.url.set(database=name).render_as_string(hide_password=False))
    db = Database(engine)
    try:
        upgrade(engine)
        summary = load_demo(db, seed=1, scale=0.02, today=TODAY)
        for table, count in summary.as_dict().items():
            assert _scalar(db, f"SELECT count(*) FROM {table}") == count, table
        assert _scalar(db, "SELECT count(*) FROM work_order_search") == summary.work_orders
        with db.engine.connect() as conn:
            found = set(conn.execute(text("SELECT DISTINCT status FROM work_orders")).scalars())
        assert found == {s.value for s in WorkOrderStatus}
        # The sequences moved past the demo's explicit ids: a new row gets the next id.
        with db.unit_of_work(actor_for(db, login="admin")) as uow:
            org = Organization(code="TEST", kind=OrganizationKind.PARTNER, name_ja="検証用")
            uow.session.add(org)
            uow.session.flush()
            assert org.id == summary.organizations + 1
        with pytest.raises(ValidationError):
            load_demo(db, scale=0.02, today=TODAY)
    finally:
        db.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
