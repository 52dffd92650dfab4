"""The newest AI-role postings asking for each skill, kept batch by batch (the skill pages'
examples): at most `limit` per skill, one per duplicate group, so memory grows with the skills.

Newest means by month, then posting time (postings without one after the dated ones of their
month), then posting id, each descending; postings without a month come last. A group shows
its newest posting that asks for the skill.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from jobtrends.reports.analysis.batches import AI, Batch

MAX_EXAMPLES = 5  # postings shown per skill
SHOWN_COLUMNS = ("posting_id", "dup_group", "title", "company", "url", "month", "source")
_ORDER = ["skill_id", "month", "posted_at", "posting_id"]
_ASCENDING = [True, False, False, False]


class NewestPostings:
    """Per skill, the `limit` newest AI-role postings asking for it, one per duplicate group."""

    def __init__(self, limit: int = MAX_EXAMPLES) -> None:
        self.limit = limit
        self.kept = pd.DataFrame(columns=[*SHOWN_COLUMNS, "attribution", "posted_at", "skill_id"])

    def add(self, batch: Batch) -> None:
        postings = batch.postings_of(AI)
        demand = batch.demand
        asked = demand[demand["posting_id"].isin(postings["posting_id"])]
        if asked.empty:
            return
        ranked = ["posting_id", "dup_group", "month", "posted_at"]
        rows = asked[["posting_id"]].merge(postings[ranked], on="posting_id", how="left")
        rows["skill_id"] = asked["skill_id"].astype(str).to_numpy()
        chosen = self._newest([rows])  # the batch's own newest, on the ranking columns only
        details = [c for c in (*SHOWN_COLUMNS, "attribution") if c not in ranked]
        shown = batch.postings[batch.postings["posting_id"].isin(chosen["posting_id"])]
        chosen = chosen.merge(shown[["posting_id", *details]], on="posting_id", how="left")
        self.kept = self._newest([self.kept, chosen] if len(self.kept) else [chosen])

    def _newest(self, frames: list[pd.DataFrame]) -> pd.DataFrame:
        joined = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        ordered = joined.sort_values(
            _ORDER, ascending=_ASCENDING, na_position="last", kind="mergesort"
        )
        first = ordered.drop_duplicates(["skill_id", "dup_group"])
        return first.groupby("skill_id", sort=False).head(self.limit).reset_index(drop=True)

    def chosen(self, skill_ids: Sequence[str], limit: int) -> pd.DataFrame:
        """The postings shown for `skill_ids` (at most `limit` each), by skill id and then
        newest first, with their `skill_id`."""
        if limit > self.limit:
            raise ValueError(f"only the {self.limit} newest postings per skill are kept")
        wanted = self.kept[self.kept["skill_id"].isin(set(skill_ids))]
        wanted = wanted.groupby("skill_id", sort=False).head(limit)
        columns = [*SHOWN_COLUMNS, "attribution", "skill_id"]
        return wanted[columns].reset_index(drop=True)
