"""The ``work-orders`` kind: import with every status and list column, idempotence, export
round trips, all or nothing with every bad row named at its column, the status rule for
stored orders, thousands of assets in one cell, and the command (SQLite and PostgreSQL)."""

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from oneaqita.cli import main
from oneaqita.errors import PermissionDenied
from oneaqita.models import (
    Asset,
    AssetKind,
    AuditEntry,
    Organization,
    WorkOrder,
    WorkOrderEvent,
    WorkOrderStatus,
)
from oneaqita.models import work_order_assets as woa
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.records import UpsertOutcome
from oneaqita.services.work_order_queries import WorkOrderFilter, count_work_orders
from oneaqita.services.work_order_upserts import WorkOrderRecord, reachable, upsert_work_order
from oneaqita.transfer import export_kind, import_file
from tests.db.test_import_contracts import CONTRACTS
from tests.db.test_import_files import ORGS, load_staffing
from tests.import_files import write_csv, write_xlsx
from tests.logins import add_login
from tests.staffing_builders import COORDINATOR, MANAGER

S = WorkOrderStatus
HEADER = ["作業番号", "契約番号", "件名", "作業種別", "状態", "優先度", "予定開始日",
          "予定終了日", "完了日", "対象施設", "担当者"]  # fmt: skip
ROWS = [
    ["WO-2025-000001", "K-001", "八橋処理区 管路点検", "点検", "完了", "1", "2025-05-01",
     "2025-06-30", "2025/6/20", "052019-P-000001;052019-P-000002", "E001; E002"],
    ["WO-2025-000002", "K-001", "=SUM(A1)", "inspection", "accepted", "", "R7.7.1", "R7.7.31",
     "R7.7.25", "052019-P-000003", ""],
    ["WO-2025-000003", "K-002", "", "analysis", "起票", "3", "", "", "", "", ""],
    ["WO-2025-000004", "K-002", "経営分析", "経営分析", "in_progress", "2", "2025-10-01",
     "2026-03-31", "", "", "E002"],
    ["WO-2025-000005", "K-003", "TV調査", "tv_survey", "中止", "", "2025-11-01", "2025-11-30",
     "", "052019-P-000004", ""],
    ["WO-2026-000001", "K-003", "積算", "estimate", "planned", "", "2026-04-01", "", "", "",
     "E002"],
]  # fmt: skip


@pytest.fixture
def ready(db: Database, admin: Actor, tmp_path: Path) -> Database:
    """Bodies, three people with their secondments, contracts K-001–K-003, 3000 pipes."""
    load_staffing(db, admin, tmp_path)
    assert import_file(db, admin, "contracts", write_csv(tmp_path / "c.csv", CONTRACTS)).ok
    with db.unit_of_work(admin) as uow:
        akita = uow.session.scalar(select(Organization.id).where(Organization.code == "052019"))
        uow.session.execute(
            insert(Asset),
            [
                {"code": f"052019-P-{i:06d}", "kind": AssetKind.PIPE, "owner_id": akita,
                 "service_life_years": 50}
                for i in range(1, 3001)
            ],
        )  # fmt: skip
    return db


def _orders(db: Database) -> list[tuple[object, ...]]:
    with db.read() as s:
        rows = s.execute(
            select(WorkOrder.number, WorkOrder.title, WorkOrder.type, WorkOrder.status,
                   WorkOrder.priority, WorkOrder.planned_start, WorkOrder.planned_end,
                   WorkOrder.actual_end, WorkOrder.assignee_names).order_by(WorkOrder.number)
        ).all()  # fmt: skip
        return [tuple(r) for r in rows]


def _count(db: Database, model: object) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0  # type: ignore[arg-type]


def _events(db: Database) -> list[tuple[str, S | None, S]]:
    with db.read() as s:
        rows = s.execute(
            select(WorkOrder.number, WorkOrderEvent.from_status, WorkOrderEvent.to_status)
            .join(WorkOrderEvent.work_order)
            .order_by(WorkOrderEvent.id)
        ).all()
        return [tuple(r) for r in rows]  # type: ignore[misc]


STORED = [
    ("WO-2025-000001", "八橋処理区 管路点検", "inspection", S.COMPLETED, 1, date(2025, 5, 1),
     date(2025, 6, 30), date(2025, 6, 20)),
    ("WO-2025-000002", "=SUM(A1)", "inspection", S.ACCEPTED, 2, date(2025, 7, 1),
     date(2025, 7, 31), date(2025, 7, 25)),
    ("WO-2025-000003", "経営分析", "analysis", S.DRAFT, 3, None, None, None),
    ("WO-2025-000004", "経営分析", "analysis", S.IN_PROGRESS, 2, date(2025, 10, 1),
     date(2026, 3, 31), None),
    ("WO-2025-000005", "TV調査", "tv_survey", S.CANCELLED, 2, date(2025, 11, 1),
     date(2025, 11, 30), None),
    ("WO-2026-000001", "積算", "estimate", S.PLANNED, 2, date(2026, 4, 1), None, None),
]  # fmt: skip


def test_every_status_and_list_then_the_same_file_changes_nothing(
    ready: Database, admin: Actor, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "w.csv", [HEADER, *ROWS], "cp932")
    check = import_file(ready, admin, "work-orders", path, check_only=True)
    assert (check.added, check.errors, check.written) == (6, [], False), check.lines()
    first = import_file(ready, admin, "work-orders", path)
    assert (first.added, first.errors) == (6, []), first.lines()
    assert first.change.touches("work_orders")
    assert [row[:8] for row in _orders(ready)] == STORED
    assert _orders(ready)[0][8] == "佐藤 花子、鈴木 一郎"  # the list column is derived
    # One history event per new order that is not a draft, from draft to its status.
    assert _events(ready) == [
        (number, S.DRAFT, status) for number, *_, status in
        [(r[0], r[3]) for r in STORED if r[3] is not S.DRAFT]
    ]  # fmt: skip
    assert _count(ready, woa) == 4
    assert count_work_orders(ready, WorkOrderFilter(text="八橋処理区")) == 1
    audits, events = _count(ready, AuditEntry), _events(ready)
    second = import_file(ready, admin, "work-orders", path)
    assert (second.added, second.updated, second.unchanged, second.errors) == (0, 0, 6, [])
    assert _count(ready, AuditEntry) == audits and _events(ready) == events


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_changes_nothing(
    ready: Database, admin: Actor, tmp_path: Path, suffix: str
) -> None:
    assert import_file(ready, admin, "work-orders", write_csv(tmp_path / "w.csv", [HEADER, *ROWS]))
    path = tmp_path / f"export{suffix}"
    assert export_kind(ready, admin, "work-orders", path) == 6
    audits, before = _count(ready, AuditEntry), _orders(ready)
    report = import_file(ready, admin, "work-orders", path)
    assert (report.added, report.updated, report.unchanged, report.errors) == (0, 0, 6, [])
    assert _orders(ready) == before and _count(ready, AuditEntry) == audits
    if suffix == ".csv":
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        assert lines[0] == ",".join([*HEADER, "コスト縮減額"])
        assert lines[1] == (
            "WO-2025-000001,K-001,八橋処理区 管路点検,inspection,完了,1,2025-05-01,2025-06-30,"
            "2025-06-20,052019-P-000001; 052019-P-000002,E001; E002,"
        )
        assert lines[2].startswith("WO-2025-000002,K-001,'=SUM(A1),inspection,検収済,2,")


def test_a_bad_file_writes_nothing_and_names_every_bad_row_and_column(
    ready: Database, admin: Actor, tmp_path: Path
) -> None:
    audits = _count(ready, AuditEntry)
    good = ROWS[3]
    path = write_csv(
        tmp_path / "w.csv",
        [
            HEADER,
            good,  # line 2: good, and first
            ["WO-9", "K-404", "件名", "analysis", "", "", "", "", "", "", ""],
            ["WO-10", "K-001", "件名", "草刈り", "", "", "", "", "", "", ""],
            ["WO-11", "K-001", "件名", "inspection", "", "", "", "", "", "052019-P-999999", ""],
            ["WO-12", "K-001", "件名", "analysis", "", "", "", "", "", "", "E404"],
            # E003's secondment ended 2025-09-30: not eligible in October
            ["WO-13", "K-001", "件名", "analysis", "", "", "2025-10-01", "", "", "", "E003"],
            ["WO-14", "K-001", "件名", "analysis", "completed", "", "", "", "", "", ""],
            ["WO-15", "K-001", "件名", "analysis", "着手", "", "", "", "2025-06-01", "", ""],
            ["WO-16", "K-001", "件名", "analysis", "完了", "", "", "", "2099-01-01", "", ""],
            ["WO-17", "K-001", "件名", "analysis", "終わった", "99999", "", "", "", "", ""],
            ["WO-2025-000004", "K-001", "件名", "analysis", "", "", "", "", "", "", ""],
            ["WO-18", "K-001", "件名\x07", "analysis", "", "", "2025-05-01", "2025-04-01", "",
             "", ""],
        ],
    )  # fmt: skip
    report = import_file(ready, admin, "work-orders", path, display_name="w.csv")
    assert [str(e).split(": ")[:2] for e in report.errors] == [
        ["w.csv:3", "契約番号"],
        ["w.csv:4", "作業種別"],
        ["w.csv:5", "対象施設"],
        ["w.csv:6", "担当者"],
        ["w.csv:7", "担当者"],
        ["w.csv:8", "完了日"],
        ["w.csv:9", "完了日"],
        ["w.csv:10", "完了日"],
        ["w.csv:11", "状態"],
        ["w.csv:11", "優先度"],
        ["w.csv:12", "作業番号"],
        ["w.csv:13", "件名"],
    ], report.lines()
    text = report.lines()
    assert "K-404" in text[0] and "草刈り" in text[1] and "052019-P-999999" in text[2]
    assert "E404" in text[3] and "田中 次郎" in text[4]
    assert "same key as line 2" in text[10]
    assert not report.written
    assert _orders(ready) == [] and _count(ready, AuditEntry) == audits


def test_a_stored_order_moves_only_forward_by_legal_moves(
    ready: Database, admin: Actor, tmp_path: Path
) -> None:
    assert import_file(ready, admin, "work-orders", write_csv(tmp_path / "w.csv", [HEADER, *ROWS]))
    events = len(_events(ready))
    # planned → completed (through in progress: reachable), with its actual end
    moved = [*ROWS[5][:4], "完了", "", "2026-04-01", "", "2026-04-20", "", "E002"]
    path = write_csv(tmp_path / "m.csv", [HEADER, moved])
    report = import_file(ready, admin, "work-orders", path)
    assert (report.updated, report.errors) == (1, []), report.lines()
    assert _orders(ready)[5][3:8:4] == (S.COMPLETED, date(2026, 4, 20))
    assert _events(ready)[events:] == [("WO-2026-000001", S.PLANNED, S.COMPLETED)]
    back = [*ROWS[0][:4], "計画", *ROWS[0][5:8], "", *ROWS[0][9:]]
    closed = [ROWS[1][0], "K-001", "新しい件名", *ROWS[1][3:]]
    cancelled = [*ROWS[4][:4], "完了", *ROWS[4][5:8], "2025-11-20", *ROWS[4][9:]]
    kept = [*ROWS[3][:4], "", *ROWS[3][5:]]  # an empty status keeps in progress
    path = write_csv(tmp_path / "b.csv", [HEADER, back, closed, cancelled, kept])
    report = import_file(ready, admin, "work-orders", path, display_name="b.csv")
    assert [str(e).split(": ")[:2] for e in report.errors] == [
        ["b.csv:2", "状態"],
        ["b.csv:3", "状態"],
        ["b.csv:4", "状態"],
    ], report.lines()
    assert "「完了」から「計画」にできません" in report.lines()[0]
    assert "検収済" in report.lines()[1] and "中止" in report.lines()[2]
    assert report.unchanged == 1 and not report.written


def test_thousands_of_assets_in_one_cell_stored_set_based(
    ready: Database, admin: Actor, tmp_path: Path
) -> None:
    # 2000 codes of 15 characters: as many as a cell holds (32,767 characters, Excel's limit)
    codes = [f"052019-P-{i:06d}" for i in range(1, 2001)]
    row = ["WO-1", "K-001", "全管路点検", "点検", "", "", "", "", "", ";".join(codes), ""]
    path = write_xlsx(tmp_path / "a.xlsx", [HEADER, row])
    report = import_file(ready, admin, "work-orders", path)
    assert (report.added, report.errors) == (1, []), report.lines()
    assert _count(ready, woa) == 2000
    assert import_file(ready, admin, "work-orders", path).unchanged == 1
    fewer = write_csv(tmp_path / "f.csv", [HEADER, [*row[:9], ";".join(codes[500:]), ""]])
    assert import_file(ready, admin, "work-orders", fewer).updated == 1
    assert _count(ready, woa) == 1500
    export_kind(ready, admin, "work-orders", tmp_path / "e.csv")
    assert import_file(ready, admin, "work-orders", tmp_path / "e.csv").unchanged == 1


def test_a_file_without_the_list_columns_keeps_the_stored_lists(
    ready: Database, admin: Actor, tmp_path: Path
) -> None:
    assert import_file(ready, admin, "work-orders", write_csv(tmp_path / "w.csv", [HEADER, *ROWS]))
    before = _orders(ready)
    short = write_csv(tmp_path / "s.csv", [HEADER[:4], *(r[:4] for r in ROWS)])
    report = import_file(ready, admin, "work-orders", short)
    assert (report.unchanged, report.errors) == (6, []), report.lines()
    assert _orders(ready) == before and _count(ready, woa) == 4


def test_the_command_imports_work_orders(
    db: Database, any_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_login(db)  # the command's user, proved by ONEAQITA_USER and ONEAQITA_PASSWORD
    assert main(["import", "organizations", str(write_csv(tmp_path / "o.csv", ORGS)), "--db",
                 any_url]) == 0  # fmt: skip
    contracts = write_csv(tmp_path / "c.csv", CONTRACTS)
    assert main(["import", "contracts", str(contracts), "--db", any_url]) == 0
    rows = [HEADER[:5], ["WO-1", "K-001", "経営分析", "analysis", "計画"],
            ["WO-2", "K-002", "", "積算", ""]]  # fmt: skip
    path = write_csv(tmp_path / "w.csv", rows)
    capsys.readouterr()
    assert main(["import", "work-orders", str(path), "--db", any_url]) == 0
    assert "imported: 2 added, 0 updated, 0 unchanged" in capsys.readouterr().out
    out = tmp_path / "export.csv"
    assert main(["export", "work-orders", str(out), "--db", any_url]) == 0
    assert main(["import", "work-orders", str(out), "--db", any_url]) == 0
    assert "imported: 0 added, 0 updated, 2 unchanged" in capsys.readouterr().out
    bad = write_csv(tmp_path / "b.csv", [HEADER[:5], ["WO-1", "K-001", "経営分析", "analysis",
                                                      "起票"]])  # fmt: skip
    assert main(["import", "work-orders", str(bad), "--db", any_url]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:2: 状態: " in err and "rejected, nothing written" in err


def test_only_managers_and_administrators_record_an_acceptance(ready: Database) -> None:
    accepted = WorkOrderRecord(
        "WO-1", "K-001", "analysis", status=S.ACCEPTED, actual_end=date(2025, 6, 1)
    )
    with pytest.raises(PermissionDenied), ready.unit_of_work(COORDINATOR) as uow:
        upsert_work_order(uow, accepted)
    with ready.unit_of_work(COORDINATOR) as uow:  # the same order, not accepted
        completed = replace(accepted, status=S.COMPLETED)
        assert upsert_work_order(uow, completed)[1] == UpsertOutcome.ADDED
    with ready.unit_of_work(MANAGER) as uow:
        assert upsert_work_order(uow, accepted)[1] == UpsertOutcome.UPDATED
    assert _events(ready) == [("WO-1", S.DRAFT, S.COMPLETED), ("WO-1", S.COMPLETED, S.ACCEPTED)]


def test_reachable_follows_the_legal_moves() -> None:
    assert reachable(S.DRAFT, S.ACCEPTED) and reachable(S.PLANNED, S.CANCELLED)
    assert reachable(S.COMPLETED, S.COMPLETED)
    assert not reachable(S.COMPLETED, S.IN_PROGRESS) and not reachable(S.CANCELLED, S.DRAFT)
    assert not reachable(S.ACCEPTED, S.CANCELLED)
