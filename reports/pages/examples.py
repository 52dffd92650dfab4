"""Example postings for a skill: where it was asked for, with the matched words marked."""

from __future__ import annotations

import re
from dataclasses import dataclass

from jobtrends.pipeline.vocab import DEMAND_SECTIONS
from jobtrends.reports.attribution import parse_attribution, safe_url
from jobtrends.reports.data import SiteData

MAX_EXAMPLES = 5


@dataclass(frozen=True)
class Example:
    """One posting's line; the template shows `before`, `match` (marked) and `after` as text.

    `credit` and `credit_url` are the source's attribution when its terms ask for one."""

    title: str
    company: str
    month: str
    url: str | None
    before: str
    match: str
    after: str
    credit: str | None = None
    credit_url: str | None = None


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def split_on_match(context: str, text: str) -> tuple[str, str, str]:
    """`context` cut around the first case-insensitive occurrence of `text`."""
    found = re.search(re.escape(text), context, flags=re.IGNORECASE) if text else None
    if found is None:
        return (context, "", "")
    return (context[: found.start()], found.group(0), context[found.end() :])


def examples_for(site: SiteData, skill_id: str, limit: int = MAX_EXAMPLES) -> list[Example]:
    """Up to `limit` of the newest postings (one per duplicate group) asking for the skill.

    Newest by posting time (postings without one by month, after the dated ones of that month),
    then by posting id.
    """
    mentions = site.mentions
    chosen = mentions[
        (mentions["skill_id"] == skill_id)
        & mentions["section"].isin(DEMAND_SECTIONS)
        & ~mentions["negated"].astype(bool)
    ]
    columns = ["posting_id", "dup_group", "title", "company", "url", "month", "posted_at"]
    columns += ["source", "attribution"]
    joined = chosen.merge(site.ai_postings[columns], on="posting_id", how="inner")
    joined = joined.sort_values(
        ["month", "posted_at", "posting_id", "start"],
        ascending=[False, False, False, True],
        na_position="last",
        kind="mergesort",
    )
    joined = joined.drop_duplicates("dup_group").head(limit)
    contexts = site.data.contexts(joined)
    examples = []
    for row, context in zip(joined.itertuples(index=False), contexts, strict=True):
        before, match, after = split_on_match(context, _text(row.text))
        credit, credit_url = (None, None)
        if isinstance(row.attribution, str) and row.attribution.strip():
            credit, credit_url = parse_attribution(row.attribution, str(row.source))
        examples.append(
            Example(
                title=_text(row.title),
                company=_text(row.company),
                month=_text(row.month),
                url=safe_url(row.url),
                before=before,
                match=match,
                after=after,
                credit=credit,
                credit_url=credit_url,
            )
        )
    return examples
