"""Credit where sources ask for it: the credit line and the links back each source's terms require.

A posting's `attribution` is either "Name: https://link" (remote boards: "Remote OK:
https://remoteok.com/remote-jobs/...") or a bare link (a Hacker News thread). The sources page
shows one credit line per source and credit, with its site and its newest links back; example
postings show their own credit and link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import pandas as pd

SOURCE_NAMES = {
    "hn": "Hacker News",
    "greenhouse": "Greenhouse",
    "lever": "Lever",
    "ashby": "Ashby",
    "himalayas": "Himalayas",
    "remotive": "Remotive",
    "remoteok": "Remote OK",
    "arbeitnow": "Arbeitnow",
    "smartrecruiters": "SmartRecruiters",
    "workable": "Workable",
    "jsonld": "Company career pages",
}
LINKS_SHOWN = 12
_NAMED = re.compile(r"^\s*(?P<credit>[^:]{1,120}?)\s*:\s*(?P<url>https?://\S+)\s*$", re.IGNORECASE)


def safe_url(url: object) -> str | None:
    """The URL if it is an absolute http(s) link, else None (no javascript: or data: links)."""
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def source_name(source: str) -> str:
    return SOURCE_NAMES.get(source, source)


def parse_attribution(text: object, source: str) -> tuple[str, str | None]:
    """(credit line, link back or None) of an attribution string."""
    if not isinstance(text, str) or not text.strip():
        return (source_name(source), None)
    named = _NAMED.match(text)
    if named:
        return (named.group("credit"), safe_url(named.group("url")))
    url = safe_url(text)
    if url:
        return (source_name(source), url)
    return (text.strip(), None)


def site_of(url: str | None) -> str | None:
    """scheme://host of a link."""
    if url is None:
        return None
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclass(frozen=True)
class CreditLink:
    url: str
    month: str  # the newest posting that carries it
    postings: int

    @property
    def text(self) -> str:
        return self.url.split("://", 1)[-1]


@dataclass(frozen=True)
class Credit:
    """One source's credit line, the site it links to and its newest links back."""

    source: str
    source_label: str
    credit: str
    site: str | None
    postings: int
    distinct_links: int
    links: tuple[CreditLink, ...]


CREDIT_ROW_COLUMNS = ("source", "credit", "link", "month", "postings")


def credit_rows(postings: pd.DataFrame) -> pd.DataFrame:
    """Per source, credit line and link back (None: the credit has no link) of the postings that
    carry an attribution: the newest month ("" when undated) and how many postings. Rows of
    several frames add up with `summed_credit_rows`."""
    credited = postings[postings["attribution"].notna()]
    if credited.empty:
        return pd.DataFrame(columns=list(CREDIT_ROW_COLUMNS))
    parsed = [
        parse_attribution(text, str(source))
        for text, source in zip(credited["attribution"], credited["source"], strict=True)
    ]
    frame = pd.DataFrame(
        {
            "source": credited["source"].astype(str).to_numpy(),
            "credit": [credit for credit, _ in parsed],
            "link": [link for _, link in parsed],
            "month": credited["month"].fillna("").astype(str).to_numpy(),
            "postings": 1,
        }
    )
    return summed_credit_rows(frame)


def summed_credit_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """`rows` with one row per (source, credit, link): the newest month, the postings added."""
    keys = ["source", "credit", "link"]
    summed = rows.groupby(keys, dropna=False, sort=True).agg(
        month=("month", "max"), postings=("postings", "sum")
    )
    return summed.reset_index()[list(CREDIT_ROW_COLUMNS)]


def credits(postings: pd.DataFrame) -> list[Credit]:
    """Credit lines of the postings that carry an attribution, by source then credit."""
    return credits_of_rows(credit_rows(postings))


def credits_of_rows(frame: pd.DataFrame) -> list[Credit]:
    """`credits` from the (source, credit, link) rows of `credit_rows`."""
    out = []
    for (source, credit), rows in frame.groupby(["source", "credit"], sort=True):
        linked = rows[rows["link"].notna()]
        per_link = (
            linked.groupby("link")
            .agg(month=("month", "max"), postings=("postings", "sum"))
            .reset_index()
            .sort_values(["month", "link"], ascending=[False, True], kind="mergesort")
        )
        links = tuple(
            CreditLink(str(link), str(month), int(n))
            for link, month, n in per_link.head(LINKS_SHOWN).itertuples(index=False, name=None)
        )
        sites = [site_of(str(link)) for link in per_link["link"]]
        out.append(
            Credit(
                source=str(source),
                source_label=source_name(str(source)),
                credit=str(credit),
                site=max(sorted({s for s in sites if s}), key=sites.count, default=None),
                postings=int(rows["postings"].sum()),
                distinct_links=len(per_link),
                links=links,
            )
        )
    return out


def credits_table(entries: list[Credit]) -> pd.DataFrame:
    """The aggregate behind the attribution list: one row per source and credit line."""
    return pd.DataFrame(
        {
            "source": [e.source for e in entries],
            "credit": [e.credit for e in entries],
            "site": [e.site or "" for e in entries],
            "postings": [e.postings for e in entries],
            "links_back": [e.distinct_links for e in entries],
            "newest_link": [e.links[0].url if e.links else "" for e in entries],
        }
    )
