"""Scoring term candidates: precision against any gold label, recall of the labels outside the
taxonomy, and their bootstrap intervals."""

from __future__ import annotations

from jobtrends.pipeline.evaluation.new_terms_score import (
    candidates_json,
    candidates_lines,
    score_candidates,
)
from jobtrends.pipeline.evaluation.sets import GoldMention, GoldPosting
from jobtrends.pipeline.results import Extraction, TermCandidate

TEXT = "Requirements: Python, QuillStream, FlowMesh and a team in Lisbon."


def _gold(posting_id: str, *labels: tuple[str | None, str]) -> GoldPosting:
    mentions = tuple(
        GoldMention(skill, words, 1, False, TEXT.index(words), TEXT.index(words) + len(words))
        for skill, words in labels
    )
    return GoldPosting(posting_id, "Engineer", "Acme", "ats", TEXT, "other", "unknown",
                       "unknown", mentions, "", "test")  # fmt: skip


def _extraction(key: str, *terms: str, section: str = "requirements") -> Extraction:
    found = tuple(
        TermCandidate(t, TEXT.index(t), TEXT.index(t) + len(t), section, 0.5) for t in terms
    )
    return Extraction(key, "other", 0.0, "unknown", "unknown", None, "en", (), candidates=found)


def test_precision_counts_any_label_and_recall_only_labels_outside_the_taxonomy() -> None:
    gold = [
        _gold("1", ("python", "Python"), (None, "QuillStream"), (None, "FlowMesh")),
        _gold("2", (None, "FlowMesh")),
    ]
    extractions = [_extraction("1", "Python", "QuillStream", "Lisbon"), _extraction("2")]
    result = score_candidates(gold, extractions, resamples=200)
    assert (result.emitted, result.skills, result.outside, result.found) == (3, 2, 3, 1)
    assert result.precision[0] == round(2 / 3, 4)
    assert result.recall[0] == round(1 / 3, 4)
    for value, low, high in (result.precision, result.recall):
        assert 0.0 <= low <= value <= high <= 1.0
    assert [p.emitted for p in result.per_posting] == [3, 0]


def test_tag_candidates_are_not_scored_against_the_text() -> None:
    gold = [_gold("1", (None, "QuillStream"))]
    result = score_candidates(gold, [_extraction("1", "QuillStream", section="tags")])
    assert (result.emitted, result.found) == (0, 0)
    assert result.precision == (0.0, 0.0, 0.0)


def test_the_json_block_and_the_text_lines_carry_both_figures() -> None:
    gold = [_gold("1", (None, "QuillStream"))]
    result = score_candidates(gold, [_extraction("1", "QuillStream")], resamples=50)
    block = candidates_json(result)
    assert block["precision"] == [1.0, 1.0, 1.0]
    assert block["outside_taxonomy_recall"] == [1.0, 1.0, 1.0]
    assert (block["emitted"], block["outside_taxonomy_found"]) == (1, 1)
    lines = candidates_lines(result)
    assert any("precision" in line and "1 of 1" in line for line in lines)
    assert any("out-of-taxonomy" in line for line in lines)


def test_no_postings_score_zero() -> None:
    result = score_candidates([], [])
    assert result.precision == (0.0, 0.0, 0.0) and result.emitted == 0
