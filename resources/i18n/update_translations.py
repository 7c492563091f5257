"""Developer tool: refresh oneaqita_en.ts from the UI sources and compile oneaqita_en.qm.

    .venv/bin/python resources/i18n/update_translations.py

lupdate keeps the English already written in the .ts and adds new Japanese source texts as
"unfinished"; translate those (Qt Linguist: .venv/bin/pyside6-linguist, or any editor), then
run this again. tests/gui/test_translations.py fails while any message is unfinished.
"""

import subprocess
import sys
from pathlib import Path

I18N_DIR = Path(__file__).resolve().parent
ROOT = I18N_DIR.parents[1]
BIN = Path(sys.executable).parent
LANGUAGES = ("en",)


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    for language in LANGUAGES:
        ts = I18N_DIR / f"oneaqita_{language}.ts"
        qm = ts.with_suffix(".qm")
        lupdate = [str(BIN / "pyside6-lupdate"), *sources, "-no-obsolete", "-locations", "none"]
        subprocess.run(
            [*lupdate, "-source-language", "ja", "-target-language", language, "-ts", str(ts)],
            cwd=ROOT,
            check=True,
        )
        subprocess.run([str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
