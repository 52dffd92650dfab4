"""Extraction: postings in, plain `Extraction` records out (no spaCy object leaves this module).

`extract_batch` is a pure function of one batch, so it can be mapped over partitions anywhere;
it runs the batch in one spaCy memory zone, after warming the tokenizer cache outside it.
`extract_parallel` streams any number of postings through it in chunks, in-process or in worker
processes (`extract_pool`), keeps the input order, and renews its pipeline now and then
(`RenewingPipeline`) so that a process extracting for ever keeps a flat memory.
"""

from __future__ import annotations

import functools
import gc
import itertools
import re
import weakref
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from jobtrends.pipeline.nlp.language import detect_language
from jobtrends.pipeline.nlp.remote import detect_remote
from jobtrends.pipeline.nlp.role import classify_role
from jobtrends.pipeline.nlp.salary import parse_salary
from jobtrends.pipeline.nlp.sections import SOURCE_TEXT_KEY
from jobtrends.pipeline.nlp.seniority import detect_seniority
from jobtrends.pipeline.nlp.skills import SkillMatcher, mentions_of
from jobtrends.pipeline.nlp.taxonomy import Taxonomy, load_taxonomy
from jobtrends.pipeline.nlp.terms import currency_marks_of, work_cues_of
from jobtrends.pipeline.nlp.tokenizer import TOKENIZER_NAME, CacheWarmer
from jobtrends.pipeline.results import Extraction, PostingText, Salary, SkillMention

# Bump when the rules (tokenizer, sections, gate, negation, attributes) change; the taxonomy's
# content hash is added automatically.
RULES_VERSION = "2"
PIPE_NAMES = ("jobtrends_sections", "jobtrends_skills", "jobtrends_negation")
WARM_UP_CHARS = 2_000_000
# Postings per memory zone: larger zones rebuild the lexemes of uncached words less often.
CHUNK_SIZE = 100
# Lexemes a pipeline takes in before RenewingPipeline builds it afresh (see there): about
# 8,000 postings with new names, numbers and identifiers in every one.
RENEW_AFTER_LEXEMES = 200_000
_warmers: weakref.WeakKeyDictionary[Language, CacheWarmer] = weakref.WeakKeyDictionary()
_SPACES = re.compile(r"\s+")
_LEADING_SPACE = re.compile(r"\s*")
_ASKED_SECTIONS = frozenset({"requirements", "nice_to_have"})


def __getattr__(name: str) -> str:
    # EXTRACTOR_VERSION is computed on first use so importing this module never reads files.
    if name == "EXTRACTOR_VERSION":
        return _extractor_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@functools.cache
def _extractor_version() -> str:
    return f"{RULES_VERSION}+taxonomy.{load_taxonomy().content_hash}"


def build_nlp(taxonomy_dir: Path | None = None) -> Language:
    """`spacy.blank("en")` with the tech tokenizer and the jobtrends components, ready to use."""
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
    for name in PIPE_NAMES:
        nlp.add_pipe(name)
    matcher = nlp.get_pipe("jobtrends_skills")
    assert isinstance(matcher, SkillMatcher)
    matcher.initialize(taxonomy_dir=str(taxonomy_dir) if taxonomy_dir else None)
    return nlp


class RenewingPipeline:
    """A pipeline that is built afresh once its vocab has taken in RENEW_AFTER_LEXEMES lexemes.
    spaCy's memory zones free every lexeme and string they make, but the hash tables that indexed
    them (preshed maps) keep the deleted cells and only ever double in size: some 16 bytes for
    every word the tokenizer had not cached, for as long as the process lives. `len(vocab)`
    counts every lexeme ever added, so it measures exactly what those tables have taken in."""

    def __init__(
        self, taxonomy_dir: Path | None = None, renew_after: int = RENEW_AFTER_LEXEMES
    ) -> None:
        self.taxonomy_dir = taxonomy_dir
        self.renew_after = renew_after
        self.renewals = 0
        self.nlp = build_nlp(taxonomy_dir)
        self._built_with = len(self.nlp.vocab)

    def current(self) -> Language:
        if len(self.nlp.vocab) - self._built_with >= self.renew_after:
            # spaCy objects hold reference cycles: collect the old pipeline before building the
            # new one, so that the new one reuses its memory.
            del self.nlp
            gc.collect()
            self.nlp = build_nlp(self.taxonomy_dir)
            self._built_with = len(self.nlp.vocab)
            self.renewals += 1
        return self.nlp


@functools.cache
def _default_pipeline() -> RenewingPipeline:
    return RenewingPipeline()


def extract_batch(
    postings: Sequence[PostingText], nlp: Language | None = None, *, batch_size: int = 64
) -> list[Extraction]:
    """Extract every posting of the batch, in order (see the module doc)."""
    nlp = nlp if nlp is not None else _default_pipeline().current()
    languages = [detect_language(posting.text) for posting in postings]
    english = [p for p, language in zip(postings, languages, strict=True) if language == "en"]
    warm_up(nlp, (p.text for p in english))
    taxonomy = _skill_matcher(nlp).taxonomy
    assert taxonomy is not None
    with nlp.memory_zone():
        docs = nlp.pipe((_make_doc(nlp, p.text) for p in english), batch_size=batch_size)
        extracted = {
            id(p): _extraction(p, doc, skill_mentions(p, doc, taxonomy))
            for p, doc in zip(english, docs, strict=True)
        }
    return [
        extracted[id(p)] if language == "en" else _non_english(p, language)
        for p, language in zip(postings, languages, strict=True)
    ]


def _make_doc(nlp: Language, text: str) -> Doc:
    doc = nlp.make_doc(text)
    doc.user_data[SOURCE_TEXT_KEY] = text
    return doc


def warm_up(nlp: Language, texts: Iterable[str]) -> None:
    """Fill the tokenizer cache from the first WARM_UP_CHARS characters of text this pipeline
    sees (`CacheWarmer`); inside a memory zone spaCy caches nothing, so call it outside one."""
    if getattr(nlp.vocab, "in_memory_zone", False) or not isinstance(nlp.tokenizer, Tokenizer):
        return
    warmer = _warmers.get(nlp)
    if warmer is None:
        warmer = _warmers[nlp] = CacheWarmer(nlp.tokenizer, WARM_UP_CHARS)
    if not warmer.done:
        warmer.feed(texts)


def _skill_matcher(nlp: Language) -> SkillMatcher:
    matcher = nlp.get_pipe("jobtrends_skills")
    assert isinstance(matcher, SkillMatcher)
    if matcher.taxonomy is None:
        matcher.initialize()
    return matcher


def skill_mentions(posting: PostingText, doc: Doc, taxonomy: Taxonomy) -> tuple[SkillMention, ...]:
    """The plain mentions of a processed doc, leaving out the words of the job title on the first
    line, and the employer named as a company ("GitLab is hiring") outside the sections that ask
    something of the candidate ("Experience with GitLab")."""
    text = posting.text
    title_start, title_end = _title_range(text, posting.title)
    company = posting.company.strip().lower()
    by_id = taxonomy.by_id
    mentions = []
    for found in mentions_of(doc):
        start, end = found.start_char, found.end_char
        if title_start <= start < title_end:
            continue
        words = text[start:end]
        if found.section not in _ASKED_SECTIONS and _names_employer(words, company):
            continue
        skill = by_id[found.skill_id]
        mentions.append(
            SkillMention(
                found.skill_id,
                skill.name,
                skill.category,
                words,
                start,
                end,
                found.section,
                found.negated,
                found.nice_to_have,
            )
        )
    return tuple(mentions)


def _extraction(posting: PostingText, doc: Doc, mentions: tuple[SkillMention, ...]) -> Extraction:
    role, confidence = classify_role(posting.title, mentions, posting.text, work_cues_of(doc))
    return Extraction(
        key=posting.key,
        role=role,
        role_confidence=confidence,
        seniority=detect_seniority(posting.title, posting.text),
        remote=detect_remote(posting.title, posting.text, posting.remote_hint, posting.location),
        salary=posting_salary(posting, doc),
        language="en",
        skills=mentions,
    )


def posting_salary(posting: PostingText, doc: Doc) -> Salary | None:
    """The salary of a posting whose text is `doc` (the currency codes come from its tokens)."""
    if posting.salary_hint is not None:
        return parse_salary(posting.text, posting.salary_hint)
    return parse_salary(posting.text, None, currency_marks_of(doc, posting.text))


def _names_employer(words: str, company: str) -> bool:
    """ "GitLab" names the employer "GitLab Inc." or "GitLab"; "Go" does not name "Google"."""
    words = words.lower()
    return bool(company) and (company == words or company.startswith(words + " "))


def _title_range(text: str, title: str) -> tuple[int, int]:
    """Where the first line repeats the job title ("Acme | Senior ML Engineer | Remote", or the
    title alone): words there belong to the title, not to the description."""
    title = _normalized_title(title)
    if not title:
        return (0, 0)
    leading = _LEADING_SPACE.match(text)
    offset = leading.end() if leading else 0
    line_end = text.find("\n", offset)
    first_line = text[offset : line_end if line_end >= 0 else len(text)].lower()
    at = first_line.find(title)
    if at < 0:
        return (0, 0)
    return (offset + at, offset + at + len(title))


@functools.lru_cache(maxsize=8192)
def _normalized_title(title: str) -> str:
    return _SPACES.sub(" ", title).strip().lower()


def _non_english(posting: PostingText, language: str) -> Extraction:
    """Non-English postings are left out of skill extraction: role `other`, confidence 0."""
    return Extraction(
        key=posting.key,
        role="other",
        role_confidence=0.0,
        seniority=detect_seniority(posting.title, posting.text),
        remote=detect_remote(posting.title, posting.text, posting.remote_hint, posting.location),
        salary=parse_salary(posting.text, posting.salary_hint),
        language=language,
        skills=(),
    )


def extract_parallel(
    postings: Iterable[PostingText],
    *,
    workers: int = 1,
    batch_size: int = 64,
    taxonomy_dir: Path | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Extraction]:
    """Stream extractions in input order, `chunk_size` postings at a time (one memory zone
    each); `workers > 1` runs the chunks in an `ExtractionPool` of worker processes."""
    if workers > 1:
        from jobtrends.pipeline.nlp.pool import ExtractionPool

        with ExtractionPool(
            workers, taxonomy_dir=taxonomy_dir, batch_size=batch_size, chunk_size=chunk_size
        ) as pool:
            yield from pool.extract(postings)
        return
    pipeline = _default_pipeline() if taxonomy_dir is None else RenewingPipeline(taxonomy_dir)
    for chunk in chunked(postings, chunk_size):
        yield from extract_batch(chunk, pipeline.current(), batch_size=batch_size)


def chunked(postings: Iterable[PostingText], size: int) -> Iterator[list[PostingText]]:
    """`postings` in lists of `size` (the last may be shorter)."""
    iterator = iter(postings)
    while chunk := list(itertools.islice(iterator, max(1, size))):
        yield chunk
