"""Where the bundled fonts, translations and style sheets are found."""

from importlib.resources import files
from pathlib import Path


def _resources_dir() -> Path:
    # An installed wheel carries the top-level resources/ folder as ui/resources (package_dir
    # in setup.py); a checkout, editable install included, has it beside ui/.
    installed = files("ui") / "resources"
    if isinstance(installed, Path) and installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[1] / "resources"


RESOURCES_DIR = _resources_dir()
FONT_FILE = RESOURCES_DIR / "fonts" / "ipaexg.ttf"
I18N_DIR = RESOURCES_DIR / "i18n"
STYLE_FILE = RESOURCES_DIR / "style" / "oneaqita.qss"
