"""Hostile and odd import files, read and parsed without a database: formulas without a saved
value, oversized and compressed-bomb workbooks, broken and entity-laden XML, over-long cells,
long values quoted in messages, and encodings that are neither UTF-8 nor Japanese CP932."""

import zipfile
from pathlib import Path

import pytest

from oneaqita.transfer import parse_file
from oneaqita.transfer.reading import (
    MAX_CELL_CHARS,
    ImportFileError,
    RefusedCell,
    detect_encoding,
    read_rows,
)
from oneaqita.values import QUOTED_CHARS, ValueParseError, parse_int, quote
from tests.import_files import (
    MAIN_NS,
    write_csv,
    write_shared_strings_xlsx,
    write_xlsx,
    write_xlsx_parts,
)

HEADER = ["職員番号", "氏名", "所属団体", "メール"]


def _sheet(rows: str) -> str:
    return f'<worksheet xmlns="{MAIN_NS}"><sheetData>{rows}</sheetData></worksheet>'


def _errors(path: Path) -> list[str]:
    return [str(e) for e in parse_file("people", path).report.errors]


# -- formulas ------------------------------------------------------------------------------
def test_formula_without_a_saved_value_is_refused_at_its_cell(tmp_path: Path) -> None:
    # openpyxl writes formulas as they are, with no value: "=..." and an empty <v/>.
    path = write_xlsx(
        tmp_path / "f.xlsx", [HEADER, ["E001", "佐藤 花子", "秋田市", '=LOWER("A@EXAMPLE.JP")']]
    )
    assert _errors(path) == [
        f"{path}:2: メール: 数式の結果が保存されていません。Excelで開いて保存し直してください"
        " / formula without a saved value: open and save the file in Excel first"
    ]


def test_formula_with_a_saved_value_reads_the_value(tmp_path: Path) -> None:
    # As Excel saves them: the formula and what it last computed, also an empty text result.
    path = write_xlsx_parts(
        tmp_path / "v.xlsx",
        _sheet(
            '<row r="1"><c t="inlineStr"><is><t>a</t></is></c></row>'
            '<row r="2"><c><f>1+1</f><v>2</v></c><c t="str"><f>""</f><v></v></c>'
            "<c><f>NOW()</f></c></row>"
        ),
    )
    rows = list(read_rows(path))
    assert rows[1][1][:2] == [2, None]
    assert isinstance(rows[1][1][2], RefusedCell)


# -- sizes ---------------------------------------------------------------------------------
def test_a_shared_string_bomb_is_refused_before_parsing(tmp_path: Path) -> None:
    # 300 MB of one letter compresses to some 300 KB: refused by its size, at once.
    path = tmp_path / "bomb.xlsx"
    write_xlsx_parts(path, _sheet('<row r="1"><c t="s"><v>0</v></c></row>'), b"")
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z,
        z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f,
    ):
        f.write(f'<sst xmlns="{MAIN_NS}"><si><t>'.encode())
        for _ in range(300):
            f.write(b"A" * 1_000_000)
        f.write(b"</t></si></sst>")
    assert path.stat().st_size < 2_000_000
    errors = _errors(path)
    assert len(errors) == 1 and len(errors[0]) < 400, errors
    assert "xl/sharedStrings.xml" in errors[0] and "too large" in errors[0]


def test_a_compressed_sheet_over_the_ratio_is_refused(tmp_path: Path) -> None:
    empty = "<row/>" * 1_000_000  # 6 MB that compress a thousand times
    path = write_xlsx_parts(tmp_path / "r.xlsx", _sheet(empty))
    with pytest.raises(ImportFileError, match="sheet1.xml.*too large"):
        list(read_rows(path))


def test_an_over_long_cell_is_refused_at_its_cell(tmp_path: Path) -> None:
    long = "x" * (MAX_CELL_CHARS + 1)
    for path in (
        write_csv(tmp_path / "l.csv", [HEADER, ["E001", long, "秋田市", ""]]),
        # (openpyxl itself cuts what it writes to 32,767 characters: the XML by hand.)
        write_xlsx_parts(
            tmp_path / "l.xlsx",
            _sheet(
                "".join(
                    f'<row r="{n}">'
                    + "".join(f'<c t="inlineStr"><is><t>{v}</t></is></c>' for v in row)
                    + "</row>"
                    for n, row in enumerate([HEADER, ["E001", long, "秋田市"]], start=1)
                )
            ),
        ),
        write_shared_strings_xlsx(tmp_path / "s.xlsx", [HEADER, ["E001", long, "秋田市", ""]]),
    ):
        errors = _errors(path)
        assert errors == [
            f"{path}:2: 氏名: セルが長すぎます (32,768文字、上限32,767文字)"
            " / cell too long (32,768 characters, at most 32,767)"
        ], path


def test_shared_strings_are_read_back_from_the_spill_file(tmp_path: Path) -> None:
    rows = [HEADER] + [
        [f"E{i:04d}", f"名前{i % 7}", "秋田市", f"p{i}@example.jp"] for i in range(5000)
    ]
    path = write_shared_strings_xlsx(tmp_path / "s.xlsx", rows)
    assert [cells for _, cells in read_rows(path)] == rows


# -- broken XML ----------------------------------------------------------------------------
def test_truncated_sheet_xml_is_a_message_naming_the_part(tmp_path: Path) -> None:
    whole = _sheet('<row r="1"><c t="inlineStr"><is><t>職員番号</t></is></c></row>' * 3)
    path = write_xlsx_parts(tmp_path / "t.xlsx", whole[: len(whole) // 2])
    errors = _errors(path)
    assert len(errors) == 1 and "xl/worksheets/sheet1.xml" in errors[0], errors
    assert "damaged" in errors[0]


@pytest.mark.parametrize("part", ["sheet", "shared strings"])
def test_billion_laughs_is_refused(tmp_path: Path, part: str) -> None:
    entities = '<!ENTITY a "lol">' + "".join(
        f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9)
    )
    doctype = f"<!DOCTYPE worksheet [{entities}]>"
    if part == "sheet":
        sheet = doctype + _sheet('<row r="1"><c t="inlineStr"><is><t>&j;</t></is></c></row>')
        path = write_xlsx_parts(tmp_path / "b.xlsx", sheet)
    else:
        strings = doctype + f'<sst xmlns="{MAIN_NS}"><si><t>&j;</t></si></sst>'
        path = write_xlsx_parts(
            tmp_path / "b.xlsx", _sheet('<row r="1"><c t="s"><v>0</v></c></row>'), strings
        )
    with pytest.raises(ImportFileError) as err:
        list(read_rows(path))
    assert "damaged" in err.value.en and ("sheet1.xml" in err.value.en) == (part == "sheet")


# -- values quoted in messages ----------------------------------------------------------------
def test_long_values_are_quoted_cut_with_their_length() -> None:
    assert quote("abc") == "'abc'"
    assert quote("y" * 100_000) == f"'{'y' * QUOTED_CHARS}'… (100,000 characters)"
    assert quote("y" * 100, ja=True).endswith("… (100文字)")
    with pytest.raises(ValueParseError) as err:
        parse_int("9" * 5000 + "x")
    assert len(str(err.value)) < 200


def test_a_long_cell_is_not_printed_whole(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "n.csv", [HEADER, ["E001", "名" * 30_000, "秋田市", ""]])
    (error,) = _errors(path)
    assert len(error) < 300 and "30,000" in error


# -- encodings -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "code,name\r\nE001,Straße\r\n",
        "code,name\r\nE001,Françoise\r\n",
        "code,name\r\nE001,MÜLLER\r\n",
        "code,name\r\nE001,Ärzte\r\n",
        "code,name\r\nE001,señor\r\n",
        "code,name\r\nE001,Gâteau\r\n",
    ],
)
def test_latin1_that_decodes_as_cp932_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "l.csv"
    path.write_bytes(text.encode("latin-1"))
    text.encode("latin-1").decode("cp932")  # it does decode: only plausibility refuses it
    with pytest.raises(ImportFileError) as err:
        detect_encoding(path)
    assert err.value.line == 2
    assert "UTF-8" in err.value.en and "Shift_JIS (CP932)" in err.value.en


@pytest.mark.parametrize(
    "rows",
    [
        [["職員番号", "カナ"], ["E001", "ｻﾄｳ ﾊﾅｺ"], ["E002", "ｶ)ABCｼｮｳｼﾞ"]],
        [["資格", "所属"], ["①級", "㈱みちのく"], ["髙橋", "№１"]],
        [["name"], ["Excel形式の表"], ["iPhone用"], ["A社B課"]],
    ],
)
def test_real_shift_jis_is_still_read(tmp_path: Path, rows: list[list[str]]) -> None:
    path = write_csv(tmp_path / "j.csv", rows, "cp932")
    assert detect_encoding(path) == "cp932"
    assert [cells for _, cells in read_rows(path)] == rows
