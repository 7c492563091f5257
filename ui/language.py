"""Which language the UI speaks, and loading the translators for it.

Japanese is the source language of every string, so Japanese needs no translator of ours
(only Qt's own, for standard buttons). English comes from resources/i18n/oneaqita_en.qm.
"""

import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ui.resource_paths import I18N_DIR

ENV_LANG = "ONEAQITA_LANG"


def chosen_language(system_languages: list[str] | None = None) -> str:
    """'ja' or 'en': ONEAQITA_LANG wins; otherwise Japanese when the system UI language is
    Japanese, English for every other language."""
    forced = os.environ.get(ENV_LANG, "").strip().lower()
    if forced in ("ja", "en"):
        return forced
    languages = QLocale.system().uiLanguages() if system_languages is None else system_languages
    first = languages[0].lower() if languages else ""
    return "ja" if first.startswith("ja") else "en"


def app_translator(language: str) -> QTranslator | None:
    """Our own translator for `language`, or None where the source text is already right."""
    if language == "ja":
        return None
    translator = QTranslator()
    if not translator.load(f"oneaqita_{language}", str(I18N_DIR)):
        return None
    return translator


def qt_translator(language: str) -> QTranslator | None:
    """Qt's translation of its own dialogs (Yes/No, Cancel, …)."""
    translator = QTranslator()
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return translator if translator.load(f"qtbase_{language}", path) else None


# Kept referenced here: a translator that is garbage-collected stops translating.
_installed: list[QTranslator] = []


def install_translators(app: QCoreApplication, language: str) -> None:
    """Replaces any translators installed before with those for `language`."""
    uninstall_translators(app)
    _installed.extend(t for t in (qt_translator(language), app_translator(language)) if t)
    for translator in _installed:
        app.installTranslator(translator)


def uninstall_translators(app: QCoreApplication) -> None:
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
