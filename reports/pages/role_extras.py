"""Role-page charts with their own rules: salary by seniority, and what to learn next."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jobtrends.pipeline.vocab import SENIORITIES
from jobtrends.reports.analysis.views import ViewCounts
from jobtrends.reports.charts import Chart
from jobtrends.reports.data import SENIORITY_LABELS, SiteData
from jobtrends.reports.page import top_shares
from jobtrends.reports.special_figures import BarOption, Quartiles, dropdown_bars, quartile_boxes

MIN_SALARIES = 10
LEARN_NEXT_ANCHORS = 10
LEARN_NEXT_SHOWN = 8
SALARY_COLUMNS = ["currency", "seniority", "salaries", "p10", "q1", "median", "q3", "p90"]


def salary_table(cells: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Quantiles per (currency, seniority) with at least MIN_SALARIES jobs (`cells`: currency,
    seniority, salary, count), and how many (currency, seniority) cells were hidden for having
    fewer."""
    order = {s: i for i, s in enumerate(SENIORITIES)}
    rows = []
    hidden = 0
    for (currency, seniority), cell in cells.groupby(["currency", "seniority"], sort=True):
        n = int(cell["count"].sum())
        if n < MIN_SALARIES:
            hidden += 1
            continue
        salaries = pd.Series(np.repeat(cell["salary"].to_numpy(dtype="float64"), cell["count"]))
        q = salaries.quantile([0.1, 0.25, 0.5, 0.75, 0.9]).tolist()
        rows.append([str(currency), str(seniority), n, *q])
    rows.sort(key=lambda r: (r[0], order.get(str(r[1]), len(order)), r[1]))
    return pd.DataFrame(rows, columns=SALARY_COLUMNS), hidden


def salary_chart(role: str, cells: pd.DataFrame) -> Chart:
    """Salary quantiles by seniority for one role's jobs (`cells`: see `salary_table`)."""
    table, hidden = salary_table(cells)
    notes = [
        "Annualized midpoint of each stated salary range. Boxes span the quartiles, whiskers the "
        "10th to 90th percentiles.",
        f"Groups with fewer than {MIN_SALARIES} stated salaries are hidden"
        + (f" ({hidden} hidden)." if hidden else "."),
    ]
    name = f"role-{role}-salary"
    if table.empty:
        return Chart(name, "Salary by seniority", None, table, tuple(notes))
    by_currency = table.groupby("currency")["salaries"].sum()
    currency = str(by_currency.sort_values(ascending=False, kind="stable").index[0])
    shown = table[table["currency"] == currency]
    if len(by_currency) > 1:
        notes.append(f"The chart shows {currency}; the table lists every currency.")
    figure = quartile_boxes(
        Quartiles(
            labels=[SENIORITY_LABELS.get(s, s) for s in shown["seniority"]],
            low=shown["p10"].tolist(),
            q1=shown["q1"].tolist(),
            median=shown["median"].tolist(),
            q3=shown["q3"].tolist(),
            high=shown["p90"].tolist(),
        ),
        axis_title=f"annual salary ({currency})",
    )
    title = f"Salary by seniority (annualized, {currency})"
    return Chart(name, title, figure, table, tuple(notes))


def learn_next_chart(site: SiteData, role: str, jobs: ViewCounts) -> Chart:
    anchors = [str(s) for s in top_shares(jobs, LEARN_NEXT_ANCHORS)["skill_id"]]
    pairs = jobs.cooccurrence(anchors)
    rank = pairs.groupby("skill_id").cumcount()
    pairs = pairs[rank < LEARN_NEXT_SHOWN]
    table = pd.DataFrame(
        {
            "skill": [site.skill_name(str(s)) for s in pairs["skill_id"]],
            "next_skill": [site.skill_name(str(s)) for s in pairs["other_id"]],
            "both": pairs["n_both"].astype("int64").to_numpy(),
            "skill_postings": pairs["n_skill"].astype("int64").to_numpy(),
            "share": pairs["share"].to_numpy(),
            "lift": pairs["lift"].to_numpy(),
        }
    )
    notes = (
        "Pick a skill: the bars are the share of this role's postings asking for it that also "
        "ask for each other skill. Lift above 1: the pair is asked for together more often than "
        "chance.",
    )
    name = f"role-{role}-learn-next"
    options = []
    for anchor in anchors:
        rows = table[pairs["skill_id"].to_numpy() == anchor]
        if rows.empty:
            continue
        hover = [
            f"{r.next_skill}: {r.share:.0%} of {r.skill} postings ({r.both} of "
            f"{r.skill_postings}), lift {r.lift:.2f}"
            for r in rows.itertuples()
        ]
        options.append(
            BarOption(
                site.skill_name(anchor), rows["next_skill"].tolist(), rows["share"].tolist(), hover
            )
        )
    figure = dropdown_bars(options, axis_title="share of postings with the selected skill")
    return Chart(name, "What to learn next", figure if options else None, table, notes)
