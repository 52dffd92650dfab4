"""The N-Quads line parser on hand-written lines: every term form, escape and malformed shape."""

from __future__ import annotations

import pytest

from jobtrends.pipeline.ingest.nquads import (
    Literal,
    NQuadsError,
    Quad,
    QuadCounts,
    is_blank,
    parse_line,
    read_quads,
    unescape,
)

PAGE = "<https://example.com/jobs/1>"
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"


def test_blank_subject_iri_object_and_the_page_as_graph() -> None:
    line = (
        "_:nb1f7a0 <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
        f"<http://schema.org/JobPosting> {PAGE} .\n"
    )
    assert parse_line(line) == Quad(
        "_:nb1f7a0",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        "http://schema.org/JobPosting",
        "https://example.com/jobs/1",
    )
    assert is_blank("_:nb1f7a0") and not is_blank("http://schema.org/JobPosting")


@pytest.mark.parametrize(
    ("obj", "expected"),
    [
        ('"Data Scientist"', Literal("Data Scientist")),
        ('"Datenwissenschaftler"@de', Literal("Datenwissenschaftler", "de")),
        ('"ML Engineer"@en-GB', Literal("ML Engineer", "en-GB")),
        (f'"2024-01-05"^^<{XSD_DATE}>', Literal("2024-01-05", None, XSD_DATE)),
        ('""', Literal("")),
        ("_:b2", "_:b2"),
        ("<https://schema.org/Telecommute>", "https://schema.org/Telecommute"),
    ],
)
def test_every_object_form(obj: str, expected: str | Literal) -> None:
    quad = parse_line(f"_:b1 <http://schema.org/title> {obj} {PAGE} .")
    assert quad is not None and quad.object == expected


@pytest.mark.parametrize(
    "predicate",
    [
        "http://schema.org/title",
        "https://schema.org/title",
        "http://schema.org/JobPosting/title",
    ],
)
def test_http_https_and_microdata_predicates_are_kept_as_written(predicate: str) -> None:
    quad = parse_line(f'_:b1 <{predicate}> "x" {PAGE} .')
    assert quad is not None and quad.predicate == predicate


def test_escapes_in_literals() -> None:
    text = r'"say \"hi\"\\ back\nnext\tcol caf\u00E9 \U0001F680 \ud83d\ude00 \r\b\f\'"'
    quad = parse_line(f"_:b1 <http://schema.org/description> {text} {PAGE} .")
    assert quad is not None
    assert quad.object == Literal('say "hi"\\ back\nnext\tcol café 🚀 😀 \r\b\f\'')


def test_a_lone_surrogate_escape_becomes_the_replacement_character() -> None:
    assert unescape(r"a\uD800b") == "a\ufffdb"


def test_an_escape_in_an_iri_and_a_blank_label_with_dots() -> None:
    quad = parse_line(rf"_:a.b-c_1 <http://schema.org/url> <https://x.example/a\u0020b> {PAGE} .")
    assert quad is not None
    assert quad.subject == "_:a.b-c_1" and quad.object == "https://x.example/a b"


def test_triples_without_a_graph_tight_spacing_comments_and_crlf() -> None:
    assert parse_line('_:b1 <http://schema.org/name> "Acme" .') == Quad(
        "_:b1", "http://schema.org/name", Literal("Acme"), None
    )
    tight = parse_line(
        '<https://a.example/#org><http://schema.org/name>"Acme"<https://a.example/>.'
    )
    assert tight is not None and tight.subject == "https://a.example/#org"
    commented = parse_line(f'_:b1 <http://schema.org/name> "A # not a comment" {PAGE} . # note\r\n')
    assert commented is not None and commented.object == Literal("A # not a comment")
    graph_blank = parse_line('_:b1 <http://schema.org/name> "Acme" _:g1 .')
    assert graph_blank is not None and graph_blank.graph == "_:g1"


@pytest.mark.parametrize("line", ["", "\n", "   \n", "# a comment\n"])
def test_blank_and_comment_lines_are_no_quad(line: str) -> None:
    assert parse_line(line) is None


@pytest.mark.parametrize(
    "line",
    [
        f'_:b1 <http://schema.org/title> "cut short {PAGE} .',  # unterminated string
        f'_:b1 <http://schema.org/title> "x" {PAGE}',  # no final dot
        f'_:b1 "title" "x" {PAGE} .',  # a literal predicate
        f'"x" <http://schema.org/title> "x" {PAGE} .',  # a literal subject
        f'_:b1 <http://schema.org/title> "bad \\q escape" {PAGE} .',
        f'_:b1 <http://schema.org/title> "short \\u12" {PAGE} .',
        f'_:b1 <http://schema.org/title> "beyond \\U00110000" {PAGE} .',
        f'_:b1 <http://schema.org/title> "x"@ {PAGE} .',  # an empty language tag
        f'_:b1 <http://sch ema.org/title> "x" {PAGE} .',  # a space inside an IRI
        f'_:b1 <http://schema.org/title> "x" {PAGE} {PAGE} .',  # two graphs
        "garbage",
    ],
)
def test_malformed_lines_raise(line: str) -> None:
    with pytest.raises(NQuadsError):
        parse_line(line)


def test_read_quads_counts_and_skips_malformed_lines() -> None:
    lines = [
        f'_:b1 <http://schema.org/title> "A" {PAGE} .\n',
        "\n",
        f'_:b1 <http://schema.org/title> "broken {PAGE} .\n',
        "# comment\n",
        f'_:b1 <http://schema.org/name> "B" {PAGE} .\n',
        "nonsense\n",
    ]
    counts = QuadCounts()
    quads = list(read_quads(lines, counts))
    assert [q.object for q in quads] == [Literal("A"), Literal("B")]
    assert (counts.lines, counts.quads, counts.malformed) == (6, 2, 2)
    assert counts.examples[0].startswith("line 3: ") and counts.examples[1].startswith("line 6: ")


def test_read_quads_keeps_at_most_three_examples() -> None:
    counts = QuadCounts()
    assert list(read_quads(["bad\n"] * 10, counts)) == []
    assert counts.malformed == 10 and len(counts.examples) == 3
