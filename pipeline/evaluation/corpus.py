"""The evaluation sets by name: the real-posting corpus (its `dev` and frozen `test` splits) and the
sets written for the project (`written`), for `jobtrends eval --set NAME`.

The test split is read only to report figures: no rule, alias or taxonomy entry is written from
it. `TEST_DIGEST` pins its content; `tests/eval/test_real_corpus.py` fails when it changes. A
posting's split is a function of its URL alone (`split_for`), so postings added later never move
one that is already placed.
"""

from __future__ import annotations

import hashlib
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from jobtrends.pipeline.errors import InputError
from jobtrends.pipeline.evaluation.sets import PACKAGE, packaged_set_files

REAL_PACKAGE = f"{PACKAGE}.real"
DEFAULT_SET = "test"
NAMES = ("test", "dev", "real", "written")
TEST_DIGEST = "47f8aaae6967338c5c86685d5832e4710ff07ca8971efd679b8b883b00229efa"
TEST_SHARE = 0.5


def split_for(url: str) -> str:
    """ "test" when the first 8 hex digits of SHA-256(url) / 2**32 fall below TEST_SHARE."""
    share = int(hashlib.sha256(url.strip().encode("utf-8")).hexdigest()[:8], 16) / 2**32
    return "test" if share < TEST_SHARE else "dev"


def real_split(name: str) -> Traversable:
    """The packaged file of one split of the real corpus ("dev" or "test")."""
    return resources.files(REAL_PACKAGE).joinpath(f"{name}.jsonl")


def set_files(choices: list[str] | tuple[str, ...]) -> list[Path | Traversable]:
    """The files that `--set` values name: "test" (default), "dev", "real" (both splits),
    "written" (the sets written for the project), or paths of JSONL files."""
    files: list[Path | Traversable] = []
    for choice in choices or (DEFAULT_SET,):
        if choice in ("test", "dev"):
            files.append(real_split(choice))
        elif choice == "real":
            files += [real_split("dev"), real_split("test")]
        elif choice == "written":
            files += packaged_set_files()
        else:
            path = Path(choice)
            if not path.is_file():
                raise InputError(
                    f"--set {choice}: no such evaluation file; give a JSONL path or one of "
                    f"{', '.join(NAMES)}"
                )
            files.append(path)
    return files


def split_digest(name: str = "test") -> str:
    """SHA-256 of a split's bytes (what `TEST_DIGEST` pins for the test split)."""
    return hashlib.sha256(real_split(name).read_bytes()).hexdigest()
