"""Build the demo report once with the real CLI, then load every page in headless Chromium.

The browser tests need Debian's Chromium at /usr/bin/chromium (`make browser` installs it) and
the Playwright package; without them they are skipped, unless JOBTRENDS_REQUIRE_BROWSER is set
(CI sets it), in which case they fail.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.browser.crawl import PageVisit

CHROMIUM = Path("/usr/bin/chromium")
JOBTRENDS = Path(sys.executable).with_name("jobtrends")


def _require_browser() -> None:
    missing = []
    if not CHROMIUM.is_file():
        missing.append(f"{CHROMIUM} is missing (run `make browser` or apt-get install chromium)")
    if importlib.util.find_spec("playwright") is None:
        missing.append("the playwright package is not installed (pip install -e '.[dev]')")
    if not missing:
        return
    reason = "browser tests need Chromium and Playwright: " + "; ".join(missing)
    if os.environ.get("JOBTRENDS_REQUIRE_BROWSER"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report folder of `jobtrends demo`, run as a subprocess in a fresh folder."""
    _require_browser()
    work = tmp_path_factory.mktemp("browser-demo")
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOBTRENDS_")}
    result = subprocess.run(
        [str(JOBTRENDS), "-q", "demo", "--out", "demo"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    index = Path(result.stdout.strip().splitlines()[-1])
    return (work / index).parent


@pytest.fixture(scope="session")
def visits(demo_report: Path) -> dict[str, PageVisit]:
    """Every page of the demo report as the browser saw it, by file name."""
    from tests.browser.crawl import visit_pages  # needs playwright, checked above

    return visit_pages(sorted(demo_report.glob("*.html")))
