"""spaCy's English tokenizer, adjusted for the tech tokens job postings are full of.

Changes against `spacy.blank("en")`, each one on purpose:
- `C#`, `F#` and `CI/CD` stay one token (a `token_match`, not special cases: see below).
- A slash after `+` or `#` splits: `C++/CUDA` -> `C++`, `/`, `CUDA`.
- `R.` and `C.` split off the period (the languages at a sentence end).
- `Node.js/Next.js` is not taken for a URL, so the slash splits it like `PyTorch/TensorFlow`.
- The whitespace-only special cases (`"\\n"`, `" "`, ...) are removed. spaCy 3.8 stops caching a
  text's chunks after any special-case hit and never resets the flag (explosion/spaCy#13950); a
  newline is such a hit, so posting text was tokenized almost uncached. Tokens stay identical.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.lang.tokenizer_exceptions import URL_PATTERN
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_suffix_regex, registry

TOKENIZER_NAME = "jobtrends.tech_tokenizer.v1"

TECH_TOKEN = r"^(?:[CcFf]#|[Cc][Ii]/[Cc][Dd])$"
EXTRA_SUFFIXES = (r"(?<=^[RC])\.",)
EXTRA_INFIXES = (r"(?<=[+#])/(?=[A-Za-z.])",)
# A URL never looks like `name.js` or `name.js/...`; those are JavaScript libraries.
URL_NOT_JS_LIBRARY = r"^(?![\w\-]+\.js(?:/|$))(?:" + URL_PATTERN.removeprefix("^") + ")"


def customize_tokenizer(nlp: Language, tokenizer: Tokenizer) -> Tokenizer:
    """Apply the tech-token changes (see the module doc) to `tokenizer` in place and return it."""
    tokenizer.rules = {key: value for key, value in (tokenizer.rules or {}).items() if key.strip()}
    tokenizer.token_match = re.compile(TECH_TOKEN).match
    tokenizer.url_match = re.compile(URL_NOT_JS_LIBRARY, re.UNICODE).match
    suffixes = list(nlp.Defaults.suffixes or ()) + list(EXTRA_SUFFIXES)
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search
    infixes = list(nlp.Defaults.infixes or ()) + list(EXTRA_INFIXES)
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return tokenizer


def create_tech_tokenizer() -> Callable[[Language], Tokenizer]:
    """Registered tokenizer so a saved pipeline's config rebuilds the same tokenizer."""
    default_factory = registry.tokenizers.get("spacy.Tokenizer.v1")()

    def make_tokenizer(nlp: Language) -> Tokenizer:
        return customize_tokenizer(nlp, default_factory(nlp))

    return make_tokenizer


registry.tokenizers.register(TOKENIZER_NAME, func=create_tech_tokenizer)
