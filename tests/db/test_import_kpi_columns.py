"""The import columns the KPI table and 職員の状況 rest on: ``cost_reduction_yen / コスト縮減額``
of ``work-orders`` and ``officer / 役員区分`` of ``people`` — stored, exported and imported back
unchanged, a file without the column keeping the stored values, and hostile cells (negative,
huge, text, formula-looking, on a type that takes none) refused at their column with nothing
written (SQLite and PostgreSQL)."""

from pathlib import Path

from sqlalchemy import func, select

from oneaqita.models import AuditEntry, Person, WorkOrder
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.transfer import export_kind, import_file
from tests.db.test_import_work_orders import ready  # noqa: F401
from tests.import_files import write_csv

HEADER = ["作業番号", "契約番号", "件名", "作業種別", "状態", "完了日", "対象施設", "コスト縮減額"]
ROWS = [
    ["WO-1", "K-001", "設計照査", "設計照査", "完了", "2025-06-20", "", "1,234,567"],
    ["WO-2", "K-001", "積算", "estimate", "", "", "", "０"],
    ["WO-3", "K-001", "工事監督", "supervision", "", "", "052019-P-000001", "¥50,000"],
    ["WO-4", "K-001", "経営分析", "analysis", "", "", "", ""],
]


def _costs(db: Database) -> dict[str, int | None]:
    with db.read() as s:
        return dict(s.execute(select(WorkOrder.number, WorkOrder.cost_reduction_yen)).all())


def _audits(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def test_cost_reductions_round_trip_and_the_same_file_changes_nothing(
    ready: Database,  # noqa: F811
    admin: Actor,
    tmp_path: Path,
) -> None:
    path = write_csv(tmp_path / "w.csv", [HEADER, *ROWS])
    first = import_file(ready, admin, "work-orders", path)
    assert (first.added, first.errors) == (4, []), first.lines()
    expected = {"WO-1": 1_234_567, "WO-2": 0, "WO-3": 50_000, "WO-4": None}
    assert _costs(ready) == expected
    audits = _audits(ready)
    again = import_file(ready, admin, "work-orders", path)
    assert (again.unchanged, again.updated, again.added) == (4, 0, 0), again.lines()
    out = tmp_path / "export.csv"
    assert export_kind(ready, admin, "work-orders", out) == 4
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].endswith(",担当者,コスト縮減額") and lines[1].endswith(",1234567")
    back = import_file(ready, admin, "work-orders", out)
    assert (back.unchanged, back.errors) == (4, []), back.lines()
    assert _audits(ready) == audits
    # A file without the column keeps the stored amounts; an empty cell clears one.
    without = [row[:7] for row in [HEADER, *ROWS]]
    kept = import_file(ready, admin, "work-orders", write_csv(tmp_path / "k.csv", without))
    assert (kept.unchanged, kept.errors) == (4, []), kept.lines()
    cleared = [HEADER, [*ROWS[2][:7], ""]]
    done = import_file(ready, admin, "work-orders", write_csv(tmp_path / "c.csv", cleared))
    assert done.updated == 1 and _costs(ready) == expected | {"WO-3": None}


def test_hostile_cost_reductions_are_refused_at_their_column(
    ready: Database,  # noqa: F811
    admin: Actor,
    tmp_path: Path,
) -> None:
    bad = ("-1", "1,000,000,000,000", "99999999999999999999999", "十万円", "=1000*2", "1.5")
    rows = [["WO-9", "K-001", "件名", "estimate", "", "", "", v] for v in bad]
    rows = [[f"WO-{n}", *row[1:]] for n, row in enumerate(rows, start=10)]
    rows.append(["WO-30", "K-001", "件名", "inspection", "", "", "", "5000"])  # needs an asset
    rows.append(["WO-31", "K-001", "件名", "analysis", "", "", "", "5000"])  # takes none
    path = write_csv(tmp_path / "bad.csv", [HEADER, *rows])
    report = import_file(ready, admin, "work-orders", path, display_name="bad.csv")
    found = [str(e).split(": ")[:2] for e in report.errors]
    assert found == [[f"bad.csv:{n}", "コスト縮減額"] for n in range(2, 8)] + [
        ["bad.csv:8", "対象施設"],
        ["bad.csv:9", "コスト縮減額"],
    ], report.lines()
    text = report.lines()
    assert "0円以上" in text[0] and "999,999,999,999円以下" in text[1]
    assert "経営分析" in text[7] and "設計照査・積算・工事監督" in text[7]
    assert not report.written and _costs(ready) == {}


def _officers(db: Database) -> dict[str, bool]:
    with db.read() as s:
        return dict(s.execute(select(Person.employee_no, Person.officer)).all())


def test_officers_by_their_column_round_trip(
    ready: Database,  # noqa: F811
    admin: Actor,
    tmp_path: Path,
) -> None:
    assert _officers(ready) == {"E001": False, "E002": False, "E003": False}
    rows = [
        ["職員番号", "氏名", "所属団体", "役員区分"],
        ["E001", "佐藤 花子", "052019", "職員"],
        ["E002", "鈴木 一郎", "050008", "役員"],
        ["E003", "田中 次郎", "P001", "Officer"],
    ]
    first = import_file(ready, admin, "people", write_csv(tmp_path / "p.csv", rows))
    assert (first.updated, first.errors) == (2, []), first.lines()
    assert _officers(ready) == {"E001": False, "E002": True, "E003": True}
    out = tmp_path / "people.csv"
    export_kind(ready, admin, "people", out)
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].endswith(",資格,役員区分") and lines[2].endswith(",役員")
    back = import_file(ready, admin, "people", out)
    assert (back.unchanged, back.errors) == (3, []), back.lines()
    # Without the column the stored flag stays; an empty cell is staff.
    kept = import_file(ready, admin, "people", write_csv(tmp_path / "k.csv", [r[:3] for r in rows]))
    assert (kept.unchanged, kept.errors) == (3, []), kept.lines()
    hostile = [
        rows[0],
        ["E002", "鈴木 一郎", "050008", "yes"],
        ["E003", "田中 次郎", "P001", "=TRUE()"],
    ]
    report = import_file(
        ready, admin, "people", write_csv(tmp_path / "h.csv", hostile), display_name="h.csv"
    )
    assert [str(e).split(": ")[:2] for e in report.errors] == [
        ["h.csv:2", "役員区分"],
        ["h.csv:3", "役員区分"],
    ], report.lines()
    assert "役員 (officer), 職員 (staff)" in report.lines()[0]
    emptied = [rows[0], ["E003", "田中 次郎", "P001", ""]]
    assert import_file(ready, admin, "people", write_csv(tmp_path / "e.csv", emptied)).updated == 1
    assert _officers(ready) == {"E001": False, "E002": True, "E003": False}
