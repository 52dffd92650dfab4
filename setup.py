"""Package discovery: scraper/, pipeline/, reports/ become jobtrends.scraper, .pipeline, .reports.

Every folder below them is found here (data folders such as templates/ as namespace packages), so
a new subpackage needs no hand-kept list. Everything else is declared in pyproject.toml.
"""

from setuptools import find_namespace_packages, setup

FOLDERS = ("scraper", "pipeline", "reports")


def discovered() -> tuple[list[str], dict[str, str]]:
    packages, package_dir = [], {}
    for folder in FOLDERS:
        root = f"jobtrends.{folder}"
        package_dir[root] = folder
        found = find_namespace_packages(where=folder, exclude=["__pycache__", "*.__pycache__"])
        packages += [root, *(f"{root}.{name}" for name in found)]
    return packages, package_dir


PACKAGES, PACKAGE_DIR = discovered()
setup(packages=PACKAGES, package_dir=PACKAGE_DIR)
