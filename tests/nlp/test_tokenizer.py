"""The tech-token tokenizer: intended splits and merges, and nothing else changed."""

from __future__ import annotations

import difflib
import html
import json
import re
from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from jobtrends.pipeline.nlp.tokenizer import TOKENIZER_NAME
from jobtrends.scraper.text import html_to_text

SAMPLE = """About us

We're a 40-person team (remote-first) building AI tools; you'll work with us on e.g. search.

What you'll do
- Ship features in Python 3.11, TypeScript and Node.js - don't worry, we pair a lot.
- Write C++ and CUDA kernels, and occasionally C# or F#.
- Own CI/CD for our services at https://example.com/jobs?id=42 and email jobs@example.com.
- Compare PyTorch/TensorFlow, (PyTorch) and AWS,GCP,Azure setups.

Requirements
- 5+ years of experience; $150k-$200k; 3.5% equity; U.S. based, 9am-5pm.
- Statistics in Python or R.
- Experience with C++/CUDA and C#/.NET, Node.js/Next.js apps.
"""


@pytest.fixture(scope="module")
def default_nlp() -> Language:
    return spacy.blank("en")


@pytest.fixture(scope="module")
def tech_nlp() -> Language:
    return spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})


def tokens(nlp: Language, text: str) -> list[str]:
    return [token.text for token in nlp.make_doc(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("C++ and C# and F# dev", ["C++", "and", "C#", "and", "F#", "dev"]),
        ("(C#), c#.", ["(", "C#", ")", ",", "c#", "."]),
        (".NET Core", [".NET", "Core"]),
        ("Node.js, Next.js.", ["Node.js", ",", "Next.js", "."]),
        ("CI/CD pipelines (ci/cd)", ["CI/CD", "pipelines", "(", "ci/cd", ")"]),
        ("C++/CUDA kernels", ["C++", "/", "CUDA", "kernels"]),
        ("C#/.NET", ["C#", "/", ".NET"]),
        ("Python or R.", ["Python", "or", "R", "."]),
        ("PyTorch/TensorFlow", ["PyTorch", "/", "TensorFlow"]),
        ("(PyTorch)", ["(", "PyTorch", ")"]),
        ("AWS,GCP", ["AWS", ",", "GCP"]),
        ("Node.js/Next.js", ["Node.js", "/", "Next.js"]),
        ("R&D", ["R&D"]),
        ("evaluation", ["evaluation"]),
        ("see https://example.com/a.js/b", ["see", "https://example.com/a.js/b"]),
    ],
)
def test_tech_tokens(tech_nlp: Language, text: str, expected: list[str]) -> None:
    assert tokens(tech_nlp, text) == expected


def test_whitespace_special_cases_are_gone_but_others_stay(tech_nlp: Language) -> None:
    tokenizer = tech_nlp.tokenizer
    assert isinstance(tokenizer, Tokenizer)
    rules = tokenizer.rules
    assert rules is not None
    assert all(key.strip() for key in rules)
    assert "don't" in rules
    assert tokens(tech_nlp, "don't\n\nstop") == ["do", "n't", "\n\n", "stop"]


_INTENDED = re.compile(r"^(?:[CcFf]#|[Cc][Ii]/[Cc][Dd]|[RC]\.|.*[+#]/.*|[\w\-]+\.js/.*)$")


def assert_same_apart_from_tech_tokens(default: list[str], custom: list[str]) -> int:
    """Token lists agree except in blocks that are one of the intended tech-token changes;
    returns how many such blocks there were."""
    changes = 0
    matcher = difflib.SequenceMatcher(a=default, b=custom, autojunk=False)
    for tag, a1, a2, b1, b2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        before, after = "".join(default[a1:a2]), "".join(custom[b1:b2])
        assert before == after, (default[a1:a2], custom[b1:b2])
        assert _INTENDED.match(before), (default[a1:a2], custom[b1:b2])
        changes += 1
    return changes


def test_sample_posting_differs_only_in_tech_tokens(
    default_nlp: Language, tech_nlp: Language
) -> None:
    changes = assert_same_apart_from_tech_tokens(
        tokens(default_nlp, SAMPLE), tokens(tech_nlp, SAMPLE)
    )
    assert changes >= 6  # C#, F#, CI/CD, R., C++/CUDA, C#/.NET, Node.js/Next.js


def _fixture_texts(root: Path) -> list[str]:
    texts = []
    greenhouse = json.loads((root / "greenhouse/gitlab_jobs_content_true.json").read_text())
    texts += [html_to_text(html.unescape(job["content"])) for job in greenhouse["jobs"]]
    ashby = json.loads((root / "ashby/openevidence_job_board.json").read_text())
    texts += [job["descriptionPlain"] for job in ashby["jobs"]]
    lever = json.loads((root / "lever/matchgroup_postings_mode_json.json").read_text())
    texts += [posting["descriptionPlain"] for posting in lever]
    return texts


def test_real_postings_tokenize_as_before(
    shared_fixtures: Path, default_nlp: Language, tech_nlp: Language
) -> None:
    texts = _fixture_texts(shared_fixtures)
    assert len(texts) >= 6
    for text in texts:
        assert_same_apart_from_tech_tokens(tokens(default_nlp, text), tokens(tech_nlp, text))


def test_repeated_text_tokenizes_identically(tech_nlp: Language) -> None:
    # Once the cache is warm, the cached path must give the same tokens as the first pass.
    first = tokens(tech_nlp, SAMPLE)
    assert tokens(tech_nlp, SAMPLE) == first
    with tech_nlp.memory_zone():
        assert tokens(tech_nlp, SAMPLE) == first
