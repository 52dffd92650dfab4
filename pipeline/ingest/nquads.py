"""N-Quads read one line at a time (pure Python, a regular expression per line; no RDF library,
which would hold whole graphs in memory).

A line is `subject predicate object graph .` (the graph may be left out): the subject an IRI or a
blank node, the predicate an IRI, the object an IRI, a blank node or a literal (`"text"`,
`"text"@en`, `"2024-01-05"^^<datatype>`) with the N-Triples escapes (`\\"`, `\\\\`, `\\n`,
`\\t`, ..., `\\uXXXX`, `\\UXXXXXXXX`; an escaped UTF-16 surrogate pair becomes its character, a
lone one U+FFFD). A `Quad` holds terms as text: an IRI as written between `<` and `>`, a blank node
as `_:label`, a literal as a `Literal`. Blank-node labels are only meaningful within their graph;
grouping them is the reader's job. Blank and `#` comment lines are skipped; a line that is not a
quad is counted in `QuadCounts.malformed` (its first few kept as examples) and skipped: never
fatal, since web-scale extractions hold some.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

_IRI = r"<([^<>\"{}|^`\s]*)>"
_BLANK = r"_:([^\s<>\".]+(?:\.+[^\s<>\".]+)*)"
_LITERAL = r'"((?:[^"\\\r\n]|\\.)*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^' + _IRI + ")?"
_LINE = re.compile(
    rf"[ \t]*(?:{_IRI}|{_BLANK})[ \t]*{_IRI}[ \t]*(?:{_IRI}|{_BLANK}|{_LITERAL})"
    rf"[ \t]*(?:(?:{_IRI}|{_BLANK})[ \t]*)?\.[ \t]*(?:#.*)?\s*"
)
_SKIPPED = re.compile(r"\s*(?:#.*)?\s*")
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_CHARACTERS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'"}
_CHARACTERS["\\"] = "\\"
_SURROGATE = re.compile("[\ud800-\udfff]")
EXAMPLES = 3  # malformed lines kept as examples, each cut to 200 characters


class Literal(NamedTuple):
    value: str
    language: str | None = None
    datatype: str | None = None


class Quad(NamedTuple):
    """One statement. `subject`/`graph`: an IRI or `_:label`; `graph` None for the default
    graph; `object`: an IRI, `_:label` or a `Literal`."""

    subject: str
    predicate: str
    object: str | Literal
    graph: str | None


class NQuadsError(ValueError):
    """A line that is not an N-Quads statement."""


@dataclass(slots=True)
class QuadCounts:
    lines: int = 0
    quads: int = 0
    malformed: int = 0
    examples: list[str] = field(default_factory=list)  # "line N: text" of the first malformed


def is_blank(term: str | Literal) -> bool:
    return isinstance(term, str) and term.startswith("_:")


def parse_line(line: str) -> Quad | None:
    """The quad on `line`; None for a blank or comment line; `NQuadsError` for anything else."""
    match = _LINE.fullmatch(line)
    if match is None:
        if _SKIPPED.fullmatch(line):
            return None
        raise NQuadsError("not an N-Quads statement")
    (s_iri, s_blank, predicate, o_iri, o_blank, text, language, datatype, g_iri, g_blank) = (
        match.groups()
    )
    subject = _iri(s_iri) if s_iri is not None else "_:" + s_blank
    obj: str | Literal
    if text is not None:
        obj = Literal(unescape(text), language, None if datatype is None else _iri(datatype))
    else:
        obj = _iri(o_iri) if o_iri is not None else "_:" + o_blank
    graph = _iri(g_iri) if g_iri is not None else None if g_blank is None else "_:" + g_blank
    return Quad(subject, _iri(predicate), obj, graph)


def read_quads(lines: Iterable[str], counts: QuadCounts) -> Iterator[Quad]:
    """The quads of `lines`, one at a time; `counts` keeps the lines, quads and malformed lines
    seen so far (malformed ones are skipped)."""
    for number, line in enumerate(lines, start=counts.lines + 1):
        counts.lines = number
        try:
            quad = parse_line(line)
        except NQuadsError as exc:
            counts.malformed += 1
            if len(counts.examples) < EXAMPLES:
                counts.examples.append(f"line {number}: {exc}: {line.strip()[:200]}")
            continue
        if quad is not None:
            counts.quads += 1
            yield quad


def unescape(text: str) -> str:
    """The characters an N-Triples string or IRI body stands for (see the module doc)."""
    if "\\" not in text:
        return text
    result = _ESCAPE.sub(_character, text)
    if _SURROGATE.search(result):  # "\\ud83d\\ude00" (UTF-16, as Java writes it): one emoji
        result = result.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return result


def _character(match: re.Match[str]) -> str:
    short, long, other = match.groups()
    if other is not None:
        try:
            return _CHARACTERS[other]
        except KeyError:
            raise NQuadsError(f"unknown escape \\{other}") from None
    code = int(short or long, 16)
    if code > 0x10FFFF:
        raise NQuadsError(f"escape \\U{long} is beyond Unicode")
    return chr(code)


def _iri(text: str) -> str:
    return unescape(text) if "\\" in text else text
