"""What a skill name in a posting does not count as: a field of AI naming a team, a job or its
experts, a degree's subject, a metadata line, the bracketed short form of a name just written in
full."""

from __future__ import annotations

import pytest

from jobtrends.pipeline.nlp import extract_batch
from jobtrends.pipeline.results import PostingText


def _skills(text: str, title: str = "Engineer") -> list[tuple[str, str]]:
    (result,) = extract_batch([PostingText("1", title, text)])
    return [(m.skill_id, m.text) for m in result.skills]


@pytest.mark.parametrize(
    "text",
    [
        "You will join the ML Infrastructure team in Lisbon.",
        "We are hiring Machine Learning Research Engineers for our lab.",
        "Report to the Machine Learning (ML) Engineer lead.",
        "Work with the ML Platform group on releases.",
        "She leads the Ads Machine Learning org.",
        "Grow the Machine Learning function across the company.",
        "You will sit with machine learning experts and product designers.",
    ],
)
def test_a_field_naming_a_team_or_a_job_is_no_mention(text: str) -> None:
    assert ("machine_learning", "ML") not in _skills(text)
    assert not [skill for skill, _ in _skills(text) if skill == "machine_learning"]


def test_a_field_written_as_a_skill_still_counts() -> None:
    found = _skills("- 3+ years of machine learning in production\n- Deep learning for vision")
    assert ("machine_learning", "machine learning") in found
    assert ("deep_learning", "Deep learning") in found


@pytest.mark.parametrize(
    "line",
    ["- MSc or PhD in statistics, machine learning, computer vision or a related field",
     "- A Master's degree in Physics, Computer Science / Deep Learning, or equivalent",
     "You hold a Ph.D. in NLP, linguistics or cognitive science.",
     "- BS/MS in Mathematics and Machine Learning"],
)  # fmt: skip
def test_a_field_named_as_a_degree_subject_is_no_mention(line: str) -> None:
    fields = {"machine_learning", "computer_vision", "deep_learning", "natural_language_processing"}
    assert not [skill for skill, _ in _skills(f"Requirements\n{line}") if skill in fields]


@pytest.mark.parametrize(
    ("line", "words"),
    [("- PhD in physics and 3+ years of machine learning in production", "machine learning"),
     ("- Degree in computer science and experience with deep learning", "deep learning"),
     ("- p99 under 40 ms in production for our computer vision models", "computer vision")],
)  # fmt: skip
def test_a_field_asked_for_beside_a_degree_still_counts(line: str, words: str) -> None:
    assert words in [text for _, text in _skills(f"Requirements\n{line}")]


@pytest.mark.parametrize(
    "line",
    ["Category: Machine Learning & AI", "• Job Title: Senior Engineer, Computer Vision",
     "- Department: Data Science and NLP", "Job function: Machine Learning"],
)  # fmt: skip
def test_metadata_lines_name_no_skill(line: str) -> None:
    text = f"{line}\nYou will train models in PyTorch."
    assert [skill for skill, _ in _skills(text)] == ["pytorch"]


def test_the_bracketed_short_form_is_the_same_mention() -> None:
    found = _skills(
        "Experience with Amazon Web Services (AWS) and large language models (LLMs).\n"
        "Deploy on AWS. Evaluate LLMs."
    )
    assert found == [
        ("amazon_web_services", "Amazon Web Services"),
        ("large_language_models", "large language models"),
        ("amazon_web_services", "AWS"),
        ("large_language_models", "LLMs"),
    ]


def test_a_vendor_prefix_names_the_platform_too() -> None:
    found = _skills("Experience with AWS Glue and GCP BigQuery; Azure OpenAI for the assistant.")
    assert found == [
        ("amazon_web_services", "AWS"),
        ("aws_glue", "Glue"),
        ("google_cloud", "GCP"),
        ("google_bigquery", "BigQuery"),
        ("azure_openai", "Azure OpenAI"),  # "Azure" is part of the product's own name
    ]


def test_run_together_tag_lists_are_read_piece_by_piece() -> None:
    found = _skills("Skills\nPythonDockerKafkaRedis\nWe ship with PyTorch and TypeScript.")
    assert found == [
        ("python", "Python"),
        ("docker", "Docker"),
        ("apache_kafka", "Kafka"),
        ("redis", "Redis"),
        ("pytorch", "PyTorch"),
        ("typescript", "TypeScript"),
    ]
    (result,) = extract_batch([PostingText("1", "Engineer", "Tags\nGoRust and more")])
    assert result.skills == ()  # ambiguous names alone: nothing says they are skills


def test_a_shared_last_word_written_once_names_every_skill_of_the_list() -> None:
    found = _skills("Deep knowledge of data, tensor and pipeline parallelism.")
    assert found == [
        ("data_parallelism", "data"),
        ("tensor_parallelism", "tensor"),
        ("pipeline_parallelism", "pipeline parallelism"),
    ]
    assert _skills("Implement model/data/pipeline parallelism.")[:2] == [
        ("model_parallelism", "model"),
        ("data_parallelism", "data"),
    ]
    # A word that is already a mention is not counted twice ("CUDA kernels" is CUDA too).
    assert _skills("Write custom CUDA or Triton kernels.").count(("cuda", "CUDA")) == 1


def test_unicode_hyphens_read_as_hyphens_and_offsets_stay() -> None:
    text = "Own the multi\u2011agent planner and Retrieval\u2011Augmented Generation."
    found = _skills(text)
    assert found == [
        ("ai_agents", "multi\u2011agent"),
        ("rag", "Retrieval\u2011Augmented Generation"),
    ]
