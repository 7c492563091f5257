"""Where the bundled fonts, translations and style sheets are found (see oneaqita.bundled)."""

from pathlib import Path

from oneaqita.bundled import bundled_folder

RESOURCES_DIR = bundled_folder("ui", "resources", Path(__file__).resolve().parents[1] / "resources")
FONT_FILE = RESOURCES_DIR / "fonts" / "ipaexg.ttf"
I18N_DIR = RESOURCES_DIR / "i18n"
STYLE_FILE = RESOURCES_DIR / "style" / "oneaqita.qss"
