"""Example postings for a skill: where it was asked for, with the matched words marked."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from jobtrends.reports.analysis.pairs import positions, sorted_skill_codes
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
    chosen = _newest_postings(site, skill_ids, limit)
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


def _newest_postings(site: SiteData, skill_ids: Sequence[str], limit: int) -> pd.DataFrame:
    """The AI-role postings `examples_by_skill` shows, with their `skill_id`, by skill and then
    newest first. Worked out on integer arrays (each posting's rank by recency, each demand
    row's skill code): a frame joining every demand row with its posting's columns took
    gigabytes at a million postings."""
    ai = site.ai_postings
    ids = ai["posting_id"].to_numpy(dtype=np.int64)
    by_recency = (
        ai[["month", "posted_at", "posting_id"]]
        .reset_index(drop=True)
        .sort_values(
            ["month", "posted_at", "posting_id"],
            ascending=[False, False, False],
            na_position="last",
            kind="mergesort",
        )
        .index.to_numpy()
    )
    rank = np.empty(len(ids), dtype=np.int32)
    rank[by_recency] = np.arange(len(ids), dtype=np.int32)
    demand = site.demand
    codes, names = sorted_skill_codes(demand["skill_id"])
    wanted = set(skill_ids)
    asked = np.isin(codes, [code for code, name in enumerate(names) if name in wanted])
    codes = codes[asked]
    at, in_ai = positions(ids, demand["posting_id"].to_numpy(dtype=np.int64)[asked])
    del asked
    at, codes = at[in_ai].astype(np.int32), codes[in_ai]
    del in_ai
    order = np.lexsort((rank[at], codes))
    groups = ai["dup_group"].to_numpy()
    picked: list[tuple[int, str]] = []
    starts = np.flatnonzero(np.diff(codes[order], prepend=-1))
    ends = [*starts[1:], len(order)] if len(starts) else []
    for first, last in zip(starts, ends, strict=True):
        seen: set[object] = set()
        for row in order[first:last]:
            if groups[at[row]] not in seen:
                seen.add(groups[at[row]])
                picked.append((int(at[row]), str(names[codes[row]])))
                if len(seen) == limit:
                    break
    columns = ["posting_id", "dup_group", "title", "company", "url", "month", "source"]
    postings = site.postings
    chosen_ids = ids[[position for position, _ in picked]]
    rows = postings.iloc[np.searchsorted(postings["posting_id"].to_numpy(), chosen_ids)]
    rows = rows[[*columns, "attribution"]]
    return rows.assign(skill_id=[skill for _, skill in picked]).reset_index(drop=True)
