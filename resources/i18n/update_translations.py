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


def fill_from_json(ts: Path, sources: list[Path]) -> int:
    """Write translations given as {context: {source: translation}} JSON files into the
    unfinished messages of `ts` (how new pages hand in their English); returns how many."""
    import json
    import xml.etree.ElementTree as ET

    given: dict[tuple[str, str], str] = {}
    for path in sources:
        for context, messages in json.loads(path.read_text(encoding="utf-8")).items():
            for source, translation in messages.items():
                given[(context, source)] = translation
    tree = ET.parse(ts)
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            target = message.find("translation")
            key = (name, message.findtext("source", ""))
            if target is not None and target.get("type") == "unfinished" and key in given:
                target.text = given[key]
                del target.attrib["type"]
                filled += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return filled


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
        pending = sorted(I18N_DIR.glob("pending_*.json"))
        if pending:
            print(f"{ts.name}: {fill_from_json(ts, pending)} translations filled from JSON")
        subprocess.run([str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(qm)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
