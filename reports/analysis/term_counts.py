"""The candidate terms of AI-role jobs counted batch by batch ("New tools to watch"): groups per
term and month, written forms, and the newest postings naming each term. Memory grows with the
distinct terms, not with the postings."""

from __future__ import annotations

import pandas as pd

from jobtrends.reports.analysis.batches import AI, Batch, added
from jobtrends.reports.analysis.new_tools import form_counts, term_month_counts

EXAMPLES_PER_TERM = 3
_ORDER = ["term_key", "month", "posted_at", "posting_id"]
_ASCENDING = [True, False, False, False]


class TermCounts:
    """Per term: the AI-role jobs naming it per month (`term_months`), how often it is written
    each way (`forms`), and its `examples` newest postings, one per duplicate group, with the
    first occurrence in each (`newest`)."""

    def __init__(self, examples: int = EXAMPLES_PER_TERM) -> None:
        self.examples = examples
        self.term_months = pd.DataFrame(columns=["term_key", "month", "k"])
        self.forms = pd.DataFrame(columns=["term_key", "term", "n"])
        # The candidate's columns (term_key, term, posting_id, section, start, end, ...) and the
        # posting's dup_group, month, posted_at, title, company, url, source and attribution.
        self.newest = pd.DataFrame(columns=["term_key", "term", "posting_id"])

    def add(self, batch: Batch) -> None:
        if batch.candidates is None or batch.candidates.empty:
            return
        postings = batch.postings_of(AI)
        candidates = batch.candidates[batch.candidates["posting_id"].isin(postings["posting_id"])]
        if candidates.empty:
            return
        keys = ["posting_id", "dup_group", "month", "posted_at"]
        months = term_month_counts(postings[keys], candidates)
        self.term_months = added(self.term_months, months, ["term_key", "month"], {"k": "sum"})
        self.forms = added(self.forms, form_counts(candidates), ["term_key", "term"], {"n": "sum"})
        named = candidates.merge(postings[keys], on="posting_id", how="inner")
        chosen = self._newest([named])  # the batch's own newest first, on the ranking columns
        details = ["posting_id", "title", "company", "url", "source", "attribution"]
        shown = batch.postings[batch.postings["posting_id"].isin(chosen["posting_id"])]
        chosen = chosen.merge(shown[details], on="posting_id", how="left")
        self.newest = self._newest([self.newest, chosen] if len(self.newest) else [chosen])

    def _newest(self, frames: list[pd.DataFrame]) -> pd.DataFrame:
        joined = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
        ordered = joined.sort_values(
            _ORDER, ascending=_ASCENDING, na_position="last", kind="mergesort"
        )
        first = ordered.drop_duplicates(["term_key", "dup_group"])
        return first.groupby("term_key", sort=False).head(self.examples).reset_index(drop=True)
