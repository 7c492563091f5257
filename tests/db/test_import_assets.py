"""Importing and exporting assets: Japanese or English values, parents after their children,
all or nothing with every bad row reported, idempotence and the exact round trip."""

from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from oneaqita.cli import main
from oneaqita.models import Asset, AssetKind, AssetStatus, AuditEntry
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.transfer import export_kind, import_file
from oneaqita.transfer.runner import CHUNK
from tests.import_files import write_csv, write_xlsx
from tests.logins import actor_for, add_login
from tests.staffing_builders import add_bodies

HEADER = ["施設番号", "施設種別", "管理者", "処理区", "布設年度", "管種", "管径", "延長", "緯度",
          "経度", "上位施設", "状態"]  # fmt: skip
ASSETS = [
    HEADER,
    # A child before its parent, by code and in English
    ["P-001", "pipe", "秋田市", "中央処理区", "1985", "ヒューム管", "250", "35.5", "39.718614",
     "140.102334", "MH-001", "供用中"],
    ["MH-001", "マンホール", "052019", "中央処理区", "１９８５", "", "", "", "39.7186", "140.1023",
     "TP-001", ""],
    ["TP-001", "処理場", "050008", "臨海処理区", "1978", "", "", "", "", "", "", "in_service"],
    ["P-002", "管路", "052027", "", "2001", "塩ビ管", "1,200", "1,234.25", "0.000001", "-0.5", "",
     "廃止"],
    ["MP-001", "manhole_pump", "能代市", "", "", "", "", "0", "", "", "TP-001", "consolidated"],
]  # fmt: skip


@pytest.fixture
def admin(db: Database) -> Actor:
    add_bodies(db)
    return actor_for(db, "asset-admin")


def _count(db: Database, model: type) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def _stored(db: Database) -> dict[str, tuple[object, ...]]:
    with db.read() as s:
        parents = {a.id: a.code for a in s.scalars(select(Asset))}
        return {
            a.code: (
                a.kind,
                a.status,
                a.length_m,
                a.latitude,
                a.longitude,
                parents.get(a.parent_id),
            )
            for a in s.scalars(select(Asset))
        }


def test_imports_in_either_language_with_parents_after_children_then_nothing_changes(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "assets.csv", ASSETS, "cp932")
    report = import_file(db, admin, "assets", path)
    assert report.ok and (report.added, report.updated, report.unchanged) == (5, 0, 0), (
        report.lines()
    )
    stored = _stored(db)
    assert stored["P-001"] == (
        AssetKind.PIPE, AssetStatus.IN_SERVICE, Decimal("35.50"), Decimal("39.718614"),
        Decimal("140.102334"), "MH-001",
    )  # fmt: skip
    assert stored["MH-001"][5] == "TP-001" and stored["MP-001"][5] == "TP-001"
    assert stored["P-002"][:5] == (
        AssetKind.PIPE, AssetStatus.RETIRED, Decimal("1234.25"), Decimal("0.000001"),
        Decimal("-0.5"),
    )  # fmt: skip
    assert stored["MP-001"][1] is AssetStatus.CONSOLIDATED
    again = import_file(db, admin, "assets", path)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 5), again.lines()


def test_a_parent_many_chunks_after_its_children(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    rows = [["code", "kind", "owner", "parent"]]
    rows += [[f"P-{i:04d}", "pipe", "052019", "TP-9"] for i in range(CHUNK * 2 + 5)]
    rows.append(["TP-9", "treatment_plant", "052019", ""])
    report = import_file(db, admin, "assets", write_csv(tmp_path / "a.csv", rows))
    assert report.ok and report.added == len(rows) - 1, report.lines()
    with db.read() as s:
        plant = s.scalar(select(Asset.id).where(Asset.code == "TP-9"))
        children = s.scalar(select(func.count()).where(Asset.parent_id == plant))
    assert children == CHUNK * 2 + 5


def test_a_bad_file_writes_nothing_and_reports_every_bad_row(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    rows = [
        ["code", "kind", "owner", "installed_year", "diameter_mm", "length_m", "latitude",
         "longitude", "parent", "status"],
        ["OK-1", "pipe", "052019", "1990", "200", "10", "39.7", "140.1", "", ""],
        ["B-1", "pipeline", "052019", "", "", "", "", "", "", ""],
        ["B-2", "pipe", "999999", "", "", "", "", "", "", ""],
        ["B-3", "pipe", "052019", "2999", "", "", "", "", "", ""],
        ["B-4", "pipe", "052019", "", "0", "", "", "", "", ""],
        ["B-5", "pipe", "052019", "", "", "-1", "", "", "", ""],
        ["B-6", "pipe", "052019", "", "", "", "91", "", "", ""],
        ["B-7", "pipe", "052019", "", "", "", "", "181", "", ""],
        ["B-8", "pipe", "052019", "", "", "", "", "", "NOPE", ""],
        ["B-9", "pipe", "052019", "", "", "", "", "", "B-9", ""],
        ["B-10", "pipe", "052019", "", "", "", "", "", "", "gone"],
        ["OK-1", "pipe", "052019", "", "", "", "", "", "", ""],
        ["C-1", "manhole", "052019", "", "", "", "", "", "C-2", ""],
        ["C-2", "manhole", "052019", "", "", "", "", "", "C-1", ""],
    ]  # fmt: skip
    before = (_count(db, Asset), _count(db, AuditEntry))
    report = import_file(db, admin, "assets", write_csv(tmp_path / "bad.csv", rows))
    assert not report.written
    found = [(e.line, e.column) for e in report.errors]
    assert found == [
        (3, "kind"), (4, "owner"), (5, "installed_year"), (6, "diameter_mm"), (7, "length_m"),
        (8, "latitude"), (9, "longitude"), (10, "parent"), (11, "parent"), (12, "status"),
        (13, "code"), (14, "parent"), (15, "parent"),  # both members of the cycle
    ], report.lines()  # fmt: skip
    assert all(str(e).startswith(f"{tmp_path / 'bad.csv'}:{e.line}: ") for e in report.errors)
    assert (_count(db, Asset), _count(db, AuditEntry)) == before


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_changes_nothing(
    db: Database, admin: Actor, tmp_path: Path, suffix: str
) -> None:
    assert import_file(db, admin, "assets", write_xlsx(tmp_path / "in.xlsx", ASSETS)).ok
    before = (_stored(db), _count(db, AuditEntry))
    path = tmp_path / f"export{suffix}"
    assert export_kind(db, admin, "assets", path) == 5
    report = import_file(db, admin, "assets", path)
    assert (report.added, report.updated, report.unchanged, report.errors) == (0, 0, 5, [])
    assert (_stored(db), _count(db, AuditEntry)) == before
    if suffix == ".csv":
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        assert lines[0] == ",".join(HEADER)
        assert "P-002,管路,052027,,2001,塩ビ管,1200,1234.25,0.000001,-0.5,,廃止" in lines
    else:
        sheet = load_workbook(path).worksheets[0]
        values = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
        assert values["P-001"][6:11] == (250, 35.5, 39.718614, 140.102334, "MH-001")


def test_cli_exit_codes(
    db: Database, any_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_bodies(db)
    add_login(db)  # the command's user
    path = write_csv(tmp_path / "assets.csv", ASSETS)
    assert main(["import", "assets", str(path), "--check", "--db", any_url]) == 0
    assert "importing would give 5 added" in capsys.readouterr().out
    assert _count(db, Asset) == 0
    assert main(["import", "assets", str(path), "--db", any_url]) == 0
    assert "imported: 5 added, 0 updated, 0 unchanged" in capsys.readouterr().out
    out = tmp_path / "export.xlsx"
    assert main(["export", "assets", str(out), "--db", any_url]) == 0
    assert main(["import", "assets", str(out), "--db", any_url]) == 0
    assert "imported: 0 added, 0 updated, 5 unchanged" in capsys.readouterr().out
    bad = write_csv(tmp_path / "bad.csv", [ASSETS[0], ["X-1", "管路", "052019", *[""] * 7, "NO"]])
    assert main(["import", "assets", str(bad), "--db", any_url]) == 1
    assert f"{bad}:2: 上位施設: " in capsys.readouterr().err
