"""Two things real page text does to skill names that token matching cannot see.

- Vendor prefixes: "AWS Glue", "GCP BigQuery" name the product and the platform; the prefix
  becomes a mention of the platform and the rest stays the product's. ("Azure" is left whole:
  "Azure OpenAI", "Azure AI Search" are the products' own names.)
- Run-together words: aggregator pages turned into text lose the separators of their tag lists
  ("DockerKafkaRedis", "PythonMachine Learning"). A word with a lower-case letter followed by a
  capital that is not itself a known name is cut at those places, and runs of its pieces that
  are a skill's unambiguous name (matched in any case, or in exact case for a case-sensitive
  skill) become mentions. Once a word holds one, it is a run-together list of skills, so its
  other pieces may be ambiguous names too ("Kafka" in "DockerKafkaRedis"), in exact case; a
  word of ambiguous names only ("GoRust") is left alone.
"""

from __future__ import annotations

import itertools
import re
import string
from collections.abc import Callable, Iterator, Mapping, Sequence

from jobtrends.pipeline.nlp.sections import Line
from jobtrends.pipeline.nlp.taxonomy import Skill
from jobtrends.pipeline.results import SkillMention

PLATFORM_PREFIXES = {
    "aws": "amazon_web_services",
    "amazon web services": "amazon_web_services",
    "gcp": "google_cloud",
    "google cloud": "google_cloud",
    "google cloud platform": "google_cloud",
}
_PREFIX = re.compile(
    "^(" + "|".join(sorted(map(re.escape, PLATFORM_PREFIXES), key=len, reverse=True)) + r")\s+",
    re.IGNORECASE,
)
# Each ASCII letter of a text as its case (b"a" lower, b"A" upper), other bytes unchanged: a
# lower-case-then-capital joint is then a plain `bytes.find` of b"aA", several times faster than
# a regex scan for capitals. A character outside ASCII stays one byte ("?" before the mapping),
# so byte offsets are character offsets.
_CASES = bytes.maketrans(string.ascii_letters.encode(), b"a" * 26 + b"A" * 26)
_WORD_CHARS = re.compile(r"[A-Za-z0-9+#.]+")
_CUT = re.compile(r"(?<=[a-z])(?=[A-Z])")
MAX_PIECES = 3


def split_vendor_prefixes(
    mentions: Sequence[SkillMention], skills: Mapping[str, Skill]
) -> list[SkillMention]:
    """Each "<platform> <product>" mention as a platform mention and a product mention."""
    out: list[SkillMention] = []
    for m in mentions:
        match = _PREFIX.match(m.text) if m.text[:1] in "AaGg" else None
        platform = PLATFORM_PREFIXES.get(match.group(1).lower()) if match else None
        if match is None or platform is None or platform == m.skill_id or platform not in skills:
            out.append(m)
            continue
        cut = match.end()
        skill = skills[platform]
        prefix_end = m.start + len(match.group(1))
        out.append(m._replace(skill_id=platform, name=skill.name, category=skill.category,
                              text=m.text[: len(match.group(1))], end=prefix_end))  # fmt: skip
        out.append(m._replace(text=m.text[cut:], start=m.start + cut))
    return out


def joined_word_mentions(
    text: str,
    taken: Sequence[SkillMention],
    forms: Mapping[str, Skill],
    ambiguous: Mapping[str, Skill],
    lines: tuple[Line, ...] | None,
) -> list[SkillMention]:
    """Mentions inside run-together words that no mention in `taken` covers (module doc);
    `forms` maps lower-cased unambiguous names to their skill, `ambiguous` exact-case ambiguous
    names to theirs."""
    found: list[SkillMention] = []
    for word_start, word_end in _joined_words(text):
        word = text[word_start:word_end]
        if word.lower() in forms or _covered(word_start, word_end, taken):
            continue
        pieces = _pieces(word, word_start)
        sure = _read(text, pieces, lambda w: _safe(forms, w))
        if sure:
            either = _read(text, pieces, lambda w: _safe(forms, w) or ambiguous.get(w))
            found += [_mention(skill, text[a:b], a, b, lines) for skill, a, b in either]
    return found


def _joined_words(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word holding a lower-case letter followed by a capital."""
    words: list[tuple[int, int]] = []
    for capital in _joints(text):
        start = capital - 1
        if words and start < words[-1][1]:
            continue  # another joint of a word already found
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "+#."):
            start -= 1
        word = _WORD_CHARS.match(text, start)
        if word is not None:
            words.append((start, word.end()))
    return words


def _joints(text: str) -> Iterator[int]:
    """The offset of each capital that follows a lower-case ASCII letter, in text order."""
    cases = text.encode("ascii", "replace").translate(_CASES)
    at = cases.find(b"aA")
    while at >= 0:
        yield at + 1
        at = cases.find(b"aA", at + 2)


def _safe(forms: Mapping[str, Skill], words: str) -> Skill | None:
    skill = forms.get(words.lower())
    if skill is not None and (not skill.case_sensitive or words in skill.exact_forms):
        return skill
    return None


def _read(
    text: str, pieces: list[tuple[int, int]], lookup: Callable[[str], Skill | None]
) -> list[tuple[Skill, int, int]]:
    """The longest runs of pieces (up to MAX_PIECES) that `lookup` names, left to right."""
    found = []
    index = 0
    while index < len(pieces):
        for size in range(min(MAX_PIECES, len(pieces) - index), 0, -1):
            start, end = pieces[index][0], pieces[index + size - 1][1]
            skill = lookup(text[start:end])
            if skill is not None:
                found.append((skill, start, end))
                index += size
                break
        else:
            index += 1
    return found


def _pieces(word: str, offset: int) -> list[tuple[int, int]]:
    bounds = [0, *(m.start() for m in _CUT.finditer(word)), len(word)]
    return [(offset + a, offset + b) for a, b in itertools.pairwise(bounds) if b > a]


def _covered(start: int, end: int, taken: Sequence[SkillMention]) -> bool:
    return any(m.start < end and start < m.end for m in taken)


def _mention(
    skill: Skill, words: str, start: int, end: int, lines: tuple[Line, ...] | None
) -> SkillMention:
    section = next(
        (line.section for line in lines or () if line.start <= start < line.end), "general"
    )
    return SkillMention(
        skill.id, skill.name, skill.category, words, start, end, section, False, False
    )
