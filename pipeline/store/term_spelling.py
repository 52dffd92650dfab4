"""How a candidate term is written most often: the name `taxonomy review --accept` gives a skill
when no `--name` is given."""

from __future__ import annotations

from jobtrends.pipeline.store.core import Store


def most_written(store: Store, extractor_version: str, term_key: str) -> str | None:
    """The spelling the term candidates of `extractor_version` with this `term_key` use most
    (ties: the first in code-point order); None when there is none."""
    row = store.row(
        "SELECT term FROM term_candidates WHERE extractor_version = ? AND term_key = ? "
        "GROUP BY term ORDER BY COUNT(DISTINCT posting_id) DESC, COUNT(*) DESC, term LIMIT 1",
        (extractor_version, term_key),
    )
    return None if row is None else str(row[0])
