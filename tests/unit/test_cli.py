"""The command line: which database the app opens, and the maintenance subcommands."""

import pytest

import ui.app
from oneaqita.cli import main as core_main
from ui.launcher import main


def test_plain_start_opens_the_given_database(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[object, ...]] = []
    monkeypatch.setattr(ui.app, "run", lambda *a, **k: calls.append((a, k)) or 0)
    assert main(["--db", "sqlite:///x.sqlite3"]) == 0
    assert calls == [(("sqlite:///x.sqlite3",), {"demo": False})]


def test_demo_start_opens_the_separate_demo_file(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[object, ...]] = []
    monkeypatch.setattr(ui.app, "run", lambda *a, **k: calls.append((a, k)) or 0)
    assert main(["--demo"]) == 0
    (url,), kwargs = calls[0]
    assert str(url).endswith("oneaqita-demo.sqlite3") and kwargs == {"demo": True}


def test_db_upgrade_then_demo_fill_an_empty_file(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    url = f"sqlite:///{(tmp_path / 'cli.sqlite3').as_posix()}"
    assert main(["db", "upgrade", "--db", url]) == 0
    from oneaqita.db.engine import make_engine
    from oneaqita.db.migrate import head_revision

    engine = make_engine(url)
    assert f"revision {head_revision(engine)}" in capsys.readouterr().out
    engine.dispose()
    assert main(["demo", "--db", url, "--scale", "0.01"]) == 0
    assert "work_orders" in capsys.readouterr().out
    assert main(["demo", "--db", url, "--scale", "0.01"]) == 1  # it has users: who is asking?
    assert "--user LOGIN" in capsys.readouterr().err
    # The demo's admin needs no password on the demo database; still never over its data.
    assert main(["--user", "admin", "demo", "--db", url, "--scale", "0.01"]) == 1
    assert "空のデータベース" in capsys.readouterr().err


def test_help_lists_the_subcommands(capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as done:
        main(["--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert all(word in out for word in ("db", "demo", "import", "export", "report", "--demo"))


@pytest.mark.parametrize(
    "argv",
    [
        ["report"],  # which report?
        ["report", "work-order", "WO-0001"],  # no -o FILE
        ["report", "work-order", "-o", "x.pdf"],  # no NUMBER
        ["report", "hours", "-o", "x.pdf"],  # not a report (yet)
    ],
)
def test_a_report_command_without_what_it_needs_exits_2(argv, capsys) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as done:
        main(argv)
    assert done.value.code == 2
    assert "usage: oneaqita report" in capsys.readouterr().err


def test_the_core_command_line_opens_no_window(capsys) -> None:  # type: ignore[no-untyped-def]
    assert core_main([]) == 2
    assert "subcommand" in capsys.readouterr().err
