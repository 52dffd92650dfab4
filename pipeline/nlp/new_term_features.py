"""The features and word lists that score a term candidate (`new_terms`).

A score is a logistic function of a weighted sum: the shape of the term (a CamelCase or dotted
word is a name; a capitalized word may be any proper noun), and its context in the masked text
(known skills masked): an item of a list beside a known skill, after a cue such as "experience
with" or "e.g.", the section it stands in. The weights were fit by a logistic regression on the
candidates of the real dev split (never the test split) and rounded.
"""

from __future__ import annotations

import functools
import math
import re
import tomllib
from importlib import resources

from spacy.lang.en.stop_words import STOP_WORDS

from jobtrends.pipeline.nlp.sections import Line
from jobtrends.pipeline.nlp.taxonomy import Taxonomy

MASK = "\x01"  # a character of a known skill mention in the masked text (`new_terms`)

_CAMEL = re.compile(r"[a-z][A-Z]|[A-Z]{2}[a-z]")
_DOTTED = re.compile(r"[A-Za-z]\.[A-Za-z]")
_DIGIT = re.compile(r"[A-Za-z]-?\d|\d-?[A-Za-z]")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]+")
_PACKAGE = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)+")
# Run-together words of flattened page text: a lower-case word glued to the next sentence
# ("similarExperience", "scale.This"), or a glued heading ("OverviewWe").
_JOINED = re.compile(
    r"^[a-z]{3,}[A-Z]|[a-z]{2,}\.[A-Z](?:[a-z]|$)|[a-z](?:Experience|Responsibilities|Requirements"
    r"|Qualifications|Overview|Location|Posted|Skills|About|Develop|Design|Build|Do|We|You|The"
    r"|This|Our|Solid|Strong|Proven|Apply|Remote|Onsite|Hybrid|Full|Part)\b|[A-Z]{2}[A-Z][a-z]{4}"
    r"|^(?:Company|Location|Type|Job|Title|Department|Salary|Posted|Apply|Remote|Hybrid|Onsite"
    r"|Full|Part|Category|Date|About|Why|How|What|Who)[A-Z]|[a-z]{4}(?:across|and|for|with)$"
    r"|(?:Experience|Minimum|Maximum|Salary|Location|Years?)\d|^v\d[\d.]*$"
)
_ADDRESS = re.compile(r"^www\.|\.(?:com|org|net|gov|edu)\b|^e\.g|^i\.e")
# Compounds whose last part is a lower-case word: adjectives and nouns of English
# ("AI-powered", "real-time", "third-party"); names rarely end so ("scikit-learn" is known).
_COMPOUND = re.compile(r"[A-Za-z]-[a-z]{3,}$")

_NOT_A_NAME = re.compile(f"{_JOINED.pattern}|{_ADDRESS.pattern}|{_COMPOUND.pattern}")
_SEPARATORS = frozenset(",/;|&+()")
_CUES = frozenset({"with", "on", "using", "via", "like", "including", "e.g.", "e.g.,", "i.e.,"})
_CUE_HEADS = frozenset(
    {"experience", "familiarity", "proficiency", "expertise", "knowledge", "fluency", "exposure"}
) | {"skills", "skill"}

# Fit by a logistic regression on the candidates of the real dev split (L2 0.01), rounded.
WEIGHTS = {
    "bias": -3.4,
    "camel": 0.1,
    "dotted": 0.0,
    "digit": 0.3,
    "acronym": 0.3,
    "capitalized": -0.6,
    "package": 0.0,
    "plain": 0.0,
    "known_beside": 0.7,
    "item": 0.3,
    "bracketed": -0.7,
    "cue": 0.3,
    "known_on_line": 0.4,
    "known_on_line_2": 0.8,
    "asked": 1.4,
    "bullet": 1.5,
    "long": 0.0,
    "two_words": -0.3,
    "peers": 0.6,
    "tag": 3.6,  # a board's tag is a chosen label: its shape alone decides
}


@functools.lru_cache(maxsize=16384)
def shape_of(term: str) -> str:
    """The most name-like shape among the term's words that are not ordinary words; "" for a
    term that is no candidate: one of ordinary words only (`ordinary`), one naming a job or a
    team ("ML Engineers"), one holding a word that page text ran together ("yearsExperience",
    "scale.This"), a web address or an English compound ("AI-powered", "real-time")."""
    best = ""
    if len(term) < 2:
        return ""
    for word in term.replace("’", "'").split():
        if _NOT_A_NAME.search(word):
            return ""
        lowered = word.lower().partition("'")[0]
        if lowered in WORDS.roles:
            return ""
        if ordinary(word, lowered):
            continue
        if _CAMEL.search(word):
            shape = "camel"
        elif _DOTTED.search(word):
            shape = "dotted"
        elif _DIGIT.search(word):
            shape = "digit"
        elif _ACRONYM.fullmatch(word):
            shape = "acronym"
        elif word[:1].isupper():
            shape = "capitalized"
        elif _PACKAGE.fullmatch(word):
            shape = "package"
        else:
            shape = "plain"
        if not best or WEIGHTS[shape] > WEIGHTS[best]:
            best = shape
    return best


def ordinary(word: str, lowered: str) -> bool:
    """An English word, a place, or one of the field's everyday abbreviations: what a name
    is not. A word in capitals counts as an English word from four letters on ("SENIOR", not
    "RAP")."""
    if lowered in WORDS.acronyms or lowered in WORDS.places:
        return True
    if word.isupper() and len(word) < 4:
        return False
    if lowered in WORDS.common or lowered.removesuffix("s") in WORDS.common:
        return True
    return "-" in lowered and all(part in WORDS.common for part in lowered.split("-"))


def features(
    text: str, masked: str, start: int, end: int, line: Line, known: int
) -> list[str] | None:
    """The context features of the candidate at `start:end` of the masked text, on a line with
    `known` skill mentions; None when the term labels what follows ("Stack: ..."), is a
    currency ("AU$") or restates the words before it ("Row-Level Security (RLS)")."""
    before = masked[max(line.start, start - 48) : start]
    after = masked[end : min(line.end, end + 24)]
    if after.lstrip(" ")[:1] in (":", "$"):
        return None
    found = []
    item_before, known_before = _neighbour_before(before)
    item_after, known_after = _neighbour_after(after)
    if known_before or known_after:
        found.append("known_beside")
    elif item_before or item_after:
        found.append("item")
    if before.endswith("(") and after.startswith(")"):
        if _restates(text[start:end], text[max(line.start, start - 48) : start]):
            return None
        found.append("bracketed")
    if _cued(before):
        found.append("cue")
    found += line_features(line, known)
    spaces = masked.count(" ", start, end)
    if spaces:
        found.append("long" if spaces >= 2 else "two_words")
    return found


def _neighbour_before(before: str) -> tuple[bool, bool]:
    """(a list separator or a colon ends `before`, a known skill stands just before it)."""
    rest = before.rstrip()
    if not rest:
        return False, False
    if rest[-1] in _SEPARATORS or rest[-1] == ":":
        colon = rest[-1] == ":"
        rest = rest[:-1].rstrip()
        return True, not colon and rest.endswith(MASK)
    if rest.endswith((" and", " or")):
        rest = rest[: rest.rfind(" ")].rstrip().removesuffix(",").rstrip()
        return True, rest.endswith(MASK)
    return False, False


def _neighbour_after(after: str) -> tuple[bool, bool]:
    """(a list separator or the line's end follows, a known skill stands just after it)."""
    rest = after.lstrip()
    if not rest:
        return True, False
    if rest[0] in _SEPARATORS:
        rest = rest[1:].lstrip()
    elif not rest.startswith(("and ", "or ")):
        return False, False
    if rest.startswith(("and ", "or ")):
        rest = rest[rest.find(" ") :].lstrip()
    return True, rest.startswith(MASK)


def _cued(before: str) -> bool:
    """One of the last three words before the term is a cue ("with", "e.g.", "such as",
    "experience in")."""
    words = before.lower().split()[-4:]
    for index in range(max(1, len(words) - 3), len(words) + 1):
        word, previous = words[index - 1], words[index - 2] if index > 1 else ""
        if word in _CUES or (word in ("in", "of", "to") and previous in _CUE_HEADS):
            return True
        if word == "as" and previous == "such":
            return True
    return False


def _restates(term: str, before: str) -> bool:
    """ "Estimated Delivery Date (EDD)": the term is the initials of the words before it."""
    letters = term.removesuffix("s")
    if not letters.isupper() or len(letters) < 2:
        return False
    words = before[:-1].replace("-", " ").split()[-len(letters) :]
    return "".join(word[0] for word in words).upper() == letters


def best_score(shape: str, line: Line, known: int) -> float:
    """The highest score a term of `shape` can reach on `line` (with `known` mentions), what
    its words around it may add included: terms that cannot reach the threshold are not read
    further."""
    return score_of(shape, ["known_beside", "cue", "peers", *line_features(line, known)])


def line_features(line: Line, known: int) -> list[str]:
    """What the line says of every term on it: skills known on it, an asked section, a bullet."""
    found = []
    if known:
        found.append("known_on_line" if known == 1 else "known_on_line_2")
    if line.section in ("requirements", "nice_to_have", "responsibilities"):
        found.append("asked")
    if line.kind == "bullet":
        found.append("bullet")
    return found


def score_of(shape: str, context: list[str]) -> float:
    """The logistic of the weighted features: a score in [0, 1]."""
    total = WEIGHTS["bias"] + WEIGHTS[shape] + sum(WEIGHTS[name] for name in context)
    return 1.0 / (1.0 + math.exp(-total))


class WordLists:
    """The lists of `new_term_words.toml` (package data), read once."""

    def __init__(self) -> None:
        raw = resources.files(__package__).joinpath("new_term_words.toml").read_text("utf-8")
        data = tomllib.loads(raw)
        self.common = frozenset(data["common"].split()) | STOP_WORDS
        self.places = frozenset(data["places"].split())
        self.roles = frozenset(data["roles"].split())
        self.acronyms = frozenset(data["acronyms"].split()) | frozenset(data["companies"].split())


WORDS = WordLists()
_FORMS: dict[str, frozenset[str]] = {}


def taxonomy_forms(taxonomy: Taxonomy) -> frozenset[str]:
    """Every surface form of the taxonomy as a `term_key`, built once per taxonomy."""
    forms = _FORMS.get(taxonomy.content_hash)
    if forms is None:
        forms = _FORMS[taxonomy.content_hash] = frozenset(
            " ".join(form.lower().split()) for s in taxonomy.skills for form in s.surface_forms
        )
    return forms
