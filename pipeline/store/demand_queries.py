"""What reports count, aggregated in the database: the skills each posting asks for.

A report never reads the mention rows themselves (about eight per posting, with their text): it
reads one row per posting and skill asked for, grouped here by the database, the number of
mentions each posting holds, and, for the few mentions a page shows, those rows alone.
Definitions follow `jobtrends.reports.analysis.stats`: a *demand mention* is one in a demand
section (`DEMAND_SECTIONS`) that is not negated; a skill is *required* by a posting when one of
its demand mentions is neither marked nice-to-have nor in the nice-to-have section.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from jobtrends.pipeline.store.core import Store
from jobtrends.pipeline.store.report_queries import (
    GROUP_POSTING_IDS,
    Columns,
    GroupRange,
    IdRange,
    batched_columns,
    group_parameters,
    row_batches,
)
from jobtrends.pipeline.vocab import DEMAND_SECTIONS

DEMAND_FIELDS = ("posting_id", "skill_id", "required")
DEMAND_MENTION_FIELDS = ("posting_id", "skill_id", "section", "text", "start", "end")
_IN_DEMAND = f"m.negated = 0 AND m.section IN ({', '.join('?' for _ in DEMAND_SECTIONS)})"
_EXTRACTED = (
    "FROM mentions m JOIN extractions e "
    "ON e.posting_id = m.posting_id AND e.extractor_version = m.extractor_version "
    "WHERE m.extractor_version = ? "
)
_DEMAND = f"""
SELECT m.posting_id, m.skill_id,
       MAX(CASE WHEN m.nice_to_have = 0 AND m.section <> 'nice_to_have' THEN 1 ELSE 0 END)
         AS required
{_EXTRACTED}AND {_IN_DEMAND} {{also}}
GROUP BY m.posting_id, m.skill_id
ORDER BY m.posting_id, m.skill_id
"""
_MENTION_COUNTS = f"""
SELECT m.posting_id, COUNT(*) AS mentions {_EXTRACTED}{{also}}
GROUP BY m.posting_id ORDER BY m.posting_id
"""
_SKILL_TOTALS = f"""
SELECT m.skill_id, MIN(m.skill_name), MIN(m.category), COUNT(*) {_EXTRACTED}GROUP BY m.skill_id
"""
# Posting ids asked about per query when the mentions a page shows are read.
LOOKUP_BATCH = 500


@dataclass(slots=True)
class DemandColumns:
    """The demand pairs as packed columns: `skill_codes[i]` is the position of the pair's skill
    in `skill_ids` (first seen first), so no skill-id string is held per pair."""

    posting_ids: array[int] = field(default_factory=lambda: array("q"))
    skill_codes: array[int] = field(default_factory=lambda: array("i"))
    required: array[int] = field(default_factory=lambda: array("b"))
    skill_ids: list[str] = field(default_factory=list)


def demand_columns(
    store: Store,
    extractor_version: str,
    ids: IdRange | None = None,
    *,
    groups: GroupRange | None = None,
) -> DemandColumns:
    """One pair per (posting, skill) with a demand mention by `extractor_version` (postings with
    ids in `ids`, of the groups in `groups`, when given), by posting, with `required` 0/1 (see
    the module doc)."""
    also = "AND m.posting_id BETWEEN ? AND ? " if ids else ""
    also += f"AND m.posting_id IN ({GROUP_POSTING_IDS}) " if groups else ""
    parameters = (
        extractor_version,
        *DEMAND_SECTIONS,
        *(ids or ()),
        *(group_parameters(groups) if groups else ()),
    )
    columns = DemandColumns()
    code_of: dict[str, int] = {}
    for batch in row_batches(store, _DEMAND.format(also=also), parameters):
        posting_ids, skill_ids, required = zip(*batch, strict=True)
        try:
            codes = list(map(code_of.__getitem__, skill_ids))
        except KeyError:  # a skill not seen in an earlier batch
            for skill_id in skill_ids:
                if skill_id not in code_of:
                    code_of[skill_id] = len(columns.skill_ids)
                    columns.skill_ids.append(skill_id)
            codes = list(map(code_of.__getitem__, skill_ids))
        columns.posting_ids.extend(posting_ids)
        columns.skill_codes.extend(codes)
        columns.required.extend(required)
    return columns


def mention_totals(store: Store, extractor_version: str) -> tuple[dict[str, tuple[str, str]], int]:
    """The (name, category) of each skill `extractor_version` found mentioned, and how many
    mentions it found in all: one pass over the mentions (`extracted_skills` and the sum of
    `mention_counts` give the same, in two)."""
    skills: dict[str, tuple[str, str]] = {}
    total = 0
    for skill_id, name, category, mentions in store.rows(_SKILL_TOTALS, (extractor_version,)):
        skills[skill_id] = (name, category)
        total += int(mentions)
    return skills, total


def mention_counts(
    store: Store, extractor_version: str, *, groups: GroupRange | None = None
) -> Columns:
    """How many mentions `extractor_version` found in each posting with any (of the groups in
    `groups` when given): `posting_id`, `mentions`."""
    sql = _MENTION_COUNTS.format(
        also=f"AND m.posting_id IN ({GROUP_POSTING_IDS}) " if groups else ""
    )
    parameters = (extractor_version, *(group_parameters(groups) if groups else ()))
    return batched_columns(store, sql, parameters, ("posting_id", "mentions"), frozenset())


def first_demand_mentions(
    store: Store, extractor_version: str, pairs: Sequence[tuple[int, str]]
) -> list[tuple[Any, ...]]:
    """For each (posting_id, skill_id) of `pairs`, the skill's first demand mention in the
    posting (by position), as `DEMAND_MENTION_FIELDS` rows in the order of `pairs`; a pair
    without one is left out."""
    wanted = set(pairs)
    first: dict[tuple[int, str], tuple[Any, ...]] = {}
    postings = sorted({posting_id for posting_id, _ in wanted})
    for at in range(0, len(postings), LOOKUP_BATCH):
        chunk = postings[at : at + LOOKUP_BATCH]
        marks = ", ".join("?" for _ in chunk)
        sql = (
            'SELECT m.posting_id, m.skill_id, m.section, m.text, m.start, m."end" '
            f"{_EXTRACTED}AND {_IN_DEMAND} AND m.posting_id IN ({marks}) "
            "ORDER BY m.posting_id, m.start"
        )
        for row in store.rows(sql, (extractor_version, *DEMAND_SECTIONS, *chunk)):
            key = (int(row[0]), str(row[1]))
            if key in wanted and key not in first:
                first[key] = (key[0], key[1], row[2], row[3], int(row[4]), int(row[5]))
    return [first[pair] for pair in pairs if pair in first]
