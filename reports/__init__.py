"""Static HTML reports: report frames in, a self-contained site of Plotly charts out.

`build_site(ReportData, out_dir)` writes the site; `analysis/` holds the statistics and the claims
check, `pages/` one module per page. This package never imports `jobtrends.scraper`.
"""

from jobtrends.reports.data import ReportData, ReportDataError, first_demand_mentions
from jobtrends.reports.pages.claims import ClaimSet, load_claim_set
from jobtrends.reports.site import build_site
from jobtrends.reports.watch import TermExample, WatchedTerm, WatchList, watched_terms

__all__ = [
    "ClaimSet",
    "ReportData",
    "ReportDataError",
    "TermExample",
    "WatchList",
    "WatchedTerm",
    "build_site",
    "first_demand_mentions",
    "load_claim_set",
    "watched_terms",
]
