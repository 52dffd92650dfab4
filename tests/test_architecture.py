"""The shape of the tree: the README lists every folder, modules stay small, pipeline/ stays flat.

The layers themselves are checked by import-linter (`make lint`, contracts in pyproject.toml).
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_ROOTS = ("scraper", "pipeline", "reports")
TOP_FOLDERS = (".ci", "bench", "data", "docs", "tests")
MAX_MODULE_LINES = 310


def _layout_folders() -> list[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    block = section.split("```", 2)[1]
    return [m.group(1).rstrip("/") for m in re.finditer(r"^(\S+/)\s", block, re.M)]


def _tree_folders() -> list[str]:
    found = [folder for folder in TOP_FOLDERS if (ROOT / folder).is_dir()]
    for root in PACKAGE_ROOTS:
        for path in [ROOT / root, *(ROOT / root).rglob("*")]:
            if path.is_dir() and path.name != "__pycache__" and any(path.iterdir()):
                found.append(path.relative_to(ROOT).as_posix())
    return found


def test_every_folder_has_one_line_and_every_line_a_folder() -> None:
    listed = _layout_folders()
    assert len(listed) == len(set(listed)), "a folder is listed twice"
    assert sorted(listed) == sorted(_tree_folders())


def test_pipeline_keeps_a_short_top_level() -> None:
    modules = sorted(p.name for p in (ROOT / "pipeline").glob("*.py"))
    assert len(modules) <= 10, modules


def test_modules_stay_small() -> None:
    """About 300 lines at most: one responsibility a module."""
    sizes = {
        path.relative_to(ROOT).as_posix(): len(path.read_text("utf-8").splitlines())
        for root in PACKAGE_ROOTS
        for path in (ROOT / root).rglob("*.py")
    }
    assert {name: lines for name, lines in sizes.items() if lines > MAX_MODULE_LINES} == {}


def test_a_deferred_import_says_it_is_kept_for_start_up_time() -> None:
    """No import hides inside a function to dodge a cycle (import-linter forbids cycles); the few
    kept inside functions so that light commands start fast say so just above them."""
    unexplained = []
    for root in PACKAGE_ROOTS:
        for path in (ROOT / root).rglob("*.py"):
            lines = path.read_text("utf-8").splitlines()
            for number, line in enumerate(lines):
                if not re.match(r"\s+(from \S+ import|import) ", line):
                    continue
                if _in_type_checking_block(lines, number):
                    continue
                context = "\n".join(lines[max(0, number - 4) : number])
                if "TYPE_CHECKING" in context or "start-up time" in context:
                    continue
                if lines[number - 1].strip().startswith("from ") or lines[number - 1].strip() == "":
                    earlier = "\n".join(lines[max(0, number - 8) : number])
                    if "start-up time" in earlier:
                        continue
                unexplained.append(f"{path.relative_to(ROOT)}:{number + 1}: {line.strip()}")
    assert unexplained == []


def _in_type_checking_block(lines: list[str], number: int) -> bool:
    """Whether line `number` lies in a top-level `if TYPE_CHECKING:` block."""
    for line in reversed(lines[:number]):
        if line.startswith("if TYPE_CHECKING:"):
            return True
        if line and not line[0].isspace() and not line.startswith(")"):
            return False
    return False
