"""The claims check: statements about the job market tested against the report frames.

A `Claim` (read from a TOML file by `jobtrends.reports.analysis.claims_file`) has a kind:

- `share_greater`: more postings ask for `skills` than for `than` (any skill of each group);
  exact one-sided McNemar test on the postings that ask for only one of the two.
- `share_at_least`: at least `share` of the postings ask for one of `skills`; exact one-sided
  binomial test against that share.
- `most_common`: `skills[0]` is asked for in more postings than any other skill; McNemar test
  against the runner-up.
- `rising`: the share asking for `skills` is higher in the last `months` months than in the
  `months` before; one-sided two-proportion z-test.
- `growth_greater`: `role` gained more postings than the role in `than`, comparing the last
  `months` months with the `months` before; one-sided two-proportion z-test on the share of each
  role's postings that fall in the recent window.
- `fastest_growing_role`: `role` grew the most among `among` (default: the AI-engineering roles),
  tested against the runner-up like `growth_greater`.

Postings are de-duplicated jobs and skills count in demand sections only, as everywhere in the
report (see `jobtrends.reports.analysis.stats`). Share claims cover every AI-engineering role unless
`role` is given, and every month unless `months` is given; windows end at the newest month in the
data. A claim is "not enough data" when a sample is under `min_n` postings or the data does not
reach back over both growth windows; "supported" needs its test's p-value under `ALPHA`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import pandas as pd

from jobtrends.reports.analysis import stats
from jobtrends.reports.analysis.evidence import Evidence, Jobs, Windows, share_rows
from jobtrends.reports.analysis.significance import (
    ALPHA,
    binomial_at_least_p,
    mcnemar_greater_p,
    normal_upper_p,
    two_proportion_z,
)

KINDS = (
    "share_greater",
    "share_at_least",
    "most_common",
    "rising",
    "growth_greater",
    "fastest_growing_role",
)
SUPPORTED = "supported"
NOT_SUPPORTED = "not supported"
NOT_ENOUGH_DATA = "not enough data"
VERDICTS = (SUPPORTED, NOT_SUPPORTED, NOT_ENOUGH_DATA)
MOST_COMMON_SHOWN = 6
GROWTH_COLUMNS = ("role", "before", "recent", "growth", "claimed")


@dataclass(frozen=True)
class Claim:
    id: str
    statement: str
    kind: str
    role: str | None = None
    skills: tuple[str, ...] = ()
    than: tuple[str, ...] = ()  # skills for share_greater, one role for growth_greater
    among: tuple[str, ...] = ()
    label: str | None = None
    than_label: str | None = None
    share: float | None = None
    months: int | None = None
    min_n: int = 30

    def with_default_months(self, months: int | None) -> Claim:
        return self if self.months is not None or months is None else replace(self, months=months)


@dataclass(frozen=True)
class ClaimResult:
    """A verdict, the sentence that explains it, and the figures behind it (`table`)."""

    claim: Claim
    verdict: str
    reason: str
    scope: str
    table: pd.DataFrame = field(repr=False)
    test: str = ""
    p_value: float | None = None


def fmt_p(p: float) -> str:
    return "p < 0.0001" if p < 0.0001 else f"p = {p:.2g}" if p < 0.01 else f"p = {p:.3f}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _pct(k: int, n: int) -> str:
    return f"{k / n:.0%} ({k} of {n})" if n else "no postings"


def _share_greater(ev: Evidence, claim: Claim) -> ClaimResult:
    cell, scope = ev.share_cell(claim.role, claim.months)
    first, second = ev.holders(claim.skills), ev.holders(claim.than)
    a, b = claim.label or ev.group_name(claim.skills), claim.than_label or ev.group_name(claim.than)
    n = len(cell)
    table = share_rows([(a, claim.skills, first, True), (b, claim.than, second, False)], cell)
    test = "one-sided exact McNemar test"
    if n < claim.min_n:
        return _not_enough(claim, scope, table, n)
    only_a, only_b = len((first - second) & cell), len((second - first) & cell)
    p = mcnemar_greater_p(only_a, only_b)
    k_a, k_b = len(first & cell), len(second & cell)
    figures = f"{_cap(a)}: {_pct(k_a, n)}; {b}: {_pct(k_b, n)}."
    split = (
        f" Of the {only_a + only_b} postings asking for only one of the two, {only_a} ask for "
        f"{a} ({test}, {fmt_p(p)})."
    )
    if k_a > k_b and p < ALPHA:
        return ClaimResult(claim, SUPPORTED, figures + split, scope, table, test, p)
    why = " The difference is not significant." if k_a > k_b else ""
    return ClaimResult(claim, NOT_SUPPORTED, figures + split + why, scope, table, test, p)


def _share_at_least(ev: Evidence, claim: Claim) -> ClaimResult:
    cell, scope = ev.share_cell(claim.role, claim.months)
    threshold = claim.share or 0.5
    holders = ev.holders(claim.skills)
    label = claim.label or ev.group_name(claim.skills)
    n, k = len(cell), len(holders & cell)
    table = share_rows([(label, claim.skills, holders, True)], cell)
    table = table.assign(threshold=threshold)
    test = "one-sided exact binomial test"
    if n < claim.min_n:
        return _not_enough(claim, scope, table, n)
    p = binomial_at_least_p(k, n, threshold)
    low, high = stats.wilson_interval(k, n)
    figures = (
        f"{_cap(label)}: {_pct(k, n)}, 95% interval {low:.0%} to {high:.0%}, against a claimed "
        f"{threshold:.0%} ({test}, {fmt_p(p)})."
    )
    verdict = SUPPORTED if p < ALPHA else NOT_SUPPORTED
    return ClaimResult(claim, verdict, figures, scope, table, test, p)


def _most_common(ev: Evidence, claim: Claim) -> ClaimResult:
    cell, scope = ev.share_cell(claim.role, claim.months)
    (skill,) = claim.skills
    counts = ev.skill_counts(cell)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    shown = [s for s, _ in ranked[:MOST_COMMON_SHOWN]]
    if skill not in shown:
        shown.append(skill)
    rows = [(ev.name(s), (s,), ev.holders((s,)), s == skill) for s in shown]
    n = len(cell)
    table = share_rows(rows, cell)
    test = "one-sided exact McNemar test against the runner-up"
    if n < claim.min_n:
        return _not_enough(claim, scope, table, n)
    name = ev.name(skill)
    rank = 1 + [s for s, _ in ranked].index(skill) if skill in counts else None
    if not ranked or rank != 1:
        top = ev.name(ranked[0][0]) if ranked else "no skill"
        where = f"ranks {rank}" if rank else "is not asked for at all"
        reason = f"{name} {where}; the most asked-for skill is {top} ({_pct(ranked[0][1], n)})."
        return ClaimResult(claim, NOT_SUPPORTED, reason, scope, table, test, None)
    if len(ranked) == 1:
        reason = f"{name} is the only skill asked for ({_pct(ranked[0][1], n)})."
        return ClaimResult(claim, SUPPORTED, reason, scope, table, test, None)
    runner = ranked[1][0]
    mine, theirs = ev.holders((skill,)) & cell, ev.holders((runner,)) & cell
    p = mcnemar_greater_p(len(mine - theirs), len(theirs - mine))
    reason = (
        f"{name} is asked for in {_pct(len(mine), n)}, the runner-up {ev.name(runner)} in "
        f"{_pct(len(theirs), n)} ({test}, {fmt_p(p)})."
    )
    verdict = SUPPORTED if p < ALPHA else NOT_SUPPORTED
    if verdict == NOT_SUPPORTED:
        reason += " The lead is not significant."
    return ClaimResult(claim, verdict, reason, scope, table, test, p)


def _rising(ev: Evidence, claim: Claim) -> ClaimResult:
    months = claim.months or 6
    windows = ev.windows(months)
    holders = ev.holders(claim.skills)
    label = claim.label or ev.group_name(claim.skills)
    role_scope = ev.role_scope(claim.role)
    before = ev.cell(claim.role, windows.before) if windows else Jobs.of(())
    recent = ev.cell(claim.role, windows.recent) if windows else Jobs.of(())
    parts = [
        share_rows([(_span(windows, which), claim.skills, holders, which == "recent")], cell)
        for which, cell in (("before", before), ("recent", recent))
    ]
    table = pd.concat(parts, ignore_index=True)
    test = "one-sided two-proportion z-test"
    scope = f"{role_scope}, {_versus(windows, months)}"
    if windows is None or not windows.covered:
        reason = ev.coverage_reason(months)
        return ClaimResult(claim, NOT_ENOUGH_DATA, reason, scope, table, test, None)
    if min(len(before), len(recent)) < claim.min_n:
        return _not_enough(claim, scope, table, min(len(before), len(recent)))
    k1, n1, k2, n2 = len(holders & before), len(before), len(holders & recent), len(recent)
    z = two_proportion_z(k1, n1, k2, n2)
    p = normal_upper_p(z)
    reason = f"{_cap(label)}: {_pct(k1, n1)} before, {_pct(k2, n2)} recently ({test}, {fmt_p(p)})."
    verdict = SUPPORTED if k2 / n2 > k1 / n1 and p < ALPHA else NOT_SUPPORTED
    return ClaimResult(claim, verdict, reason, scope, table, test, p)


def _versus(windows: Windows | None, months: int) -> str:
    if windows is None:
        return f"the last {months} months against the {months} before"
    return f"{windows.label('recent')} against {windows.label('before')}"


def _span(windows: Windows | None, which: str) -> str:
    return f"{which}: {windows.label(which)}" if windows else f"{which}: no dated postings"


def _growth(ev: Evidence, claim: Claim, roles: Sequence[str]) -> ClaimResult:
    """growth_greater and fastest_growing_role: claim.role against the best of the others."""
    assert claim.role is not None
    months = claim.months or 12
    windows = ev.windows(months)
    counts = {role: ev.window_counts(role, windows) for role in roles}
    table = pd.DataFrame(
        [
            (ev.role_name(r), b, c, c / b if b else math.nan, r == claim.role)
            for r, (b, c) in counts.items()
        ],
        columns=list(GROWTH_COLUMNS),
    )
    test = (
        "one-sided two-proportion z-test on the share of each role's postings in the recent window"
    )
    scope = f"postings per role, {_versus(windows, months)}"
    if windows is None or not windows.covered:
        return ClaimResult(claim, NOT_ENOUGH_DATA, ev.coverage_reason(months), scope, table, test)
    thin = {r for r, (b, c) in counts.items() if b + c < claim.min_n or b == 0}
    if claim.role in thin:
        b, c = counts[claim.role]
        reason = (
            f"{ev.role_name(claim.role)} has {b} postings before and {c} recently; the claim "
            f"needs {claim.min_n} over both windows and some in each."
        )
        return ClaimResult(claim, NOT_ENOUGH_DATA, reason, scope, table, test)
    others = [r for r in roles if r != claim.role and r not in thin]
    if not others:
        reason = f"No other role has the {claim.min_n} postings needed to compare against."
        return ClaimResult(claim, NOT_ENOUGH_DATA, reason, scope, table, test)
    growth = {r: counts[r][1] / counts[r][0] for r in [claim.role, *others]}
    rival = max(others, key=lambda r: (growth[r], r))
    (b1, c1), (b2, c2) = counts[rival], counts[claim.role]
    p = normal_upper_p(two_proportion_z(c1, b1 + c1, c2, b2 + c2))
    name, rival_name = ev.role_name(claim.role), ev.role_name(rival)
    reason = (
        f"{name}: {b2} to {c2} postings ({growth[claim.role]:.2f}x); {rival_name}: {b1} to {c1} "
        f"({growth[rival]:.2f}x) ({test}, {fmt_p(p)})."
    )
    if growth[claim.role] > growth[rival] and p < ALPHA:
        return ClaimResult(claim, SUPPORTED, reason, scope, table, test, p)
    if growth[claim.role] > growth[rival]:
        reason += " The difference is not significant."
    return ClaimResult(claim, NOT_SUPPORTED, reason, scope, table, test, p)


def _not_enough(claim: Claim, scope: str, table: pd.DataFrame, n: int) -> ClaimResult:
    reason = f"Only {n} postings in {scope}; the claim needs at least {claim.min_n}."
    return ClaimResult(claim, NOT_ENOUGH_DATA, reason, scope, table)


def evaluate_claim(ev: Evidence, claim: Claim) -> ClaimResult:
    if claim.kind == "share_greater":
        return _share_greater(ev, claim)
    if claim.kind == "share_at_least":
        return _share_at_least(ev, claim)
    if claim.kind == "most_common":
        return _most_common(ev, claim)
    if claim.kind == "rising":
        return _rising(ev, claim)
    if claim.kind == "growth_greater":
        return _growth(ev, claim, [claim.role or "", *claim.than])
    if claim.kind == "fastest_growing_role":
        return _growth(ev, claim, list(claim.among or ev.ai_roles))
    raise ValueError(f"unknown claim kind {claim.kind!r}")


def evaluate_claims(
    claims: Sequence[Claim],
    postings: pd.DataFrame,
    mentions: pd.DataFrame,
    *,
    skill_names: Mapping[str, str] | None = None,
    role_names: Mapping[str, str] | None = None,
    end_month: str | None = None,
) -> list[ClaimResult]:
    """Every claim's verdict, in the order given (`mentions`: a mentions or a demand frame, see
    `Evidence.build`). `end_month` defaults to the newest month."""
    ev = Evidence.build(
        postings,
        mentions,
        claims,
        skill_names=skill_names,
        role_names=role_names,
        end_month=end_month,
    )
    return [evaluate_claim(ev, claim) for claim in claims]
