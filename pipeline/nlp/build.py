"""Building the spaCy pipeline, and the version that says which rules and taxonomy made a result.

`build_nlp` is `spacy.blank("en")` with the tech tokenizer and the jobtrends components;
`RenewingPipeline` builds it afresh now and then so that a process extracting for ever keeps a
flat memory; `extractor_version()` is stored with every extraction so that a change of rules or
taxonomy re-extracts what it affects. Each takes the user taxonomy file (`taxonomy.user_file`)
whose skills join the package taxonomy's.
"""

from __future__ import annotations

import functools
import gc
from pathlib import Path

import spacy
from spacy.language import Language

from jobtrends.pipeline.nlp import negation, sections, skills
from jobtrends.pipeline.nlp.skills import SkillMatcher
from jobtrends.pipeline.nlp.taxonomy import Taxonomy, load_taxonomy
from jobtrends.pipeline.nlp.taxonomy.user_file import load_user_taxonomy, merged_taxonomy
from jobtrends.pipeline.nlp.tokenizer import TOKENIZER_NAME

# Bump when the rules (tokenizer, sections, gate, negation, attributes) change; the taxonomy's
# content hash is added automatically. 3: structured seniority wins, provenance recorded;
# 4: tag lists read as a `tags` section; 5: team/metadata/bracketed-restatement filters;
# 6: real-text role, seniority and remote rules; 7: vendor prefixes, run-together words;
# 8: term candidates ("New tools to watch"); 9: remote stated in other words (regions, labels,
# office days), fields of AI named as degree subjects or experts.
RULES_VERSION = "9"
# The factories these name are registered by importing their modules (sections, skills, negation).
PIPE_NAMES = (sections.FACTORY, skills.FACTORY, negation.FACTORY)
# Lexemes a pipeline takes in before RenewingPipeline builds it afresh (see there): about
# 8,000 postings with new names, numbers and identifiers in every one.
RENEW_AFTER_LEXEMES = 200_000


@functools.cache
def _package_version() -> str:
    return f"{RULES_VERSION}+taxonomy.{load_taxonomy().content_hash}"


def extractor_version(user_taxonomy: Path | None = None) -> str:
    """`RULES_VERSION` plus the package taxonomy's content hash, plus `+user.<digest>` when the
    user taxonomy file has skills (so a store without one keeps its version). The file is read on
    every call: `jobtrends taxonomy review` may have changed it since the last."""
    digest = load_user_taxonomy(user_taxonomy).digest
    return _package_version() + (f"+user.{digest}" if digest else "")


def pipeline_taxonomy(
    taxonomy_dir: Path | None = None, user_taxonomy: Path | None = None
) -> Taxonomy:
    """The taxonomy a pipeline matches: `taxonomy_dir`'s (default: the package's) with the skills
    of the user taxonomy file, if any."""
    package = load_taxonomy(taxonomy_dir)
    return merged_taxonomy(load_user_taxonomy(user_taxonomy, package), package)


def build_nlp(
    taxonomy_dir: Path | None = None,
    user_taxonomy: Path | None = None,
    *,
    taxonomy: Taxonomy | None = None,
) -> Language:
    """`spacy.blank("en")` with the tech tokenizer and the jobtrends components, ready to use,
    matching `taxonomy` (default: `pipeline_taxonomy(taxonomy_dir, user_taxonomy)`)."""
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
    for name in PIPE_NAMES:
        nlp.add_pipe(name)
    matcher = nlp.get_pipe(skills.FACTORY)
    assert isinstance(matcher, SkillMatcher)
    matcher.set_taxonomy(taxonomy or pipeline_taxonomy(taxonomy_dir, user_taxonomy))
    return nlp


class RenewingPipeline:
    """A pipeline that is built afresh once its vocab has taken in RENEW_AFTER_LEXEMES lexemes.
    spaCy's memory zones free every lexeme and string they make, but the hash tables that indexed
    them (preshed maps) keep the deleted cells and only ever double in size: some 16 bytes for
    every word the tokenizer had not cached, for as long as the process lives. `len(vocab)`
    counts every lexeme ever added, so it measures exactly what those tables have taken in.
    The taxonomy is read once (or given, as a Dask worker is), so every renewal matches the
    same one."""

    def __init__(
        self,
        taxonomy_dir: Path | None = None,
        renew_after: int = RENEW_AFTER_LEXEMES,
        *,
        user_taxonomy: Path | None = None,
        taxonomy: Taxonomy | None = None,
    ) -> None:
        self.taxonomy = taxonomy or pipeline_taxonomy(taxonomy_dir, user_taxonomy)
        self.renew_after = renew_after
        self.renewals = 0
        self.nlp = build_nlp(taxonomy=self.taxonomy)
        self._built_with = len(self.nlp.vocab)

    def current(self) -> Language:
        if len(self.nlp.vocab) - self._built_with >= self.renew_after:
            # spaCy objects hold reference cycles: collect the old pipeline before building the
            # new one, so that the new one reuses its memory.
            del self.nlp
            gc.collect()
            self.nlp = build_nlp(taxonomy=self.taxonomy)
            self._built_with = len(self.nlp.vocab)
            self.renewals += 1
        return self.nlp


_user_pipelines: dict[str, RenewingPipeline] = {}


def default_pipeline(user_taxonomy: Path | None = None) -> RenewingPipeline:
    """The process's shared pipeline on the package taxonomy, or on it and the user taxonomy
    file's skills (one kept, for the file's latest content)."""
    user = load_user_taxonomy(user_taxonomy)
    if not user.skills:
        return _package_pipeline()
    digest = user.digest
    if digest not in _user_pipelines:
        _user_pipelines.clear()
        _user_pipelines[digest] = RenewingPipeline(user_taxonomy=user_taxonomy)
    return _user_pipelines[digest]


@functools.cache
def _package_pipeline() -> RenewingPipeline:
    return RenewingPipeline()
