"""The package list for setuptools; everything else is declared in pyproject.toml.

An installed wheel has no checkout around it, so the Alembic environment (migrations/) and
the fonts, translations and style sheets (resources/) travel inside the packages that use
them: as the subpackages `oneaqita.migrations` and `oneaqita.resources`, mapped from the top-level
folders by `package_dir`. Nothing is copied or duplicated in the repository, the checkout
keeps its layout, and oneaqita/db/migrate.py and oneaqita/bundled.py look in the installed
place first and in the checkout second. pyproject.toml cannot declare this: `packages.find`
lists only folders found at their package's place, and a hand-kept list would miss the next
new subpackage. Which files of the mapped folders ship: [tool.setuptools.package-data].
"""

from pathlib import Path

from setuptools import find_namespace_packages, setup

MAPPED_FOLDERS = {"oneaqita.migrations": "migrations", "oneaqita.resources": "resources"}


def mapped_packages() -> list[str]:
    """The mapped folders and their subfolders (migrations/versions, resources/fonts, …), each
    named as the package it becomes, so that setuptools knows every one of them."""
    names = []
    for package, folder in MAPPED_FOLDERS.items():
        names.append(package)
        for sub in sorted(Path(folder).rglob("*")):
            if sub.is_dir() and sub.name != "__pycache__":
                names.append(".".join([package, *sub.relative_to(folder).parts]))
    return names


setup(
    packages=[*find_namespace_packages(include=["oneaqita*", "ui*"]), *mapped_packages()],
    package_dir=MAPPED_FOLDERS,
)
