"""`oneaqita import` / `export`: the command-line errors (exit status 2) and the help text;
none of them opens a database."""

from pathlib import Path

import pytest

from oneaqita.cli import main
from tests.import_files import write_csv


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{(tmp_path / 'never.sqlite3').as_posix()}"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["import", "staff", "{csv}"], "unknown kind 'staff'"),
        (["import", "timesheets", "{csv}"], "supported kinds: organizations, shareholdings"),
        (["import", "people", "{dir}/missing.csv"], "no such file"),
        (["import", "people", "{dir}/people.xls"], "unsupported file type; use .csv or .xlsx"),
        (["export", "timesheets", "{dir}/t.csv"], "unknown kind 'timesheets'"),
        (["export", "people", "{dir}/people.txt"], "unsupported file type"),
        (["export", "people", "{dir}/no/people.csv"], "the folder does not exist"),
    ],
)
def test_wrong_commands_exit_2_with_a_bilingual_message(
    tmp_path: Path, url: str, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    csv = write_csv(tmp_path / "people.csv", [["職員番号"]])
    (tmp_path / "people.xls").write_bytes(b"")
    args = [a.format(csv=csv, dir=tmp_path) for a in argv]
    assert main([*args, "--db", url]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert err.startswith("oneaqita: ") and any("\u3040" <= c <= "\u9fff" for c in err)
    assert not (tmp_path / "never.sqlite3").exists()


@pytest.mark.parametrize("command", ["import", "export"])
def test_help_lists_the_supported_kinds_only(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    kinds = (
        "organizations, shareholdings, people, secondments, assets, contracts, work-orders, "
        "findings, time-entries"
    )
    assert f"KIND: {kinds}." in out
    if command == "import":
        assert "--check" in out
