"""The words and shapes `header` classifies a Hacker News first-line segment by."""

from __future__ import annotations

import re

URL = re.compile(
    r"^(?:https?://\S+|www\.\S+|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}(?:/\S*)?"
    r"|(?:apply|jobs|careers|more|info)\s*(?:at|here|:)?\s*:?\s*(?:https?://|www\.)\S+)$",
    re.I,
)
SALARY = re.compile(
    r"[$€£¥₹]\s*\d|\d\s?[€£]|\d\s*[kK]\b|\b(?:USD|EUR|GBP|CAD|AUD|CHF|SEK|NOK|DKK|PLN|INR|JPY|SGD)\b"
    r"|\b(?:salary|equity|compensation|comp|stipend|pay)\b|\d\s*%",
    re.I,
)
ROLE = re.compile(
    r"\b(?:engineers?|engineering|eng|scientists?|science|developers?|devs?|researchers?|research"
    r"|swes?|sres?|sdets?|mles?|architects?|designers?|design|managers?|analysts?|programmers?"
    r"|devops|mlops|ml ops|cto|vp|head of|directors?|founding|lead|leads|specialists?"
    r"|consultants?|administrators?|technicians?|product owner|full[- ]?stack|front[- ]?end"
    r"|back[- ]?end|ios|android|mobile|data|ml|ai|llm|platform|infra(?:structure)?|security"
    r"|sales|marketing|recruiters?|account executives?|operations|ops|support|success|qa"
    r"|testers?|writers?|hackers?|generalists?|staff|principal|roles|positions|openings"
    r"|everyone|various|multiple|many|all levels|physicists?|mathematicians?|quants?"
    r"|economists?|coordinators?|associates?|officers?|advocates?|evangelists?|product"
    r"|biologists?|chemists?|statisticians?|interns?)\b",
    re.I,
)
REMOTE = re.compile(r"\bremote\b", re.I)
NOT_REMOTE = re.compile(r"\b(?:no|not|non)[\s-]+remote\b", re.I)
HYBRID = re.compile(r"\bhybrid\b", re.I)
ONSITE = re.compile(r"\b(?:on-?site|on site|in[- ]office|in person|in-person|office)\b", re.I)
KEYWORDS_ONLY = re.compile(
    r"\b(?:remote|hybrid|on-?site|on site|in[- ]office|office|in[- ]person"
    r"|only|ok|friendly|first|no|not|non|possible|optional|available|fully|100%|global(?:ly)?"
    r"|anywhere|worldwide)\b",
    re.I,
)
EMPLOYMENT = re.compile(
    r"^(?:(?:full|part)[\s-]?time|ft|pt|contract(?:ors?)?|contract-to-hire|freelance|permanent"
    r"|temporary|temp|seasonal|visa(?: sponsorship)?(?: available| ok)?|no visa|sponsorship"
    r"|internships?|co-?op|fte|w2|1099|[\s,/&+]|and|or)+$",
    re.I,
)
_PLACE_WORD = re.compile(r"^[A-Z][\w'.-]*$|^\(.*\)$|^[a-z]{1,3}$")
# Capitalised words an aside after a company name holds that are not places ("(Series B)").
_NOT_PLACE = re.compile(
    r"\b(?:series|seed|yc|backed|funded|acquired|formerly|stealth|inc|ltd|llc|gmbh|raised)\b", re.I
)


def looks_like_place(token: str) -> bool:
    """Capitalised words ("San Francisco", "Berlin, Germany", "NYC"); not shouted phrases and no
    digits (a funding round or a batch, "YC W21", is not a place)."""
    words = token.replace(",", " ").replace(";", " ").split()
    if not words or len(words) > 5 or any(char.isdigit() for char in token):
        return False
    if _NOT_PLACE.search(token):
        return False
    if len(words) > 1 and token.isupper():
        return False
    return all(_PLACE_WORD.match(word) for word in words)
