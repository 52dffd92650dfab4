"""The first line of a Hacker News "Who is hiring?" post, read defensively.

Posts conventionally start `Company | Role(s) | Location | REMOTE | Full-time | Salary | URL`, but
order and separators vary. Grammar:

- Segments are split on `|`, `—`, a spaced `–` or `·` (all at once); a line with none of these is
  split on ` - `, else on ` / `. A range cut by a separator ("$150k – $200k") is put back together.
  `/` inside a word ("Senior/Lead", "PT/ET") never splits.
- The first segment is the company; every other segment is classified by what it looks like,
  not where it stands: URL, salary (a currency or "k" amount; parsed into a `StructuredSalary`),
  remote/hybrid/on-site, employment type (full-time, contract, intern, visa...), role (a role
  word), place (capitalised words), or other.
- A parenthesised or bracketed part inside any segment is read on its own: "Acme (Remote US)"
  gives the company "Acme" and remote; "[Full-time]" is an employment type; "(London)" after the
  company is a place; anything else ("(YC W21)", "(LLMs)") stays where it is.
- Without a role word the title is the first unclassified segment, never the whole line.
- A line with no separator at all is prose ("Acme is hiring senior Rust engineers in Berlin"):
  company before "is hiring"/"is looking for", the role after it, a place after "in", remote
  and pay wherever they are written; else the line itself is the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobtrends.scraper.records import RemoteHint, StructuredSalary
from jobtrends.scraper.sources.hn.header_words import (
    EMPLOYMENT,
    HYBRID,
    KEYWORDS_ONLY,
    NOT_REMOTE,
    ONSITE,
    REMOTE,
    ROLE,
    SALARY,
    URL,
    looks_like_place,
)
from jobtrends.scraper.sources.hn.salary import parse_salary

MAX_TITLE = 160

_STRONG = re.compile(r"\s*\|\s*|\s*—\s*|\s+–\s+|\s+·\s+")
_WEAK = (re.compile(r"\s+-\s+"), re.compile(r"\s+/\s+"))
_AMOUNT_END = re.compile(r"(?:[$€£]\s*\d[\d,.]*|\d[\d,.]*\s*[kKmM]?)\s*$")
_AMOUNT_START = re.compile(r"^(?:[$€£]|CA\$|A\$|C\$)?\s*\d")
_LINK = re.compile(r"^(?:https?://|www\.)\S+$", re.I)  # a bare "Kiln.dev" is a company name
_ASIDE = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]")
_PROSE = re.compile(
    r"^(?:(?P<company>[A-Z0-9][\w.&'’+-]*(?:\s+(?:\([^)]*\)|[A-Z0-9][\w.&'’+-]*)){0,4})\s+)?"
    r"(?:is|are|'s|’s)\s+(?:now\s+|currently\s+|actively\s+)?(?:hiring|looking for|seeking)\b"
    r"(?:\s+(?:an?|for|two|three|several|multiple))?\s+(?P<role>[^,.;:!()]+)",
    re.I,
)
_PRONOUNS = frozenset({"we", "i", "they", "our team", "my team", "my company", "our company"})
_PROSE_ROLE_END = re.compile(r"\s+(?:in|at|to|for|who|with|from|on|based|remote|-)\b.*$", re.I)
_PROSE_PLACE = re.compile(r"\b(?:in|based in)\s+((?:[A-Z][\w.'-]*)(?:,?\s+[A-Z][\w.'-]*){0,3})")


@dataclass(frozen=True, slots=True)
class PostHeader:
    company: str
    title: str
    location: str
    remote: RemoteHint | None
    salary: StructuredSalary | None = None
    employment: str = ""
    url: str = ""


@dataclass(slots=True)
class _Parts:
    roles: list[str]
    places: list[str]
    hints: list[str]
    others: list[str]
    salaries: list[str]
    employment: list[str]
    urls: list[str]

    def header(self, company: str, fallback_title: str) -> PostHeader:
        title = ", ".join(self.roles) or (self.others[0] if self.others else fallback_title)
        salary = next((s for s in map(parse_salary, self.salaries) if s is not None), None)
        return PostHeader(
            company,
            _shorten(title),
            "; ".join(dict.fromkeys(self.places)),
            _remote_hint(" ".join(self.hints)),
            salary,
            ", ".join(self.employment),
            self.urls[0] if self.urls else "",
        )


def parse_header(line: str) -> PostHeader:
    """Company, role(s), location, remote hint, salary, employment type and URL of a first line."""
    line = " ".join(line.split())
    segments = _segments(line)
    if not segments:
        return PostHeader("", "", "", None)
    if len(segments) == 1:
        return _prose(line)
    parts = _Parts([], [], [], [], [], [], [])
    if _LINK.match(segments[0]) and len(segments) > 2:  # "https://acme.example | Acme | ..."
        parts.urls.append(segments.pop(0))
    company = _read_company(segments[0], parts)
    for segment in segments[1:]:
        _read_segment(segment, parts)
    # Company | <no role word> | Place: the segment in the role's place is the role.
    role_spot = not parts.roles and not parts.others and len(parts.places) > 1
    if role_spot and parts.places[0] == segments[1]:
        parts.others.append(parts.places.pop(0))
    return parts.header(company, "")


def _segments(line: str) -> list[str]:
    for separator in (_STRONG, *_WEAK):
        pieces = separator.split(line)
        if len(pieces) < 2:
            continue
        joiners = separator.findall(line)
        merged = [pieces[0]]
        for joiner, piece in zip(joiners, pieces[1:], strict=True):
            dash = joiner.strip() in ("–", "—", "-")
            if dash and _AMOUNT_END.search(merged[-1]) and _AMOUNT_START.match(piece):
                merged[-1] = f"{merged[-1]}{joiner}{piece}"  # "$150k – $200k" is one range
            else:
                merged.append(piece)
        kept = [piece.strip() for piece in merged if piece.strip()]
        if len(kept) >= 2:
            return kept
    return [line] if line else []


def _read_company(segment: str, parts: _Parts) -> str:
    """The company, with asides that say remote, employment, pay or place taken out of it."""
    return _take_asides(segment, parts, places_too=True) or segment


def _read_segment(segment: str, parts: _Parts) -> None:
    rest = _take_asides(segment, parts, places_too=False)
    if rest:
        _classify_into(rest, parts)


def _take_asides(segment: str, parts: _Parts, *, places_too: bool) -> str:
    """`segment` without the asides that were read; each read aside is recorded in `parts`."""

    def read(match: re.Match[str]) -> str:
        inner = match.group(1).strip()
        if not inner:
            return ""
        kind = _kind(inner)
        if kind in ("remote", "employment", "salary", "url") or (places_too and kind == "place"):
            _record(kind, inner, parts)
            return ""
        if match.group(0).lstrip().startswith("["):
            return ""  # brackets hold tags ("[Full-time]", "[VISA]"), never a title's words
        return match.group(0)

    return _ASIDE.sub(read, segment).strip(" ,;:-")


def _classify_into(segment: str, parts: _Parts) -> None:
    _record(_kind(segment), segment, parts)


def _record(kind: str, text: str, parts: _Parts) -> None:
    if kind == "url":
        parts.urls.append(text)
    elif kind == "salary":
        parts.salaries.append(text)
    elif kind == "employment":
        parts.employment.append(text)
    elif kind == "role":
        parts.roles.append(text)
    elif kind == "remote":
        parts.hints.append(text)
        if KEYWORDS_ONLY.sub("", text).strip(" ,;:/()-"):
            parts.places.append(text)
    elif kind == "place":
        parts.places.append(text)
    else:
        parts.others.append(text)


def _kind(text: str) -> str:
    if URL.match(text):
        return "url"
    if SALARY.search(text) and (parse_salary(text) is not None or not ROLE.search(text)):
        return "salary"
    if EMPLOYMENT.match(text):
        return "employment"
    if ROLE.search(text):
        return "role"
    if REMOTE.search(text) or HYBRID.search(text) or ONSITE.search(text):
        return "remote"
    if looks_like_place(text):
        return "place"
    return "other"


def _prose(line: str) -> PostHeader:
    """A first line without separators (see module doc)."""
    match = _PROSE.search(line)
    remote = _remote_hint(line)
    salary = parse_salary(line) if SALARY.search(line) else None
    if match is None:
        return PostHeader("", _shorten(line), "", remote, salary)
    company = _ASIDE.sub("", match.group("company") or "").strip()
    if company.lower() in _PRONOUNS:
        company = ""
    role = _PROSE_ROLE_END.sub("", match.group("role")).strip()
    place = _PROSE_PLACE.search(line[match.start("role") :])
    where = place.group(1).rstrip(".") if place else ""
    return PostHeader(company, _shorten(role), where, remote, salary)


def _remote_hint(text: str) -> RemoteHint | None:
    if REMOTE.search(NOT_REMOTE.sub(" ", text)):
        return "remote"
    if HYBRID.search(text):
        return "hybrid"
    if ONSITE.search(text):
        return "onsite"
    return None


def _shorten(text: str) -> str:
    if len(text) <= MAX_TITLE:
        return text
    cut = text[:MAX_TITLE].rsplit(" ", 1)[0]
    return f"{cut}…"
