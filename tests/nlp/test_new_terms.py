"""Term candidates ("new tools to watch"): names that stand where skills stand but are not in
the taxonomy. The postings here are written for the tests; the names are invented."""

from __future__ import annotations

from jobtrends.pipeline.nlp import extract_batch, load_taxonomy
from jobtrends.pipeline.nlp.new_terms import THRESHOLD, find_candidates, tag_candidates
from jobtrends.pipeline.nlp.sections import split_lines
from jobtrends.pipeline.results import Extraction, PostingText, TermCandidate


def _extract(
    text: str, title: str = "Platform Engineer", company: str = "", tags: tuple[str, ...] = ()
) -> Extraction:
    (result,) = extract_batch([PostingText("1", title, text, company=company, tags=tags)])
    return result


def _terms(text: str, **kwargs: str) -> list[str]:
    return [c.term for c in _extract(text, **kwargs).candidates]  # type: ignore[arg-type]


REQUIREMENTS = """Platform Engineer

Requirements
- Experience with Python, Kafka and QuillStream
- Familiarity with PyTorch, JAX or TensorLane-2 for training jobs
- Strong communication skills and a Bachelor's degree in Computer Science
"""


def test_an_unknown_item_of_an_enumeration_of_skills_is_a_candidate() -> None:
    terms = _terms(REQUIREMENTS)
    assert "QuillStream" in terms
    assert "TensorLane-2" in terms


def test_known_skills_common_words_and_degrees_are_no_candidates() -> None:
    terms = _terms(REQUIREMENTS)
    for word in ("Python", "Kafka", "PyTorch", "JAX", "Strong", "Bachelor", "Computer Science"):
        assert not any(word in term for term in terms), (word, terms)


def test_offsets_point_at_the_term_and_scores_are_rounded_and_above_the_threshold() -> None:
    result = _extract(REQUIREMENTS)
    assert result.candidates
    for candidate in result.candidates:
        assert REQUIREMENTS[candidate.start : candidate.end] == candidate.term
        assert candidate.section == "requirements"
        assert THRESHOLD <= candidate.score <= 1.0
        assert candidate.score == round(candidate.score, 3)
    assert {m.text for m in result.skills} >= {"Python", "Kafka", "PyTorch", "JAX"}


def test_the_employer_and_the_title_line_give_no_candidate() -> None:
    text = """VoltaGrid Engineer

Requirements
- Experience with Python, Kafka and VoltaGrid
- Experience with Go, Docker or QuillStream
"""
    terms = _terms(text, title="VoltaGrid Engineer", company="VoltaGrid")
    assert "VoltaGrid" not in terms
    assert "QuillStream" in terms


def test_benefits_places_and_job_titles_give_no_candidate() -> None:
    text = """Data Engineer

Responsibilities
- Work with Python, Airflow and the Analytics Engineers team in Lisbon, Madrid or Berlin

Benefits
- Free TransitPass, Python books and a LearnHub budget
"""
    terms = _terms(text, title="Data Engineer")
    assert not any(t in terms for t in ("Lisbon", "Madrid", "Berlin", "Analytics Engineers"))
    assert "TransitPass" not in terms and "LearnHub" not in terms


def test_words_run_together_by_page_text_are_no_candidates() -> None:
    text = """ML Engineer

Requirements
- Experience with Python and Docker and similarExperience with Kubernetes. scale.This matters
"""
    terms = _terms(text, title="ML Engineer")
    assert "similarExperience" not in terms
    assert not any("scale.This" in term for term in terms)


def test_the_bracketed_initials_of_a_phrase_are_no_second_candidate() -> None:
    text = """ML Engineer

Requirements
- Experience with Python, Docker and Quantum Ledger Format (QLF) pipelines
"""
    assert "QLF" not in _terms(text, title="ML Engineer")


def test_a_tag_naming_no_skill_is_a_candidate_in_the_tags_section() -> None:
    result = _extract(REQUIREMENTS, tags=("Python", "Hyperloom", "Remote", "QuillDB-3"))
    tags = [c for c in result.candidates if c.section == "tags"]
    text = "\n".join(("Python", "Hyperloom", "Remote", "QuillDB-3"))
    assert [c.term for c in tags] == ["Hyperloom", "QuillDB-3"]
    for candidate in tags:
        assert text[candidate.start : candidate.end] == candidate.term


def test_tag_candidates_leave_out_known_skills_and_common_words() -> None:
    taxonomy = load_taxonomy()
    found = tag_candidates("Senior\nKubernetes\nFlowMesh", (), taxonomy)
    assert [c.term for c in found] == ["FlowMesh"]
    assert found[0] == TermCandidate("FlowMesh", 18, 26, "tags", found[0].score)


def test_the_finder_is_deterministic_and_needs_its_lines() -> None:
    taxonomy = load_taxonomy()
    lines = split_lines(REQUIREMENTS)
    first = find_candidates(REQUIREMENTS, lines, (), taxonomy)
    assert first == find_candidates(REQUIREMENTS, lines, (), taxonomy)
    assert find_candidates(REQUIREMENTS, None, (), taxonomy) == ()
