"""Parsing import files (phase 1, no database): headers, values, every error as FILE:LINE."""

import time
from datetime import date
from pathlib import Path

import pytest

from oneaqita.models import OrganizationKind, SecondmentKind
from oneaqita.services.records import OrganizationData, PersonData, SecondmentData
from oneaqita.transfer import ImportRequestError, parse_file
from tests.import_files import write_csv, write_xlsx

SECONDMENT_HEADER = ["職員番号", "派遣元", "派遣形態", "開始日", "終了日", "役職", "会社負担割合"]


def test_cp932_japanese_headers_fullwidth_digits_and_era_dates(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "s.csv",
        [
            SECONDMENT_HEADER,
            ["Ｅ００１", "秋田市", "在籍派遣", "令和7年4月1日", "R9.3.31", "主任", "５０％"],
            ["E002", "０５００08", "退職派遣", "H31.4.30", "", "", ""],
            ["E003", "協力会社A", "出向", "2025/4/1", "2026-03-31", "", "１００"],
        ],
        "cp932",
    )
    parsed = parse_file("secondments", path)
    assert parsed.report.errors == []
    assert [(r.line, r.record) for r in parsed.rows] == [
        (2, SecondmentData("E001", "秋田市", SecondmentKind.ON_ROLL, date(2025, 4, 1),
                           date(2027, 3, 31), "主任", 50)),
        (3, SecondmentData("E002", "050008", SecondmentKind.RETIRED, date(2019, 4, 30))),
        (4, SecondmentData("E003", "協力会社A", SecondmentKind.PARTNER, date(2025, 4, 1),
                           date(2026, 3, 31), None, 100)),
    ]  # fmt: skip


def test_english_headers_in_any_order_case_width_and_spacing(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "p.csv",
        [
            ["Qualifications", " HOME ORGANIZATION ", "ｎａｍｅ", "employee_no", "Email"],
            ["技術士; 下水道管理技術認定；技術士", "052019", "佐藤 花子", "E001", "a@b.jp"],
        ],
    )
    parsed = parse_file("people", path)
    assert parsed.report.errors == []
    assert parsed.rows[0].record == PersonData(
        employee_no="E001",
        name="佐藤 花子",
        home_organization="052019",
        email="a@b.jp",
        qualifications=("技術士", "下水道管理技術認定"),
    )


@pytest.mark.parametrize("word", ["県", "prefecture", "PREFECTURE", " Prefecture "])
def test_fixed_list_values_in_either_language(tmp_path: Path, word: str) -> None:
    path = write_csv(tmp_path / "o.csv", [["code", "kind", "name"], ["050008", word, "秋田県"]])
    parsed = parse_file("organizations", path)
    assert parsed.rows[0].record == OrganizationData(
        "050008", OrganizationKind.PREFECTURE, "秋田県"
    )


def test_every_bad_row_is_reported_with_file_line_and_column(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "s.csv",
        [
            ["Employee_No", "派遣元", "Kind", "開始日", "end", "会社負担割合"],
            ["E001", "秋田市", "在籍派遣", "2025-04-01", "", ""],
            ["E002", "秋田市", "派遣", "R7.2.30", "", "150"],
            [],
            ["", "秋田市", "出向", "2025-04-01", "いつか", ""],
            ["E001", "能代市", "出向", "2025/4/1", "", ""],
        ],
    )
    report = parse_file("secondments", path, display_name="s.csv").report
    lines = [str(e) for e in report.errors]
    assert [line.split(": ")[0:2] for line in lines] == [
        ["s.csv:3", "Kind"],
        ["s.csv:3", "開始日"],
        ["s.csv:3", "会社負担割合"],
        ["s.csv:5", "Employee_No"],
        ["s.csv:5", "end"],
        ["s.csv:6", "Employee_No"],
    ]
    assert lines[1] == (
        "s.csv:3: 開始日: 日付が不正です (存在しない日付です): 'R7.2.30' / no such date: 'R7.2.30'"
    )
    assert lines[3] == "s.csv:5: Employee_No: 必須の項目が空です / required value is empty"
    assert lines[5] == "s.csv:6: Employee_No: 2行目と同じキーです / same key as line 2"
    assert "在籍派遣 (on_roll)" in lines[0]
    assert report.rows == 4
    assert "rejected, nothing written (6 errors in 4 rows)" in report.summary()


def test_header_problems_are_line_1_and_stop_reading(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "p.csv",
        [["職員番号", "部署", "name", "氏名"], ["E001", "x", "a", "b"]],
    )
    parsed = parse_file("people", path, display_name="p.csv")
    assert [str(e).split(": ")[:2] for e in parsed.report.errors] == [
        ["p.csv:1", "部署"],
        ["p.csv:1", "氏名"],
        ["p.csv:1", "所属団体 (home_organization)"],
    ]
    assert str(parsed.report.errors[2]) == (
        "p.csv:1: 所属団体 (home_organization): 必須の列がありません / required column missing"
    )
    assert parsed.rows == [] and parsed.report.rows == 0


def test_unnamed_column_is_ignored_unless_it_holds_a_value(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "o.csv",
        [
            ["code", "kind", "name", "", ""],
            ["1", "当社", "ONE・AQITA", "", ""],
            ["2", "当社", "x", "", "?"],
        ],
    )
    report = parse_file("organizations", path, display_name="o.csv").report
    assert [str(e) for e in report.errors] == [
        "o.csv:3: E列: 列名のない列に値があります / value in a column without a header"
    ]


def test_too_long_text_and_empty_files(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "o.csv", [["code", "kind", "name"], ["X" * 21, "当社", "a"]])
    [error] = parse_file("organizations", path, display_name="o.csv").report.errors
    assert str(error).startswith("o.csv:2: code: 20文字以内で入力してください (21文字)")
    empty = tmp_path / "e.csv"
    empty.write_bytes(b"")
    [error] = parse_file("organizations", empty, display_name="e.csv").report.errors
    assert (
        str(error)
        == "e.csv:1: 見出し行がありません (1行目が空です) / no header row (line 1 is empty)"
    )
    header_only = write_csv(tmp_path / "h.csv", [["code", "kind", "name"]])
    parsed = parse_file("organizations", header_only)
    assert parsed.report.ok and parsed.rows == []


def test_xlsx_real_dates_and_numbers(tmp_path: Path) -> None:
    from datetime import datetime

    path = write_xlsx(
        tmp_path / "h.xlsx",
        [
            ["株主", "株式数", "出資額", "取得日"],
            ["052019", 1200, 60_000_000, datetime(2023, 11, 1)],
        ],
    )
    [row] = parse_file("shareholdings", path).rows
    assert row.line == 2
    assert (row.record.shares, row.record.capital_yen, row.record.since) == (  # type: ignore[attr-defined]
        1200, 60_000_000, date(2023, 11, 1)
    )  # fmt: skip


@pytest.mark.parametrize(
    ("kind", "name", "message"),
    [
        ("staff", "p.csv", "unknown kind 'staff'"),
        ("timesheets", "p.csv", "unknown kind 'timesheets'; supported kinds: organizations, "
         "shareholdings, people, secondments, assets, contracts, work-orders, findings, "
         "time-entries"),
        ("people", "p.xls", "unsupported file type"),
        ("people", "missing.csv", "no such file"),
    ],
)  # fmt: skip
def test_wrong_requests(tmp_path: Path, kind: str, name: str, message: str) -> None:
    write_csv(tmp_path / "p.csv", [["職員番号"]])
    (tmp_path / "p.xls").write_bytes(b"")
    with pytest.raises(ImportRequestError, match=message):
        parse_file(kind, tmp_path / name)


def test_ten_thousand_rows_parse_in_a_few_seconds(tmp_path: Path) -> None:
    header = ["職員番号", "氏名", "カナ", "所属団体", "メール", "資格"]
    rows = [
        [f"Ｅ{i:05d}", f"職員 {i}", "ショクイン", "052019", f"p{i}@example.jp", "技術士;測量士"]
        for i in range(10_000)
    ]
    path = write_csv(tmp_path / "p.csv", [header, *rows], "cp932")
    started = time.perf_counter()
    parsed = parse_file("people", path)
    elapsed = time.perf_counter() - started
    assert parsed.report.ok and len(parsed.rows) == 10_000
    assert elapsed < 5, f"parsing 10,000 rows took {elapsed:.2f} s"
