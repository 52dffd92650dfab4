"""Skill matching: safe aliases, exact-case forms, the context gate, lists and overlaps."""

from __future__ import annotations

import pytest
from spacy.language import Language

from jobtrends.pipeline.nlp.taxonomy import load_taxonomy
from tests.nlp.conftest import Run, found, run_text

# (text, skill id, expected matched texts) - each ambiguous name in tech context and as a word.
AMBIGUOUS_CASES = [
    ("Backend services in the Go programming language.", "go", ["Go"]),
    ("Our goal: go to market fast. Go ahead and apply.", "go", []),
    ("Statistical modelling in R.", "r", ["R"]),
    ("Python and R for statistics", "r", ["R"]),
    ("Partner with R&D on new ideas.", "r", []),
    ("Write systems code in Rust.", "rust", ["Rust"]),
    ("Earn the trust of our customers.", "rust", []),
    ("Scripting in Lua for game logic.", "lua", ["Lua"]),
    ("Own the evaluation of our models.", "lua", []),
    ("Build data pipelines with Spark.", "apache_spark", ["Spark"]),
    ("Things that spark joy. Spark joy every day!", "apache_spark", []),
    ("Distributed training on Ray clusters.", "ray", ["Ray"]),
    ("You are a ray of sunshine.", "ray", []),
    ("Run labeling projects with Scale for RLHF data.", "scale_ai", ["Scale"]),
    ("Serve millions of users at scale. Scale matters.", "scale_ai", []),
    ("Build agents on Claude and other LLMs.", "claude", ["Claude"]),
    ("Our founder Claude Martin started the company in 2019.", "claude", []),
    ("Fine-tune models with the Hugging Face library Transformers.", "hf_transformers",
     ["Transformers"]),
    ("Deep knowledge of transformers and attention.", "hf_transformers", []),
]  # fmt: skip


@pytest.mark.parametrize(("text", "skill_id", "expected"), AMBIGUOUS_CASES)
def test_ambiguous_names_in_the_mini_taxonomy(
    mini: Run, text: str, skill_id: str, expected: list[str]
) -> None:
    assert [t for sid, t in found(mini(text)) if sid == skill_id] == expected


def test_transformers_architecture_when_the_library_gate_fails(mini: Run) -> None:
    doc = mini("Deep knowledge of transformers and attention.")
    assert found(doc) == [("transformer_architecture", "transformers")]


def test_safe_aliases_match_in_any_case_and_only_whole_tokens(mini: Run) -> None:
    doc = mini("PYTHON, python and Golang; pythonic code, JavaScript-heavy UIs, js.")
    assert found(doc) == [
        ("python", "PYTHON"),
        ("python", "python"),
        ("go", "Golang"),
        ("javascript", "JavaScript"),
        ("javascript", "js"),
    ]


def test_case_sensitive_skill_needs_exact_case(mini: Run) -> None:
    assert found(mini("Models in JAX. A jax of all trades.")) == [("jax", "JAX")]


def test_longest_match_wins_and_nothing_overlaps(mini: Run) -> None:
    doc = mini("We use Hugging Face Transformers, Spark SQL and Ray Serve.")
    assert found(doc) == [
        ("hf_transformers", "Hugging Face Transformers"),
        ("apache_spark", "Spark SQL"),
        ("ray", "Ray Serve"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Stack: Python, Go, Rust", ["python", "go", "rust"]),
        ("Languages: Python/Go", ["python", "go"]),
        ("- Python, Rust and Go", ["python", "rust", "go"]),
        ("- Python\n- Rust\n- Kubernetes", ["python", "rust", "kubernetes"]),
        ("We value Rust and honesty.", []),
    ],
)
def test_lists_confirm_ambiguous_names(mini: Run, text: str, expected: list[str]) -> None:
    assert [sid for sid, _ in found(mini(text))] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- Familiarity with Go", [("go", "Go")]),
        ("- Strong knowledge of R", [("r", "R")]),
        ("- Experience using Spark at work", [("apache_spark", "Spark")]),
        ("- We use Ray", [("ray", "Ray")]),
        ("- Some time spent with Go", []),
    ],
)
def test_skill_frames_confirm_ambiguous_names(
    mini: Run, text: str, expected: list[tuple[str, str]]
) -> None:
    assert found(mini(text)) == expected


def test_separator_veto_yields_to_a_list_of_skills(real_nlp: Language) -> None:
    go = load_taxonomy().by_id.get("go")
    if go is None or "or" not in go.veto_prev:
        pytest.skip("needs a gated Go whose veto_prev holds 'or'")
    assert ("go", "Go") in found(run_text(real_nlp, "- You have used Docker or Go in production"))
    assert "go" not in dict(found(run_text(real_nlp, "A go or no-go call. Go or No-Go.")))


def test_veto_rejects_even_with_context(mini: Run) -> None:
    # "programming" is a Go cue, but "to" right after vetoes the verb.
    assert found(mini("Programming languages we go to conferences about.")) == []
    assert found(mini("We will Go to production with a programming language.")) == []


def test_sentence_final_period_does_not_veto_r(mini: Run) -> None:
    assert found(mini("Statistics in Python or R.\nNext line")) == [
        ("python", "Python"),
        ("r", "R"),
    ]


def test_spans_carry_offsets_into_the_text(mini: Run) -> None:
    text = "Intro\n\nRequirements\n- C++/CUDA kernels and C# services"
    doc = mini(text)
    spans = doc._.skills
    assert [(s.label_, text[s.start_char : s.end_char]) for s in spans] == [
        ("cpp", "C++"),
        ("cuda", "CUDA"),
        ("csharp", "C#"),
    ]
    assert all(s._.skill_id == s.label_ for s in spans)
    assert all(s._.section == "requirements" for s in spans)


def _gated_skill_for(form: str) -> str | None:
    for skill in load_taxonomy().skills:
        if form in skill.ambiguous:
            return skill.id
    return None


@pytest.mark.parametrize(("text", "form", "expected"), [
    ("Backend services in Go.", "Go", True),
    ("Our goal: go to market fast. Go ahead and apply.", "Go", False),
    ("Statistical modelling in R and Python.", "R", True),
    ("Partner with R&D on new ideas. R & D budget.", "R", False),
    ("Write systems code in Rust and C++.", "Rust", True),
    ("Earn the trust of our customers.", "Rust", False),
    ("Build data pipelines with Spark and Scala.", "Spark", True),
    ("Things that spark joy. Spark joy every day!", "Spark", False),
    ("Distributed training on Ray with PyTorch.", "Ray", True),
    ("You are a ray of sunshine. A Ray of hope.", "Ray", False),
    ("Serve millions of users at scale. Scale matters.", "Scale", False),
    ("Build agents on Claude and other LLMs.", "Claude", True),
    ("Our founder Claude Martin started the company in 2019.", "Claude", False),
    ("Deep knowledge of transformers and attention.", "Transformers", False),
])  # fmt: skip
def test_ambiguous_names_in_the_package_taxonomy(
    real_nlp: Language, text: str, form: str, expected: bool
) -> None:
    skill_id = _gated_skill_for(form)
    if skill_id is None:
        pytest.skip(f"the package taxonomy has no gated form {form!r} yet")
    doc = run_text(real_nlp, text)
    assert (skill_id, form) in found(doc) if expected else skill_id not in dict(found(doc))


@pytest.mark.parametrize("text", [
    "Earn trust through evaluation, goodwill and grants.",
    "Our team will go to the R&D offsite; we scale at scale.",
])  # fmt: skip
def test_substring_and_word_traps_never_fire_in_the_package_taxonomy(
    real_nlp: Language, text: str
) -> None:
    assert found(run_text(real_nlp, text)) == []


def test_a_field_named_as_a_team_or_a_job_is_no_skill(real_nlp: Language) -> None:
    text = (
        "Our ML team and two senior ML engineers work with NLP researchers.\n"
        "- Experience with ML and deep learning; NLP a plus\n"
        "- Work on the ML platform"
    )
    spans = [
        (span.label_, span.text, span.start_char) for span in run_text(real_nlp, text)._.skills
    ]
    assert [(skill, words) for skill, words, _ in spans] == [
        ("machine_learning", "ML"),
        ("deep_learning", "deep learning"),
        ("natural_language_processing", "NLP"),
        ("machine_learning", "ML"),
    ]
    assert all(start > text.index("\n") for _, _, start in spans)
