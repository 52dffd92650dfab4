"""Plain records that extraction takes and returns (no spaCy objects cross this boundary)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple

from jobtrends.scraper.records import StructuredSalary

# Where an extracted value came from: the source's structured field, or the posting text; None
# when neither stated it (the value is "unknown", or no salary).
Provenance = Literal["source", "text"]


@dataclass(frozen=True, slots=True)
class PostingText:
    """Input to extraction: a posting's title and plain text, plus the source's structured hints."""

    key: str
    title: str
    text: str
    remote_hint: str | None = None
    salary_hint: StructuredSalary | None = None
    company: str = ""
    location: str = ""
    seniority_hint: str | None = None
    tags: tuple[str, ...] = ()  # the board's tag list: skills found there get the `tags` section


@dataclass(frozen=True, slots=True)
class Salary:
    min: float | None
    max: float | None
    currency: str | None
    period: str
    annual_min: float | None
    annual_max: float | None


class SkillMention(NamedTuple):
    """One skill found in a posting; `start`/`end` are character offsets into the posting text.
    A NamedTuple, not a frozen dataclass like the others: mentions are built by the million, and
    a frozen dataclass takes five times as long to build."""

    skill_id: str
    name: str
    category: str
    text: str
    start: int
    end: int
    section: str
    negated: bool
    nice_to_have: bool


class TermCandidate(NamedTuple):
    """A term that stands where skills stand but names no taxonomy skill ("New tools to watch").
    `start`/`end` are character offsets into the posting text (into the tag list for section
    `tags`); `score` in [0, 1] says how sure the finder is that the term is a skill. Never
    counted as a skill."""

    term: str
    start: int
    end: int
    section: str
    score: float


def term_key(term: str) -> str:
    """The form a candidate term is counted under: lower case, single spaces ("Mojo", "mojo"
    and "MOJO" are one term)."""
    return " ".join(term.lower().split())


@dataclass(frozen=True, slots=True)
class Extraction:
    key: str
    role: str
    role_confidence: float
    seniority: str
    remote: str
    salary: Salary | None
    language: str
    skills: tuple[SkillMention, ...]
    remote_from: Provenance | None = None
    salary_from: Provenance | None = None
    seniority_from: Provenance | None = None
    candidates: tuple[TermCandidate, ...] = ()
