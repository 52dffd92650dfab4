"""What "New tools to watch" reads: the term candidates of each posting, once per term.

A posting that names a candidate term three times counts once; the row kept is its first
occurrence in the description (a tag-list occurrence only when the description has none), with
the highest score any of its occurrences got. Values are as stored; the store never imports pandas.
"""

from __future__ import annotations

from jobtrends.pipeline.store.core import Store
from jobtrends.pipeline.store.report_queries import (
    GROUP_POSTING_IDS,
    Columns,
    GroupRange,
    IdRange,
    batched_columns,
    group_parameters,
)

CANDIDATE_FIELDS = ("posting_id", "term_key", "term", "section", "start", "end", "score")

_CANDIDATES_ONCE_PER_POSTING = """
SELECT posting_id, term_key, term, section, start, "end", score FROM (
    SELECT posting_id, term_key, term, section, start, "end",
        MAX(score) OVER (PARTITION BY posting_id, term_key) AS score,
        ROW_NUMBER() OVER (
            PARTITION BY posting_id, term_key ORDER BY section = 'tags', start
        ) AS nth
    FROM term_candidates WHERE extractor_version = ? {also}
) AS ranked WHERE nth = 1 ORDER BY posting_id, start, term_key
"""


def candidate_term_columns(
    store: Store,
    extractor_version: str,
    ids: IdRange | None = None,
    *,
    groups: GroupRange | None = None,
) -> Columns:
    """One row per (posting, candidate term) that `extractor_version` found (in the postings with
    ids in `ids`, of the groups in `groups`, when given), by posting and position, as one list
    per column of CANDIDATE_FIELDS, read in batches."""
    also = "AND posting_id BETWEEN ? AND ? " if ids else ""
    also += f"AND posting_id IN ({GROUP_POSTING_IDS}) " if groups else ""
    return batched_columns(
        store,
        _CANDIDATES_ONCE_PER_POSTING.format(also=also),
        (extractor_version, *(ids or ()), *(group_parameters(groups) if groups else ())),
        CANDIDATE_FIELDS,
        frozenset({"term_key", "term", "section"}),
    )
