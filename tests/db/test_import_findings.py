"""The ``findings`` kind: import with photos beside the file, idempotence, all or nothing with
every bad row and photo reported, export round trips (with and without the photo files), and
hostile names, on both databases."""

import csv
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from oneaqita.models import AuditEntry, Finding, FindingAttachment, FindingRank, Urgency, WorkOrder
from oneaqita.models import WorkOrderStatus as S
from oneaqita.services.actor import Actor
from oneaqita.services.attachment_queries import attachments_of_finding
from oneaqita.services.attachments import MAX_FILE_BYTES, attach_files
from oneaqita.services.database import Database
from oneaqita.transfer import export_kind, import_file
from tests.builders import Sample, build_sample
from tests.images import jpeg, png
from tests.import_files import write_csv, write_xlsx

PIPE = "052019-P-000001"
HEADER = ["作業番号", "施設番号", "異常項目", "ランク", "緊急度", "備考", "写真"]


@pytest.fixture
def sample(db: Database, admin: Actor) -> Sample:
    sample = build_sample(db)
    with db.read() as s:
        wo = s.get(WorkOrder, sample.work_order_ids[0])
        assert wo is not None
        wo.status, wo.actual_start = S.IN_PROGRESS, date(2025, 5, 1)
        s.commit()
    return sample


def _findings(db: Database) -> list[tuple[object, ...]]:
    with db.read() as s:
        rows = s.execute(
            select(Finding.category, Finding.rank, Finding.urgency, Finding.note).order_by(
                Finding.category
            )
        ).all()
        return [tuple(r) for r in rows]


def _files(db: Database) -> list[tuple[str, str, int]]:
    with db.read() as s:
        rows = s.execute(
            select(Finding.category, FindingAttachment.file_name, FindingAttachment.size_bytes)
            .join(Finding, Finding.id == FindingAttachment.finding_id)
            .order_by(Finding.category, FindingAttachment.id)
        ).all()
        return [tuple(r) for r in rows]  # type: ignore[misc]


def _audits(db: Database) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry)) or 0


def test_import_with_photos_then_the_same_file_changes_nothing(
    db: Database, admin: Actor, sample: Sample, tmp_path: Path
) -> None:
    (tmp_path / "写真").mkdir()
    (tmp_path / "写真" / "p1.jpg").write_bytes(jpeg())
    (tmp_path / "p2.png").write_bytes(png())
    rows = [
        HEADER,
        ["WO-0001", PIPE, "破損", "a", "", "継手部", "写真/p1.jpg; p2.png"],
        ["WO-0001", PIPE, "クラック", "Ｂ", "緊急度II", "", ""],
        ["WO-0001", PIPE, "腐食", "c", "III", "", "p2.png"],
    ]
    path = write_csv(tmp_path / "findings.csv", rows)
    report = import_file(db, admin, "findings", path)
    assert report.ok, [str(e) for e in report.errors]
    assert (report.added, report.updated, report.unchanged) == (3, 0, 0)
    assert _findings(db) == [
        ("クラック", FindingRank.B, Urgency.II, None),
        ("破損", FindingRank.A, None, "継手部"),
        ("腐食", FindingRank.C, Urgency.III, None),
    ]
    assert _files(db) == [
        ("破損", "p1.jpg", len(jpeg())),
        ("破損", "p2.png", len(png())),
        ("腐食", "p2.png", len(png())),
    ]
    before = _audits(db)
    again = import_file(db, admin, "findings", path)
    assert again.ok and (again.added, again.updated, again.unchanged) == (0, 0, 3)
    assert _audits(db) == before
    # Another photo under a stored name replaces it; a name left out is removed.
    (tmp_path / "p2.png").write_bytes(png(color=(1, 2, 3, 255)))
    rows[1][6] = "p2.png"
    changed = import_file(db, admin, "findings", write_csv(tmp_path / "findings.csv", rows))
    assert changed.ok and (changed.updated, changed.unchanged) == (2, 1)
    assert [f for f in _files(db) if f[0] != "クラック"] == [
        ("破損", "p2.png", len(png(color=(1, 2, 3, 255)))),
        ("腐食", "p2.png", len(png(color=(1, 2, 3, 255)))),
    ]


def test_bad_photos_are_errors_at_their_row_and_column_and_nothing_is_written(
    db: Database, admin: Actor, sample: Sample, tmp_path: Path
) -> None:
    (tmp_path / "big.jpg").write_bytes(b"\xff\xd8\xff" + b"x" * (MAX_FILE_BYTES - 2))
    (tmp_path / "ok.jpg").write_bytes(jpeg())
    (tmp_path / "empty.jpg").write_bytes(b"")
    rows = [
        ["work_order", "asset", "category", "rank", "photos"],
        ["WO-0001", PIPE, "破損", "a", "ok.jpg"],
        ["WO-0001", PIPE, "クラック", "b", "missing.jpg"],
        ["WO-0001", PIPE, "腐食", "c", "big.jpg"],
        ["WO-0001", PIPE, "たるみ", "c", "..\\..\\evil.jpg"],
        ["WO-0001", PIPE, "蛇行", "c", "empty.jpg"],
        ["WO-0001", PIPE, "浸入水", "c", "/etc/passwd"],
        ["WO-0002", PIPE, "破損", "a", ""],  # a planned order: no findings yet
        ["WO-9999", PIPE, "破損", "a", ""],
        ["WO-0001", "NO-SUCH", "破損", "a", ""],
    ]
    report = import_file(db, admin, "findings", write_csv(tmp_path / "f.csv", rows))
    assert not report.written
    where = [(e.line, e.column) for e in report.errors]
    assert where == [
        (3, "photos"),
        (4, "photos"),
        (5, "photos"),
        (6, "photos"),
        (7, "photos"),
        (8, "work_order"),
        (9, "work_order"),
        (10, "asset"),
    ]
    text = "\n".join(str(e) for e in report.errors)
    assert "f.csv:3: photos: missing.jpg" in text
    assert "big.jpg" in text and "10.0 MiB" in text
    assert "empty.jpg" in text and "evil.jpg" in text
    assert _findings(db) == [] and _files(db) == []


def test_control_characters_in_a_photo_name_are_refused(
    db: Database, admin: Actor, sample: Sample, tmp_path: Path
) -> None:
    rows = [HEADER, ["WO-0001", PIPE, "破損", "a", "", "", "a\x1bb.jpg"]]
    report = import_file(db, admin, "findings", write_csv(tmp_path / "f.csv", rows))
    assert not report.written and [e.column for e in report.errors] == ["写真"]


def test_export_then_import_without_the_photos_changes_nothing(
    db: Database, admin: Actor, sample: Sample, tmp_path: Path
) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "p.jpg").write_bytes(jpeg())
    rows = [
        HEADER,
        ["WO-0001", PIPE, "破損", "a", "I", "=1+2 備考", "p.jpg"],
        ["WO-0001", PIPE, "クラック", "b", "", "", ""],
    ]
    assert import_file(db, admin, "findings", write_csv(tmp_path / "in" / "f.csv", rows)).ok
    with db.read() as s:
        crack = s.scalar(select(Finding.id).where(Finding.category == "クラック"))
    assert crack is not None
    # A formula-looking name, attached in the app.
    attach_files(db, admin, crack, [('=HYPERLINK("x").jpg', jpeg(8, 8)), ("+1.pdf", b"%PDF")])
    stored = _files(db)
    for suffix in (".csv", ".xlsx"):
        out = tmp_path / f"export{suffix}"  # no photo files beside it
        assert export_kind(db, admin, "findings", out) == 2
        before = _audits(db)
        report = import_file(db, admin, "findings", out)
        assert report.ok, [str(e) for e in report.errors]
        assert (report.added, report.updated, report.unchanged) == (0, 0, 2)
        assert _files(db) == stored and _audits(db) == before
    with (tmp_path / "export.csv").open(encoding="utf-8-sig") as f:
        exported = list(csv.reader(f))
    assert exported[0] == HEADER
    assert exported[1][6] == '\'=HYPERLINK("x").jpg; +1.pdf'  # never a formula in Excel
    assert exported[2][5] == "'=1+2 備考" and exported[2][6] == "p.jpg"


def test_without_the_photos_column_the_files_stay(
    db: Database, admin: Actor, sample: Sample, tmp_path: Path
) -> None:
    (tmp_path / "p.jpg").write_bytes(jpeg())
    rows = [HEADER, ["WO-0001", PIPE, "破損", "a", "", "", "p.jpg"]]
    assert import_file(db, admin, "findings", write_csv(tmp_path / "f.csv", rows)).ok
    no_photos = [HEADER[:6], ["WO-0001", PIPE, "破損", "b", "", ""]]
    report = import_file(db, admin, "findings", write_xlsx(tmp_path / "g.xlsx", no_photos))
    assert report.ok and report.updated == 1
    assert _files(db) == [("破損", "p.jpg", len(jpeg()))]
    with db.read() as s:
        fid = s.scalar(select(Finding.id))
    assert fid is not None and [a.file_name for a in attachments_of_finding(db, fid)] == ["p.jpg"]
    # An empty cell removes them, as any column present with an empty cell clears its value.
    cleared = [HEADER, ["WO-0001", PIPE, "破損", "b", "", "", ""]]
    report = import_file(db, admin, "findings", write_csv(tmp_path / "h.csv", cleared))
    assert report.ok and report.updated == 1 and _files(db) == []


def test_the_twenty_first_photo_is_an_error_at_its_row(
    db: Database, admin: Actor, sample: Sample, tmp_path: Path
) -> None:
    names = []
    for i in range(21):
        (tmp_path / f"{i:02}.jpg").write_bytes(jpeg(8 + i, 8))
        names.append(f"{i:02}.jpg")
    rows = [HEADER, ["WO-0001", PIPE, "破損", "a", "", "", ";".join(names)]]
    report = import_file(db, admin, "findings", write_csv(tmp_path / "f.csv", rows))
    assert not report.written
    assert [str(e) for e in report.errors] == [
        f"{tmp_path / 'f.csv'}:2: 写真: 20.jpg: 1つの所見に添付できるのは 20 ファイルまでです。"
        " / 20.jpg: a finding holds at most 20 files."
    ]
