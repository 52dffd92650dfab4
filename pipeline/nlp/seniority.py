"""Seniority (DEFINITIONS.md): the title decides first, then the years of experience asked for.

Title words, most specific first: Intern; Director/Head of/VP; Junior/Associate/New Grad/Entry/
Graduate/PhD/Postdoc/Residency; Lead/Manager; Staff/Principal/Distinguished/Fellow; Senior/Sr.;
II/III or mid-level; an IC level ("IC3"). Without a level word in the title: an IC level in the
text ("Backend Engineer (IC3)"), a board's level field ("Experience level: Senior", or the value
above its label, "Intermediate" then "Experience"), "This is an entry-level position" -> junior;
then the years asked, in digits or words ("six or more years"): "5+ years" -> senior, "2-4 years"
-> mid, "0-1 years" -> junior. Years of service (leave, pension) are no experience asked.
"""

from __future__ import annotations

import functools
import re

from jobtrends.pipeline.nlp.sections import windows_with

TITLE_CACHE_SIZE = 8192

_JOB_NOUN = r"(?:engineer|scientist|developer|analyst|\bsde|\bswe)"
_TITLE_LEVELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("intern", re.compile(r"\bintern(?:ship)?s?\b|\bco-?op\b|\bwerkstudent", re.IGNORECASE)),
    (
        "lead_manager",
        re.compile(
            r"\bdirector\b|\bhead of\b|\bvp\b|\bvice president\b|\bchief\b|\bmgr\b", re.IGNORECASE
        ),
    ),
    (
        "junior",
        re.compile(
            r"\bjunior\b|\bjr\b\.?|\bassociate\b|\bnew grad(?:uate)?\b|\bentry[- ]level\b"
            r"|\bgraduate\b|\bpost-?doc(?:toral)?\b|\bph\.?d\.?\b|\bearly[- ]career\b"
            r"|\bapprentice|\bresiden(?:cy|t)\b",
            re.IGNORECASE,
        ),
    ),
    ("lead_manager", re.compile(r"\blead\b|\bmanager\b|\bmanaging\b", re.IGNORECASE)),
    (
        "staff_plus",
        re.compile(
            r"\bstaff\b|\bprincipal\b|\bdistinguished\b|\bfellow\b",
            re.IGNORECASE,
        ),
    ),
    ("senior", re.compile(r"\bsenior\b|\bsr\b\.?", re.IGNORECASE)),
    ("mid", re.compile(r"\b(?:II|III|IV)\b|\bmid[- ]?level\b|\bintermediate\b")),
    # Numbered grades after the job noun: "Engineer 2", "SDE3", "Scientist I".
    ("mid", re.compile(rf"{_JOB_NOUN}\s*[234]\b", re.IGNORECASE)),
    ("junior", re.compile(rf"(?i:{_JOB_NOUN})\s+(?:I|1)\b(?![/-])")),
)
_MEMBER_OF_STAFF = re.compile(r"member of (?:the )?technical staff", re.IGNORECASE)
# Individual-contributor levels as career ladders number them: IC1 entry, IC2-IC3 mid, IC4
# senior, IC5 and up staff or principal.
_IC_LEVEL = re.compile(r"\bIC[- ]?([1-9])\b")
_IC_LEVELS = {1: "junior", 2: "mid", 3: "mid", 4: "senior"}
# A board's level field: "Experience level: Senior", "Seniority - Mid-level", or the value on the
# line above its label ("Intermediate" then "Experience").
_LEVEL_WORDS = r"(intern|entry|junior|intermediate|mid|senior|lead|staff)(?:[- ]?level)?"
_LEVEL_FIELD = re.compile(
    rf"^\s*(?:experience(?: level)?|seniority(?: level)?|career level|job level)\s*[:\-–]\s*"
    rf"{_LEVEL_WORDS}\s*$|^\s*{_LEVEL_WORDS}\s*\n\s*(?:experience|seniority)(?: level)?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_FIELD_LEVELS = {
    "intern": "intern", "entry": "junior", "junior": "junior", "intermediate": "mid", "mid": "mid",
    "senior": "senior", "lead": "lead_manager", "staff": "staff_plus",
}  # fmt: skip
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10,
}  # fmt: skip
_NUM = r"(\d{1,2}|" + "|".join(_NUMBER_WORDS) + ")"
YEARS = re.compile(
    rf"\b{_NUM}\s*\+?\s*(?:(?:-|–|to)\s*{_NUM}\s*\+?\s*|or more\s+)?(?:years?|yrs?)\b"
    r"(?=(?P<tail>.{0,60}))",
    re.IGNORECASE,
)
# Every match of YEARS holds one of these (in lower case), and with its context (40 characters
# before it, 60 after) it reaches less than STEM_REACH characters from it (`windows_with`).
_YEAR_STEMS = ("year", "yr")
STEM_REACH = 100
_EXPERIENCE = re.compile(r"experience|professional|industry|hands-on|working", re.IGNORECASE)
# "5+ years of ...", "3 years in ...", "3+ years as a ...", "3+ years shipping ..."
_OF_OR_IN = re.compile(r"^\W*(?:of|in|as|\w+ing)\b", re.IGNORECASE)
# A level stated in the text when the title has none: "This is an entry-level position".
_ENTRY_LEVEL = re.compile(r"\bentry[- ]level (?:position|role|job|opportunity)\b", re.IGNORECASE)
_NOT_EXPERIENCE = re.compile(
    r"^\W*(?:old|ago|of (?:history|growth|operation|service|continuous service))", re.IGNORECASE
)


@functools.lru_cache(maxsize=TITLE_CACHE_SIZE)
def title_seniority(title: str) -> str | None:
    """The level a title names, if any; cached, as titles repeat."""
    cleaned = _MEMBER_OF_STAFF.sub(" ", title)
    for level, pattern in _TITLE_LEVELS:
        if pattern.search(cleaned):
            return level
    return _ic_level(title)


def _ic_level(text: str) -> str | None:
    found = _IC_LEVEL.search(text)
    return None if found is None else _IC_LEVELS.get(int(found.group(1)), "staff_plus")


def _stated_level(text: str) -> str | None:
    """A level the text states outside the title: an IC level or a board's level field."""
    if "IC" in text and (level := _ic_level(text)) is not None:
        return level
    found = _LEVEL_FIELD.search(text) if "xperience" in text or "eniority" in text else None
    if found is None:
        return None
    return _FIELD_LEVELS[(found.group(1) or found.group(2)).lower()]


def years_asked(text: str) -> int | None:
    """The largest minimum number of years of experience the text asks for, if any."""
    return _years_in(text.lower())


def _years_in(lowered: str) -> int | None:
    found = []
    text = windows_with(_YEAR_STEMS, lowered, STEM_REACH)
    for match in YEARS.finditer(text):
        tail = match["tail"]
        if _NOT_EXPERIENCE.match(tail):
            continue
        before = text[max(0, match.start() - 40) : match.start()]
        before = before[before.rfind("\n") + 1 :]
        if not (_OF_OR_IN.match(tail) or _EXPERIENCE.search(tail) or _EXPERIENCE.search(before)):
            continue
        found.append(_number(match.group(1)))
    return max(found) if found else None


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def detect_seniority(title: str, text: str) -> str:
    """One of SENIORITIES: from the title's level words, else from years asked, else unknown."""
    level = title_seniority(title)
    if level is not None:
        return level
    stated = _stated_level(text)
    if stated is not None:
        return stated
    lowered = text.lower()
    if "entry" in lowered and _ENTRY_LEVEL.search(lowered):
        return "junior"
    years = _years_in(lowered)
    if years is None:
        return "unknown"
    if years <= 1:
        return "junior"
    if years <= 4:
        return "mid"
    return "senior"
