"""Folders that travel with the code: in a checkout (editable install included) the top-level
migrations/ and resources/ beside the packages; in an installed wheel the same folders inside
the core package (oneaqita/migrations, oneaqita/resources: package_dir in setup.py), so that
the core's PDF reports reach the Japanese font without the UI."""

from importlib.resources import files
from pathlib import Path


def bundled_folder(package: str, name: str, checkout: Path) -> Path:
    """`package`'s installed subfolder `name` where a wheel put it, else `checkout`."""
    installed = files(package) / name
    if isinstance(installed, Path) and installed.is_dir():
        return installed
    return checkout


_CHECKOUT = Path(__file__).resolve().parents[1]
RESOURCES_DIR = bundled_folder("oneaqita", "resources", _CHECKOUT / "resources")
# IPAexGothic: Japanese on screen and in PDFs alike, whatever fonts the system has.
FONT_FILE = RESOURCES_DIR / "fonts" / "ipaexg.ttf"
