"""The first line of a Hacker News "Who is hiring?" post, read defensively.

Posts conventionally start `Company | Role(s) | Location | REMOTE | Full-time | Salary | URL`, but
order and separators vary. The line is split on `|` (else on ` - ` or ` / `), the first token is
the company, and every other token is classified by what it looks like rather than where it
stands. With no role token the whole line becomes the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobtrends.scraper.records import RemoteHint

MAX_TITLE = 160

_SEPARATORS = (re.compile(r"\|"), re.compile(r"\s+[-–—]\s+"), re.compile(r"\s+/\s+"))
_URL = re.compile(r"^(?:https?://\S+|www\.\S+|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?)$", re.I)
_SALARY = re.compile(
    r"[$€£¥₹]\s*\d|\d\s*[kK]\b|\b(?:USD|EUR|GBP|CAD|AUD|CHF|SEK|NOK|DKK|PLN|INR|JPY|SGD)\b"
    r"|\b(?:salary|equity|compensation)\b",
    re.I,
)
_ROLE = re.compile(
    r"\b(?:engineers?|engineering|scientists?|developers?|researchers?|research|swes?|sres?"
    r"|architects?|designers?|managers?|analysts?|programmers?|devops|cto|head of|directors?"
    r"|founding|lead|specialists?|consultants?|administrators?|interns?|technicians?"
    r"|product owner|mle|ml ops|mlops)\b",
    re.I,
)
_REMOTE = re.compile(r"\bremote\b", re.I)
_NOT_REMOTE = re.compile(r"\b(?:no|not|non)[\s-]+remote\b", re.I)
_HYBRID = re.compile(r"\bhybrid\b", re.I)
_ONSITE = re.compile(r"\b(?:on-?site|on site|in[- ]office|in person|in-person)\b", re.I)
_KEYWORDS_ONLY = re.compile(
    r"\b(?:remote|hybrid|on-?site|on site|in[- ]office|in[- ]person"
    r"|only|ok|friendly|first|no|not|non)\b",
    re.I,
)
_EMPLOYMENT = re.compile(
    r"^(?:(?:full|part)[\s-]?time|contract(?:or)?|freelance|permanent|temporary"
    r"|visa(?: sponsorship)?|no visa|internships?|[\s,/&+]|and|or)+$",
    re.I,
)
_PLACE_WORD = re.compile(r"^[A-Z][\w'.-]*$|^\(.*\)$|^[a-z]{1,3}$")


@dataclass(frozen=True, slots=True)
class PostHeader:
    company: str
    title: str
    location: str
    remote: RemoteHint | None


def parse_header(line: str) -> PostHeader:
    """Company, role(s), location and remote hint of one post's first line."""
    line = " ".join(line.split())
    tokens = _tokens(line)
    if len(tokens) < 2:
        return PostHeader("", _shorten(line), "", None)
    roles: list[str] = []
    places: list[str] = []
    hints: list[str] = []
    for token in tokens[1:]:
        kind = _classify(token)
        if kind == "role":
            roles.append(token)
        elif kind == "remote":
            hints.append(token)
            if _KEYWORDS_ONLY.sub("", token).strip(" ,;:/()-"):
                places.append(token)
        elif kind == "place":
            places.append(token)
    title = ", ".join(roles) if roles else line
    return PostHeader(tokens[0], _shorten(title), "; ".join(places), _remote_hint(" ".join(hints)))


def _tokens(line: str) -> list[str]:
    for separator in _SEPARATORS:
        parts = [part.strip() for part in separator.split(line)]
        parts = [part for part in parts if part]
        if len(parts) >= 2:
            return parts
    return [line] if line else []


def _classify(token: str) -> str:
    if _URL.match(token):
        return "url"
    if _ROLE.search(token):
        return "role"
    if _REMOTE.search(token) or _HYBRID.search(token) or _ONSITE.search(token):
        return "remote"
    if _SALARY.search(token):
        return "salary"
    if _EMPLOYMENT.match(token):
        return "employment"
    if _looks_like_place(token):
        return "place"
    return "other"


def _looks_like_place(token: str) -> bool:
    """Capitalised words ("San Francisco", "Berlin, Germany", "NYC"); not shouted phrases."""
    words = token.replace(",", " ").split()
    if not words or len(words) > 5:
        return False
    if len(words) > 1 and token.isupper():
        return False
    return all(_PLACE_WORD.match(word) for word in words)


def _remote_hint(text: str) -> RemoteHint | None:
    if _REMOTE.search(_NOT_REMOTE.sub(" ", text)):
        return "remote"
    if _HYBRID.search(text):
        return "hybrid"
    if _ONSITE.search(text):
        return "onsite"
    return None


def _shorten(text: str) -> str:
    if len(text) <= MAX_TITLE:
        return text
    cut = text[:MAX_TITLE].rsplit(" ", 1)[0]
    return f"{cut}…"
