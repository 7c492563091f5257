"""The work-order sheet (作業指示書) read from the database and laid out as PDF, and
`oneaqita report work-order`, on SQLite and PostgreSQL: the text read back with pdftotext,
the fonts with pdffonts."""

import hashlib
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event, select

from oneaqita.cli import main
from oneaqita.condition import span_urgency
from oneaqita.errors import NotFound, PermissionDenied, ValidationError
from oneaqita.models import AssetKind, Finding, FindingAttachment, FindingRank, Urgency
from oneaqita.reports.work_order_sheet import render_work_order_sheet, work_order_sheet_pdf
from oneaqita.reports.work_order_sheet_data import SheetPhoto, work_order_sheet_data
from oneaqita.services.actor import SYSTEM_ACTOR, Actor
from oneaqita.services.database import Database
from oneaqita.thumbnails import thumbnail_of
from tests.builders import Sample, build_sample
from tests.logins import actor_for, add_login
from tests.pdf_tools import assert_fonts_embedded, page_label, pdf_pages, pdf_text
from tests.sheet_builders import add_assets, add_finding, image_bytes, set_note

ISSUED = date(2026, 12, 1)


@pytest.fixture
def reader(db: Database) -> Actor:
    """The desktop user (the first, so an administrator), registered before the sample's."""
    return add_login(db)  # also the command line's user


@pytest.fixture
def sample(db: Database, reader: Actor) -> Sample:
    return build_sample(db)


def test_the_data_holds_the_order_its_assignees_assets_and_findings(
    db: Database, sample: Sample
) -> None:
    add_assets(db, sample, 2)
    add_finding(db, sample, "052019-P-000002", "破損", FindingRank.A, "継手部")
    data = work_order_sheet_data(db, "WO-0001")
    assert (data.number, data.title, data.client_name) == (
        "WO-0001",
        "秋田処理区 管路点検 第1工区",
        "秋田市",
    )
    assert (data.contract_number, data.contract_title) == ("C-1", "令和7年度 包括業務委託")
    assert data.type_name_ja == "点検"
    assert [(a.employee_no, a.name) for a in data.assignees] == [("E0001", "佐藤 花子")]
    assert [a.code for a in data.assets] == [f"052019-P-00000{i}" for i in (1, 2, 3)]
    assert data.assets[1].kind is AssetKind.PIPE
    assert (data.assets[1].district, data.assets[1].diameter_mm) == ("八橋処理区 第1分区", 200)
    # None was given: the urgency in effect is the one the rule gives for the grades.
    [finding] = data.findings
    assert (finding.asset_code, finding.category, finding.rank) == (
        "052019-P-000002",
        "破損",
        FindingRank.A,
    )
    assert finding.urgency is span_urgency([("破損", FindingRank.A)]) is Urgency.II


def test_the_assets_are_read_by_one_query_whatever_their_number(
    db: Database, sample: Sample
) -> None:
    def statements(number: str) -> int:
        seen: list[str] = []

        def count(*args: object) -> None:
            seen.append(str(args[2]))

        event.listen(db.engine, "before_cursor_execute", count)
        try:
            work_order_sheet_data(db, number)
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
        return sum(1 for s in seen if s.lstrip().upper().startswith("SELECT"))

    few = statements("WO-0001")
    add_assets(db, sample, 120)
    assert statements("WO-0001") == few


def test_an_unknown_number_is_not_found_in_both_languages(db: Database, sample: Sample) -> None:
    with pytest.raises(NotFound) as exc:
        work_order_sheet_data(db, "WO-9999")
    assert exc.value.ja == "作業番号 'WO-9999' の作業指示はありません。"
    assert exc.value.en == "There is no work order numbered 'WO-9999'."
    with pytest.raises(NotFound) as long:
        work_order_sheet_data(db, "W" * 100_000)
    assert len(long.value.ja) < 100  # a huge number is cut in the message
    with pytest.raises(ValidationError) as nul:  # PostgreSQL cannot even compare it
        work_order_sheet_data(db, "WO-\x00001")
    assert "作業番号" in nul.value.ja and "Work-order number" in nul.value.en
    with pytest.raises(NotFound):
        work_order_sheet_data(db, "  ")
    assert (
        work_order_sheet_data(db, "ＷＯ－０００１").number == "WO-0001"
    )  # as typed on a JP keyboard


def test_the_pdf_says_the_order_its_client_and_assets_in_embedded_japanese(
    db: Database, sample: Sample, reader: Actor, tmp_path: Path
) -> None:
    add_assets(db, sample, 2)
    add_finding(db, sample, "052019-P-000003", "クラック", FindingRank.B, "管頂部に亀裂")
    pdf = work_order_sheet_pdf(db, reader, "WO-0001", issued=ISSUED)
    text = pdf_text(pdf, tmp_path)
    for expected in (
        "作業指示書",
        "WO-0001",
        "秋田処理区 管路点検 第1工区",
        "秋田市",
        "C-1 令和7年度 包括業務委託",
        "佐藤 花子 (E0001)",
        "令和7年5月1日 〜 令和7年6月1日",
        "052019-P-000001",
        "052019-P-000002",
        "052019-P-000003",
        "八橋処理区 第1分区",
        "現地記録票",
        "作業者",
        "確認者",
        "記録済みの所見 (1件)",
        "管頂部に亀裂",
        "発行日 令和8年12月1日",
    ):
        assert expected in text, expected
    assert_fonts_embedded(pdf, tmp_path)


def test_stored_text_prints_as_typed(
    db: Database, sample: Sample, reader: Actor, tmp_path: Path
) -> None:
    set_note(
        db, sample, title='=HYPERLINK("x") <b>&amp; 試験', note="<i>一行目</i>\n二行目 & <br/>"
    )
    text = pdf_text(work_order_sheet_pdf(db, reader, "WO-0001", issued=ISSUED), tmp_path)
    assert '=HYPERLINK("x") <b>&amp; 試験' in text
    assert "<i>一行目</i>\n二行目 & <br/>" in text


def test_a_3000_asset_order_splits_over_numbered_pages(sqlite_db: Database, tmp_path: Path) -> None:
    reader = actor_for(sqlite_db)
    sample = build_sample(sqlite_db)
    add_assets(sqlite_db, sample, 2999)
    pdf = work_order_sheet_pdf(sqlite_db, reader, "WO-0001", issued=ISSUED)
    pages = pdf_pages(pdf, tmp_path)
    assert pages > 100  # both the asset table and the form take thousands of rows
    first = pdf_text(pdf, tmp_path, 1, 1)
    assert "対象施設 (3,000件、延長計 106,464.50 m)" in first
    assert page_label(1, pages, first)
    middle = pdf_text(pdf, tmp_path, 20, 20)
    assert page_label(20, pages, middle)
    assert "施設番号" in middle and "布設年" in middle  # the header row repeats
    last = pdf_text(pdf, tmp_path, pages, pages)
    assert "052019-P-003000" in last and "確認者" in last and page_label(pages, pages, last)
    assert_fonts_embedded(pdf, tmp_path)


def test_photos_make_a_photo_sheet_and_a_bad_image_a_captioned_box(
    db: Database, sample: Sample, tmp_path: Path
) -> None:
    photos = [
        SheetPhoto(
            "052019-P-000001", f"破損{i}", FindingRank.A, Urgency.I, image_bytes((30 * i, 90, 160))
        )
        for i in range(6)
    ]
    photos.append(
        SheetPhoto(
            "052019-P-000001", "浸入水", FindingRank.C, None, image_bytes((0, 0, 0), kind="PNG")
        )
    )
    photos.append(SheetPhoto("052019-P-000001", "たるみ", None, None, b"\xff\xd8 not a jpeg"))
    data = work_order_sheet_data(db, "WO-0001")
    without = pdf_pages(render_work_order_sheet(data, issued=ISSUED), tmp_path)
    pdf = render_work_order_sheet(data, photos, issued=ISSUED)
    pages = pdf_pages(pdf, tmp_path)
    assert pages == without + 2  # eight photos, six a page
    sheet = pdf_text(pdf, tmp_path, without + 1, pages)
    assert "写真帳 (1 / 2)" in sheet and "写真帳 (2 / 2)" in sheet
    assert "052019-P-000001 破損5" in sheet and "ランク a 緊急度 I" in sheet
    assert "052019-P-000001 浸入水" in sheet
    assert "画像を表示できません" in sheet and "052019-P-000001 たるみ" in sheet
    assert_fonts_embedded(pdf, tmp_path)


def test_reading_the_sheet_is_for_registered_users(db: Database, sample: Sample) -> None:
    with pytest.raises(PermissionDenied):
        work_order_sheet_pdf(db, SYSTEM_ACTOR, "WO-0001")


# -- oneaqita report work-order ---------------------------------------------------------------


def test_cli_writes_the_sheet(
    db: Database, sample: Sample, any_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "作業指示書.pdf"
    assert main(["report", "work-order", "WO-0002", "-o", str(out), "--db", any_url]) == 0
    assert "作業指示書 WO-0002 を書き出しました" in capsys.readouterr().out
    text = pdf_text(out, tmp_path)
    assert "秋田処理区 TVカメラ調査" in text and "対象施設はありません。" in text
    assert not list(tmp_path.glob(".*partial"))


def test_cli_prints_the_photos_attached_to_the_orders_findings(
    db: Database, sample: Sample, any_url: str, tmp_path: Path
) -> None:
    add_finding(db, sample, "052019-P-000001", "浸入水", FindingRank.B, "継手部")
    with db.read() as session:
        finding_id = session.scalar(select(Finding.id).where(Finding.category == "浸入水"))
        content = image_bytes((30, 90, 160))
        session.add(
            FindingAttachment(
                finding_id=finding_id,
                file_name="継手.jpg",
                media_type="image/jpeg",
                size_bytes=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                content=content,
                thumbnail=thumbnail_of(content, "image/jpeg"),
            )
        )
        session.commit()
    out = tmp_path / "sheet.pdf"
    assert main(["report", "work-order", "WO-0001", "-o", str(out), "--db", any_url]) == 0
    pages = pdf_pages(out.read_bytes(), tmp_path)
    last = pdf_text(out, tmp_path, pages, pages)
    assert "写真帳" in last and "052019-P-000001 浸入水" in last


def test_cli_unknown_number_exits_1_with_a_bilingual_message(
    db: Database, sample: Sample, any_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    assert main(["report", "work-order", "WO-9999", "-o", str(out), "--db", any_url]) == 1
    err = capsys.readouterr().err
    assert "作業番号 'WO-9999' の作業指示はありません。" in err
    assert "There is no work order numbered 'WO-9999'." in err
    assert main(["report", "work-order", "WO-\x1b[2J", "-o", str(out), "--db", any_url]) == 1
    assert "作業番号" in capsys.readouterr().err  # a control character, named, no traceback
    assert not out.exists()


def test_cli_unwritable_path_exits_1_and_says_why(
    db: Database, sample: Sample, any_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "missing" / "x.pdf"
    assert main(["report", "work-order", "WO-0001", "-o", str(out), "--db", any_url]) == 1
    err = capsys.readouterr().err
    assert f"{out}: ファイルを書き込めません" in err and "cannot write the file" in err
    folder = tmp_path / "folder.pdf"
    folder.mkdir()  # the name of a folder cannot become the PDF
    assert main(["report", "work-order", "WO-0001", "-o", str(folder), "--db", any_url]) == 1
    assert "cannot write the file" in capsys.readouterr().err
    assert folder.is_dir() and not list(tmp_path.glob(".*partial"))
