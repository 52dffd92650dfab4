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
  matches without trying every alternative inside every word, and none of the patterns is run on
  a word of letters only, which none of them can match.

Inside `nlp.memory_zone()` spaCy caches nothing, so `warm_cache` fills the cache beforehand with
the frequent chunks of sample text, each tokenized on its own so that no special case in one chunk
stops the others from being cached.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from spacy.attrs import IS_PUNCT, IS_SPACE, LOWER
from spacy.lang.tokenizer_exceptions import URL_PATTERN
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import registry

TOKENIZER_NAME = "jobtrends.tech_tokenizer.v1"

TECH_TOKEN = r"^(?:[CcFf]#|[Cc][Ii]/[Cc][Dd])$"
EXTRA_SUFFIXES = (r"(?<=^[RC])\.",)
EXTRA_INFIXES = (r"(?<=[+#])/(?=[A-Za-z.])",)
# A URL never looks like `name.js` or `name.js/...`; those are JavaScript libraries.
URL_NOT_JS_LIBRARY = r"^(?![\w\-]+\.js(?:/|$))(?:" + URL_PATTERN.removeprefix("^") + ")"
# Lexeme attributes the jobtrends components read (`lower_`, `is_space`, `is_punct`, PhraseMatcher
# on LOWER); the others are left at their zero value.
LEXEME_ATTRS = frozenset({LOWER, IS_SPACE, IS_PUNCT})
# Every suffix pattern starts with a non-word character or `_`, or right after a digit (units,
# currencies); every infix pattern starts with a non-word character. Saying so up front lets the
# regex engine skip the inside of words instead of trying every alternative at every character:
# the same matches, several times faster on text the cache has not seen.
SUFFIX_GUARD = r"(?:(?=[\W_])|(?<=[0-9]))"
INFIX_GUARD = r"(?=\W)"
# A chunk must occur this often in the warm-up sample to earn a cache entry.
MIN_CHUNK_COUNT = 2
# Whitespace chunks (a lone space between words is no chunk) are warmed without counting.
WHITESPACE_CHUNKS = ("\n", "\n\n", "\n\n\n", " ", "\n ", "\n\n ", "\t", "\n\t")


def customize_tokenizer(nlp: Language, tokenizer: Tokenizer) -> Tokenizer:
    """Apply the tech-token changes (see the module doc) to `tokenizer` in place and return it."""
    vocab: Any = nlp.vocab  # spaCy's stubs do not declare `lex_attr_getters`
    getters = vocab.lex_attr_getters or {}
    vocab.lex_attr_getters = {attr: getters[attr] for attr in LEXEME_ATTRS if attr in getters}
    tokenizer.rules = {key: value for key, value in (tokenizer.rules or {}).items() if key.strip()}
    tokenizer.token_match = _unless_letters(re.compile(TECH_TOKEN), "match", None)
    url = re.compile(URL_NOT_JS_LIBRARY, re.UNICODE)
    tokenizer.url_match = _unless_letters(url, "match", None)
    prefixes = getattr(tokenizer.prefix_search, "__self__", None)
    if isinstance(prefixes, re.Pattern):
        tokenizer.prefix_search = _unless_letters(prefixes, "search", None)
    suffixes = _pieces(nlp.Defaults.suffixes) + list(EXTRA_SUFFIXES)
    tokenizer.suffix_search = _unless_letters(guarded_suffix_regex(suffixes), "search", None)
    infixes = _pieces(nlp.Defaults.infixes) + list(EXTRA_INFIXES)
    tokenizer.infix_finditer = _unless_letters(guarded_infix_regex(infixes), "finditer", ())
    return tokenizer


def _unless_letters(pattern: re.Pattern[str], method: str, no_match: Any) -> Callable[[str], Any]:
    """`pattern.<method>`, answering `no_match` at once for a word of letters only: no affix,
    tech-token or URL pattern matches one (each needs punctuation, a symbol, a digit or a dot),
    and such words are most of what the cache has not seen. spaCy saves the tokenizer's
    patterns from `callable.__self__.pattern`, so the wrapper carries the pattern there."""
    run = getattr(pattern, method)

    def call(string: str) -> Any:
        return no_match if string.isalpha() else run(string)

    setattr(call, "__self__", pattern)  # noqa: B010 - a function attribute mypy cannot see
    return call


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
        for text in texts:
            self.seen_chars += len(text)
            self._counts.update(text.split())
            if self.done:
                break
        frequent = [c for c, n in self._counts.most_common() if n >= MIN_CHUNK_COUNT]
        self._cache_all(frequent)
        if self.done:
            self._counts.clear()

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
    default_factory = registry.tokenizers.get("spacy.Tokenizer.v1")()

    def make_tokenizer(nlp: Language) -> Tokenizer:
        return customize_tokenizer(nlp, default_factory(nlp))

    return make_tokenizer


registry.tokenizers.register(TOKENIZER_NAME, func=create_tech_tokenizer)
