"""The `oneaqita` command: the core's command line, with the desktop app for no subcommand."""

import sys
from collections.abc import Sequence

from oneaqita.cli import main as cli_main


def _open_app(url: str | None, demo: bool) -> int:
    from ui.app import run  # only now: subcommands need no Qt

    return int(run(url, demo=demo))


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, open_app=_open_app)


if __name__ == "__main__":
    sys.exit(main())
