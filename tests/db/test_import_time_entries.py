"""The ``time-entries`` kind: import (hours as people write them), replacing by person, date
and row, the service's rules across the file and what is stored, all or nothing, idempotence,
the export round trip and the command."""

from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from oneaqita.cli import main
from oneaqita.models import AuditEntry, TimeEntry
from oneaqita.services.approval_queries import approval_queue
from oneaqita.services.database import Database
from oneaqita.services.timesheet_weeks import approve_week, submit_week
from oneaqita.transfer import export_kind, import_file
from tests.import_files import write_csv, write_xlsx
from tests.logins import add_login, as_cli_user
from tests.timesheet_builders import MONDAY, SECONDMENT_END, Company, build_company

HEAD = ["職員番号", "日付", "時間", "作業番号", "区分", "備考"]
ROWS = [
    HEAD,
    ["Ｅ0001", "2026/11/30", "7.5", "WO-1", "", "点検"],
    ["E0001", "R8.11.30", "0:30", "", "事務", ""],
    ["E0001", "2026-12-01", "７ｈ３０", "WO-1", "", "'=1+1"],
    ["E0002", "令和8年12月1日", "8", "", "training", "研修\n午後"],
]
STORED = [
    ("E0001", date(2026, 11, 30), 30, None, "office", None),
    ("E0001", date(2026, 11, 30), 450, "WO-1", None, "点検"),
    ("E0001", date(2026, 12, 1), 450, "WO-1", None, "=1+1"),
    ("E0002", date(2026, 12, 1), 480, None, "training", "研修\n午後"),
]


@pytest.fixture
def co(db: Database) -> Company:
    return build_company(db)


def _stored(db: Database) -> list[tuple[object, ...]]:
    from oneaqita.models import Person, WorkOrder

    with db.read() as s:
        rows = s.execute(
            select(Person.employee_no, TimeEntry.work_date, TimeEntry.minutes, WorkOrder.number,
                   TimeEntry.category, TimeEntry.note)
            .join(Person, Person.id == TimeEntry.person_id)
            .outerjoin(WorkOrder, WorkOrder.id == TimeEntry.work_order_id)
        ).all()  # fmt: skip
    return sorted(
        ((n, d, m, w, None if c is None else str(c), t) for n, d, m, w, c, t in rows),
        key=lambda r: (r[0], r[1], r[2]),
    )


def _audits(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry)) or 0


def test_import_then_the_same_file_changes_nothing(
    db: Database, co: Company, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "t.csv", ROWS, "cp932")
    check = import_file(db, co.admin, "time-entries", path, check_only=True)
    assert (check.added, check.errors, check.written) == (4, [], False), check.lines()
    assert _stored(db) == []
    first = import_file(db, co.admin, "time-entries", path)
    assert (first.added, first.errors) == (4, []), first.lines()
    assert first.change.touches("time_entries")
    assert _stored(db) == STORED
    audits = _audits(db)
    second = import_file(db, co.admin, "time-entries", path)
    assert (second.added, second.updated, second.unchanged, second.errors) == (0, 0, 4, [])
    assert _audits(db) == audits


def test_a_row_of_the_same_person_date_and_row_replaces_the_stored_entry(
    db: Database, co: Company, tmp_path: Path
) -> None:
    assert import_file(db, co.admin, "time-entries", write_csv(tmp_path / "a.csv", ROWS)).ok
    change = [HEAD, ["E0001", "2026-11-30", "6:00", "WO-1", "", "点検のみ"]]
    report = import_file(db, co.admin, "time-entries", write_csv(tmp_path / "b.csv", change))
    assert (report.added, report.updated, report.errors) == (0, 1, []), report.lines()
    assert ("E0001", date(2026, 11, 30), 360, "WO-1", None, "点検のみ") in _stored(db)
    assert len(_stored(db)) == 4


def test_xlsx_number_and_time_cells(db: Database, co: Company, tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "t.xlsx",
        [
            ["employee_no", "date", "hours", "category"],
            ["E0001", datetime(2026, 11, 30), 7.5, "office"],
            ["E0001", datetime(2026, 12, 1), time(7, 30), "office"],
        ],
    )
    report = import_file(db, co.admin, "time-entries", path)
    assert report.added == 2, report.lines()
    assert [r[2] for r in _stored(db)] == [450, 450]


def test_the_rules_across_the_file_and_what_is_stored_all_or_nothing(
    db: Database, co: Company, tmp_path: Path
) -> None:
    stored = [HEAD, ["E0001", "2026-11-30", "10", "", "office", ""]]
    assert import_file(db, co.admin, "time-entries", write_csv(tmp_path / "s.csv", stored)).ok
    after = SECONDMENT_END + timedelta(days=1)
    bad = [
        HEAD,
        ["E0001", "2026-11-30", "8", "WO-1", "", ""],  # 18 h with the stored 10: fine
        ["E0001", "2026-11-30", "6:30", "", "training", ""],  # line 3: 24:30
        ["E0001", "2026-12-02", "14", "", "travel", ""],
        ["E0001", "2026-12-02", "10:01", "", "leave", ""],  # line 5: two rows pass 24 h
        ["E0001", after.isoformat(), "1", "", "office", ""],  # line 6: after the secondment
        ["E0001", "2026-12-03", "1", "WO-2", "", ""],  # line 7: not assigned
        ["E0001", "2026-12-03", "1", "WO-1", "office", ""],  # line 8: both
        ["E0001", "2026-12-03", "1", "", "", ""],  # line 9: neither
        ["E9999", "2026-12-03", "1", "", "office", ""],  # line 10: nobody
        ["E0001", "2026-12-03", "25", "", "office", ""],  # line 11: over 24 h
        ["E0001", "2026-12-03", "abc", "", "office", ""],  # line 12: garbage
        ["E0001", "2026-12-04", "-1", "", "office", ""],  # line 13: negative
        ["E0001", "2026-12-04", "1", "", "sleep", ""],  # line 14: no such category
        ["E0001", "2026-11-30", "1", "WO-1", "", ""],  # line 15: same key as line 2
    ]
    report = import_file(db, co.admin, "time-entries", write_csv(tmp_path / "b.csv", bad))
    assert not report.written
    lines = report.lines()
    by_line = {e.line: e for e in report.errors}
    assert sorted(by_line) == [3, *range(5, 16)], lines
    assert "24時間" in by_line[3].ja and "24:30" in by_line[3].ja
    assert "24時間" in by_line[5].ja
    assert by_line[5].column == "時間"
    assert "出向期間" in by_line[6].ja and by_line[6].column == "日付"
    assert "担当" in by_line[7].ja and by_line[7].column == "作業番号"
    assert by_line[10].column == "職員番号"
    assert "同じ" in by_line[15].ja
    assert len(_stored(db)) == 1  # nothing of the file


def test_a_submitted_week_refuses_changes_but_not_its_own_export(
    db: Database, co: Company, tmp_path: Path
) -> None:
    assert import_file(db, co.admin, "time-entries", write_csv(tmp_path / "a.csv", ROWS)).ok
    submit_week(db, co.sato, co.sato_id, MONDAY)
    (week,) = approval_queue(db)
    approve_week(db, co.tanaka, week.week_id, week.version)
    out = tmp_path / "export.csv"
    assert export_kind(db, co.admin, "time-entries", out) == 4
    back = import_file(db, co.admin, "time-entries", out)
    assert (back.unchanged, back.errors) == (4, []), back.lines()
    xlsx = tmp_path / "export.xlsx"
    assert export_kind(db, co.admin, "time-entries", xlsx) == 4
    assert import_file(db, co.admin, "time-entries", xlsx).unchanged == 4
    change = [HEAD, ["E0001", "2026-11-30", "1", "WO-1", "", ""]]
    report = import_file(db, co.admin, "time-entries", write_csv(tmp_path / "c.csv", change))
    assert not report.written and "承認済" in report.errors[0].ja


def test_the_command_exits_1_on_a_refused_file(
    db: Database,
    co: Company,
    any_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    add_login(db, "admin")
    as_cli_user(monkeypatch, "admin")
    bad = write_csv(tmp_path / "bad.csv", [HEAD, ["E0001", "2026-11-30", "25", "", "office", ""]])
    good = write_csv(tmp_path / "good.csv", ROWS)
    assert main(["import", "time-entries", str(bad), "--db", any_url]) == 1
    assert f"{bad}:2: 時間" in capsys.readouterr().err
    assert main(["import", "time-entries", str(good), "--db", any_url]) == 0
    assert "imported: 4 added" in capsys.readouterr().out
    assert len(_stored(db)) == 4
