"""The candidate terms of AI-role jobs counted batch by batch ("New tools to watch"): groups per
term and month, written forms, and the newest postings naming each term. Memory grows with the
distinct terms, not with the postings."""

from __future__ import annotations

import pandas as pd

from jobtrends.reports.analysis.batches import AI, Batch, added
from jobtrends.reports.analysis.new_tools import form_counts, term_month_counts
from jobtrends.reports.analysis.newest import newest_per, with_details

EXAMPLES_PER_TERM = 3


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
        # The batch's own newest first, on the ranking columns only; then their details.
        chosen = newest_per([named], "term_key", self.examples)
        details = ["title", "company", "url", "source", "attribution"]
        chosen = with_details(chosen, batch.postings, details)
        frames = [self.newest, chosen] if len(self.newest) else [chosen]
        self.newest = newest_per(frames, "term_key", self.examples)
