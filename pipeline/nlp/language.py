"""The posting's language from a cheap stopword count: "en", "de", "fr", "es", "pt", "it", "nl";
texts mostly in another script get that script's language ("ko", "ja", "zh", "ru", ...).

The distinct function words of each language in the first 2,000 characters are counted;
the language with the most hits wins, and English wins ties and short texts (tech words are
English in every language, so only function words count). A text whose first 500 characters are
plainly English is English without counting further.
"""

from __future__ import annotations

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the and of to in for with you we our is are on as be will your this that an or at by"
        " from have has who what it can"
    ),
    "de": _words(
        "der die das und mit für ist sind wir ihr ihre sie du dein deine eine einer einem einen"
        " den dem des auf bei zu von im ein nicht oder als auch wie unser unsere unseren"
    ),
    "fr": _words(
        "le la les et des du une un pour avec dans est sont nous vous votre vos notre nos sur au"
        " aux qui que en ce ou par pas"
    ),
    "es": _words(
        "el la los las y de del con para en es son una un por que nuestro nuestra tu tus su sus"
        " al como o se lo más buscamos"
    ),
    "pt": _words(
        "o a os as e de do da dos das com para em é são uma um por que nosso nossa você seu sua"
        " no na nos nas ao como ou"
    ),
    "it": _words(
        "il lo la gli le e di del della dei delle con per in è sono una un che nostro nostra tuo"
        " tua al alla come o si nel nella"
    ),
    "nl": _words(
        "de het een en van met voor in is zijn wij we jij je jouw ons onze op aan bij te naar dat"
        " die als ook niet of"
    ),
}
_OTHER_STOPWORDS = tuple(stops for code, stops in STOPWORDS.items() if code != "en")
_WORD = re.compile(r"[a-zà-öø-ÿ]+")
SAMPLE_CHARS = 2000
# A head this long decides at once when it is plainly English (`_plainly_english`).
HEAD_CHARS = 500
HEAD_MIN_HITS = 8
HEAD_MARGIN = 2
MIN_HITS = 6
MARGIN = 1.5


# Letters of scripts that are never English; more than a few in the sample decide the language.
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
)
SCRIPT_SHARE = 0.2
_NON_LATIN = re.compile(r"[^\u0000-\u024f\u2000-\u206f]")
_LETTER = re.compile(r"[^\W\d_]")
_LETTERS_ONLY = bytes(c if ord("a") <= c <= ord("z") else ord(" ") for c in range(256))


def words_of(text: str) -> set[str]:
    """`set(_WORD.findall(text.lower()))`; for an ASCII text several times faster: every byte
    that is not a letter becomes a space before the split."""
    lowered = text.lower()
    if lowered.isascii():
        return set(lowered.encode("ascii").translate(_LETTERS_ONLY).decode("ascii").split())
    return set(_WORD.findall(lowered))


def _script(sample: str) -> str | None:
    """The language of a non-Latin script that most of the sample's letters are written in."""
    if sample.isascii() or max(sample) <= "\u024f":
        return None
    foreign = len(_NON_LATIN.findall(sample))
    if foreign and foreign > SCRIPT_SHARE * len(_LETTER.findall(sample)):
        counts = {code: len(script.findall(sample)) for code, script in _SCRIPTS}
        best = max(counts, key=lambda code: counts[code])
        if counts[best]:
            return best
    return None


def _plainly_english(words: set[str]) -> bool:
    """English function words dominate the words of the text's head so clearly that the whole
    sample could only turn out otherwise if the text changed language after it."""
    english = len(words & STOPWORDS["en"])
    if english < HEAD_MIN_HITS:
        return False
    return max(map(len, map(words.intersection, _OTHER_STOPWORDS))) * HEAD_MARGIN <= english


def detect_language(text: str) -> str:
    sample = text[:SAMPLE_CHARS]
    script = _script(sample)
    if script is not None:
        return script
    if _plainly_english(words_of(sample[:HEAD_CHARS])):
        return "en"
    words = words_of(sample)
    hits = {code: len(words & stops) for code, stops in STOPWORDS.items()}
    best = max(hits, key=lambda code: hits[code])
    if best == "en" or hits[best] < MIN_HITS or hits[best] < MARGIN * hits["en"]:
        return "en"
    return best
