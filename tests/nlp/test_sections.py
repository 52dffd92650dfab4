"""Sections from headings, bullets and text cues; inline nice-to-have cues."""

from __future__ import annotations

import pytest

from jobtrends.pipeline.nlp.sections import split_lines
from tests.nlp.conftest import Run

POSTING = """Acme builds developer tools for data teams.

What you'll do
- Build services in Python

Requirements
- Strong Python

Nice to have
- Experience with Rust

About Acme
We are a small, remote team.

Tech stack
- Kubernetes

Benefits
- Health insurance

Acme is an equal opportunity employer and values diversity.
"""


def sections_by_line(text: str) -> dict[str, str]:
    return {text[line.start : line.end]: line.section for line in split_lines(text)}


def test_headings_and_bullets_set_sections() -> None:
    sections = sections_by_line(POSTING)
    assert sections["Acme builds developer tools for data teams."] == "general"
    assert sections["- Build services in Python"] == "responsibilities"
    assert sections["- Strong Python"] == "requirements"
    assert sections["- Experience with Rust"] == "nice_to_have"
    assert sections["We are a small, remote team."] == "about_company"
    assert sections["- Kubernetes"] == "general"  # an unnamed heading switches back to general
    assert sections["- Health insurance"] == "benefits"
    assert sections["Acme is an equal opportunity employer and values diversity."] == "benefits"


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("Responsibilities", "responsibilities"),
        ("What You’ll Do:", "responsibilities"),
        ("The role", "responsibilities"),
        ("An overview of this role", "responsibilities"),
        ("Requirements", "requirements"),
        ("Qualifications", "requirements"),
        ("Minimum qualifications", "requirements"),
        ("What we're looking for", "requirements"),
        ("You have", "requirements"),
        ("What you'll bring", "requirements"),
        ("Who are you?", "requirements"),
        ("Nice to have", "nice_to_have"),
        ("Nice-to-haves", "nice_to_have"),
        ("Bonus points", "nice_to_have"),
        ("Preferred qualifications", "nice_to_have"),
        ("About us", "about_company"),
        ("About Northwind Labs", "about_company"),
        ("Who we are", "about_company"),
        ("About the role", "responsibilities"),
        ("About you", "requirements"),
        ("Benefits", "benefits"),
        ("Perks", "benefits"),
        ("What we offer", "benefits"),
        ("## Requirements", "requirements"),
        ("**Benefits**", "benefits"),
    ],
)
def test_heading_cues(heading: str, section: str) -> None:
    text = f"Intro line.\n\n{heading}\n- An item\n"
    assert sections_by_line(text)["- An item"] == section


def test_label_before_a_colon_switches_section() -> None:
    text = "We build things.\nRequirements: Python and SQL\nMore detail here.\n"
    sections = sections_by_line(text)
    assert sections["We build things."] == "general"
    assert sections["Requirements: Python and SQL"] == "requirements"
    assert sections["More detail here."] == "requirements"


def test_sentences_and_pipes_are_not_headings() -> None:
    text = (
        "Acme | ML Engineer | Remote | Salary $150k\n\nWe use Python.\n\n"
        "You have shipped models to production before.\n- Python\n"
    )
    sections = sections_by_line(text)
    assert sections["Acme | ML Engineer | Remote | Salary $150k"] == "general"
    assert sections["- Python"] == "general"


def test_short_line_inside_a_list_is_not_a_heading() -> None:
    text = "Requirements\n- Python\nGo or Rust\n- SQL\n"
    assert sections_by_line(text)["- SQL"] == "requirements"


def test_inline_nice_to_have_cue_marks_only_its_sentence() -> None:
    text = "Requirements\n- Python is required. Kubernetes is a plus.\n- Rust\n"
    lines = {text[line.start : line.end]: line for line in split_lines(text)}
    line = lines["- Python is required. Kubernetes is a plus."]
    assert line.section == "requirements"
    assert not line.nice_at(text, text.index("Python"))
    assert line.nice_at(text, text.index("Kubernetes"))
    assert text[slice(*line.sentence(text, text.index("plus")))] == "Kubernetes is a plus."
    assert not lines["- Rust"].nice_at(text, text.index("Rust"))


@pytest.mark.parametrize(
    "sentence",
    ["Go is a plus", "bonus if you know Go", "Go is nice to have", "Go preferred",
     "ideally Go", "Go experience is an advantage"],
)  # fmt: skip
def test_inline_cues(mini: Run, sentence: str) -> None:
    doc = mini(f"Requirements\n- Python for backend work; {sentence}.\n")
    by_id = {span.label_: span for span in doc._.skills}
    assert by_id["go"]._.nice_to_have
    assert by_id["go"]._.section == "requirements"


def test_mentions_carry_sections_and_nice_flags(mini: Run) -> None:
    doc = mini(POSTING)
    found = [(s.label_, s._.section, s._.nice_to_have) for s in doc._.skills]
    assert found == [
        ("python", "responsibilities", False),
        ("python", "requirements", False),
        ("rust", "nice_to_have", True),  # "Experience with Rust": a skill frame confirms it
        ("kubernetes", "general", False),
    ]
    rust_doc = mini("Nice to have\n- Rust programming\n")
    assert [(s.label_, s._.section, s._.nice_to_have) for s in rust_doc._.skills] == [
        ("rust", "nice_to_have", True)
    ]


def test_token_section_extension(mini: Run) -> None:
    doc = mini("Intro.\n\nRequirements\n- Python\n")
    python = next(token for token in doc if token.text == "Python")
    assert python._.section == "requirements"
    assert doc[0]._.section == "general"
