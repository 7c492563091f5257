"""The ``contracts`` kind: import (every date form, client by code or name), idempotence, all
or nothing with every bad row reported, columns left out, export round trips, the work orders'
search after a re-import, and the command's exit codes."""

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from oneaqita.cli import main
from oneaqita.models import AuditEntry, Contract, Organization
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.services.work_order_queries import WorkOrderFilter, count_work_orders
from oneaqita.transfer import export_kind, import_file
from tests.builders import build_sample
from tests.db.test_import_files import ORGS
from tests.import_files import write_csv, write_xlsx
from tests.logins import add_login

CONTRACTS = [
    ["契約番号", "委託者", "件名", "業務種別", "契約開始日", "契約終了日", "契約金額",
     "一括発注グループ"],
    ["Ｋ-001", "秋田市", "管路施設点検 包括委託", "管路施設点検", "2025-04-01", "2028/3/31",
     "36,000,000", "県一括R7"],
    ["K-002", "052027", "下水道施設 維持管理業務", "", "R7.4.1", "令和8年3月31日", "8500000",
     "県一括R7"],
    ["K-003", "050008", "流域下水道 TVカメラ調査", "TVカメラ調査", "令和7年10月1日", "R8.3.31",
     "1,200,000円", ""],
]  # fmt: skip
STORED = [
    ("K-001", "052019", "管路施設点検 包括委託", "管路施設点検", date(2025, 4, 1),
     date(2028, 3, 31), 36_000_000, "県一括R7"),
    ("K-002", "052027", "下水道施設 維持管理業務", None, date(2025, 4, 1), date(2026, 3, 31),
     8_500_000, "県一括R7"),
    ("K-003", "050008", "流域下水道 TVカメラ調査", "TVカメラ調査", date(2025, 10, 1),
     date(2026, 3, 31), 1_200_000, None),
]  # fmt: skip


def _contracts(db: Database) -> list[tuple[object, ...]]:
    with db.read() as s:
        rows = s.execute(
            select(Contract.number, Organization.code, Contract.title,
                   Contract.kind, Contract.start_date, Contract.end_date, Contract.amount_yen,
                   Contract.bulk_group).join(Contract.client).order_by(Contract.number)
        ).all()  # fmt: skip
        return [tuple(r) for r in rows]


def _audit_count(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry)) or 0


def test_import_every_date_form_then_the_same_file_changes_nothing(
    bodies: Database, admin: Actor, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "c.csv", CONTRACTS, "cp932")
    check = import_file(bodies, admin, "contracts", path, check_only=True)
    assert (check.added, check.errors, check.written) == (3, [], False), check.lines()
    assert _contracts(bodies) == []
    first = import_file(bodies, admin, "contracts", path)
    assert (first.added, first.updated, first.errors) == (3, 0, []), first.lines()
    assert first.change.touches("contracts")
    assert _contracts(bodies) == STORED
    audits = _audit_count(bodies)
    second = import_file(bodies, admin, "contracts", path)
    assert (second.added, second.updated, second.unchanged, second.errors) == (0, 0, 3, [])
    assert _audit_count(bodies) == audits  # not even an audit entry


def test_xlsx_with_date_cells_english_headers_and_number_cells(
    bodies: Database, admin: Actor, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "c.xlsx",
        [
            ["Amount_Yen", "number", "client", "title", "start", "end"],
            [36_000_000, "K-001", "秋田市", "管路施設点検 包括委託", datetime(2025, 4, 1),
             date(2028, 3, 31)],
        ],
    )  # fmt: skip
    report = import_file(bodies, admin, "contracts", path)
    assert (report.added, report.errors) == (1, []), report.lines()
    assert _contracts(bodies) == [(*STORED[0][:3], None, *STORED[0][4:7], None)]


def test_a_bad_file_writes_nothing_and_reports_every_bad_row(
    bodies: Database, admin: Actor, tmp_path: Path
) -> None:
    before = _audit_count(bodies)
    path = write_csv(
        tmp_path / "c.csv",
        [
            CONTRACTS[0],
            CONTRACTS[1],  # good, and first
            ["K-010", "湯沢市", "件名", "", "2025-04-01", "2026-03-31", "100", ""],  # no client
            ["K-011", "秋田市", "件名", "", "2025-04-01", "2025-03-31", "100", ""],  # end < start
            ["K-012", "秋田市", "件名", "", "2025-04-01", "2026-03-31", "-5", ""],  # negative
            ["K-013", "秋田市", "", "", "2025-02-30", "2026-03-31", "1.5", ""],  # three errors
            ["K-001", "秋田市", "件名", "", "2025-04-01", "2026-03-31", "100", ""],  # key twice
        ],
    )
    report = import_file(bodies, admin, "contracts", path, display_name="c.csv")
    assert [str(e).split(": ")[:2] for e in report.errors] == [
        ["c.csv:3", "委託者"],
        ["c.csv:4", "契約終了日"],
        ["c.csv:5", "契約金額"],
        ["c.csv:6", "件名"],
        ["c.csv:6", "契約開始日"],
        ["c.csv:6", "契約金額"],
        ["c.csv:7", "契約番号"],
    ], report.lines()
    assert "湯沢市" in str(report.errors[0]) and "before the start" in str(report.errors[1])
    assert "same key as line 2" in str(report.errors[6])
    assert not report.written
    assert _contracts(bodies) == [] and _audit_count(bodies) == before


def test_columns_left_out_keep_the_stored_values_an_empty_cell_clears(
    bodies: Database, admin: Actor, tmp_path: Path
) -> None:
    assert import_file(bodies, admin, "contracts", write_csv(tmp_path / "c.csv", CONTRACTS)).ok
    without = write_csv(
        tmp_path / "w.csv",
        [CONTRACTS[0][:3] + CONTRACTS[0][4:7], CONTRACTS[1][:3] + CONTRACTS[1][4:7]],
    )
    report = import_file(bodies, admin, "contracts", without)
    assert (report.unchanged, report.errors) == (1, []), report.lines()
    assert _contracts(bodies) == STORED  # 業務種別 and 一括発注グループ kept
    cleared = write_csv(tmp_path / "e.csv", [CONTRACTS[0], [*CONTRACTS[1][:7], ""]])
    assert import_file(bodies, admin, "contracts", cleared).updated == 1
    assert _contracts(bodies)[0] == (*STORED[0][:7], None)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_changes_nothing(
    bodies: Database, admin: Actor, tmp_path: Path, suffix: str
) -> None:
    assert import_file(bodies, admin, "contracts", write_csv(tmp_path / "c.csv", CONTRACTS)).ok
    path = tmp_path / f"export{suffix}"
    assert export_kind(bodies, admin, "contracts", path) == 3
    audits = _audit_count(bodies)
    report = import_file(bodies, admin, "contracts", path)
    assert (report.added, report.updated, report.unchanged, report.errors) == (0, 0, 3, [])
    assert _contracts(bodies) == STORED and _audit_count(bodies) == audits
    if suffix == ".csv":
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        assert (
            lines[0]
            == "契約番号,委託者,件名,業務種別,契約開始日,契約終了日,契約金額,一括発注グループ"
        )
        assert (
            lines[2]
            == "K-002,052027,下水道施設 維持管理業務,,2025-04-01,2026-03-31,8500000,県一括R7"
        )


def test_a_new_title_imported_is_found_by_the_work_order_search(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    build_sample(db)  # C-1 (秋田市) carries WO-0001 and WO-0002
    assert count_work_orders(db, WorkOrderFilter(text="汚泥処理")) == 0
    path = tmp_path / "c.csv"
    export_kind(db, admin, "contracts", path)
    text = path.read_text(encoding="utf-8-sig")
    path.write_text(
        text.replace("令和7年度 包括業務委託", "令和7年度 汚泥処理業務委託"), encoding="utf-8-sig"
    )
    report = import_file(db, admin, "contracts", path)
    assert (report.updated, report.unchanged, report.errors) == (1, 1, []), report.lines()
    assert count_work_orders(db, WorkOrderFilter(text="汚泥処理")) == 2
    assert count_work_orders(db, WorkOrderFilter(text="包括業務委託")) == 0


def test_the_command_exits_0_imported_1_rejected_2_wrong(
    db: Database, any_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_login(db)  # the command's user, proved by ONEAQITA_USER and ONEAQITA_PASSWORD
    assert main(["import", "organizations", str(write_csv(tmp_path / "o.csv", ORGS)), "--db",
                 any_url]) == 0  # fmt: skip
    path = write_csv(tmp_path / "c.csv", CONTRACTS)
    assert main(["import", "contracts", str(path), "--check", "--db", any_url]) == 0
    assert "importing would give 3 added, 0 updated, 0 unchanged" in capsys.readouterr().out
    assert main(["import", "contracts", str(path), "--db", any_url]) == 0
    assert "imported: 3 added, 0 updated, 0 unchanged" in capsys.readouterr().out
    out = tmp_path / "export.xlsx"
    assert main(["export", "contracts", str(out), "--db", any_url]) == 0
    assert "3 contracts rows written" in capsys.readouterr().out
    assert main(["import", "contracts", str(out), "--db", any_url]) == 0
    assert "imported: 0 added, 0 updated, 3 unchanged" in capsys.readouterr().out
    bad = write_csv(tmp_path / "b.csv", [CONTRACTS[0], [*CONTRACTS[1][:5], "2024-01-01", "1", ""]])
    assert main(["import", "contracts", str(bad), "--db", any_url]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:2: 契約終了日: " in err and "rejected, nothing written" in err
    assert main(["import", "contracts", str(tmp_path / "none.csv"), "--db", any_url]) == 2
