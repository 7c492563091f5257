"""Files attached to a finding (services/attachments.py, attachment_queries.py): limits,
names, media types, thumbnails, all or nothing, audit, on both databases."""

import hashlib
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import func, select

from oneaqita.errors import NotFound, PermissionDenied, ValidationError
from oneaqita.models import AuditEntry, Finding, FindingAttachment, FindingRank, WorkOrder
from oneaqita.models import WorkOrderStatus as S
from oneaqita.services.attachment_queries import (
    attachment_content,
    attachments_of_finding,
    photos_of_work_order,
)
from oneaqita.services.attachments import (
    MAX_FILE_BYTES,
    MAX_FILES,
    attach_files,
    remove_attachment,
)
from oneaqita.services.changes import Entity
from oneaqita.services.database import Database
from oneaqita.services.findings import FindingData, remove_finding, save_finding
from tests.builders import Sample, build_sample
from tests.images import jpeg, png, png_bomb


@pytest.fixture
def sample(db: Database) -> Iterator[Sample]:
    sample = build_sample(db)
    _set_status(db, sample.work_order_ids[0], S.IN_PROGRESS)
    yield sample


def _set_status(db: Database, wid: int, status: S) -> None:
    with db.read() as s:
        wo = s.get(WorkOrder, wid)
        assert wo is not None
        wo.status, wo.actual_start = status, date(2025, 5, 1)
        s.commit()


def _finding(
    db: Database, sample: Sample, category: str = "破損", rank: FindingRank = FindingRank.A
) -> int:
    with db.read() as s:
        wo = s.get(WorkOrder, sample.work_order_ids[0])
        assert wo is not None
        wid, asset_id = wo.id, wo.assets[0].id
    change = save_finding(db, sample.coordinator, FindingData(wid, asset_id, category, rank), None)
    found = change.created_id(Entity.FINDINGS)
    assert found is not None
    return found


def _count(db: Database) -> int:
    with db.read() as s:
        return int(s.scalar(select(func.count()).select_from(FindingAttachment)) or 0)


def test_attach_stores_the_files_with_type_by_content_and_thumbnails(
    db: Database, sample: Sample
) -> None:
    fid = _finding(db, sample)
    photo, drawing = jpeg(), png()
    pdf = b"%PDF-1.4\n%\xe2\xe3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"
    change = attach_files(
        db,
        sample.coordinator,
        fid,
        [
            ("現場写真.jpg", photo),
            ("図面.PNG", drawing),
            ("報告.pdf", pdf),
            ("photo.jpg", b"PK\x03\x04 not an image at all"),  # the name lies
        ],
    )
    assert len(change.created.get(Entity.FINDING_ATTACHMENTS, ())) == 4
    lines = attachments_of_finding(db, fid)
    assert [(a.file_name, a.media_type) for a in lines] == [
        ("現場写真.jpg", "image/jpeg"),
        ("図面.PNG", "image/png"),
        ("報告.pdf", "application/pdf"),
        ("photo.jpg", "application/octet-stream"),
    ]
    assert [a.thumbnail is not None for a in lines] == [True, True, False, False]
    assert lines[0].thumbnail is not None and lines[0].thumbnail.startswith(b"\xff\xd8\xff")
    assert lines[0].size_bytes == len(photo)
    stored = attachment_content(db, lines[0].id)
    assert stored.content == photo and stored.file_name == "現場写真.jpg"
    with db.read() as s:
        entry = s.scalars(
            select(AuditEntry).where(AuditEntry.entity == "finding_attachments")
        ).first()
        assert entry is not None and entry.action == "create" and entry.after is not None
        assert entry.after["sha256"] == hashlib.sha256(photo).hexdigest()
        assert entry.after["size_bytes"] == len(photo)
        assert "content" not in entry.after and "thumbnail" not in entry.after
        by = s.scalar(
            select(FindingAttachment.created_by).where(FindingAttachment.id == lines[0].id)
        )
    assert by == sample.coordinator.user_id


def test_a_file_one_byte_over_ten_mib_is_refused_by_name(db: Database, sample: Sample) -> None:
    fid = _finding(db, sample)
    attach_files(db, sample.coordinator, fid, [("ok.bin", b"x" * MAX_FILE_BYTES)])
    with pytest.raises(ValidationError, match="big.bin") as exc:
        attach_files(db, sample.coordinator, fid, [("big.bin", b"x" * (MAX_FILE_BYTES + 1))])
    assert "10.0 MiB" in exc.value.ja and "too large" in exc.value.en
    assert exc.value.field == "attachments"


def test_the_twenty_first_file_is_refused_and_nothing_of_its_batch_is_stored(
    db: Database, sample: Sample
) -> None:
    fid = _finding(db, sample)
    attach_files(db, sample.coordinator, fid, [(f"{i}.txt", b"x") for i in range(MAX_FILES - 2)])
    with pytest.raises(ValidationError, match="21.txt") as exc:
        attach_files(db, sample.coordinator, fid, [(f"{i}.txt", b"y") for i in range(19, 22)])
    assert "20" in exc.value.ja and "at most 20 files" in exc.value.en
    assert _count(db) == MAX_FILES - 2  # all or nothing: 19.txt and 20.txt are not stored


def test_a_finding_holds_at_most_fifty_mib(db: Database, sample: Sample) -> None:
    fid = _finding(db, sample)
    nine = b"z" * (9 * 1024 * 1024)
    attach_files(db, sample.coordinator, fid, [(f"{i}.bin", nine) for i in range(5)])  # 45 MiB
    with pytest.raises(ValidationError, match="last.bin") as exc:
        attach_files(db, sample.coordinator, fid, [("last.bin", b"w" * (6 * 1024 * 1024))])
    assert "50.0 MiB" in exc.value.ja and "51.0 MiB" in exc.value.en
    attach_files(db, sample.coordinator, fid, [("fits.bin", b"w" * (5 * 1024 * 1024))])


def test_empty_files_and_bad_names_are_refused(db: Database, sample: Sample) -> None:
    fid = _finding(db, sample)
    with pytest.raises(ValidationError, match="empty.jpg"):
        attach_files(db, sample.coordinator, fid, [("empty.jpg", b"")])
    for bad in ("evil\x00.jpg", "bell\x07.jpg", "rtl\u202egpj.exe", "a;b.jpg", "..", "x" * 256):
        with pytest.raises(ValidationError) as exc:
            attach_files(db, sample.coordinator, fid, [("good.jpg", jpeg()), (bad, jpeg())])
        assert exc.value.field == "attachments"
    assert _count(db) == 0


def test_path_parts_are_dropped_from_a_name(db: Database, sample: Sample) -> None:
    fid = _finding(db, sample)
    attach_files(
        db,
        sample.coordinator,
        fid,
        [("..\\..\\evil.jpg", jpeg()), ("/etc/passwd", b"root"), ("ｆｕｌｌ.jpg", jpeg(8, 8))],
    )
    assert [a.file_name for a in attachments_of_finding(db, fid)] == [
        "evil.jpg",
        "passwd",
        "full.jpg",
    ]


def test_the_same_file_again_changes_nothing_and_another_of_its_name_is_refused(
    db: Database, sample: Sample
) -> None:
    fid = _finding(db, sample)
    attach_files(db, sample.coordinator, fid, [("a.jpg", jpeg())])
    again = attach_files(db, sample.coordinator, fid, [("a.jpg", jpeg())])
    assert again.is_empty and _count(db) == 1
    with pytest.raises(ValidationError, match="a.jpg"):
        attach_files(db, sample.coordinator, fid, [("a.jpg", jpeg(color=(0, 0, 0)))])
    with pytest.raises(ValidationError, match="two files"):
        attach_files(db, sample.coordinator, fid, [("b.jpg", jpeg()), ("x/b.jpg", png())])


def test_a_decompression_bomb_and_broken_images_are_stored_without_a_thumbnail(
    db: Database, sample: Sample
) -> None:
    fid = _finding(db, sample)
    real = jpeg(400, 300)
    attach_files(
        db,
        sample.coordinator,
        fid,
        [
            ("bomb.png", png_bomb()),  # 400 megapixels: Pillow's own limit refuses it
            ("big.png", png_bomb(9_000)),  # 81 megapixels: under Pillow's, over ours
            ("truncated.jpg", real[: len(real) // 2]),
            ("fake.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),
        ],
    )
    lines = attachments_of_finding(db, fid)
    assert [(a.media_type, a.thumbnail) for a in lines] == [
        ("image/png", None),
        ("image/png", None),
        ("image/jpeg", None),
        ("image/png", None),
    ]
    assert photos_of_work_order(db, sample.work_order_ids[0]) == []  # no PDF writer sees them


def test_removing_one_file_is_audited_and_a_second_removal_says_it_is_gone(
    db: Database, sample: Sample
) -> None:
    fid = _finding(db, sample)
    attach_files(db, sample.coordinator, fid, [("a.jpg", jpeg()), ("b.pdf", b"%PDF-1.7")])
    first = attachments_of_finding(db, fid)[0]
    change = remove_attachment(db, sample.coordinator, first.id)
    assert change.ids_of(Entity.FINDING_ATTACHMENTS) == {first.id}
    assert [a.file_name for a in attachments_of_finding(db, fid)] == ["b.pdf"]
    with pytest.raises(NotFound):
        remove_attachment(db, sample.coordinator, first.id)
    with db.read() as s:
        before = s.scalars(
            select(AuditEntry.before).where(
                AuditEntry.action == "delete", AuditEntry.entity_id == first.id
            )
        ).one()
    assert before is not None and before["file_name"] == "a.jpg"
    assert "content" not in before


def test_removing_a_finding_removes_and_audits_its_files(db: Database, sample: Sample) -> None:
    fid = _finding(db, sample)
    other = _finding(db, sample, "腐食")
    attach_files(db, sample.coordinator, fid, [("a.jpg", jpeg()), ("b.png", png())])
    attach_files(db, sample.coordinator, other, [("c.jpg", jpeg())])
    with db.read() as s:
        finding_version = s.scalar(select(Finding.version).where(Finding.id == fid))
    assert finding_version is not None
    change = remove_finding(db, sample.coordinator, fid, finding_version)
    assert len(change.ids_of(Entity.FINDING_ATTACHMENTS)) == 2
    assert [a.file_name for a in attachments_of_finding(db, other)] == ["c.jpg"]
    with db.read() as s:
        names = s.scalars(
            select(AuditEntry.before)
            .where(AuditEntry.entity == "finding_attachments", AuditEntry.action == "delete")
            .order_by(AuditEntry.id)
        ).all()
    assert [n["file_name"] for n in names if n] == ["a.jpg", "b.png"]


def test_files_only_on_orders_open_to_findings_and_only_for_recorders(
    db: Database, sample: Sample
) -> None:
    fid = _finding(db, sample)
    attach_files(db, sample.coordinator, fid, [("a.jpg", jpeg())])
    with pytest.raises(PermissionDenied):
        attach_files(db, sample.seconded, fid, [("b.jpg", jpeg())])
    _set_status(db, sample.work_order_ids[0], S.ACCEPTED)
    with pytest.raises(ValidationError, match="WO-0001"):
        attach_files(db, sample.coordinator, fid, [("b.jpg", jpeg())])
    with pytest.raises(ValidationError, match="WO-0001"):
        remove_attachment(db, sample.coordinator, attachments_of_finding(db, fid)[0].id)
    with pytest.raises(NotFound):
        attach_files(db, sample.coordinator, 999_999, [("b.jpg", jpeg())])


def test_photos_of_a_work_order_in_asset_code_order_with_their_finding(
    db: Database, sample: Sample
) -> None:
    wid = sample.work_order_ids[0]
    fid = _finding(db, sample, "破損", FindingRank.A)
    other = _finding(db, sample, "クラック", FindingRank.B)
    photo1, photo2, photo3 = jpeg(color=(1, 2, 3)), png(), jpeg(color=(9, 9, 9))
    attach_files(db, sample.coordinator, fid, [("1.jpg", photo1), ("memo.pdf", b"%PDF-1.4")])
    attach_files(db, sample.coordinator, other, [("2.png", photo2), ("3.jpg", photo3)])
    photos = photos_of_work_order(db, wid)
    # One asset: by category (クラック before 破損), then as attached; no PDF.
    assert [(p.asset_code, p.category, p.file_name) for p in photos] == [
        ("052019-P-000001", "クラック", "2.png"),
        ("052019-P-000001", "クラック", "3.jpg"),
        ("052019-P-000001", "破損", "1.jpg"),
    ]
    assert photos[2].content == photo1 and photos[2].rank is FindingRank.A
    assert photos[0].urgency is not None and photos[0].media_type == "image/png"
    assert photos_of_work_order(db, sample.work_order_ids[1]) == []
