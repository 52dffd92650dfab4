"""The labeling cross-check: every taxonomy name or alias that stands in a posting's text as a
whole word but is covered by no label there (`jobtrends eval --cross-check`).

A flag is not an error: "go" may be a verb, a name may stand only in the title line. The corpus
was labeled in two passes and every flag of the second pass was reviewed (labeled, or left out
with the reason in the posting's notes), which is why the list is printed, never enforced.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from jobtrends.pipeline.evaluation.sets import GoldPosting
from jobtrends.pipeline.nlp.taxonomy import Taxonomy


@dataclass(frozen=True, slots=True)
class Flag:
    posting: str
    skill_id: str
    words: str
    start: int
    line: str


def unlabeled_names(postings: Sequence[GoldPosting], taxonomy: Taxonomy) -> Iterator[Flag]:
    """The flags of every posting, in posting and text order."""
    pattern, owners = _names_pattern(taxonomy)
    for posting in postings:
        covered = [(m.start, m.end) for m in posting.skills]
        for match in pattern.finditer(posting.text):
            start, end = match.span()
            if any(a < end and start < b for a, b in covered):
                continue
            words = match.group(0)
            skill = owners.get(words) or owners.get(words.lower())
            if skill is None:  # a case-sensitive form written in another case
                continue
            line_start = posting.text.rfind("\n", 0, start) + 1
            line_end = posting.text.find("\n", end)
            line = posting.text[line_start : line_end if line_end >= 0 else None].strip()
            yield Flag(posting.id, skill, words, start, line[:120])


def _names_pattern(taxonomy: Taxonomy) -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation of every surface form (longest first) and the skill each form names:
    forms of a case-sensitive skill are kept in their case, the others lowercased."""
    owners: dict[str, str] = {}
    for skill in taxonomy.skills:
        for form in skill.surface_forms:
            owners.setdefault(form if skill.case_sensitive else form.lower(), skill.id)
    forms = sorted(owners, key=len, reverse=True)
    alternation = "|".join(re.escape(form) for form in forms)
    return re.compile(rf"(?<![\w.+#-])(?:{alternation})(?![\w+#]|-\w)", re.IGNORECASE), owners
