"""Open report pages in headless Chromium and record what a reader's browser would see.

Several tabs load pages at once (Chromium renders each tab in its own process), and each page is
loaded exactly once: `visit_pages` returns a `PageVisit` per page for the tests to assert on.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import ConsoleMessage, Error, Page, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TABS = 3
TIMEOUT_MS = 120_000

# Runs in the page after load: every Plotly figure with its traces and data points, every chart
# section with its table and CSV link, the planted payload's flag, and the text a reader sees.
INSPECT = """
async () => {
  await new Promise((done) => setTimeout(done, 0));
  const length = (value) => (Array.isArray(value) ? value.length : 0);
  const points = (trace) =>
    Math.max(0, ...["x", "y", "z", "q1", "median", "values"].map((key) => length(trace[key])));
  return {
    plotDivs: Array.from(document.querySelectorAll("div.plot")).map((el) => el.id),
    plots: Array.from(document.querySelectorAll(".js-plotly-plot")).map((el) => ({
      id: el.id,
      points: (el.data || []).map(points),
      svg: el.querySelectorAll("svg.main-svg").length,
    })),
    charts: Array.from(document.querySelectorAll("section.chart")).map((section) => {
      const link = section.querySelector("p.download a[download]");
      return {
        id: section.id,
        table: section.querySelector("details > div > table, details table") !== null,
        header: Array.from(section.querySelectorAll("details table thead th")).map(
          (th) => th.textContent
        ),
        csv: link ? link.getAttribute("href") : null,
      };
    }),
    xss: typeof window.__jobtrends_xss,
    text: document.body.innerText,
  };
}
"""


@dataclass(frozen=True)
class Plot:
    id: str
    points: tuple[int, ...]  # data points per trace
    svg: int  # SVG layers Plotly drew


@dataclass(frozen=True)
class ChartSection:
    id: str
    table: bool
    header: tuple[str, ...]
    csv: str | None


@dataclass(frozen=True)
class PageVisit:
    name: str
    console_errors: tuple[str, ...]
    page_errors: tuple[str, ...]
    plot_divs: tuple[str, ...]
    plots: tuple[Plot, ...]
    charts: tuple[ChartSection, ...]
    xss: str  # typeof window.__jobtrends_xss
    text: str


@dataclass
class _Tab:
    page: Page
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.on("console", self._on_console)
        self.page.on("pageerror", self._on_error)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console.append(message.text)

    def _on_error(self, error: Error) -> None:
        self.errors.append(str(error))

    def start(self, path: Path) -> None:
        self.console.clear()
        self.errors.clear()
        self.page.goto(path.as_uri(), wait_until="commit")

    def finish(self, path: Path) -> PageVisit:
        self.page.wait_for_load_state("load")
        seen: dict[str, Any] = self.page.evaluate(INSPECT)
        return PageVisit(
            name=path.name,
            console_errors=tuple(self.console),
            page_errors=tuple(self.errors),
            plot_divs=tuple(seen["plotDivs"]),
            plots=tuple(Plot(p["id"], tuple(p["points"]), p["svg"]) for p in seen["plots"]),
            charts=tuple(
                ChartSection(c["id"], c["table"], tuple(c["header"]), c["csv"])
                for c in seen["charts"]
            ),
            xss=str(seen["xss"]),
            text=str(seen["text"]),
        )


def _batches(paths: Sequence[Path], size: int) -> Iterator[Sequence[Path]]:
    for start in range(0, len(paths), size):
        yield paths[start : start + size]


def visit_pages(paths: Sequence[Path], *, tabs: int = TABS) -> dict[str, PageVisit]:
    """Load every page over file:// once and record what the browser saw, by file name."""
    visits: dict[str, PageVisit] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.set_default_timeout(TIMEOUT_MS)
            open_tabs = [_Tab(context.new_page()) for _ in range(tabs)]
            for batch in _batches(paths, tabs):
                # Start every tab before waiting on any: the tabs render side by side.
                for tab, path in zip(open_tabs, batch, strict=False):
                    tab.start(path)
                for tab, path in zip(open_tabs, batch, strict=False):
                    visits[path.name] = tab.finish(path)
        finally:
            browser.close()
    return visits
