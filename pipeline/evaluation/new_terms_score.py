"""Scoring the term candidates ("new tools to watch") against the gold skill labels.

- Candidate precision: the share of emitted candidates that are skills, i.e. whose span overlaps
  a gold skill label of the posting (any label: in the taxonomy or outside it).
- Out-of-taxonomy recall: the share of gold labels outside the taxonomy (`skill_id` None) that
  an emitted candidate overlaps.

Tag candidates (section `tags`) point into the tag list, not the text, and are left out. Both
figures get a 95% bootstrap interval, postings resampled as in `intervals`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.language import Language

from jobtrends.pipeline.evaluation.intervals import RESAMPLES, SEED, Figure, interval_text
from jobtrends.pipeline.evaluation.scoring import Evaluation, score
from jobtrends.pipeline.evaluation.sets import GoldPosting
from jobtrends.pipeline.nlp import extract_batch
from jobtrends.pipeline.nlp.taxonomy import Taxonomy
from jobtrends.pipeline.results import Extraction, PostingText
from jobtrends.pipeline.vocab import TAGS_SECTION


@dataclass(frozen=True, slots=True)
class PostingCandidates:
    """One posting's share: candidates emitted, those that are skills, gold labels outside the
    taxonomy, those a candidate overlaps."""

    emitted: int
    skills: int
    outside: int
    found: int


@dataclass(frozen=True, slots=True)
class CandidateScore:
    precision: Figure  # (value, low, high)
    recall: Figure
    emitted: int
    skills: int
    outside: int
    found: int
    per_posting: tuple[PostingCandidates, ...]


def posting_counts(gold: GoldPosting, extraction: Extraction) -> PostingCandidates:
    spans = [(c.start, c.end) for c in extraction.candidates if c.section != TAGS_SECTION]
    skills = sum(any(g.start < end and start < g.end for g in gold.skills) for start, end in spans)
    outside = [g for g in gold.skills if g.skill_id is None]
    found = sum(any(g.start < end and start < g.end for start, end in spans) for g in outside)
    return PostingCandidates(len(spans), skills, len(outside), found)


def score_candidates(
    postings: Sequence[GoldPosting],
    extractions: Sequence[Extraction],
    resamples: int = RESAMPLES,
    seed: int = SEED,
) -> CandidateScore:
    """Candidate precision and out-of-taxonomy recall of `extractions` (in the order of
    `postings`), with their bootstrap intervals."""
    shares = tuple(posting_counts(g, e) for g, e in zip(postings, extractions, strict=True))
    counts = np.array(
        [(s.emitted, s.skills, s.outside, s.found) for s in shares], dtype=np.float64
    ).reshape(-1, 4)
    emitted, skills, outside, found = (int(n) for n in counts.sum(axis=0))
    if shares:
        picks = np.random.default_rng(seed).integers(0, len(shares), size=(resamples, len(shares)))
        sampled = counts[picks].sum(axis=1)  # (resamples, 4)
    else:
        sampled = np.zeros((1, 4))
    return CandidateScore(
        _figure(skills, emitted, sampled[:, 1], sampled[:, 0]),
        _figure(found, outside, sampled[:, 3], sampled[:, 2]),
        emitted,
        skills,
        outside,
        found,
        shares,
    )


def _figure(top: int, bottom: int, tops: np.ndarray, bottoms: np.ndarray) -> Figure:
    ratios = np.divide(tops, bottoms, out=np.zeros_like(tops), where=bottoms > 0)
    low, high = np.percentile(ratios, [2.5, 97.5])
    value = top / bottom if bottom else 0.0
    return (round(value, 4), round(float(low), 4), round(float(high), 4))


def evaluate_with_candidates(
    postings: Sequence[GoldPosting], nlp: Language | None = None, taxonomy: Taxonomy | None = None
) -> tuple[Evaluation, CandidateScore]:
    """`scoring.evaluate` and the candidates' score, from one run of the extraction."""
    inputs = [PostingText(p.id, p.title, p.text, company=p.company) for p in postings]
    extractions = extract_batch(inputs, nlp)
    return score(postings, extractions, taxonomy), score_candidates(postings, extractions)


def candidates_json(result: CandidateScore) -> dict[str, object]:
    """The `candidates` block of `jobtrends eval --json`."""
    return {
        "emitted": result.emitted,
        "skills": result.skills,
        "outside_taxonomy_labels": result.outside,
        "outside_taxonomy_found": result.found,
        "precision": list(result.precision),
        "outside_taxonomy_recall": list(result.recall),
    }


def candidates_lines(result: CandidateScore) -> list[str]:
    """The candidates' figures as lines of `jobtrends eval`'s text output."""
    return [
        "",
        "Term candidates (new tools to watch; 95% bootstrap interval)",
        f"  precision (candidates that are skills)  {interval_text(result.precision)}"
        f"  ({result.skills} of {result.emitted})",
        f"  recall of out-of-taxonomy labels        {interval_text(result.recall)}"
        f"  ({result.found} of {result.outside})",
    ]
