"""Extraction of one batch: postings in, plain `Extraction` records out (no spaCy object leaves).

`extract_batch` is a pure function of one batch, so it can be mapped over partitions anywhere;
it runs the batch in one spaCy memory zone, after warming the tokenizer cache outside it.
`jobtrends.pipeline.nlp.pool.extract_parallel` streams any number of postings through it.
"""

from __future__ import annotations

import functools
import itertools
import re
import weakref
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar

from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from jobtrends.pipeline.nlp import skills
from jobtrends.pipeline.nlp.build import default_pipeline
from jobtrends.pipeline.nlp.language import detect_language
from jobtrends.pipeline.nlp.mention_filters import refined_mentions
from jobtrends.pipeline.nlp.new_terms import posting_candidates
from jobtrends.pipeline.nlp.remote import detect_remote
from jobtrends.pipeline.nlp.role import classify_role
from jobtrends.pipeline.nlp.salary import parse_salary
from jobtrends.pipeline.nlp.sections import SOURCE_TEXT_KEY, lines_of
from jobtrends.pipeline.nlp.seniority import detect_seniority
from jobtrends.pipeline.nlp.skills import SkillMatcher, mentions_of
from jobtrends.pipeline.nlp.taxonomy import Taxonomy
from jobtrends.pipeline.nlp.terms import currency_marks_of, work_cues_of
from jobtrends.pipeline.nlp.tokenizer import CacheWarmer
from jobtrends.pipeline.results import (
    Extraction,
    PostingText,
    Provenance,
    Salary,
    SkillMention,
    TermCandidate,
)
from jobtrends.pipeline.vocab import REMOTES, SENIORITIES, TAGS_SECTION
from jobtrends.scraper.records import tags_text

WARM_UP_CHARS = 2_000_000
# Postings per memory zone: larger zones rebuild the lexemes of uncached words less often.
CHUNK_SIZE = 100
_warmers: weakref.WeakKeyDictionary[Language, CacheWarmer] = weakref.WeakKeyDictionary()
_SPACES = re.compile(r"\s+")
_LEADING_SPACE = re.compile(r"\s*")
_ASKED_SECTIONS = frozenset({"requirements", "nice_to_have"})
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})
T = TypeVar("T")


def extract_batch(
    postings: Sequence[PostingText], nlp: Language | None = None, *, batch_size: int = 64
) -> list[Extraction]:
    """Extract every posting of the batch, in order (see the module doc)."""
    nlp = nlp if nlp is not None else default_pipeline().current()
    languages = [detect_language(posting.text) for posting in postings]
    english = [p for p, language in zip(postings, languages, strict=True) if language == "en"]
    warm_up(nlp, (p.text for p in english))
    taxonomy = _skill_matcher(nlp).taxonomy
    assert taxonomy is not None
    tagged = [p for p in english if p.tags]
    with nlp.memory_zone():
        tag_docs = nlp.pipe(
            (_make_doc(nlp, tags_text(p.tags)) for p in tagged), batch_size=batch_size
        )
        tag_mentions = {
            id(p): tag_skill_mentions(doc, taxonomy)
            for p, doc in zip(tagged, tag_docs, strict=True)
        }
        docs = nlp.pipe((_make_doc(nlp, p.text) for p in english), batch_size=batch_size)
        extracted = {
            id(p): _extracted(p, doc, taxonomy, tag_mentions.get(id(p), ()))
            for p, doc in zip(english, docs, strict=True)
        }
    return [
        extracted[id(p)] if language == "en" else _non_english(p, language)
        for p, language in zip(postings, languages, strict=True)
    ]


def _make_doc(nlp: Language, text: str) -> Doc:
    """The doc of `text` with Unicode hyphens read as "-" ("multi‑agent" with U+2011): one
    character for one, so every offset still points into `text`."""
    plain = text.translate(_HYPHENS) if "\u2010" in text or "\u2011" in text else text
    doc = nlp.make_doc(plain)
    doc.user_data[SOURCE_TEXT_KEY] = plain
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
    matcher = nlp.get_pipe(skills.FACTORY)
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
    return tuple(
        refined_mentions(text, mentions, taxonomy, lines_of(doc), (title_start, title_end))
    )


def tag_skill_mentions(doc: Doc, taxonomy: Taxonomy) -> tuple[SkillMention, ...]:
    """The mentions in a tag list (`tags_text`), all in the `tags` section: a board label is
    neither asked for nor negated."""
    by_id = taxonomy.by_id
    text = doc.text
    return tuple(
        SkillMention(
            found.skill_id,
            by_id[found.skill_id].name,
            by_id[found.skill_id].category,
            text[found.start_char : found.end_char],
            found.start_char,
            found.end_char,
            TAGS_SECTION,
            False,
            False,
        )
        for found in mentions_of(doc)
    )


def _extracted(
    posting: PostingText, doc: Doc, taxonomy: Taxonomy, tag_mentions: tuple[SkillMention, ...]
) -> Extraction:
    """The extraction of one processed posting, its term candidates included (`new_terms`)."""
    mentions = skill_mentions(posting, doc, taxonomy)
    title = _title_range(posting.text, posting.title)
    found = posting_candidates(posting, lines_of(doc), mentions, tag_mentions, taxonomy, title)
    return _extraction(posting, doc, mentions, tag_mentions, found)


def _extraction(
    posting: PostingText,
    doc: Doc,
    mentions: tuple[SkillMention, ...],
    tag_mentions: tuple[SkillMention, ...] = (),
    candidates: tuple[TermCandidate, ...] = (),
) -> Extraction:
    """Role, seniority, remote and salary come from the title and the description alone; the
    tag list only adds its own skill mentions."""
    role, confidence = classify_role(posting.title, mentions, posting.text, work_cues_of(doc))
    remote, remote_from = posting_remote(posting)
    seniority, seniority_from = posting_seniority(posting)
    salary = posting_salary(posting, doc)
    return Extraction(
        key=posting.key,
        role=role,
        role_confidence=confidence,
        seniority=seniority,
        remote=remote,
        salary=salary,
        language="en",
        skills=mentions + tag_mentions,
        remote_from=remote_from,
        salary_from=_salary_from(posting, salary),
        seniority_from=seniority_from,
        candidates=candidates,
    )


def posting_remote(posting: PostingText) -> tuple[str, Provenance | None]:
    """The remote mode the source states, else the one the title, location or text states."""
    if posting.remote_hint in REMOTES and posting.remote_hint != "unknown":
        return posting.remote_hint, "source"
    found = detect_remote(posting.title, posting.text, None, posting.location)
    return found, (None if found == "unknown" else "text")


def posting_seniority(posting: PostingText) -> tuple[str, Provenance | None]:
    """The seniority the source states, else the one the title or the years asked state."""
    if posting.seniority_hint in SENIORITIES and posting.seniority_hint != "unknown":
        return posting.seniority_hint, "source"
    found = detect_seniority(posting.title, posting.text)
    return found, (None if found == "unknown" else "text")


def posting_salary(posting: PostingText, doc: Doc) -> Salary | None:
    """The salary of a posting whose text is `doc` (the currency codes come from its tokens);
    a structured salary with an amount wins over the text."""
    if posting.salary_hint is not None:
        return parse_salary(posting.text, posting.salary_hint)
    return parse_salary(posting.text, None, currency_marks_of(doc, posting.text))


def _salary_from(posting: PostingText, salary: Salary | None) -> Provenance | None:
    if salary is None:
        return None
    hint = posting.salary_hint
    stated = hint is not None and (hint.min is not None or hint.max is not None)
    return "source" if stated else "text"


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
    remote, remote_from = posting_remote(posting)
    seniority, seniority_from = posting_seniority(posting)
    salary = parse_salary(posting.text, posting.salary_hint)
    return Extraction(
        key=posting.key,
        role="other",
        role_confidence=0.0,
        seniority=seniority,
        remote=remote,
        salary=salary,
        language=language,
        skills=(),
        remote_from=remote_from,
        salary_from=_salary_from(posting, salary),
        seniority_from=seniority_from,
    )


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """`items` in lists of `size` (the last may be shorter)."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, max(1, size))):
        yield chunk
