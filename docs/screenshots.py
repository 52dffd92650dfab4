"""Screenshots of a built report for the README: `make screenshots` (on the demo site).

Drives the headless Chromium the browser tests use (Debian's /usr/bin/chromium through
Playwright) and writes one PNG per page of SHOTS into the output folder, each the top of the page
once every Plotly figure on it is drawn.

    python docs/screenshots.py data/demo/report docs
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORT = {"width": 1280, "height": 1000}
TIMEOUT_MS = 120_000
# page file -> PNG name: the overview, a role page and the new tools page.
SHOTS = {
    "index.html": "overview.png",
    "role-llm_engineer.html": "role-llm-engineer.png",
    "new-tools.html": "new-tools.png",
}
# Plotly marks each div it has drawn into with the class js-plotly-plot.
ALL_DRAWN = """
() => document.querySelectorAll("div.plot.js-plotly-plot").length
    === document.querySelectorAll("div.plot").length
"""


def take_screenshots(report: Path, out_dir: Path) -> list[Path]:
    """One PNG per page of SHOTS found in `report`; the paths written."""
    missing = [name for name in SHOTS if not (report / name).is_file()]
    if missing:
        raise FileNotFoundError(
            f"{report}: no {', '.join(missing)}; build the demo report first (`make demo`)"
        )
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            page = browser.new_page(viewport=VIEWPORT, device_scale_factor=1)
            page.set_default_timeout(TIMEOUT_MS)
            for name, png in SHOTS.items():
                page.goto((report / name).resolve().as_uri(), wait_until="load")
                page.wait_for_function(ALL_DRAWN)
                target = out_dir / png
                page.screenshot(path=str(target), full_page=False)
                written.append(target)
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path, help="a built report folder (its index.html)")
    parser.add_argument("out", type=Path, help="where the PNG files go")
    args = parser.parse_args(argv)
    try:
        for path in take_screenshots(args.report, args.out):
            print(path)
    except FileNotFoundError as missing:
        print(f"error: {missing}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
