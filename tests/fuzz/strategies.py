"""Hypothesis strategies for hostile input: JSON, HTML, prose, salary text, TOML, env, files.

Each mixes fully arbitrary values with values built from the words the code looks for (field
names, tags, currency marks, config keys), so both the error paths and the deep paths get hit.
"""

from __future__ import annotations

import json
import math
from typing import Any

from hypothesis import strategies as st

from jobtrends.pipeline.config import SECTIONS, TARGET_KEYS
from jobtrends.scraper.sources.registry import SOURCES

SECTION_KEYS = {name: list(model.model_fields) for name, model in SECTIONS.items()}
SOURCE_KEYS = {
    *TARGET_KEYS,
    *(key for s in SOURCES.values() for key in s.options_model.model_fields),
}

_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
    | st.sampled_from(["2026-03-01T10:00:00Z", "2026-13-45", "", " ", "1700000000000", "0"])
    | st.sampled_from(["\ud800", "ML \udfff Engineer", "<p>\ud83d</p>"])  # "\ud800" escapes
)
_FIELD_NAMES = [
    "id", "jobs", "title", "text", "content", "location", "name", "first_published", "updated_at",
    "createdAt", "publishedAt", "categories", "lists", "salaryRange", "interval", "min", "max",
    "currency", "workplaceType", "isListed", "isRemote", "compensation", "summaryComponents",
    "compensationTiers", "components", "compensationType", "minValue", "maxValue",
    "currencyCode", "children", "author", "created_at", "hits", "objectID", "nbPages",
    "descriptionHtml", "description", "additional", "absolute_url", "hostedUrl", "company_name",
    "descriptionPlain", "jobUrl", "employmentType", "story_id", "parent_id", "type",
]  # fmt: skip
_KEYS = st.sampled_from(_FIELD_NAMES) | st.text(max_size=8)

JSON = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_KEYS, inner, max_size=6),
    max_leaves=30,
)
_FIELD = _SCALARS | st.lists(_SCALARS, max_size=3) | st.dictionaries(_KEYS, _SCALARS, max_size=4)
_RECORDS = st.lists(st.dictionaries(_KEYS, _FIELD, max_size=10), max_size=3)
JOB_PAYLOADS = (
    st.builds(lambda jobs: {"jobs": jobs}, _RECORDS)
    | _RECORDS
    | st.builds(lambda hits, pages: {"hits": hits, "nbPages": pages}, _RECORDS, _SCALARS)
    | st.builds(lambda kids, i: {"id": i, "children": kids}, _RECORDS, _SCALARS)
)

_WORDS = [
    "Senior", "Staff", "Principal", "Lead", "Head of", "Intern", "Junior", "II", "III", "Sr.",
    "Machine Learning Engineer", "LLM", "RAG", "Remote", "Hybrid", "On-site", "onsite", "in office",
    "years", "5+ years of experience", "Requirements:", "Nice to have", "About us", "Benefits",
    "Responsibilities", "|", "-", "•", ":", "(", ")", "\n", "\n\n", "\t", "\u00a0", "\u200b",
    "Ask HN: Who is hiring? (March 2026)", "San Francisco, CA", "REMOTE (US)", "Berlin",
    "der", "die", "und", "le", "la", "el", "和", "日本語", "\U0001f600", "\x00", "\ud800",
]  # fmt: skip
PROSE = st.text(max_size=200) | st.lists(
    st.sampled_from(_WORDS) | st.text(max_size=6), max_size=25
).map(" ".join)

_SALARY_WORDS = [
    "$", "€", "£", "₹", "US$", "CA$", "USD", "EUR", "GBP", "INR", "JPY", "salary", "Salary range:",
    "compensation", "pay", "base", "OTE", "per year", "per hour", "/hr", "/year", "a month",
    "annually", "k", "K", "M", "lakh", "LPA", "120k", "150,000", "150.000", "1,000,000,000",
    "999999999999999999999999", "0", "-", "–", "to", "and", "up to", "from", "401(k)", "bonus",
    "equity", "stipend", "$120k-$180k", "€80.000 - €95.000", "$45/hr", "1e309", "NaN",
]  # fmt: skip
SALARY_TEXT = st.text(max_size=120) | st.lists(
    st.sampled_from(_SALARY_WORDS) | st.integers(0, 10**12).map(str), max_size=20
).map(" ".join)

_TAGS = [
    "<p>", "</p>", "<li>", "</li>", "<ul>", "</ul>", "<ol>", "<h2>", "</h2>", "<br>", "<br/>",
    "<b>", "</b>", "<strong>", "<em>", "<div>", "</div>", "<table><tr><td>", "</td></tr>",
    "<script>alert(1)</script>", "<style>p{}</style>", "<!-- c -->", "<!--", "-->",
    "<![CDATA[x]]>", "&amp;", "&lt;", "&#x110000;", "&#0;", "&nbsp;", "<", ">", "&", "<svg>",
    "<?xml version='1.0'?>", "<!DOCTYPE html>", "<pre>", "</pre>", "<a href='javascript:x'>",
    "<p class=\"x\">", "<li><p>", "<noscript>", "<iframe src=x>", "\r\n", "\x0c",
]  # fmt: skip
HTML = st.text(max_size=200) | st.lists(
    st.sampled_from(_TAGS) | st.sampled_from(_WORDS) | st.text(max_size=8), max_size=40
).map("".join)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        return ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return (
            "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"
        )
    return json.dumps(value)


_TOML_SCALARS = (
    st.booleans()
    | st.integers(min_value=-(2**64), max_value=2**64)
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(["greenhouse", "lever", "ashby", "hn", "nope", "2026-01", "2026-13", "eu"])
)
_TOML_VALUES = (
    _TOML_SCALARS
    | st.lists(_TOML_SCALARS, max_size=3)
    | st.dictionaries(st.text(max_size=5), _TOML_SCALARS, max_size=2)
)
_SECTION_NAMES = st.sampled_from([*SECTION_KEYS, "sources", "bogus"]) | st.text(max_size=6)
_CONFIG_KEYS = st.sampled_from(
    sorted({key for keys in SECTION_KEYS.values() for key in keys} | SOURCE_KEYS)
) | st.text(max_size=6)


def _document(sections: list[tuple[str, dict[str, Any]]], sources: list[dict[str, Any]]) -> str:
    lines: list[str] = []
    for name, table in sections:
        lines.append(f"[{json.dumps(name)}]")
        lines += [f"{json.dumps(key)} = {_toml_value(value)}" for key, value in table.items()]
    for table in sources:
        lines.append("[[sources]]")
        lines += [f"{json.dumps(key)} = {_toml_value(value)}" for key, value in table.items()]
    return "\n".join(lines) + "\n"


_SECTIONS = st.lists(
    st.tuples(_SECTION_NAMES, st.dictionaries(_CONFIG_KEYS, _TOML_VALUES, max_size=4)), max_size=4
)
_SOURCE_TABLES = st.lists(st.dictionaries(_CONFIG_KEYS, _TOML_VALUES, max_size=6), max_size=3)
_PLAUSIBLE_SECTIONS = st.lists(
    st.tuples(
        st.sampled_from(sorted(SECTION_KEYS)),
        st.dictionaries(st.sampled_from(["database", "timeout", "max_retries", "workers"]),
                        st.integers(0, 10) | st.floats(0, 10) | st.text(max_size=8), max_size=2),
    ),
    max_size=2,
)  # fmt: skip
_PLAUSIBLE_SOURCES = st.lists(
    st.fixed_dictionaries(
        {"type": st.sampled_from(["greenhouse", "lever", "ashby", "hn", "nope"])},
        optional={
            "board": st.text(max_size=10),
            "base_url": st.sampled_from(["http://127.0.0.1:9/x", "", "ftp://x", "not a url"]),
            "since": st.sampled_from(["2026-01", "2026-13", "x", ""]),
            "enabled": st.booleans(),
            "region": st.sampled_from(["eu", "us", ""]),
        },
    ),
    max_size=3,
)
TOML_DOCUMENTS = (
    st.text(max_size=200)
    | st.builds(_document, _SECTIONS, _SOURCE_TABLES)
    | st.builds(_document, _PLAUSIBLE_SECTIONS, _PLAUSIBLE_SOURCES)
)

TOML_FILES = st.binary(max_size=200) | TOML_DOCUMENTS.map(
    lambda text: text.encode("utf-8", "surrogatepass")
)

_CRON_FIELDS = st.sampled_from(
    ["*", "*/5", "0", "6", "59", "60", "1-5", "5-1", "MON", "jan", "L", "?", "1,2,3", "", "x", "-1"]
)
CRON = PROSE | st.lists(_CRON_FIELDS, min_size=4, max_size=7).map(" ".join)

_ENV_NAMES = st.sampled_from(
    [f"JOBTRENDS_{s.upper()}_{k.upper()}" for s, keys in SECTION_KEYS.items() for k in keys]
    + ["JOBTRENDS_DATABASE", "JOBTRENDS_HTTP_BOGUS"]
)
ENV = st.dictionaries(
    _ENV_NAMES, st.text(max_size=12) | st.sampled_from(["-1", "1e400", "nan", "yes", "0x10"])
)


def files(*, json_lines: bool = False, csv_rows: bool = False) -> st.SearchStrategy[bytes]:
    """File contents: arbitrary bytes, or text shaped like the expected format."""
    shaped: st.SearchStrategy[str]
    if json_lines:
        shaped = st.lists(JSON.map(json.dumps) | st.text(max_size=20), max_size=5).map("\n".join)
    elif csv_rows:
        cells = st.sampled_from(["id", "title", "text", "html", '"', ",", "\n", ""]) | st.text(
            max_size=8
        )
        shaped = st.lists(st.lists(cells, max_size=5).map(",".join), max_size=5).map("\n".join)
    else:
        shaped = JSON.map(json.dumps) | st.text(max_size=100)
    return st.binary(max_size=200) | shaped.map(lambda text: text.encode("utf-8", "surrogatepass"))


def _slots(value: Any) -> list[tuple[Any, Any]]:
    """Every (container, key) in a JSON value, the places a mutation can change."""
    found: list[tuple[Any, Any]] = []
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            keys: list[Any] = list(node)
        elif isinstance(node, list):
            keys = list(range(len(node)))
        else:
            continue
        for key in keys:
            found.append((node, key))
            stack.append(node[key])
    return found


@st.composite
def mutated_json(draw: st.DrawFn, bases: list[Any]) -> Any:
    """A real payload with up to five of its values replaced, retyped or deleted."""
    value = json.loads(json.dumps(draw(st.sampled_from(bases))))
    for _ in range(draw(st.integers(0, 5))):
        slots = _slots(value)
        if not slots:
            break
        container, key = draw(st.sampled_from(slots))
        action = draw(st.sampled_from(["replace", "replace", "delete"]))
        if action == "delete":
            del container[key]
        else:
            container[key] = draw(_SCALARS | JSON)
    return value


@st.composite
def mutated_text(draw: st.DrawFn, bases: list[str]) -> str:
    """A real page with up to five cuts, insertions of markup and deletions."""
    text = draw(st.sampled_from(bases))
    for _ in range(draw(st.integers(0, 5))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "truncate"]))
        if action == "insert":
            text = text[:at] + draw(st.sampled_from(_TAGS) | st.text(max_size=10)) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 40)) :]
        else:
            text = text[:at]
    return text
