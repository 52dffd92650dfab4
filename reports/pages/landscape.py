"""Cross-cutting views: which skill categories each role asks for, and which skills go together."""

from __future__ import annotations

import pandas as pd

from jobtrends.pipeline.vocab import ROLES
from jobtrends.reports.analysis import stats
from jobtrends.reports.charts import Chart
from jobtrends.reports.data import ROLE_LABELS, SiteData
from jobtrends.reports.figures import share_bars
from jobtrends.reports.page import share_bars_of, top_shares
from jobtrends.reports.special_figures import heatmap

COOCCURRENCE_SKILLS = 15


def role_category_table(site: SiteData) -> pd.DataFrame:
    """Share of each role's de-duplicated postings asking for at least one skill of a category."""
    jobs = site.all_jobs
    asked_skills = jobs.skill_totals()
    if asked_skills.empty:
        return pd.DataFrame(columns=["role", "category", "postings", "of", "share"])
    counts = jobs.category_counts().rename(columns={"k": "postings"})
    asked = {site.skill_categories.get(str(s), "") for s in asked_skills.index}
    totals = jobs.job_counts(["role"]).rename("of").reset_index()
    grid = totals.merge(pd.DataFrame({"category": sorted(asked)}), how="cross")
    table = grid.merge(counts, on=["role", "category"], how="left").fillna({"postings": 0})
    table["postings"] = table["postings"].astype("int64")
    table = table.assign(share=table["postings"] / table["of"])
    order = {role: i for i, role in enumerate(ROLES)}
    table = table.assign(rank=table["role"].map(order).fillna(len(ROLES)))
    table = table.sort_values(["rank", "role", "category"], kind="mergesort")
    table = table.assign(category=[site.category_label(str(c)) for c in table["category"]])
    return table[["role", "category", "postings", "of", "share"]].reset_index(drop=True)


def category_chart(site: SiteData) -> Chart:
    """Share of AI-role postings asking for at least one skill of each category."""
    jobs = site.ai_jobs
    by_role = jobs.category_counts()
    counts = by_role.groupby("category", sort=True)["k"].sum().reset_index()
    n = jobs.n
    shares = pd.DataFrame(
        {"category": counts["category"].to_numpy(), "k": counts["k"].to_numpy(), "n": n}
    )
    shares = stats.add_wilson(shares.assign(share=shares["k"] / max(n, 1)))
    shares = shares.sort_values(["k", "category"], ascending=[False, True], kind="mergesort")
    table = pd.DataFrame(
        {
            "category": [site.category_label(str(c)) for c in shares["category"]],
            "postings": shares["k"].astype("int64").to_numpy(),
            "of": n,
            "share": shares["share"].to_numpy(),
            "ci_low": shares["ci_low"].to_numpy(),
            "ci_high": shares["ci_high"].to_numpy(),
        }
    )
    notes = (
        "Share of de-duplicated AI-role postings asking for at least one skill of each "
        "category; whiskers are 95% Wilson intervals.",
    )
    figure = None
    if not table.empty:
        bars = share_bars_of(table, table["category"].tolist())
        figure = share_bars(bars, f"share of postings (n = {n})")
    return Chart("skill-categories", "Skill categories", figure, table, notes)


def role_category_chart(site: SiteData) -> Chart:
    table = role_category_table(site)
    notes = (
        "Share of each role's de-duplicated postings asking for at least one skill of the "
        "category (demand sections only).",
    )
    if table.empty:
        return Chart("role-category", "Skill categories by role", None, table, notes)
    overall = (
        table.groupby("category")["postings"].sum().sort_values(ascending=False, kind="stable")
    )
    categories = [str(c) for c in overall.index]
    roles = list(dict.fromkeys(str(r) for r in table["role"]))
    wide = table.pivot(index="role", columns="category", values="share")
    counts = table.pivot(index="role", columns="category", values="postings")
    figure = heatmap(
        categories,
        [ROLE_LABELS.get(r, r) for r in roles],
        wide.loc[roles, categories].to_numpy(dtype=float).tolist(),
        customdata=counts.loc[roles, categories].to_numpy(dtype=int).tolist(),
        hover="%{y} · %{x}: %{z:.0%} (%{customdata} postings)",
    )
    return Chart("role-category", "Skill categories by role", figure, table, notes)


def cooccurrence_chart(site: SiteData) -> Chart:
    top = [str(s) for s in top_shares(site.ai_jobs, COOCCURRENCE_SKILLS)["skill_id"]]
    pairs = site.ai_jobs.cooccurrence(top)
    pairs = pairs[pairs["other_id"].isin(top)]
    table = pd.DataFrame(
        {
            "skill": [site.skill_name(str(s)) for s in pairs["skill_id"]],
            "with_skill": [site.skill_name(str(s)) for s in pairs["other_id"]],
            "both": pairs["n_both"].astype("int64").to_numpy(),
            "skill_postings": pairs["n_skill"].astype("int64").to_numpy(),
            "share": pairs["share"].to_numpy(),
            "lift": pairs["lift"].to_numpy(),
        }
    )
    notes = (
        f"The {len(top)} most asked-for skills in AI-role postings. A cell is the share of "
        "postings asking for the row's skill that also ask for the column's skill; lift above 1 "
        "means the pair occurs more often than if the two were independent.",
    )
    if len(top) < 2:
        return Chart("cooccurrence", "Skills asked for together", None, table, notes)
    lookup = {
        (a, b): (s, lift)
        for a, b, s, lift in pairs[["skill_id", "other_id", "share", "lift"]].itertuples(
            index=False
        )
    }
    z = [[lookup.get((a, b), (0.0, 0.0))[0] if a != b else None for b in top] for a in top]
    lifts = [[round(lookup.get((a, b), (0.0, 0.0))[1], 2) for b in top] for a in top]
    names = [site.skill_name(s) for s in top]
    figure = heatmap(
        names,
        names,
        z,
        customdata=lifts,
        hover="%{z:.0%} of %{y} postings also ask for %{x} (lift %{customdata})",
    )
    return Chart("cooccurrence", "Skills asked for together", figure, table, notes)
