"""Import files made inside the tests: CSV in a given encoding, XLSX with typed cells."""

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any


def write_csv(path: Path, rows: Sequence[Sequence[Any]], encoding: str = "utf-8-sig") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(
            [["" if v is None else v for v in row] for row in rows]
        )
    return path


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], title: str = "Sheet1") -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = title
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


_SML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    f'ContentType="{_SML}.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    f'ContentType="{_SML}.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    f'ContentType="{_SML}.sharedStrings+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" '
    f'Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    '<Relationship Id="rId2" '
    f'Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
    "</Relationships>"
)
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def write_xlsx_parts(
    path: Path, sheet: str | bytes, shared_strings: str | bytes | None = None
) -> Path:
    """A minimal workbook as Excel lays it out, with the given worksheet (and shared strings)
    XML as they are: for hostile or hand-made content. ``shared_strings=b""`` leaves the part
    out, for the caller to append."""
    import zipfile

    if shared_strings is None:
        shared_strings = f'<sst xmlns="{MAIN_NS}" count="0" uniqueCount="0"/>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        if shared_strings:
            z.writestr("xl/sharedStrings.xml", shared_strings)
    return path


def write_shared_strings_xlsx(path: Path, rows: Iterable[Sequence[str]]) -> Path:
    """A workbook whose text cells are all shared strings, as Excel writes them (openpyxl
    writes inline strings), streamed to the file: for big files too."""
    import zipfile
    from xml.sax.saxutils import escape

    index: dict[str, int] = {}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("xl/workbook.xml", _WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w") as f:
            f.write(f'<worksheet xmlns="{MAIN_NS}"><sheetData>'.encode())
            for number, row in enumerate(rows, start=1):
                cells = "".join(
                    f'<c t="s"><v>{index.setdefault(v, len(index))}</v></c>' if v else "<c/>"
                    for v in row
                )
                f.write(f'<row r="{number}">{cells}</row>'.encode())
            f.write(b"</sheetData></worksheet>")
        with z.open("xl/sharedStrings.xml", "w") as f:
            f.write(f'<sst xmlns="{MAIN_NS}">'.encode())
            for text in index:
                f.write(f"<si><t>{escape(text)}</t></si>".encode())
            f.write(b"</sst>")
    return path
