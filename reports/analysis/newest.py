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


def newest_per(frames: list[pd.DataFrame], key: str, limit: int) -> pd.DataFrame:
    """The rows of `frames` (with posting_id, dup_group, month and posted_at), at most `limit`
    per value of `key`: the newest, one per duplicate group (its first row in frame order)."""
    joined = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    ordered = joined.sort_values(
        [key, "month", "posted_at", "posting_id"],
        ascending=[True, False, False, False],
        na_position="last",
        kind="mergesort",
    )
    first = ordered.drop_duplicates([key, "dup_group"])
    return first.groupby(key, sort=False).head(limit).reset_index(drop=True)


def with_details(chosen: pd.DataFrame, postings: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """`chosen` with the `columns` of its postings, read from `postings` for those rows only."""
    shown = postings[postings["posting_id"].isin(chosen["posting_id"])]
    return chosen.merge(shown[["posting_id", *columns]], on="posting_id", how="left")


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
        # The batch's own newest first, on the ranking columns only; then their details.
        chosen = newest_per([rows], "skill_id", self.limit)
        details = [c for c in (*SHOWN_COLUMNS, "attribution") if c not in ranked]
        chosen = with_details(chosen, batch.postings, details)
        frames = [self.kept, chosen] if len(self.kept) else [chosen]
        self.kept = newest_per(frames, "skill_id", self.limit)

    def chosen(self, skill_ids: Sequence[str], limit: int) -> pd.DataFrame:
        """The postings shown for `skill_ids` (at most `limit` each), by skill id and then
        newest first, with their `skill_id`."""
        if limit > self.limit:
            raise ValueError(f"only the {self.limit} newest postings per skill are kept")
        wanted = self.kept[self.kept["skill_id"].isin(set(skill_ids))]
        wanted = wanted.groupby("skill_id", sort=False).head(limit)
        columns = [*SHOWN_COLUMNS, "attribution", "skill_id"]
        return wanted[columns].reset_index(drop=True)
