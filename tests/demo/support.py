"""Helpers of the demo tests: month windows and the skill-spelling scanner."""

from __future__ import annotations

import re
from collections.abc import Callable

from jobtrends.scraper.demo import DemoCorpus, DemoPosting
from jobtrends.scraper.demo.companies import COMPANY_STACK
from jobtrends.scraper.demo.markup import Section, render_plain
from jobtrends.scraper.demo.spellings import SURFACES
from jobtrends.scraper.demo.vocabulary import all_skill_names


def window(corpus: DemoCorpus, first: int, last: int) -> list[DemoPosting]:
    """Postings of months [first, last) of the corpus (negative indexes count from the end)."""
    months = set(corpus.months[first:last] if last else corpus.months[first:])
    return [p for p in corpus.postings if p.posted_at.strftime("%Y-%m") in months]


def share(postings: list[DemoPosting], test: Callable[[DemoPosting], bool]) -> float:
    return sum(1 for p in postings if test(p)) / len(postings)


def body_text(posting: DemoPosting) -> str:
    """The posting's text without its title: an HN post's first line is its header."""
    sections = posting.sections
    if posting.source == "hn":
        sections = (Section("general", None, posting.sections[0].paragraphs[1:]),)
    return render_plain(sections)


def _scanner(case_sensitive: bool) -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation over every spelling (longest first) and a map back to canonical names."""
    names: dict[str, str] = {}
    for name in [*all_skill_names(), *COMPANY_STACK]:
        for form in {name, *SURFACES.get(name, ())}:
            if any(ch.isupper() for ch in form) == case_sensitive:
                names[form if case_sensitive else form.lower()] = name
    forms = sorted(names, key=len, reverse=True)
    body = "|".join(re.escape(form) for form in forms)
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(rf"(?<![\w.+/-])(?:{body})(?![\w+#]|\.\w)", flags), names


SCANNERS = (_scanner(True), _scanner(False))


def skills_written(text: str) -> set[str]:
    """Canonical skills whose spellings occur in `text`, longest match first, no overlaps."""
    spans = []
    for pattern, names in SCANNERS:
        for match in pattern.finditer(text):
            key = match.group(0) if pattern.flags & re.IGNORECASE == 0 else match.group(0).lower()
            spans.append((match.start(), match.end(), names[key]))
    spans.sort(key=lambda span: (span[0], span[0] - span[1]))
    found: set[str] = set()
    covered = -1
    for start, end, name in spans:
        if start >= covered:
            found.add(name)
            covered = end
    return found
