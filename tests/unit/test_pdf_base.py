"""The PDF groundwork every report shares (oneaqita/reports/pdf_base.py, photo_sheet.py):
the embedded font, page n / N with the date of issue in 令和, cells cut to their column,
writing whole or not at all, and photos that cannot be read."""

import os
from datetime import date
from pathlib import Path

import pytest
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from oneaqita.errors import DomainError
from oneaqita.reports.pdf_base import (
    FONT_NAME,
    ReportPage,
    build_pdf,
    data_table,
    fit,
    para,
    styles,
    write_pdf,
)
from oneaqita.reports.photo_sheet import MAX_PIXELS, PhotoCard, photo_sheet, prepared_image
from tests.pdf_tools import assert_fonts_embedded, page_label, pdf_pages, pdf_text
from tests.sheet_builders import image_bytes

PAGE = ReportPage("株主向け事業報告", date(2026, 4, 1), reference="令和7年度", period="令和7年度")


def test_a_long_table_splits_with_its_header_and_every_page_is_numbered(tmp_path: Path) -> None:
    rows = [["番号", "名称"]] + [[str(n), f"秋田県 第{n}号"] for n in range(1, 401)]
    pdf = build_pdf([Paragraph("表", styles().title), data_table(rows, [80, 200])], PAGE)
    pages = pdf_pages(pdf, tmp_path)
    assert pages >= 5
    for page in (1, pages):
        text = pdf_text(pdf, tmp_path, page, page)
        assert page_label(page, pages, text)
        assert "番号" in text and "名称" in text  # the header row, on every page
        assert "発行日 令和8年4月1日" in text and "対象期間 令和7年度" in text
        assert "株主向け事業報告" in text and "株式会社ONE・AQITA" in text
    assert "秋田県 第400号" in pdf_text(pdf, tmp_path, pages, pages)
    assert_fonts_embedded(pdf, tmp_path)  # and no Helvetica for the canvas' first font


def test_the_first_year_of_an_era_is_gannen(tmp_path: Path) -> None:
    pdf = build_pdf([para("本文")], ReportPage("報告", date(2019, 5, 1)))
    assert "発行日 令和元年5月1日" in pdf_text(pdf, tmp_path)


def test_fit_cuts_to_the_width_with_an_ellipsis() -> None:
    assert fit("052019-P-000001", 200) == "052019-P-000001"
    cut = fit("八橋処理区" * 40, 100)
    assert cut.endswith("…") and cut.startswith("八橋処理区")
    assert stringWidth(cut, FONT_NAME, 8.5) <= 100
    assert fit("一行目\n二行目\t三", 500) == "一行目 二行目 三"
    assert fit(None, 100) == "" and fit("長い", 1) == "…"


def test_paragraphs_print_markup_as_typed(tmp_path: Path) -> None:
    pdf = build_pdf([para("<b>太字?</b> & <font size=40>x</font>")], PAGE)
    assert "<b>太字?</b> & <font size=40>x</font>" in pdf_text(pdf, tmp_path)


def test_write_pdf_replaces_whole_or_names_the_path(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    write_pdf(target, b"%PDF-new")
    assert target.read_bytes() == b"%PDF-new"
    with pytest.raises(DomainError) as exc:
        write_pdf(tmp_path / "none" / "out.pdf", b"%PDF")
    assert str(tmp_path / "none" / "out.pdf") in exc.value.ja
    assert "cannot write the file" in exc.value.en
    if os.geteuid() != 0:  # root writes into a read-only folder anyway
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        with pytest.raises(DomainError):
            write_pdf(locked / "out.pdf", b"%PDF")
    assert not list(tmp_path.rglob(".*partial"))  # no half-written file left behind


def test_images_are_scaled_turned_to_rgb_and_bad_ones_refused() -> None:
    big = prepared_image(image_bytes((10, 20, 30), size=(4000, 3000), kind="PNG"))
    assert big is not None and (big[1], big[2]) == (MAX_PIXELS, 1200)
    assert big[0][:2] == b"\xff\xd8"  # re-encoded as JPEG
    assert prepared_image(b"") is None
    assert prepared_image(b"GIF89a" + b"\x00" * 20) is None
    assert prepared_image(image_bytes((1, 2, 3))[:200]) is None  # a truncated JPEG


def test_photo_sheet_pages_six_a_page(tmp_path: Path) -> None:
    cards = [PhotoCard(image_bytes((20 * i, 50, 90)), f"写真{i}", "ランク b") for i in range(7)]
    cards.append(PhotoCard(b"broken", "壊れた写真"))
    pdf = build_pdf([para("表紙"), *photo_sheet(cards)], PAGE)
    assert pdf_pages(pdf, tmp_path) == 3
    text = pdf_text(pdf, tmp_path, 3, 3)
    assert "写真帳 (2 / 2)" in text and "写真6" in text and "壊れた写真" in text
    assert "画像を表示できません" in text
    assert photo_sheet([]) == []
