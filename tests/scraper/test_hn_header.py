from __future__ import annotations

import pytest

from jobtrends.scraper.sources.hn.header import MAX_TITLE, PostHeader, parse_header


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Acme Robotics | Senior ML Engineer | Boston, MA | ONSITE | Full-time | $180k-$220k | https://acme.example",
            PostHeader("Acme Robotics", "Senior ML Engineer", "Boston, MA", "onsite"),
        ),
        (
            "Peppermill | Remote (EU) | Data Scientist | Full-time | €70k",
            PostHeader("Peppermill", "Data Scientist", "Remote (EU)", "remote"),
        ),
        (
            "Kiln.dev | Backend Engineer | Frontend Developer | NYC | HYBRID",
            PostHeader("Kiln.dev", "Backend Engineer, Frontend Developer", "NYC", "hybrid"),
        ),
        (
            "Orchard Labs - Research Scientist (LLMs) - London, UK - REMOTE OK",
            PostHeader("Orchard Labs", "Research Scientist (LLMs)", "London, UK", "remote"),
        ),
        (
            "Tallow / Founding Engineer / San Francisco",
            PostHeader("Tallow", "Founding Engineer", "San Francisco", None),
        ),
        (
            "Birchbox Health | SWE, MLE | REMOTE | VISA",
            PostHeader("Birchbox Health", "SWE, MLE", "", "remote"),
        ),
        (
            "Sprocket | Full Stack | Remote, but no remote outside the US | quill.example/jobs",
            PostHeader(
                "Sprocket",
                "Sprocket | Full Stack | Remote, but no remote outside the US | quill.example/jobs",
                "Full Stack; Remote, but no remote outside the US",
                "remote",
            ),
        ),
        (
            "Loom & Lathe | Embedded Engineer | Munich | ONSITE, no remote",
            PostHeader("Loom & Lathe", "Embedded Engineer", "Munich", "onsite"),
        ),
    ],
)
def test_tokens_are_classified_by_what_they_look_like(line: str, expected: PostHeader) -> None:
    assert parse_header(line) == expected


def test_no_separator_means_the_line_is_the_title() -> None:
    header = parse_header("We are hiring engineers who like compilers, remote is fine")
    assert header == PostHeader(
        "", "We are hiring engineers who like compilers, remote is fine", "", None
    )


def test_long_titles_are_shortened_on_a_word_boundary() -> None:
    header = parse_header("word " * 100)
    assert len(header.title) <= MAX_TITLE + 1 and header.title.endswith("word…")


def test_empty_line() -> None:
    assert parse_header("   ") == PostHeader("", "", "", None)
