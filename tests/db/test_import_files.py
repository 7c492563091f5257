"""Importing files into the database (SQLite and PostgreSQL): encodings, XLSX, all or nothing,
every error reported, idempotence and --check."""

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from oneaqita.errors import PermissionDenied
from oneaqita.models import (
    AuditEntry,
    Organization,
    OrganizationKind,
    Person,
    Role,
    Secondment,
    SecondmentKind,
    Shareholding,
    User,
)
from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.transfer import import_file
from tests.import_files import write_csv, write_xlsx
from tests.logins import actor_for

ORGS = [
    ["団体コード", "種別", "名称", "カナ", "英語名"],
    ["０５０００８", "県", "秋田県", "アキタケン", "Akita Prefecture"],
    ["０５２０１９", "市", "秋田市", "ｱｷﾀｼ", ""],
    ["052027", "city", "能代市", "", ""],
    ["P001", "協力会社", "株式会社みちのく管路", "", ""],
    ["C000", "当社", "株式会社ONE・AQITA", "", ""],
]
PEOPLE = [
    ["職員番号", "氏名", "カナ", "所属団体", "メール", "資格"],
    ["Ｅ００１", "佐藤 花子", "サトウ ハナコ", "秋田市", "sato@example.jp", "技術士;測量士"],
    ["E002", "鈴木 一郎", "", "050008", "", ""],
    ["E003", "田中 次郎", "", "P001", "", "下水道管理技術認定"],
]
SECONDMENTS = [
    [
        "職員番号",
        "派遣元",
        "派遣形態",
        "開始日",
        "終了日",
        "役職",
        "会社負担割合",
        "月額負担基礎額",
    ],  # noqa: E501
    ["E001", "秋田市", "在籍派遣", "令和6年4月1日", "R8.3.31", "主任", "50", "512,300"],
    ["E002", "秋田県", "退職派遣", "R5.4.1", "", "課長", "１００％", "７２００００円"],
    ["E003", "P001", "出向", "2024/10/1", "2025-09-30", "", "", ""],
]


def counts(db: Database) -> tuple[int, ...]:
    with db.read() as s:
        return tuple(
            s.scalar(select(func.count()).select_from(m)) or 0
            for m in (Organization, Shareholding, Person, Secondment, AuditEntry)
        )


def load_staffing(db: Database, actor: Actor, folder: Path) -> None:
    for kind, rows in (("organizations", ORGS), ("people", PEOPLE), ("secondments", SECONDMENTS)):
        report = import_file(db, actor, kind, write_csv(folder / f"{kind}.csv", rows, "cp932"))
        assert report.ok and report.written, report.lines()


def test_cp932_japanese_headers_fullwidth_digits_and_era_dates(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    load_staffing(db, admin, tmp_path)
    with db.read() as s:
        akita = s.scalar(select(Organization).where(Organization.code == "052019"))
        assert akita is not None
        assert (akita.kind, akita.name_ja, akita.name_kana) == (
            OrganizationKind.CITY,
            "秋田市",
            "アキタシ",
        )
        sato = s.scalar(select(Person).where(Person.employee_no == "E001"))
        assert sato is not None and sato.home_organization_id == akita.id
        assert [q.name for q in sato.qualifications] == ["技術士", "測量士"]
        stays = {
            (p, sec.kind, sec.start_date, sec.end_date, sec.salary_borne_by_company_pct)
            for p, sec in s.execute(select(Person.employee_no, Secondment).join(Secondment.person))
        }
    assert stays == {
        ("E001", SecondmentKind.ON_ROLL, date(2024, 4, 1), date(2026, 3, 31), 50),
        ("E002", SecondmentKind.RETIRED, date(2023, 4, 1), None, 100),
        ("E003", SecondmentKind.PARTNER, date(2024, 10, 1), date(2025, 9, 30), 0),
    }  # fmt: skip


def test_utf8_bom_english_headers_in_another_order(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "o.csv",
        [["Name", "KIND", "code", "name_en"], ["秋田県", "prefecture", "050008", "Akita"]],
    )
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    report = import_file(db, admin, "organizations", path)
    assert (report.added, report.errors) == (1, [])
    with db.read() as s:
        assert (
            s.scalar(select(Organization.name_en).where(Organization.code == "050008")) == "Akita"
        )


def test_xlsx_with_real_dates_and_numbers(db: Database, admin: Actor, tmp_path: Path) -> None:
    load_staffing(db, admin, tmp_path)
    path = write_xlsx(
        tmp_path / "h.xlsx",
        [
            ["株主", "株式数", "出資額", "取得日"],
            ["050008", 400, 20_000_000, datetime(2023, 11, 1)],
            ["秋田市", 100.0, "5,000,000", "R5.11.1"],
        ],
    )
    report = import_file(db, admin, "shareholdings", path)
    assert (report.added, report.errors) == (2, []), report.lines()
    with db.read() as s:
        held = s.execute(
            select(Organization.code, Shareholding.shares, Shareholding.capital_yen,
                   Shareholding.since).join(Shareholding.organization).order_by(Organization.code)
        ).all()  # fmt: skip
    assert [tuple(r) for r in held] == [
        ("050008", 400, 20_000_000, date(2023, 11, 1)),
        ("052019", 100, 5_000_000, date(2023, 11, 1)),
    ]


def test_same_file_twice_changes_nothing_the_second_time(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "o.csv", ORGS, "cp932")
    first = import_file(db, admin, "organizations", path)
    assert (first.added, first.updated, first.unchanged, first.written) == (5, 0, 0, True)
    assert first.change.touches("organizations")
    before = counts(db)
    second = import_file(db, admin, "organizations", path)
    assert (second.added, second.updated, second.unchanged, second.errors) == (0, 0, 5, [])
    assert counts(db) == before  # not even an audit entry
    assert "0 added, 0 updated, 5 unchanged" in second.summary()
    changed = [ORGS[0], ["052027", "市", "能代市", "ノシロシ", "Noshiro"]]
    third = import_file(db, admin, "organizations", write_csv(tmp_path / "n.csv", changed))
    assert (third.added, third.updated, third.unchanged) == (0, 1, 0)


def test_check_reports_what_would_happen_and_writes_nothing(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    import_file(db, admin, "organizations", write_csv(tmp_path / "a.csv", ORGS[:3]))
    before = counts(db)
    report = import_file(db, admin, "organizations", write_csv(tmp_path / "o.csv", ORGS), True)
    assert (report.added, report.unchanged, report.errors, report.written) == (3, 2, [], False)
    assert "check only, nothing written" in report.summary()
    assert counts(db) == before
    bad = write_csv(tmp_path / "b.csv", [*ORGS, ["052018", "市", "誤り市"]])
    report = import_file(db, admin, "organizations", bad, check_only=True, display_name="b.csv")
    assert [str(e).split(": ")[:2] for e in report.errors] == [["b.csv:7", "団体コード"]]
    assert "check failed, the file would be rejected (1 error in 6 rows)" in report.summary()
    assert counts(db) == before


def test_one_holder_named_by_code_and_by_name_is_one_key(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    load_staffing(db, admin, tmp_path)
    path = write_csv(
        tmp_path / "h.csv",
        [["organization", "shares", "capital_yen", "since"],
         ["052019", "100", "5,000,000", "2023-11-01"], ["秋田市", "120", "6,000,000", "R5.11.1"]],
    )  # fmt: skip
    report = import_file(db, admin, "shareholdings", path, display_name="h.csv")
    assert [str(e) for e in report.errors] == [
        "h.csv:3: organization: 2行目と同じデータです / same key as line 2 (the same record)"
    ]


def test_people_phone_kept_without_the_column_cleared_by_an_empty_cell(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    load_staffing(db, admin, tmp_path)
    header = ["職員番号", "氏名", "所属団体", "電話番号"]
    with_phone = write_csv(
        tmp_path / "p1.csv", [header, ["E002", "鈴木 一郎", "050008", "018-860-0000"]]
    )
    assert import_file(db, admin, "people", with_phone).updated == 1
    without = write_csv(tmp_path / "p2.csv", [header[:3], ["E002", "鈴木 一郎", "050008"]])
    assert import_file(db, admin, "people", without).unchanged == 1
    emptied = write_csv(tmp_path / "p3.csv", [header, ["E002", "鈴木 一郎", "050008", ""]])
    assert import_file(db, admin, "people", emptied).updated == 1
    with db.read() as s:
        assert s.scalar(select(Person.phone).where(Person.employee_no == "E002")) is None


def _person(db: Database, employee_no: str) -> tuple[object, ...]:
    with db.read() as s:
        p = s.scalar(select(Person).where(Person.employee_no == employee_no))
        assert p is not None
        return (p.name, p.name_kana, p.email, tuple(q.name for q in p.qualifications))


def test_optional_people_columns_left_out_keep_the_stored_values(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    load_staffing(db, admin, tmp_path)
    sato = ("佐藤 花子", "サトウ ハナコ", "sato@example.jp", ("技術士", "測量士"))
    # Only the required columns: a renamed person keeps kana, e-mail and qualifications, and a
    # new one (E004) gets none.
    path = write_csv(
        tmp_path / "req.csv",
        [
            ["職員番号", "氏名", "所属団体"],
            ["E001", "佐藤 花江", "秋田市"],
            ["E004", "高橋", "P001"],
        ],
    )
    report = import_file(db, admin, "people", path)
    assert (report.added, report.updated, report.unchanged, report.errors) == (1, 1, 0, [])
    assert _person(db, "E001") == ("佐藤 花江", *sato[1:])
    assert _person(db, "E004") == ("高橋", None, None, ())
    # The same file again changes nothing.
    assert import_file(db, admin, "people", path).unchanged == 2
    # A column that is there with an empty cell clears the value; the others stay.
    cleared = write_csv(
        tmp_path / "mail.csv",
        [["職員番号", "氏名", "所属団体", "メール"], ["E001", "佐藤 花子", "秋田市", ""]],
    )
    assert import_file(db, admin, "people", cleared).updated == 1
    assert _person(db, "E001") == ("佐藤 花子", sato[1], None, sato[3])


def test_optional_secondment_and_organization_columns_left_out_keep_the_stored_values(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    load_staffing(db, admin, tmp_path)
    before = counts(db)
    # Without 終了日, 役職 and 会社負担割合: E001 keeps its end (so that its changed kind is
    # checked against the stored period), position and 50 %.
    path = write_csv(
        tmp_path / "s.csv",
        [
            ["職員番号", "派遣元", "派遣形態", "開始日"],
            ["E001", "秋田市", "退職派遣", "2024-04-01"],
        ],
    )
    report = import_file(db, admin, "secondments", path)
    assert (report.updated, report.errors) == (1, []), report.lines()
    with db.read() as s:
        sec = s.scalar(
            select(Secondment).join(Secondment.person).where(Person.employee_no == "E001")
        )
        assert sec is not None
        assert (sec.kind, sec.end_date, sec.position, sec.salary_borne_by_company_pct) == (
            SecondmentKind.RETIRED, date(2026, 3, 31), "主任", 50
        )  # fmt: skip
    orgs = write_csv(
        tmp_path / "o.csv", [["団体コード", "種別", "名称"], ["050008", "県", "秋田県"]]
    )
    assert import_file(db, admin, "organizations", orgs).unchanged == 1
    with db.read() as s:
        assert s.execute(
            select(Organization.name_kana, Organization.name_en).where(
                Organization.code == "050008"
            )
        ).one() == ("アキタケン", "Akita Prefecture")
    assert counts(db)[:4] == before[:4]


def test_only_administrators_import(db: Database, admin: Actor, tmp_path: Path) -> None:
    with db.unit_of_work(admin) as uow:
        uow.session.add(User(login="coord", display_name="coord", role=Role.COORDINATOR))
    coordinator = actor_for(db, "coord")
    path = write_csv(tmp_path / "o.csv", ORGS)
    with pytest.raises(PermissionDenied):
        import_file(db, coordinator, "organizations", path, check_only=True)


def test_a_file_with_only_its_header_imports_nothing_without_error(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    report = import_file(db, admin, "people", write_csv(tmp_path / "p.csv", [PEOPLE[0], []]))
    assert (report.ok, report.written, report.rows, report.added) == (True, True, 0, 0)
    assert report.lines() == [f"{tmp_path}/p.csv: 取り込みました。追加 0件、更新 0件、変更なし 0件 "
                              "/ imported: 0 added, 0 updated, 0 unchanged"]  # fmt: skip


def test_the_monthly_cost_basis_is_imported_and_refused_when_not_whole_yen(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    load_staffing(db, admin, tmp_path)
    with db.read() as s:
        costs = dict(
            s.execute(
                select(Person.employee_no, Secondment.monthly_cost_yen).join(Secondment.person)
            ).all()
        )
    assert costs == {"E001": 512_300, "E002": 720_000, "E003": None}
    header = ["employee_no", "from_organization", "kind", "start", "monthly_cost_yen"]
    path = write_csv(
        tmp_path / "c.csv",
        [header,
         ["E001", "052019", "在籍派遣", "2024-04-01", "-5"],
         ["E003", "P001", "出向", "2024-10-01", "1.5"],
         ["E002", "050008", "退職派遣", "2023-04-01", "=1+1"]],
    )  # fmt: skip
    report = import_file(db, admin, "secondments", path, display_name="c.csv")
    assert [str(e).split(": ")[:2] for e in report.errors] == [
        ["c.csv:2", "monthly_cost_yen"],
        ["c.csv:3", "monthly_cost_yen"],
        ["c.csv:4", "monthly_cost_yen"],
    ], report.lines()
    assert not report.written
