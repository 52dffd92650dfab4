"""Negation: narrow, same-clause cues mark mentions as not required; plain lists stay positive."""

from __future__ import annotations

import pytest

from tests.nlp.conftest import Run


def negation(doc_text: str, run: Run) -> dict[str, bool]:
    return {span.label_: span._.negated for span in run(doc_text)._.skills}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("No Kubernetes experience required.", {"kubernetes": True}),
        ("Not required: Golang, CUDA or Kubernetes.", {"go": True, "cuda": True,
                                                        "kubernetes": True}),
        ("You don't need to know JavaScript.", {"javascript": True}),
        ("You don’t need to know JavaScript.", {"javascript": True}),
        ("We do not need you to be an expert in Python.", {"python": True}),
        ("Without prior CUDA experience you will still thrive.", {"cuda": True}),
        ("Experience with Kubernetes is not necessary.", {"kubernetes": True}),
        ("Kubernetes knowledge isn't required.", {"kubernetes": True}),
        ("Python, CUDA and Kubernetes", {"python": False, "cuda": False, "kubernetes": False}),
        ("Python required; no Kubernetes experience needed.", {"python": False,
                                                               "kubernetes": True}),
        ("No matter your background, Python is a must.", {"python": False}),
        ("Without a doubt we love Python.", {"python": False}),
        ("There is no better place to learn PyTorch.", {"pytorch": False}),
        ("Kubernetes is not required, but Python is.", {"kubernetes": True, "python": False}),
        ("Python is not required but CUDA is essential.", {"python": True, "cuda": False}),
        ("We do not use Kubernetes, so no need to list it.", {"kubernetes": True}),
    ],
)  # fmt: skip
def test_negation_cases(mini: Run, text: str, expected: dict[str, bool]) -> None:
    assert negation(text, mini) == expected


def test_negation_does_not_cross_lines(mini: Run) -> None:
    text = "Not required:\n- Python\n\nRequirements\n- Kubernetes, no CUDA"
    assert negation(text, mini) == {"python": False, "kubernetes": False, "cuda": True}
