"""Where the bundled fonts, translations and style sheets are found."""

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parents[1] / "resources"
FONT_FILE = RESOURCES_DIR / "fonts" / "ipaexg.ttf"
I18N_DIR = RESOURCES_DIR / "i18n"
STYLE_FILE = RESOURCES_DIR / "style" / "oneaqita.qss"
