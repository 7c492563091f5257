"""Export to .csv and .xlsx, and the round trip: importing an export changes nothing."""

import codecs
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from oneaqita.errors import PermissionDenied
from oneaqita.models import Role, User
from oneaqita.services.actor import SYSTEM_ACTOR, Actor
from oneaqita.services.database import Database
from oneaqita.transfer import KINDS, ImportRequestError, export_kind, import_file
from tests.db.test_import_files import counts, load_staffing
from tests.import_files import write_csv
from tests.logins import actor_for

HOLDINGS = [
    ["株主", "株式数", "出資額", "取得日"],
    ["050008", "400", "20,000,000", "R5.11.1"],
    ["秋田市", "100", "5,000,000", "2023-11-01"],
    ["050008", "420", "21,000,000", "2025-04-01"],
]
KIND_ORDER = ["organizations", "shareholdings", "people", "secondments"]


@pytest.fixture
def admin(db: Database) -> Actor:
    return actor_for(db, "export-admin")


@pytest.fixture
def filled(db: Database, admin: Actor, tmp_path: Path) -> Database:
    load_staffing(db, admin, tmp_path)
    assert import_file(db, admin, "shareholdings", write_csv(tmp_path / "h.csv", HOLDINGS)).ok
    # A phone set in the app must survive the round trip too.
    phone = write_csv(
        tmp_path / "ph.csv",
        [
            ["職員番号", "氏名", "所属団体", "電話番号", "資格"],
            ["E002", "鈴木 一郎", "050008", "018-860-0000", ""],
        ],
    )
    assert import_file(db, admin, "people", phone).ok  # fmt: skip
    return db


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_changes_nothing(
    filled: Database, admin: Actor, tmp_path: Path, suffix: str
) -> None:
    before = counts(filled)
    expected = {"organizations": 5, "shareholdings": 3, "people": 3, "secondments": 3}
    for kind in KIND_ORDER:
        path = tmp_path / f"{kind}-export{suffix}"
        assert export_kind(filled, admin, kind, path) == expected[kind]
        report = import_file(filled, admin, kind, path)
        assert (report.added, report.updated, report.errors) == (0, 0, []), report.lines()
        assert report.unchanged == expected[kind]
    assert counts(filled) == before


def test_csv_is_utf8_with_bom_and_japanese_headers(
    filled: Database, admin: Actor, tmp_path: Path
) -> None:
    path = tmp_path / "people.csv"
    export_kind(filled, admin, "people", path)
    raw = path.read_bytes()
    assert raw.startswith(codecs.BOM_UTF8)
    lines = raw.decode("utf-8-sig").split("\r\n")
    assert lines[0] == "職員番号,氏名,カナ,所属団体,メール,電話番号,資格,役員区分"
    assert lines[1] == "E001,佐藤 花子,サトウ ハナコ,052019,sato@example.jp,,技術士; 測量士,職員"
    assert lines[2] == "E002,鈴木 一郎,,050008,,018-860-0000,,職員"
    path = tmp_path / "secondments.csv"
    export_kind(filled, admin, "secondments", path)
    second = path.read_text(encoding="utf-8-sig").splitlines()[1]
    assert second == "E001,052019,在籍派遣,2024-04-01,2026-03-31,主任,50,512300"
    third = path.read_text(encoding="utf-8-sig").splitlines()[3]
    assert third.endswith(",出向,2024-10-01,2025-09-30,,0,")  # no cost basis: empty


def test_xlsx_has_typed_cells_and_text_codes(
    filled: Database, admin: Actor, tmp_path: Path
) -> None:
    path = tmp_path / "holdings.xlsx"
    export_kind(filled, admin, "shareholdings", path)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("株主", "株式数", "出資額", "取得日")
    code, shares, capital, since = rows[1]
    assert code == "050008"  # text, so Excel keeps the leading zero
    assert (shares, capital) == (400, 20_000_000)
    assert since is not None and since.year == 2023  # type: ignore[union-attr]
    assert ws.freeze_panes == "A2"


def test_export_of_an_empty_database_and_wrong_requests(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    for kind in KINDS:
        path = tmp_path / f"{kind}.csv"
        assert export_kind(db, admin, kind, path) == 0
        assert path.read_text(encoding="utf-8-sig").count("\n") == 1  # the header only
    with pytest.raises(ImportRequestError, match="unsupported file type"):
        export_kind(db, admin, "people", tmp_path / "people.ods")
    with pytest.raises(ImportRequestError, match="folder does not exist"):
        export_kind(db, admin, "people", tmp_path / "nowhere" / "people.csv")
    with pytest.raises(ImportRequestError, match="supported kinds"):
        export_kind(db, admin, "timesheets", tmp_path / "f.csv")
    written = sorted(p.name for p in tmp_path.iterdir() if "sqlite" not in p.name)
    assert written == sorted(f"{k}.csv" for k in KINDS)  # and no partial file left behind


def test_every_active_user_may_export_but_no_unknown_or_deactivated_one(
    filled: Database, admin: Actor, tmp_path: Path
) -> None:
    with filled.unit_of_work(admin) as uow:
        uow.session.add(User(login="sato", display_name="佐藤", role=Role.SECONDED))
        uow.session.add(User(login="gone", display_name="退職", role=Role.MANAGER))
    seconded, leaving = actor_for(filled, "sato"), actor_for(filled, "gone")
    assert export_kind(filled, seconded, "people", tmp_path / "p.csv") == 3
    with filled.unit_of_work(admin) as uow:  # deactivated while the session is open
        user = uow.session.scalar(select(User).where(User.login == "gone"))
        assert user is not None
        user.active = False
    strangers = [
        leaving,
        Actor(None, "nobody", Role.ADMIN),  # acts for no user
        Actor(admin.user_id, "impostor", Role.ADMIN),  # another login under a user's id
        SYSTEM_ACTOR,
    ]
    for actor in strangers:
        target = tmp_path / f"{actor.login}.csv"
        with pytest.raises(PermissionDenied):
            export_kind(filled, actor, "people", target)
        assert not target.exists()
