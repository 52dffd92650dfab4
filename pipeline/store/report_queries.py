"""What reports read: extracted postings, their skill mentions, and each run's target results.

Rows are typed named tuples, in the column order `jobtrends.pipeline.frames` gives its frames (it
builds them with `DataFrame.from_records(rows, columns=Row._fields)`); values are as stored: times
as UTC ISO 8601 text, flags as 0/1. The store itself never imports pandas.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, MutableSequence, Sequence
from typing import Any, NamedTuple

from jobtrends.pipeline.store.core import Store


class PostingRow(NamedTuple):
    """A posting with its extraction by one extractor version."""

    posting_id: int
    source: str
    board: str
    company: str
    title: str
    location: str
    url: str
    posted_at: str | None
    first_seen: str
    last_seen: str  # an open posting: its board's latest complete listing when that is later
    closed_at: str | None
    role: str
    role_confidence: float
    seniority: str
    remote: str
    salary_min: float | None
    salary_max: float | None
    salary_currency: str | None
    salary_period: str | None
    salary_annual_min: float | None
    salary_annual_max: float | None
    language: str
    dup_group: int  # the posting's own id when it has no duplicate
    attribution: str | None
    stated_country: str | None  # the ISO code the source states (None: not stated)
    region: str | None
    city: str | None
    employment_type: str | None
    remote_from: str | None  # "source", "text" or None (see `Extraction`)
    salary_from: str | None
    seniority_from: str | None


class MentionRow(NamedTuple):
    """A skill mention; `mention_lines` cuts the line it stands on when a page shows it."""

    posting_id: int
    skill_id: str
    skill_name: str
    category: str
    section: str
    negated: int
    nice_to_have: int
    text: str
    start: int
    end: int


class RunTargetRow(NamedTuple):
    """One source target's result in one run."""

    run_id: int
    started_at: str
    finished_at: str
    source: str
    target: str
    requests: int
    bytes: int
    new: int
    updated: int
    closed: int
    unchanged: int
    status: str
    error: str | None


# Each `PostingRow` field as the report query reads it. An open posting was last seen at its
# board's latest complete listing (the store does not rewrite unchanged postings; see
# jobtrends.pipeline.store.core).
_POSTING_SQL = {
    "posting_id": "p.id", "source": "p.source", "board": "p.board", "company": "p.company",
    "title": "p.title", "location": "p.location", "url": "p.url", "posted_at": "p.posted_at",
    "first_seen": "p.first_seen",
    "last_seen": "CASE WHEN p.closed_at IS NULL AND s.listed_at > p.last_seen THEN s.listed_at "
    "ELSE p.last_seen END",
    "closed_at": "p.closed_at", "role": "e.role", "role_confidence": "e.role_confidence",
    "seniority": "e.seniority", "remote": "e.remote", "salary_min": "e.salary_min",
    "salary_max": "e.salary_max", "salary_currency": "e.salary_currency",
    "salary_period": "e.salary_period", "salary_annual_min": "e.salary_annual_min",
    "salary_annual_max": "e.salary_annual_max", "language": "e.language",
    "dup_group": "COALESCE(p.dup_group, p.id)", "attribution": "p.attribution",
    "stated_country": "p.country", "region": "p.region", "city": "p.city",
    "employment_type": "p.employment_type", "remote_from": "e.remote_from",
    "salary_from": "e.salary_from", "seniority_from": "e.seniority_from",
}  # fmt: skip
_POSTINGS = """
SELECT {select}
FROM postings p JOIN extractions e ON e.posting_id = p.id AND e.extractor_version = ?
{snapshots}{where}ORDER BY p.id
"""
_SNAPSHOTS = "LEFT JOIN board_snapshots s ON s.source = p.source AND s.board = p.board\n"
_RUN_TARGETS = """
SELECT s.run_id, s.started_at, s.finished_at, s.source, s.target, s.requests, s.bytes, s.new,
       s.updated, s.closed, s.unchanged, s.status, s.error
FROM run_sources s ORDER BY s.run_id, s.target
"""


# A query's result as one sequence per column (see `_columns`).
Columns = dict[str, MutableSequence[Any]]
# Columns that never hold NULL and only integers (flags are 0/1), in every query read here.
INTEGER_COLUMNS = frozenset({"posting_id", "dup_group", "negated", "nice_to_have", "start", "end"})
# Columns whose values repeat across rows: each distinct value is kept once (see `_columns`).
_SHARED_POSTING_VALUES = frozenset(PostingRow._fields) - {"posting_id", "url", "dup_group"}
_SHARED_MENTION_VALUES = frozenset({"skill_id", "section", "text"})
# A mention's name and category follow from its skill id within one extractor version (whose
# taxonomy is fixed), so they are read once per skill and filled in, not read per mention.
_MENTION_SPANS = """
SELECT m.posting_id, m.skill_id, m.section, m.negated, m.nice_to_have, m.text, m.start, m."end"
FROM mentions m
JOIN extractions e ON e.posting_id = m.posting_id AND e.extractor_version = m.extractor_version
WHERE m.extractor_version = ? {also}ORDER BY m.posting_id, m.start
"""
_SPAN_FIELDS = ("posting_id", "skill_id", "section", "negated", "nice_to_have", "text", "start",
                "end")  # fmt: skip
_SKILLS = "SELECT DISTINCT skill_id, skill_name, category FROM mentions WHERE extractor_version = ?"


# Posting ids from .. to (inclusive): a slice of the store, read one after another by exports.
IdRange = tuple[int, int]
# Duplicate-group keys from .. to (inclusive). A group's key is its smallest posting id
# (`postings.dup_group`, or a posting's own id when it has no duplicate), so every posting of a
# group has an id from the key on, and a range of keys holds whole groups: a report reads the
# store one range after another.
GroupRange = tuple[int, int]
_IN_GROUPS = "(p.dup_group BETWEEN ? AND ? OR (p.dup_group IS NULL AND p.id BETWEEN ? AND ?))"
# The ids of the postings of a GroupRange, each part on its own index.
GROUP_POSTING_IDS = (
    "SELECT id FROM postings WHERE dup_group BETWEEN ? AND ? "
    "UNION ALL SELECT id FROM postings WHERE dup_group IS NULL AND id BETWEEN ? AND ?"
)
_GROUP_SIZES = """
SELECT COALESCE(p.dup_group, p.id) AS g, COUNT(*)
FROM postings p JOIN extractions e ON e.posting_id = p.id AND e.extractor_version = ?
GROUP BY g ORDER BY g
"""


def group_parameters(groups: GroupRange) -> tuple[int, int, int, int]:
    """The parameters of `_IN_GROUPS` and GROUP_POSTING_IDS."""
    return (groups[0], groups[1], groups[0], groups[1])


def group_ranges(store: Store, extractor_version: str, postings: int) -> list[GroupRange]:
    """Ranges of group keys covering every posting `extractor_version` extracted, each of at
    least `postings` postings (the last may hold fewer), cut where the groups' sizes add up:
    a group's postings can lie far apart in id, so equal ranges of keys would not be even."""
    ranges: list[GroupRange] = []
    low = high = None
    held = 0
    for batch in row_batches(store, _GROUP_SIZES, (extractor_version,)):
        for key, size in batch:
            low = key if low is None else low
            high, held = key, held + int(size)
            if held >= postings:
                ranges.append((int(low), int(high)))
                low, held = None, 0
    if low is not None and high is not None:
        ranges.append((int(low), int(high)))
    return ranges


def extracted_posting_columns(
    store: Store,
    extractor_version: str,
    ids: IdRange | None = None,
    fields: Sequence[str] = PostingRow._fields,
    *,
    groups: GroupRange | None = None,
) -> Columns:
    """Every posting `extractor_version` extracted (with ids in `ids`, of the groups in
    `groups`, when given), in id order, as one list per column of `fields` (`PostingRow` fields,
    in that order), read in batches; columns no one asked for are not read."""
    select = ", ".join(f"{_POSTING_SQL[name]} AS {name}" for name in fields)
    where = ["p.id BETWEEN ? AND ?"] if ids else []
    where += [_IN_GROUPS] if groups else []
    sql = _POSTINGS.format(
        select=select,
        snapshots=_SNAPSHOTS if "last_seen" in fields else "",
        where=f"WHERE {' AND '.join(where)} " if where else "",
    )
    parameters = (extractor_version, *(ids or ()), *(group_parameters(groups) if groups else ()))
    rows = row_batches(store, sql, parameters)
    return _columns(rows, tuple(fields), _SHARED_POSTING_VALUES)


def extracted_mention_columns(
    store: Store, extractor_version: str, ids: IdRange | None = None
) -> tuple[Columns, dict[str, tuple[str, str]]]:
    """Every mention `extractor_version` found (in the postings with ids in `ids` when given), by
    posting and then position, as one list per column read in batches, without `skill_name` and
    `category`; and the (name, category) of each skill id, to fill those in."""
    also = "AND m.posting_id BETWEEN ? AND ? " if ids else ""
    sql = _MENTION_SPANS.format(also=also)
    rows = row_batches(store, sql, (extractor_version, *(ids or ())))
    spans = _columns(rows, _SPAN_FIELDS, _SHARED_MENTION_VALUES)
    return spans, extracted_skills(store, extractor_version)


def extracted_skills(store: Store, extractor_version: str) -> dict[str, tuple[str, str]]:
    """The (name, category) of each skill `extractor_version` found mentioned."""
    return {row[0]: (row[1], row[2]) for row in store.rows(_SKILLS, (extractor_version,))}


def batched_columns(
    store: Store,
    sql: str,
    parameters: Sequence[object],
    fields: tuple[str, ...],
    shared: frozenset[str],
) -> Columns:
    """A query's rows as one list per column of `fields`, read in batches (see `_columns`)."""
    return _columns(row_batches(store, sql, parameters), fields, shared)


def row_batches(
    store: Store, sql: str, parameters: Sequence[object], size: int = 10_000
) -> Iterator[list[Any]]:
    """The rows of a query as plain tuples, `size` at a time: a large result is never held
    whole."""
    backend = store.backend
    with backend.storage_errors(store.path, "read"):
        yield from backend.streamed_rows(store.connection, sql, parameters, size)


def _columns(
    batches: Iterable[Sequence[Sequence[object]]], fields: tuple[str, ...], shared: frozenset[str]
) -> Columns:
    """Rows turned into columns. In the `shared` columns equal values become one object: a
    million mentions of "Python" hold one string, not a million copies. The integer columns
    (INTEGER_COLUMNS) are packed into `array("q")`, 8 bytes a value instead of a Python int and
    its pointer (the report's peak at 100,000 postings fell by about 100 MB)."""
    columns: Columns = {name: array("q") if name in INTEGER_COLUMNS else [] for name in fields}
    seen: dict[object, object] = {}
    for batch in batches:
        for name, values in zip(fields, zip(*batch, strict=True), strict=True):
            if name in shared:
                columns[name].extend([seen.setdefault(v, v) for v in values])
            else:
                columns[name].extend(values)
    return columns


# Posting texts are read this many at a time when lines are cut.
LINE_BATCH = 500
CONTEXT_CHARS = 400


def mention_lines(store: Store, spans: Sequence[tuple[int, str, int, int]]) -> list[str]:
    """The line each (posting_id, section, start, end) stands on, in order: of the posting's
    description, or of its tag list for a `tags` mention; at most CONTEXT_CHARS characters.
    Only the postings asked about are read, LINE_BATCH at a time."""
    wanted = sorted({posting_id for posting_id, *_ in spans})
    texts: dict[int, tuple[str, str]] = {}
    for first in range(0, len(wanted), LINE_BATCH):
        chunk = wanted[first : first + LINE_BATCH]
        marks = ", ".join("?" for _ in chunk)
        for row in store.rows(
            f"SELECT id, description_text, tags FROM postings WHERE id IN ({marks})", tuple(chunk)
        ):
            texts[int(row["id"])] = (row["description_text"], row["tags"])
    lines = []
    for posting_id, section, start, end in spans:
        description, tags = texts.get(posting_id, ("", ""))
        lines.append(line_around(tags if section == "tags" else description, start, end))
    return lines


def line_around(text: str, start: int, end: int) -> str:
    """The stripped line of `text` that holds `start:end`, cut to CONTEXT_CHARS characters."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end != -1 else len(text)].strip()
    return line[:CONTEXT_CHARS]


def extracted_id_range(store: Store, extractor_version: str) -> IdRange | None:
    """The lowest and highest id of the postings `extractor_version` extracted (None: none)."""
    row = store.row(
        "SELECT MIN(posting_id), MAX(posting_id) FROM extractions WHERE extractor_version = ?",
        (extractor_version,),
    )
    return None if row is None or row[0] is None else (int(row[0]), int(row[1]))


def run_target_results(store: Store) -> list[RunTargetRow]:
    """Every target result of every run, by run and then target."""
    return [RunTargetRow(*row) for row in store.rows(_RUN_TARGETS)]
