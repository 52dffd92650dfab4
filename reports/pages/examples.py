"""Example postings for a skill: where it was asked for, with the matched words marked."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from jobtrends.reports.analysis.newest import MAX_EXAMPLES
from jobtrends.reports.attribution import parse_attribution, safe_url
from jobtrends.reports.data import SiteData


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
    """Up to `limit` of the newest postings (one per duplicate group) asking for the skill."""
    return examples_by_skill(site, [skill_id], limit).get(skill_id, [])


def examples_by_skill(
    site: SiteData, skill_ids: Sequence[str], limit: int = MAX_EXAMPLES
) -> dict[str, list[Example]]:
    """For each of `skill_ids`: up to `limit` of the newest AI-role postings (one per duplicate
    group) asking for the skill, each with the line of the skill's first demand mention in it.

    Newest by month, then posting time (postings without one after the dated ones of their
    month), then posting id. The mentions shown are read at once, for every skill together.
    """
    chosen = site.newest.chosen(skill_ids, limit)
    pairs = [
        (int(p), str(s)) for p, s in zip(chosen["posting_id"], chosen["skill_id"], strict=True)
    ]
    if not pairs:
        return {}
    shown = chosen.merge(site.data.demand_mentions(pairs), on=["posting_id", "skill_id"])
    contexts = site.data.contexts(shown)
    examples: dict[str, list[Example]] = {}
    for row, context in zip(shown.itertuples(index=False), contexts, strict=True):
        before, match, after = split_on_match(context, _text(row.text))
        credit, credit_url = (None, None)
        if isinstance(row.attribution, str) and row.attribution.strip():
            credit, credit_url = parse_attribution(row.attribution, str(row.source))
        examples.setdefault(str(row.skill_id), []).append(
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
