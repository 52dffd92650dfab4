"""Which section a heading opens, and the inline cues that mark a line as nice-to-have.

Headings are matched after `normalize_heading` (lower case, straight apostrophes, markdown and
trailing punctuation stripped). The tables are ordered: the first pattern that matches wins, so
"Preferred qualifications" is nice-to-have before "qualifications" can make it a requirement.
"""

from __future__ import annotations

import functools
import re

_HEADING_TABLE: tuple[tuple[str, str], ...] = (
    (
        "nice_to_have",
        r"nice[ -]to[ -]haves?|bonus|preferred|\bplus(?:es)?\b|extra credit|good to have"
        r"|desir(?:ed|able)|ideally|would be great|stand out|even better|not required but",
    ),
    (
        "benefits",
        r"benefits?|perks|what we offer|we offer|compensation|\bsalary\b|\bpay\b|total rewards"
        r"|why (?:join|work|you'll love)|what's in it for you|equal (?:employment )?opportunit"
        r"|\beeo\b|supports? .*(?:employees|team members)|our offer|in return",
    ),
    (
        "requirements",
        r"requirements?|qualifications|looking for|^you (?:have|bring|are|might|may|will have)"
        r"|you(?:'ll)? bring|you(?:'ll| will)? need|who you are|^about you|who are you"
        r"|must[ -]haves?|skills|^experience|your (?:profile|background|experience)"
        r"|ideal candidate|what it takes|you(?:'re| are) a (?:good|great) fit|to be successful"
        r"|what we(?:'re| are) seeking|competencies",
    ),
    (
        "responsibilities",
        r"responsibilit|what you(?:'ll| will)(?: be)? (?:do|doing|work|own|build|achieve|tackle)"
        r"|\bthe role\b|this role|your role|the job\b|the position|the opportunity|duties"
        r"|day[ -]to[ -]day|your impact|in this role|your mission|the work|what you'll own"
        r"|what you will own|key tasks|your tasks|the challenge|job summary|role overview",
    ),
    (
        "about_company",
        r"^about (?!the role|this role|the job|this job|the position|you\b|the opportunity)"
        r"|who we are|^our (?:company|mission|story|team|values|culture)|^the company|^company\b"
        r"|^the team|^culture|^why us|^our vision|^mission",
    ),
)
_HEADINGS = tuple((section, re.compile(pattern)) for section, pattern in _HEADING_TABLE)

# Each pattern opens with a lookahead on the first letters its alternatives can start with: the
# regex engine then turns down every other position at once.
EEO = re.compile(
    r"(?=[eawr])(?:equal (?:employment )?opportunity|affirmative action employer"
    r"|without regard to (?:race|sex)|regardless of (?:race|gender|age))",
    re.IGNORECASE,
)
NICE_INLINE = re.compile(
    r"(?=[iawbnpdge])(?:\b(?:is|are|would be|will be|a|as) (?:a )?(?:big |huge |strong |definite )?"
    r"plus\b|\bbonus (?:if|points|for)\b|\bnice[ -]to[ -]have\b|\bpreferred\b|\bpreferably\b"
    r"|\bideally\b|\bdesirable\b|\bis an advantage\b|\bare an advantage\b|\bnot required,? but\b"
    r"|\bgood to have\b|\bextra points\b)",
    re.IGNORECASE,
)
# Every match of NICE_INLINE holds one of these as whole words: the skills component's matcher
# finds them on the tokens (`terms`), so that the regex runs only on sentences that hold one.
NICE_CUE_WORDS = (
    "plus", "bonus", "nice", "preferred", "preferably", "ideally", "desirable", "advantage",
    "not required", "good to have", "extra points",
)  # fmt: skip
# A cheap substring test that must hold before EEO is worth running.
EEO_STEMS = ("opportunit", "affirmative", "regard")
_MARKUP = re.compile(r"^[#*_=\s]+|[#*_=\s:.!?\-–—]+$")
_SPACES = re.compile(r"\s+")

MAX_HEADING_WORDS = 10
MAX_HEADING_CHARS = 80
MAX_LABEL_WORDS = 6


def normalize_heading(line: str) -> str:
    text = line.replace("’", "'").replace("‘", "'")
    text = _MARKUP.sub("", text).lower()
    return _SPACES.sub(" ", text).strip()


@functools.lru_cache(maxsize=8192)
def section_named_by(line: str) -> str | None:
    """`heading_section(normalize_heading(line))`, cached: headings and labels repeat across
    postings."""
    return heading_section(normalize_heading(line))


def heading_section(text: str) -> str | None:
    """The section a heading (already normalized) opens, or None when it names no known section."""
    for section, pattern in _HEADINGS:
        if pattern.search(text):
            return section
    return None


def looks_like_heading(line: str) -> bool:
    """A short stripped line with no sentence punctuation at its end: a heading by shape."""
    if not line or len(line) > MAX_HEADING_CHARS or line[-1] in ".,;":
        return False
    return line.count(" ") < MAX_HEADING_WORDS


def label_prefix_section(line: str) -> str | None:
    """`Requirements: Python, Go` - the section named by a short label before a colon."""
    label, colon, rest = line.partition(":")
    if not colon or not rest.strip() or label.count(" ") >= MAX_LABEL_WORDS:
        return None
    return section_named_by(label)
