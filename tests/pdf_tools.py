"""Reading produced PDFs back with poppler-utils (pdftotext, pdffonts, pdfinfo), as a person
checking the file would."""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

TOOLS = ("pdftotext", "pdffonts", "pdfinfo")


def _need_poppler() -> None:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        pytest.skip(
            f"poppler-utils not installed ({', '.join(missing)}): apt-get install poppler-utils"
        )


def _file(data: bytes | Path, tmp_path: Path) -> Path:
    if isinstance(data, Path):
        return data
    path = tmp_path / "checked.pdf"
    path.write_bytes(data)
    return path


def pdf_text(
    data: bytes | Path, tmp_path: Path, first: int | None = None, last: int | None = None
) -> str:
    """The text of the PDF (pages ``first``…``last``), in reading order."""
    _need_poppler()
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    run = subprocess.run(
        ["pdftotext", *pages, str(_file(data, tmp_path)), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return run.stdout


def pdf_pages(data: bytes | Path, tmp_path: Path) -> int:
    _need_poppler()
    run = subprocess.run(
        ["pdfinfo", str(_file(data, tmp_path))], capture_output=True, text=True, check=True
    )
    line = next(line for line in run.stdout.splitlines() if line.startswith("Pages:"))
    return int(line.split()[1])


def pdf_fonts(data: bytes | Path, tmp_path: Path) -> list[dict[str, str]]:
    """One dict per font: name, type, emb (yes/no), sub."""
    _need_poppler()
    run = subprocess.run(
        ["pdffonts", str(_file(data, tmp_path))], capture_output=True, text=True, check=True
    )
    fonts = []
    for line in run.stdout.splitlines()[2:]:
        # name, then a type of one or more words, the encoding, then emb sub uni object ID.
        parts = line.split()
        fonts.append(
            {"name": parts[0], "type": " ".join(parts[1:-6]), "emb": parts[-5], "sub": parts[-4]}
        )
    return fonts


def assert_fonts_embedded(data: bytes | Path, tmp_path: Path) -> None:
    """Every font embedded, each the bundled IPAexGothic, none a CID font left out."""
    fonts = pdf_fonts(data, tmp_path)
    assert fonts, "no font in the PDF"
    for font in fonts:
        assert font["emb"] == "yes", font
        assert font["name"].endswith("+IPAexGothic"), font
        assert font["type"] == "TrueType", font  # not "CID Type 0" (HeiseiKakuGo) nor Type 1


def page_label(page: int, pages: int, text: str) -> bool:
    """Whether ``text`` (one page's) shows "page / pages" (pdftotext may drop the spaces)."""
    return re.search(rf"(?<!\d){page}\s*/\s*{pages}(?!\d)", text) is not None
