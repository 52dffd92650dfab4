"""spaCy's English tokenizer, adjusted for the tech tokens job postings are full of.

Changes against `spacy.blank("en")`, each one on purpose:
- `C#`, `F#` and `CI/CD` stay one token (a `token_match`, not special cases: see below).
- A slash after `+` or `#` splits: `C++/CUDA` -> `C++`, `/`, `CUDA`.
- `R.` and `C.` split off the period (the languages at a sentence end).
- `Node.js/Next.js` is not taken for a URL, so the slash splits it like `PyTorch/TensorFlow`.
- The whitespace-only special cases (`"\\n"`, `" "`, ...) are removed. spaCy 3.8 stops caching a
  text's chunks after any special-case hit and never resets the flag (explosion/spaCy#13950); a
  newline is such a hit, so posting text was tokenized almost uncached. Tokens stay identical.
- New lexemes compute only the attributes the pipeline reads (`LEXEME_ATTRS`: lower case, space,
  punctuation). spaCy's English getters (shape, prefix, like_url, ...) are Python calls that made
  every word the cache had not seen cost tens of microseconds.
- The suffix and infix regexes carry a guard (`SUFFIX_GUARD`, `INFIX_GUARD`) that gives the same
  matches without trying every alternative inside every word, and a pattern is not run at all
  on a word it cannot match (letters and digits only; for suffixes, a word ending in five letters
  or an ASCII digit; for URLs, no dot before a non-digit).

Inside `nlp.memory_zone()` spaCy caches nothing, so a `CacheWarmer` fills the cache beforehand
with the frequent chunks of sample text, each tokenized on its own so that no special case in one
chunk stops the others from being cached.
"""

from __future__ import annotations

import collections
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from spacy.attrs import IS_PUNCT, IS_SPACE, LOWER
from spacy.lang.tokenizer_exceptions import URL_PATTERN
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import registry

TOKENIZER_NAME = "jobtrends.tech_tokenizer.v1"

TECH_FORMS = r"[CcFf]#|[Cc][Ii]/[Cc][Dd]"
TECH_TOKEN = rf"^(?:{TECH_FORMS})$"
# ASCII words no affix, infix or URL pattern can split (see `_unless_plain`): letters only, or
# letters and digits ending in a digit. As a `token_match` they take spaCy's shortest path, past
# the four pattern calls; the tokens are the same.
PLAIN_WORD = r"[A-Za-z]+|[A-Za-z0-9]*[0-9]"
TOKEN_MATCH = rf"^(?:{TECH_FORMS}|{PLAIN_WORD})$"
EXTRA_SUFFIXES = (r"(?<=^[RC])\.",)
EXTRA_INFIXES = (r"(?<=[+#])/(?=[A-Za-z.])",)
# A URL never looks like `name.js` or `name.js/...`; those are JavaScript libraries.
URL_NOT_JS_LIBRARY = r"^(?![\w\-]+\.js(?:/|$))(?:" + URL_PATTERN.removeprefix("^") + ")"
# Lexeme attributes the jobtrends components read (`lower_`, `is_space`, `is_punct`, PhraseMatcher
# on LOWER), computed as spaCy's English getters compute them; the others stay at zero.
LEXEME_ATTRS = frozenset({LOWER, IS_SPACE, IS_PUNCT})
# Every suffix pattern starts with a non-word character or `_`, or with a non-digit right after
# a digit (units, currencies); every infix pattern starts with a non-word character. Saying so
# up front lets the regex engine skip the inside of words instead of trying every alternative at
# every character: the same matches, several times faster on text the cache has not seen.
SUFFIX_GUARD = r"(?:(?=[\W_])|(?<=[0-9])(?=\D))"
INFIX_GUARD = r"(?=\W)"
# A chunk must occur this often in the warm-up sample to earn a cache entry.
MIN_CHUNK_COUNT = 2
_DOT_THEN_NON_DIGIT = re.compile(r"\.\D")
_ASCII_DIGITS = frozenset("0123456789")
# Whitespace chunks (a lone space between words is no chunk) are warmed without counting.
WHITESPACE_CHUNKS = ("\n", "\n\n", "\n\n\n", " ", "\n ", "\n\n ", "\t", "\n\t")


def tech_tokenizer(nlp: Language) -> Tokenizer:
    """spaCy's English tokenizer with the tech-token changes (see the module doc), built in one
    go: every property set on a built Tokenizer reloads all its special cases."""
    vocab: Any = nlp.vocab  # spaCy's stubs do not declare `lex_attr_getters`
    vocab.lex_attr_getters = {LOWER: str.lower, IS_SPACE: str.isspace, IS_PUNCT: _is_punct}
    defaults = nlp.Defaults
    rules = defaults.tokenizer_exceptions or {}
    prefixes = "|".join("^" + piece for piece in _pieces(defaults.prefixes) if piece.strip())
    suffixes = _pieces(defaults.suffixes) + list(EXTRA_SUFFIXES)
    infixes = _pieces(defaults.infixes) + list(EXTRA_INFIXES)
    return Tokenizer(
        nlp.vocab,
        rules={key: value for key, value in rules.items() if key.strip()},
        # Prefixes and infixes need a symbol or punctuation; suffixes may also be a unit after a
        # digit ("10GB"). A tech token's regex fails at its first character on other words.
        prefix_search=_unless_plain(re.compile(prefixes), "search", None, str.isalnum),
        suffix_search=_unless_plain(
            guarded_suffix_regex(suffixes), "search", None, str.isalpha, _no_suffix_in
        ),
        infix_finditer=_unless_plain(guarded_infix_regex(infixes), "finditer", (), str.isalnum),
        token_match=re.compile(TOKEN_MATCH).match,
        url_match=_unless_plain(
            re.compile(URL_NOT_JS_LIBRARY), "match", None, str.isalnum, _no_url_in
        ),
    )


def customize_tokenizer(nlp: Language, tokenizer: Tokenizer) -> Tokenizer:
    """Give an existing `tokenizer` of `nlp` the tech-token changes, in place, and return it."""
    built = tech_tokenizer(nlp)
    tokenizer.rules = built.rules
    tokenizer.prefix_search = built.prefix_search
    tokenizer.suffix_search = built.suffix_search
    tokenizer.infix_finditer = built.infix_finditer
    tokenizer.token_match = built.token_match
    tokenizer.url_match = built.url_match
    return tokenizer


def _is_punct(text: str) -> bool:
    """spaCy's `is_punct` (every character's category is P*), answered at once for a word that
    starts with a letter or digit."""
    return not text[:1].isalnum() and all(unicodedata.category(c).startswith("P") for c in text)


def _unless_plain(
    pattern: re.Pattern[str],
    method: str,
    no_match: Any,
    plain: Callable[[str], bool],
    also_plain: Callable[[str], bool] | None = None,
) -> Callable[[str], Any]:
    """`pattern.<method>`, answering `no_match` at once for a `plain` word (a quick test, a str
    method) or one `also_plain` finds so, which the pattern cannot match (see the callers). Most
    chunks the cache has not seen are such words. spaCy saves a tokenizer's patterns from
    `callable.__self__.pattern`; the wrapper carries it."""
    run = getattr(pattern, method)

    def call(string: str) -> Any:
        if plain(string) or (also_plain is not None and also_plain(string)):
            return no_match
        return run(string)

    setattr(call, "__self__", pattern)  # noqa: B010 - a function attribute mypy cannot see
    return call


def _no_suffix_in(string: str) -> bool:
    """No suffix can end a word whose last five characters are letters (a unit or currency
    follows a digit, and "'s" has its apostrophe) or whose last character is an ASCII digit
    (units end in letters or in "²", "³")."""
    return string[-5:].isalpha() or string[-1:] in _ASCII_DIGITS


def _no_url_in(string: str) -> bool:
    """A URL needs a host: a dot before a top-level domain (never a digit), or an IP address
    (three dots). "12.5" or "v4.10" cannot be one."""
    return string.isalnum() or (
        string.count(".") < 3 and _DOT_THEN_NON_DIGIT.search(string) is None
    )


def _pieces(patterns: Iterable[str | re.Pattern[str]] | None) -> list[str]:
    return [p if isinstance(p, str) else p.pattern for p in patterns or ()]


def guarded_suffix_regex(suffixes: Sequence[str]) -> re.Pattern[str]:
    """`spacy.util.compile_suffix_regex(suffixes)` behind SUFFIX_GUARD: the same matches."""
    alternatives = "|".join(piece + "$" for piece in suffixes if piece.strip())
    return re.compile(f"{SUFFIX_GUARD}(?:{alternatives})")


def guarded_infix_regex(infixes: Sequence[str]) -> re.Pattern[str]:
    """`spacy.util.compile_infix_regex(infixes)` behind INFIX_GUARD: the same matches."""
    return re.compile(INFIX_GUARD + "(?:" + "|".join(p for p in infixes if p.strip()) + ")")


class CacheWarmer:
    """Fills a tokenizer's cache from the first `budget` characters of text it is shown (see the
    module doc). `feed` it every batch before the batch's memory zone; once the budget is spent it
    does nothing. A word chunk is cached once it has occurred MIN_CHUNK_COUNT times, up to the
    tokenizer's cache size, and the line breaks of WHITESPACE_CHUNKS at once. The lexemes and
    cache entries it makes are permanent, so the budget bounds the memory they take."""

    def __init__(self, tokenizer: Tokenizer, budget: int) -> None:
        self.tokenizer = tokenizer
        self.budget = budget
        self.seen_chars = 0
        self._counts: collections.Counter[str] = collections.Counter()
        self._cached: set[str] = set()
        self._cache_all(WHITESPACE_CHUNKS)

    @property
    def done(self) -> bool:
        return self.seen_chars >= self.budget

    @property
    def cached(self) -> int:
        return len(self._cached)

    def feed(self, texts: Iterable[str]) -> None:
        if self.done:
            return
        chunks: list[str] = []
        for text in texts:
            self.seen_chars += len(text)
            chunks += text.split()
            if self.done:
                break
        counts = self._counts
        counts.update(chunks)
        # Only chunks of this batch can have become frequent; the most frequent go first.
        fresh = [
            chunk
            for chunk in dict.fromkeys(chunks)
            if counts[chunk] >= MIN_CHUNK_COUNT and chunk not in self._cached
        ]
        fresh.sort(key=counts.__getitem__, reverse=True)
        self._cache_all(fresh)
        if self.done:
            counts.clear()

    def _cache_all(self, chunks: Iterable[str]) -> None:
        room = self.tokenizer.max_cache_size
        for chunk in chunks:
            if len(self._cached) >= room:
                return
            if chunk not in self._cached:
                self.tokenizer(chunk)
                self._cached.add(chunk)


def create_tech_tokenizer() -> Callable[[Language], Tokenizer]:
    """Registered tokenizer so a saved pipeline's config rebuilds the same tokenizer."""
    return tech_tokenizer


registry.tokenizers.register(TOKENIZER_NAME, func=create_tech_tokenizer)
