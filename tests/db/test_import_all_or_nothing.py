"""All or nothing: a file with any bad row writes nothing, and every bad row is reported as
FILE:LINE: column: reason, whether the parser or the service found it (SQLite and PostgreSQL)."""

from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from oneaqita.services.actor import Actor
from oneaqita.services.database import Database
from oneaqita.transfer import import_file
from oneaqita.values import ValueParseError, parse_int
from tests.db.test_import_files import ORGS, SECONDMENTS, counts, load_staffing
from tests.import_files import write_csv


def test_a_file_with_bad_rows_writes_nothing_and_reports_every_one(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    load_staffing(db, admin, tmp_path)
    before = counts(db)
    path = write_csv(
        tmp_path / "s.csv",
        [
            SECONDMENTS[0],
            ["E001", "秋田市", "在籍派遣", "R8.4.1", "", "", ""],  # good, and first
            ["E404", "秋田市", "在籍派遣", "R8.4.1", "", "", ""],  # no such person
            ["E002", "秋田県", "在籍派遣", "R6.4.1", "", "", ""],  # overlaps R5.4.1–
            ["E003", "秋田市", "出向", "2026/1/1", "", "", ""],  # 出向 not from a city
            ["E001", "秋田市", "在籍派遣", "R9.4.1", "R9.3.1", "", ""],  # end before start
            ["E003", "P001", "出向", "2027-02-30", "", "", "200"],  # two parse errors
            ["E001", "秋田市", "在籍派遣", "2026-04-01", "", "", ""],  # same key as line 2
            ["E002", "どこか", "退職派遣", "R10.4.1", "", "", ""],  # no such sender
        ],
    )
    report = import_file(db, admin, "secondments", path, display_name="s.csv")
    assert [str(e).split(": ")[:2] for e in report.errors] == [
        ["s.csv:3", "職員番号"],
        ["s.csv:4", "開始日"],
        ["s.csv:5", "派遣形態"],
        ["s.csv:6", "終了日"],
        ["s.csv:7", "開始日"],
        ["s.csv:7", "会社負担割合"],
        ["s.csv:8", "職員番号"],
        ["s.csv:9", "派遣元"],
    ], report.lines()
    assert str(report.errors[6]) == "s.csv:8: 職員番号: 2行目と同じキーです / same key as line 2"
    assert not report.written
    assert counts(db) == before  # nothing, not even the good line 2, was written


def test_a_service_refusal_after_a_good_row_rolls_the_good_row_back(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    # No parse error at all: only the service refuses line 3, after line 2 was stored.
    before = counts(db)
    path = write_csv(
        tmp_path / "o.csv",
        [["code", "kind", "name"], ["050008", "県", "秋田県"], ["052018", "市", "秋田市"]],
    )
    report = import_file(db, admin, "organizations", path, display_name="o.csv")
    [error] = report.errors
    assert str(error).startswith("o.csv:3: code: ")
    assert counts(db) == before


def test_many_rows_over_several_savepoint_chunks(
    db: Database, admin: Actor, tmp_path: Path
) -> None:
    load_staffing(db, admin, tmp_path)
    header = ["職員番号", "氏名", "所属団体"]
    rows = [[f"N{i:04d}", f"職員 {i}", "052019"] for i in range(450)]
    rows[298][2] = "052999"  # line 300: no such organization, in the second chunk
    before = counts(db)
    bad = import_file(db, admin, "people", write_csv(tmp_path / "bad.csv", [header, *rows]))
    assert [str(e).split(": ")[0] for e in bad.errors] == [f"{tmp_path}/bad.csv:300"]
    assert (bad.added, counts(db)) == (449, before)
    rows[298][2] = "052027"
    good = import_file(db, admin, "people", write_csv(tmp_path / "good.csv", [header, *rows]))
    assert (good.added, good.errors, good.written) == (450, [], True)
    assert counts(db)[2] == before[2] + 450


def _is_whole_number(text: str) -> bool:
    try:
        return parse_int(text) is not None
    except ValueParseError:
        return False


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    garbage=st.text(min_size=1, max_size=10).filter(lambda s: "\x00" not in s),
    good_before=st.integers(0, 4),
)
def test_garbage_in_a_cell_never_writes_anything(
    db: Database, admin: Actor, tmp_path: Path, garbage: str, good_before: int
) -> None:
    assume(not _is_whole_number(garbage))
    if not counts(db)[0]:
        import_file(db, admin, "organizations", write_csv(tmp_path / "o.csv", ORGS))
    before = counts(db)
    rows = [["株主", "株式数", "出資額", "取得日"]]
    rows += [["050008", "10", "1,000", f"2020-04-0{i + 1}"] for i in range(good_before)]
    rows.append(["052019", garbage, "1,000", "2024-04-01"])
    report = import_file(db, admin, "shareholdings", write_csv(tmp_path / "h.csv", rows), False,
                         display_name="h.csv")  # fmt: skip
    assert [str(e).split(": ")[:2] for e in report.errors] == [
        [f"h.csv:{good_before + 2}", "株式数"]
    ]
    assert counts(db) == before
