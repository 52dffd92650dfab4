"""Invented tools that enter the demo market part-way through, for the "New tools to watch" page.

No taxonomy names them (they do not exist), so the extraction can only see them as term
candidates. Each has a role set and a `late` curve: absent at first, then asked for in a growing
share of postings. They are written as one more requirement or nice-to-have bullet of ATS
postings. The draw uses its own `Random`, seeded from the posting's company, time and title, so
adding them leaves every other draw of the corpus, and so every other posting, unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from random import Random

from jobtrends.scraper.demo.markup import Section, render_html
from jobtrends.scraper.demo.trends import Trend, late, level
from jobtrends.scraper.demo.writer import MAX_BYTES


@dataclass(frozen=True, slots=True)
class NewTool:
    name: str
    roles: frozenset[str]
    trend: Trend
    bullets: tuple[str, ...]  # "{tool}" stands for the name


NEW_TOOLS = (
    NewTool(
        "QuillStream",
        frozenset({"llm_engineer", "ai_application_developer"}),
        late(0.4, 0.75, 0.22),
        (
            "Hands-on experience with {tool} or a similar agent runtime",
            "Familiarity with {tool} for orchestrating multi-step agents",
        ),
    ),
    NewTool(
        "TensorLane",
        frozenset({"ai_infrastructure_engineer", "ml_engineer"}),
        late(0.55, 0.85, 0.2),
        (
            "Experience with {tool} for GPU job scheduling",
            "Knowledge of {tool} or another GPU cluster scheduler",
        ),
    ),
    NewTool(
        "GlintBench",
        frozenset({"llm_engineer", "ml_researcher", "ml_engineer"}),
        late(0.7, 0.95, 0.25),
        (
            "Experience with {tool} for evaluating model releases",
            "Familiarity with {tool} evaluation suites",
        ),
    ),
)
_KINDS = ("requirements", "nice_to_have")


def add_new_tools(
    sections: tuple[Section, ...], style: str, role: str, t: float, seed: str
) -> tuple[tuple[Section, ...], str | None, tuple[str, ...]]:
    """The sections with a bullet naming each new tool drawn for this posting (at most one), the
    re-rendered HTML (None when nothing was added) and the tools written. A bullet that would
    take the HTML past the corpus's size limit is not written."""
    rng = Random(seed)
    chosen = [
        tool for tool in NEW_TOOLS if role in tool.roles and rng.random() < level(tool.trend, t)
    ]
    kinds = [s.kind for s in sections]
    if not chosen or not any(kind in kinds for kind in _KINDS):
        return sections, None, ()
    tool = chosen[0]
    kind = rng.choice([k for k in _KINDS if k in kinds])
    bullet = rng.choice(tool.bullets).format(tool=tool.name)
    updated = tuple(
        replace(s, bullets=(*s.bullets, bullet)) if s.kind == kind else s for s in sections
    )
    html = render_html(updated, style)
    if len(html.encode()) > MAX_BYTES:
        return sections, None, ()
    return updated, html, (tool.name,)
