"""Remote, hybrid or onsite: the source's structured field wins, then the title and location, then
cues in the text; `unknown` when nothing says so (DEFINITIONS.md).

Text cues about the role ("this position is on-site in Paris") beat cues about the company ("we
are a remote-first company"), which on their own say nothing about the role.
"""

from __future__ import annotations

import functools
import re

from jobtrends.pipeline.nlp.sections import windows_with

_ROLE = r"(?:this|the) (?:role|position|job|opening|internship|opportunity|vacancy)"
ROLE_LEVEL: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("onsite", re.compile(rf"\bnot (?:a |an |fully )?remote\b|{_ROLE} is not remote")),
    ("hybrid", re.compile(rf"{_ROLE} is (?:a )?hybrid\b")),
    (
        "remote",
        re.compile(
            rf"{_ROLE} is (?:a )?(?:fully |100% )?remote\b"
            r"|\b(?:it|this) is a (?:fully )?remote (?:position|role|job|opportunity)\b"
            rf"|{_ROLE} (?:is|can be) (?:flexible to|open to|either) remote\b"
        ),
    ),
    (
        "onsite",
        re.compile(
            rf"{_ROLE} is (?:fully )?(?:on-?site|in[- ]person|office[- ]based)"
            rf"|{_ROLE} is based in (?:our|the) [\w ,.-]{{0,40}}office"
            r"|in (?:our|the) [\w ,.-]{0,40}office,? (?:five|5) days a week"
            r"|in[- ]person (?:five|5) days a week"
        ),
    ),
)
# "hybrid search" and the like are techniques, not a work arrangement; "hybride(s)" is French or
# German for hybrid, and French "télétravail" is part-time remote unless it is "complet"/"100 %".
_NOT_WORK = r"(?![- ](?:search|retrieval|cloud|models?|approach|architectures?|rag|vector|index"
_NOT_WORK += r"|inference|systems?|quantum|apps?|detection|strateg(?:y|ies)|methods?|techniques?"
_NOT_WORK += r"|algorithms?|solutions?)\b)"
_HYBRID = (
    rf"\bhybrid\b{_NOT_WORK}|\bhybrides?\b|(?<!% )(?<!en )\btélétravail\b(?! complet| total)"
    r"|\b\d\s*(?:-\s*\d\s*)?days?\s*(?:a|per|each)?\s*(?:week\s*)?(?:in|at|from)\s*"
    r"(?:the|our)?\s*office\b|\bpartially remote\b|\bpartly remote\b"
    # "Office attendance required 4+ days per week", "on-site two days a week": fewer than five.
    # (Not any "office": "lunch in the office three days a week" is a benefit.)
    r"|\b(?:office (?:attendance|presence)|in[- ]office|on[- ]?site)\b[\w ]{0,30}?"
    r"\b(?:[1-4]|one|two|three|four)\+?"
    r"\s*days?\s*(?:a|per|each|/)\s*week\b"
)
# "we meet in person twice a year" is a remote team's offsite, not on-site work.
_ONSITE = (
    r"\bon[- ]?site\b(?! (?:visits?|events?|meetings?))"
    r"|(?<!meet )(?<!meets )\bin[- ]person\b(?! events?| (?:once|twice|\w+ times) a)"
    r"|\boffice[- ]based\b|\bin[- ]office (?:role|position|job)\b"
)
_REMOTE = (
    r"\bfully[- ]remote\b|\b100\s?% remote\b|\ball[- ]remote\b|\bwork from anywhere\b"
    r"|\bremote\s*\([^)]{1,30}\)|\bremote\s*[-–,:·]?\s*(?:us|usa|uk|eu|europe|emea|worldwide"
    r"|global|anywhere|canada|india|united states|united kingdom|north america|americas|latam|apac"
    r"|germany|france|spain|portugal|poland|netherlands|ireland|australia|brazil|mexico)\b"
    r"|\bremote[- ](?:only|ok)\b|(?<!experience )\bwork(?:ing)? remotely\b"
    r"|\|\s*remote\b|^remote$|\bremote (?:anywhere )?(?:in|within)\b|\(\s*remote\b[^)]{0,30}\)"
    r"|[-–·]\s*remote\s*(?:$|[.|)])|100 ?% (?:en )?télétravail|télétravail (?:complet|total)"
    r"|\blocation\s*[-–:]\s*[\w ,]{0,30}(?<=[ ,])remote\s*$"
    r"|·\s*remote\s*·|\blocation\s*:\s*remote\b|,\s*remote\s*[—–]"
    r"|\b(?:we are|we're) an? (?:fully[- ]|100% |all[- ])?remote"
    r" (?:company|team|organi[sz]ation)\b"
)
# Each pattern behind a guard that every one of its alternatives implies (where a match can
# start), so that the regex engine tries the alternatives at a few positions instead of at each
# character: the same matches, three to four times faster (a test compares them).
HYBRID_GUARD = r"\b(?:h|p|té|of|in|on|\d)"
ONSITE_GUARD = r"\b(?:on|in|of)"
REMOTE_GUARD = r"\b[fawrl]|[|(\-–·,1]|té"
HYBRID = re.compile(rf"(?={HYBRID_GUARD})(?:{_HYBRID})")
ONSITE = re.compile(rf"(?={ONSITE_GUARD})(?:{_ONSITE})")
REMOTE = re.compile(rf"(?={REMOTE_GUARD})(?:{_REMOTE})", re.MULTILINE)
_WORD_REMOTE = re.compile(r"\bremote\b")
_NEGATED_REMOTE = re.compile(r"\b(?:not|no|non)[- ](?:a |an |fully )?remote\b")
HEADER_CACHE_SIZE = 8192
# Every match of the patterns above holds one of these and reaches less than STEM_REACH characters
# from it (`windows_with`).
STEMS = (
    "remote", "hybrid", "office", "onsite", "on-site", "on site", "in-person", "in person",
    "anywhere", "télétravail",
)  # fmt: skip
STEM_REACH = 100
# Pages turned into text run words together ("Full-timeOn-siteExperienced", "Location:
# RemoteBudget"): a lower-case letter followed by a capital or a digit is a word boundary here.
# Technologies named "remote ...": no work arrangement.
_TECHNICAL = re.compile(r"\bremote (?:direct memory|procedure|sensing|desktop|code execution)")
_JOINED = re.compile(r"(?<=[a-z])(?=[A-Z0-9])")


def detect_remote(title: str, text: str, hint: str | None = None, location: str = "") -> str:
    """One of REMOTES."""
    if hint in ("remote", "hybrid", "onsite"):
        return hint
    header = _from_header(title, location)
    if header is not None:
        return header
    lowered = text.lower()
    windows = windows_with(STEMS, lowered, STEM_REACH, source=text)
    return _from_text(_JOINED.sub(" ", windows).lower())


@functools.lru_cache(maxsize=HEADER_CACHE_SIZE)
def _from_header(title: str, location: str) -> str | None:
    """What the title and location say, if anything; cached, as both repeat."""
    header = f"{title} | {location}".lower()
    if HYBRID.search(header):
        return "hybrid"
    if _WORD_REMOTE.search(header) and not _NEGATED_REMOTE.search(header):
        return "remote"
    if ONSITE.search(header):
        return "onsite"
    return None


def _from_text(text: str) -> str:
    named = "remote" in text
    if named:
        text = _TECHNICAL.sub(" ", text)
    for mode, pattern in ROLE_LEVEL:
        if pattern.search(text):
            return mode
    if HYBRID.search(text):
        return "hybrid"
    if named:
        text = _NEGATED_REMOTE.sub(" on-site ", text)
    remote = REMOTE.search(text)
    onsite = ONSITE.search(text)
    if remote and onsite:
        return "remote" if remote.start() < onsite.start() else "onsite"
    if remote:
        return "remote"
    if onsite:
        return "onsite"
    return "unknown"
