"""Folders that travel with the code: in a checkout (editable install included) the top-level
migrations/ and resources/ beside the packages; in an installed wheel the same folders inside
the packages that use them (oneaqita/migrations, ui/resources: package_dir in setup.py)."""

from importlib.resources import files
from pathlib import Path


def bundled_folder(package: str, name: str, checkout: Path) -> Path:
    """`package`'s installed subfolder `name` where a wheel put it, else `checkout`."""
    installed = files(package) / name
    if isinstance(installed, Path) and installed.is_dir():
        return installed
    return checkout
