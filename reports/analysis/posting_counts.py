"""What the sources page, the methodology and the freshness list count over postings as stored
(before de-duplication), batch by batch: memory grows with sources, boards, months and credit
links, not with the postings."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from jobtrends.reports.analysis.batches import Batch, added
from jobtrends.reports.attribution import (
    CREDIT_ROW_COLUMNS,
    Credit,
    credit_rows,
    credits_of_rows,
    safe_url,
    summed_credit_rows,
)

PROVENANCE_COLUMNS = ("remote_from", "salary_from", "seniority_from", "country_from")
# A link `safe_url` always keeps: http(s), a plain host (and port), nothing else before the path.
# Matched over the whole column at once; only the other links are parsed one by one.
PLAIN_LINK = r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:[/?#].*)?"


def has_link(postings: pd.DataFrame) -> pd.Series[bool]:
    urls = postings["url"]
    flags = np.array(urls.str.fullmatch(PLAIN_LINK).fillna(False), dtype=bool)
    others = np.flatnonzero(~flags)
    flags[others] = [safe_url(url) is not None for url in urls.iloc[others].tolist()]
    return pd.Series(flags, index=postings.index, dtype=bool)


Present = Callable[[pd.DataFrame], "pd.Series[bool]"]
FIELDS: tuple[tuple[str, Present], ...] = (
    ("posting date", lambda p: p["posted_at"].notna()),
    ("location", lambda p: p["location"].astype(object).fillna("").astype(str).str.strip() != ""),
    ("salary", lambda p: p["salary_currency"].notna()),
    ("remote mode", lambda p: p["remote"].fillna("unknown") != "unknown"),
    ("seniority", lambda p: p["seniority"].fillna("unknown") != "unknown"),
    ("link", has_link),
    ("attribution", lambda p: p["attribution"].notna()),
)


class PostingCounts:
    """Postings as stored, counted per source (postings, jobs within the source, boards, closed,
    with an attribution, newest month), per source and month, per source and field stated; the
    provenance of extracted values; credit lines; the newest month and posting time; roles."""

    def __init__(self) -> None:
        self.n = 0
        self.mentions = 0  # of the postings with a `mentions` column (see `ReportData`)
        self.roles: set[str] = set()
        self.newest_month: str | None = None
        self.newest_posted_at: pd.Timestamp | None = None
        self.provenance = {column: {"source": 0, "text": 0} for column in PROVENANCE_COLUMNS}
        self.per_source = pd.DataFrame(
            columns=[
                "source",
                "postings",
                "de_duplicated",
                "closed",
                "with_attribution",
                "newest_month",
            ]
        )
        self.boards: dict[str, set[str]] = {}
        self.per_month = pd.DataFrame(columns=["source", "month", "postings"])
        self.fields = pd.DataFrame(columns=["source", *(name for name, _ in FIELDS), "of"])
        self.credit_rows = pd.DataFrame(columns=list(CREDIT_ROW_COLUMNS))

    def add(self, batch: Batch) -> None:
        postings = batch.postings
        if postings.empty:
            return
        self.n += len(postings)
        if "mentions" in postings.columns:
            self.mentions += int(postings["mentions"].sum())
        self.roles |= {str(r) for r in postings["role"].dropna().unique()}
        months = postings["month"].dropna()
        if not months.empty:
            newest = str(months.max())
            self.newest_month = max(self.newest_month or newest, newest)
        posted = postings["posted_at"].dropna()
        if not posted.empty:
            newest_time = posted.max()
            known = self.newest_posted_at
            self.newest_posted_at = newest_time if known is None else max(known, newest_time)
        for column, counts in self.provenance.items():
            if column in postings.columns:
                for origin in counts:
                    counts[origin] += int((postings[column] == origin).sum())
        self._count_sources(postings)
        rows = pd.concat([self.credit_rows, credit_rows(postings)], ignore_index=True)
        self.credit_rows = summed_credit_rows(rows) if len(rows) else self.credit_rows

    def _count_sources(self, postings: pd.DataFrame) -> None:
        per_source = postings.groupby("source", sort=True)
        table = pd.DataFrame(
            {
                "postings": per_source.size(),
                "de_duplicated": per_source["dup_group"].nunique(),
                "closed": per_source["closed_at"].count(),
                "with_attribution": per_source["attribution"].count(),
                "newest_month": per_source["month"].max(),
            }
        ).reset_index()
        how = dict.fromkeys(["postings", "de_duplicated", "closed", "with_attribution"], "sum")
        self.per_source = added(self.per_source, table, ["source"], how | {"newest_month": "max"})
        for source, boards in postings.groupby("source", sort=True)["board"]:
            self.boards.setdefault(str(source), set()).update(
                str(b) for b in boards.dropna().unique()
            )
        dated = postings[postings["month"].notna()]
        monthly = dated.groupby(["source", "month"]).size().rename("postings").reset_index()
        self.per_month = added(self.per_month, monthly, ["source", "month"], {"postings": "sum"})
        present = pd.DataFrame({field: check(postings) for field, check in FIELDS})
        fields = present.groupby(postings["source"].to_numpy(), sort=True).sum()
        fields["of"] = postings.groupby("source", sort=True).size().to_numpy()
        fields = fields.rename_axis("source").reset_index()
        how = dict.fromkeys([*(name for name, _ in FIELDS), "of"], "sum")
        self.fields = added(self.fields, fields, ["source"], how)

    def credits(self) -> list[Credit]:
        return credits_of_rows(self.credit_rows)
