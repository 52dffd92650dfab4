"""The spaCy pipeline on `spacy.blank("en")`: tech-token tokenizer, sections, skills, negation.

Importing this package registers the tokenizer and the `jobtrends_*` factories with spaCy, which
`spacy.load` needs before it can load a saved jobtrends pipeline.
"""

from __future__ import annotations

from jobtrends.pipeline.nlp import negation, sections, skills, tokenizer

__all__ = ["negation", "sections", "skills", "tokenizer"]
