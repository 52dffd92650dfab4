"""Character-level checks on found skill mentions, the things a token gate cannot see.

- Metadata lines: a line that labels the posting rather than describing the job ("Category:
  Machine Learning", "Job Title: ...", "Department: ...") names no skill the job asks for.
- Abbreviations: "Amazon Web Services (AWS)", "machine learning (ML)": the bracketed short form
  right after the same skill is that one mention written twice.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from jobtrends.pipeline.results import SkillMention

_METADATA = re.compile(
    r"^[\s\-•*·–]*(?:job\s+)?(?:category|categories|title|position|department|job\s+function|"
    r"industry|function)\s*:",
    re.IGNORECASE,
)
_OPEN_BRACKET = re.compile(r"\s*\(\s*$")


def without_non_mentions(text: str, mentions: Sequence[SkillMention]) -> list[SkillMention]:
    """`mentions` (in text order) without those the module doc describes."""
    kept: list[SkillMention] = []
    for mention in mentions:
        line_start = text.rfind("\n", 0, mention.start) + 1
        before = text[line_start : mention.start]
        if _METADATA.match(before):
            continue
        if kept and _restates(text, kept[-1], mention):
            continue
        kept.append(mention)
    return kept


def _restates(text: str, previous: SkillMention, mention: SkillMention) -> bool:
    """`mention` is the bracketed short form of `previous` ("Large Language Models (LLMs)")."""
    return (
        previous.skill_id == mention.skill_id
        and _OPEN_BRACKET.fullmatch(text[previous.end : mention.start]) is not None
        and text[mention.end : mention.end + 1] == ")"
    )
