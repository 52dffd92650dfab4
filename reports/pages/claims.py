"""The claims check page: each claim's verdict, the sentence behind it, its figures and a chart.

The claims come from a TOML file (`DEFAULT_CLAIMS` ships with the package; `jobtrends report
--claims FILE` replaces it) and are evaluated by `jobtrends.reports.analysis.claims`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from jobtrends.reports.analysis.claims import (
    NOT_ENOUGH_DATA,
    NOT_SUPPORTED,
    SUPPORTED,
    VERDICTS,
    Claim,
    ClaimResult,
    evaluate_claim,
)
from jobtrends.reports.analysis.claims_file import load_claims, parse_claims
from jobtrends.reports.analysis.evidence import Evidence
from jobtrends.reports.analysis.significance import ALPHA
from jobtrends.reports.charts import Chart
from jobtrends.reports.data import ROLE_LABELS, SiteData
from jobtrends.reports.figures import PALETTE, ShareBars, grouped_bars, share_bars
from jobtrends.reports.page import Page

DEFAULT_CLAIMS = resources.files("jobtrends.reports.analysis") / "default_claims.toml"
VERDICT_CLASSES = {
    SUPPORTED: "supported",
    NOT_SUPPORTED: "not-supported",
    NOT_ENOUGH_DATA: "not-enough",
}
GROWTH_KINDS = ("growth_greater", "fastest_growing_role")
OTHER_BAR = "#9aa5b4"


@dataclass(frozen=True)
class ClaimSet:
    """The claims to check and where they come from (shown on the page)."""

    claims: tuple[Claim, ...]
    source: str


def load_claim_set(path: Path | None = None, *, skills: Collection[str] | None = None) -> ClaimSet:
    """The claims of `path`, or of the default claims file when `path` is None."""
    if path is not None:
        return ClaimSet(tuple(load_claims(path, skills=skills)), path.name)
    text = DEFAULT_CLAIMS.read_text(encoding="utf-8")
    claims = parse_claims(text, str(DEFAULT_CLAIMS), skills=skills)
    return ClaimSet(tuple(claims), "the default claims file")


@dataclass(frozen=True)
class ClaimView:
    id: str
    statement: str
    verdict: str
    css: str
    reason: str
    scope: str
    chart_key: str


def _share_figure(result: ClaimResult) -> go.Figure | None:
    table = result.table
    if table.empty or int(table["of"].max()) == 0:
        return None
    bars = ShareBars(
        labels=[str(v) for v in table["label"]],
        share=table["share"].fillna(0.0).tolist(),
        low=table["ci_low"].fillna(0.0).tolist(),
        high=table["ci_high"].fillna(0.0).tolist(),
        k=table["postings"].tolist(),
        n=table["of"].tolist(),
    )
    figure = share_bars(bars, "share of postings")
    colors = [PALETTE[0] if claimed else OTHER_BAR for claimed in table["claimed"]]
    figure.update_traces(marker_color=colors)
    if result.claim.share is not None:
        figure.add_vline(
            x=result.claim.share,
            line_dash="dash",
            line_color=PALETTE[3],
            annotation_text=f"claimed {result.claim.share:.0%}",
            annotation_position="top",
        )
        figure.update_xaxes(range=[0, 1])
    return figure


def _growth_figure(result: ClaimResult) -> go.Figure | None:
    table = result.table
    if table.empty or int(table["before"].sum() + table["recent"].sum()) == 0:
        return None
    months = result.claim.months or 12
    return grouped_bars(
        [str(r) for r in table["role"]],
        {
            f"the {months} months before": table["before"].tolist(),
            f"the last {months} months": table["recent"].tolist(),
        },
        axis_title="de-duplicated postings",
        percent=False,
    )


def claim_chart(result: ClaimResult) -> Chart:
    claim = result.claim
    growth = claim.kind in GROWTH_KINDS
    figure = _growth_figure(result) if growth else _share_figure(result)
    test = f"Test: {result.test}." if result.test else ""
    rule = (
        f" Supported when the figures point the claimed way and p < {ALPHA}; fewer than "
        f"{claim.min_n} postings in a sample is not enough data."
    )
    notes = (f"Postings counted: {result.scope}.", test + rule)
    title = "Postings per role" if growth else "Share of postings"
    return Chart(f"claim-{claim.id}", title, figure, result.table, notes)


def summary_chart(results: Sequence[ClaimResult]) -> Chart:
    table = pd.DataFrame(
        {
            "claim": [r.claim.id for r in results],
            "statement": [r.claim.statement for r in results],
            "verdict": [r.verdict for r in results],
            "p_value": [r.p_value for r in results],
            "postings_counted": [r.scope for r in results],
        }
    )
    notes = ("Every claim checked, in the order of the claims file.",)
    return Chart("claims-summary", "All claims", None, table, notes)


def build_claims_page(site: SiteData, claim_set: ClaimSet) -> Page:
    if tuple(claim_set.claims) != site.claimed:
        raise ValueError("the site's jobs were counted for other claims")
    ev = Evidence(site.claim_counts, site.all_jobs.skills, site.skill_names, ROLE_LABELS, None)
    results = [evaluate_claim(ev, claim) for claim in claim_set.claims]
    charts = {"summary": summary_chart(results)}
    views = []
    for number, result in enumerate(results, start=1):
        key = f"claim_{number}"
        charts[key] = claim_chart(result)
        views.append(
            ClaimView(
                id=result.claim.id,
                statement=result.claim.statement,
                verdict=result.verdict,
                css=VERDICT_CLASSES[result.verdict],
                reason=result.reason,
                scope=result.scope,
                chart_key=key,
            )
        )
    counts = Counter(r.verdict for r in results)
    context = {
        "claims": views,
        "tally": [(v, VERDICT_CLASSES[v], counts.get(v, 0)) for v in VERDICTS],
        "source": claim_set.source,
        "alpha": ALPHA,
    }
    return Page("claims.html", "Claims check", "claims.html.j2", charts, context)
