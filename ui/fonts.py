"""A Japanese font everywhere: the platform's where it has one, the bundled IPAexGothic
where it has none (a bare Linux shows boxes instead of kanji otherwise)."""

import sys
from dataclasses import dataclass

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from ui.resource_paths import FONT_FILE

BUNDLED_FAMILY = "IPAexGothic"


@dataclass(frozen=True)
class FontSituation:
    platform_has_japanese: bool  # before the bundled font was added
    bundled_family: str | None  # None if the font file could not be loaded


_situation: FontSituation | None = None


def load_bundled_font() -> FontSituation:
    """Adds the bundled font once per process (it then also serves as a fallback)."""
    global _situation
    if _situation is None:
        had_japanese = bool(QFontDatabase.families(QFontDatabase.WritingSystem.Japanese))
        font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        _situation = FontSituation(had_japanese, families[0] if families else None)
    return _situation


def setup_fonts(app: QApplication) -> str:
    """Makes the bundled font the application font where the platform has no Japanese one;
    Windows and macOS keep their own UI font (they always have Japanese). Returns the family
    in use."""
    situation = load_bundled_font()
    keep_platform = sys.platform in ("win32", "darwin") or situation.platform_has_japanese
    if not keep_platform and situation.bundled_family:
        font = QFont(app.font())
        font.setFamilies([situation.bundled_family])
        app.setFont(font)
    return app.font().family()
