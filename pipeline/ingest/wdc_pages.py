"""Web Data Commons quads grouped into pages, and a page's schema.org JobPostings as nested values.

WDC extracts schema.org data from Common Crawl pages: the graph of each quad is the page's URL and
subjects are blank nodes whose labels mean something only within their page. `pages` groups a run
of quads with the same graph into one `Page` and hands it on when the graph changes, so only the
current page is ever held (a page reappearing later is simply a new page; de-duplication handles
the repeat). A page stops taking statements at `MAX_STATEMENTS` (marked `truncated`), a bound
against one enormous page.

Predicates: schema.org properties under `http://schema.org/` or `https://schema.org/` (with or
without `www.`), also in the type-prefixed form Microdata extraction writes
(`http://schema.org/JobPosting/title`), are read by their last path segment (`title`); `rdf:type`
becomes `@type` (type names by the last segment too); other vocabularies are left out.
`job_postings` turns each `JobPosting` node into the dictionary shape JSON-LD markup has (nested
nodes as dictionaries, several values as a list), so the JSON-LD readers of
`jobtrends.scraper.sources.jsonld` read both.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from jobtrends.pipeline.ingest.nquads import Literal, Quad, is_blank

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SCHEMA_PREFIXES = (
    "http://schema.org/",
    "https://schema.org/",
    "http://www.schema.org/",
    "https://www.schema.org/",
)
MAX_STATEMENTS = 20_000  # statements kept per page
MAX_DEPTH = 6  # nesting followed from a JobPosting (JobPosting > Place > address > Country: 3)

Value = str | Literal


@dataclass(slots=True)
class Page:
    """The statements of one page: subject -> property -> objects, in the order read."""

    url: str | None
    nodes: dict[str, dict[str, list[Value]]] = field(default_factory=dict)
    statements: int = 0
    truncated: bool = False


def pages(quads: Iterable[Quad]) -> Iterator[Page]:
    """The quads grouped by graph, one page at a time (see the module doc)."""
    page: Page | None = None
    for quad in quads:
        if page is None or quad.graph != page.url:
            if page is not None:
                yield page
            page = Page(quad.graph)
        name = property_name(quad.predicate)
        if name is None:
            continue
        if page.statements >= MAX_STATEMENTS:
            page.truncated = True
            continue
        page.statements += 1
        page.nodes.setdefault(quad.subject, {}).setdefault(name, []).append(quad.object)
    if page is not None:
        yield page


@lru_cache(maxsize=4096)
def property_name(predicate: str) -> str | None:
    """`title` for every spelling of schema.org's title; `@type` for rdf:type; None otherwise."""
    if predicate == RDF_TYPE:
        return "@type"
    for prefix in SCHEMA_PREFIXES:
        if predicate.startswith(prefix):
            return predicate[len(prefix) :].rstrip("/").rsplit("/", 1)[-1] or None
    return None


def type_names(page: Page, subject: str) -> list[str]:
    """The subject's types by their last segment (`JobPosting`)."""
    kinds = page.nodes.get(subject, {}).get("@type", [])
    return [_last_segment(kind) for kind in kinds if isinstance(kind, str)]


def job_postings(page: Page) -> list[dict[str, Any]]:
    """Every JobPosting node of the page as nested values (see the module doc), in page order."""
    return [
        _node(page, subject, 0, frozenset({subject}))
        for subject in page.nodes
        if "JobPosting" in type_names(page, subject)
    ]


def _node(page: Page, subject: str, depth: int, trail: frozenset[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name, objects in page.nodes[subject].items():
        if name == "@type":
            values: list[Any] = [_last_segment(o) for o in objects if isinstance(o, str)]
        else:
            values = [_value(page, o, depth, trail) for o in objects]
            values = [value for value in values if value is not None]
        if values:
            found[name] = values[0] if len(values) == 1 else values
    return found


def _value(page: Page, term: Value, depth: int, trail: frozenset[str]) -> Any:
    if isinstance(term, Literal):
        return term.value
    if term in page.nodes and term not in trail and depth < MAX_DEPTH:
        return _node(page, term, depth + 1, trail | {term})
    if is_blank(term) or term in trail:
        return None  # a node the page does not describe (or a loop): nothing to read
    return _last_segment(term) if _is_schema(term) else term


def _is_schema(iri: str) -> bool:
    return iri.startswith(SCHEMA_PREFIXES)


def _last_segment(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1] if _is_schema(iri) else iri
