"""Where the bundled fonts, translations and style sheets are found (see oneaqita.bundled)."""

from oneaqita.bundled import FONT_FILE, RESOURCES_DIR

__all__ = ["FONT_FILE", "I18N_DIR", "RESOURCES_DIR", "STYLE_FILE"]

I18N_DIR = RESOURCES_DIR / "i18n"
STYLE_FILE = RESOURCES_DIR / "style" / "oneaqita.qss"
