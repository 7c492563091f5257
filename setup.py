"""The package list for setuptools; everything else is declared in pyproject.toml.

An installed wheel has no checkout around it, so the Alembic environment (migrations/) and
the fonts, translations and style sheets (resources/) travel inside the packages that use
them: as the subpackages `oneaqita.migrations` and `ui.resources`, mapped from the top-level
folders by `package_dir`. Nothing is copied or duplicated in the repository, the checkout
keeps its layout, and oneaqita/db/migrate.py and ui/resource_paths.py look in the installed
place first and in the checkout second. pyproject.toml cannot declare this: `packages.find`
lists only folders found at their package's place, and a hand-kept list would miss the next
new subpackage. Which files of the mapped folders ship: [tool.setuptools.package-data].
"""

from setuptools import find_namespace_packages, setup

MAPPED_FOLDERS = {"oneaqita.migrations": "migrations", "ui.resources": "resources"}

setup(
    packages=[*find_namespace_packages(include=["oneaqita*", "ui*"]), *MAPPED_FOLDERS],
    package_dir=MAPPED_FOLDERS,
)
