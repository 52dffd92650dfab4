"""The report's input (`ReportData`) and the counts every page shares (`SiteData`)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import pandas as pd

from jobtrends.pipeline.frames import mention_spans
from jobtrends.pipeline.vocab import DEMAND_SECTIONS
from jobtrends.reports.analysis.batches import AI, ALL, Batch, Counter, count, group_batches
from jobtrends.reports.analysis.claim_counts import ClaimCounts, CountedClaim, claim_counts
from jobtrends.reports.analysis.newest import NewestPostings
from jobtrends.reports.analysis.pairs import posting_demand
from jobtrends.reports.analysis.posting_counts import PostingCounts
from jobtrends.reports.analysis.salaries import SalaryCounts
from jobtrends.reports.analysis.term_counts import TermCounts
from jobtrends.reports.analysis.views import ViewCounts, ViewSet

POSTING_COLUMNS = (
    "posting_id", "source", "board", "company", "title", "location", "url", "posted_at",
    "month", "closed_at", "role", "seniority", "remote", "salary_currency", "salary_annual_min",
    "salary_annual_max", "dup_group", "attribution",
)  # fmt: skip
MENTION_COLUMNS = (
    "posting_id", "skill_id", "skill_name", "category", "section", "negated", "nice_to_have",
    "text", "start", "end",
)  # fmt: skip
DEMAND_COLUMNS = ("posting_id", "skill_id", "required")
DEMAND_MENTION_COLUMNS = ("posting_id", "skill_id", "section", "text", "start", "end")
# (posting_id, section, start, end) spans -> the lines they stand on (`Frames.lines`).
Lines = Callable[[Sequence[tuple[int, str, int, int]]], list[str]]
# Batches of whole duplicate groups: (postings, demand, candidates) frames, about the given
# number of postings each (see `ReportData.source`).
BatchSource = Callable[[int], Iterable[tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]]]
# (posting_id, skill_id) pairs -> the skill's first demand mention in each posting.
MentionLookup = Callable[[Sequence[tuple[int, str]]], pd.DataFrame]
CANDIDATE_COLUMNS = ("posting_id", "term_key", "term", "section", "start", "end", "score")
RUN_COLUMNS = (
    "run_id", "started_at", "finished_at", "source", "target", "requests", "bytes", "new",
    "updated", "closed", "unchanged", "status", "error",
)  # fmt: skip

ROLE_LABELS = {
    "ml_engineer": "ML engineer",
    "llm_engineer": "LLM engineer",
    "ai_application_developer": "AI application developer",
    "ai_infrastructure_engineer": "AI infrastructure engineer",
    "data_scientist": "Data scientist",
    "ml_researcher": "ML researcher",
    "other": "Other (not AI engineering)",
}
SENIORITY_LABELS = {
    "intern": "Intern",
    "junior": "Junior",
    "mid": "Mid",
    "senior": "Senior",
    "staff_plus": "Staff+",
    "lead_manager": "Lead / manager",
    "unknown": "Not stated",
}
REMOTE_LABELS = {
    "remote": "Remote",
    "hybrid": "Hybrid",
    "onsite": "On-site",
    "unknown": "Not stated",
}


class ReportDataError(ValueError):
    """The frames handed to the report lack a column or the clock is not timezone-aware."""


@dataclass(frozen=True)
class ReportData:
    """Everything the site is built from; `generated_at` is the only clock the report reads.

    The mentions come aggregated: `demand` holds one row per posting and skill it asks for
    (`DEMAND_COLUMNS`, see `pairs.posting_demand`), `skills` each skill's (name, category) and
    `mention_count` how many mentions there are; `demand_mentions` gives, for (posting_id,
    skill_id) pairs, the skill's first demand mention in each posting (`DEMAND_MENTION_COLUMNS`),
    for the few a page shows. `from_mentions` builds all of them from a mentions frame held in
    memory (tests, Parquet datasets); a report of the store gets them from the database.

    The postings come either as frames held in memory (`postings`, `demand`, `candidates`) or,
    for a store of any size, from `source`: batches of whole duplicate groups read one after
    another (`batches` gives both the same way)."""

    postings: pd.DataFrame | None  # None: read from `source`
    demand: pd.DataFrame | None
    skills: Mapping[str, tuple[str, str]]
    # None: the postings of `source` carry a `mentions` column (each posting's mentions)
    mention_count: int | None
    runs: pd.DataFrame
    categories: dict[str, str]
    generated_at: datetime
    demand_mentions: MentionLookup
    # Cuts the lines of the mentions a page shows; None: the mention rows carry a `context`
    # column (frames built in memory, as tests do).
    lines: Lines | None = None
    # The term candidates of "New tools to watch" (`CANDIDATE_COLUMNS`; None: none extracted),
    # and the term keys never to show there (terms the user rejected).
    candidates: pd.DataFrame | None = None
    hidden_terms: frozenset[str] = frozenset()
    # The mention rows, when the data was built from them (`from_mentions`).
    mentions: pd.DataFrame | None = None
    # Batches of (postings, demand, candidates) of whole duplicate groups, of about the given
    # number of postings each, in the frames' columns; None: the frames above are the data.
    source: BatchSource | None = None

    @classmethod
    def from_mentions(
        cls,
        postings: pd.DataFrame,
        mentions: pd.DataFrame,
        runs: pd.DataFrame,
        categories: dict[str, str],
        generated_at: datetime,
        *,
        lines: Lines | None = None,
        candidates: pd.DataFrame | None = None,
        hidden_terms: frozenset[str] = frozenset(),
    ) -> ReportData:
        """The report data of a mentions frame (`MENTION_COLUMNS`) held in memory."""
        _require("mentions", mentions, MENTION_COLUMNS)
        named = mentions.drop_duplicates("skill_id")
        skills = {
            str(skill_id): (str(name), str(category))
            for skill_id, name, category in zip(
                named["skill_id"], named["skill_name"], named["category"], strict=True
            )
        }
        return cls(
            postings=postings,
            demand=posting_demand(mentions),
            skills=skills,
            mention_count=len(mentions),
            runs=runs,
            categories=categories,
            generated_at=generated_at,
            demand_mentions=functools.partial(first_demand_mentions, mentions),
            lines=lines,
            candidates=candidates,
            hidden_terms=hidden_terms,
            mentions=mentions,
        )

    @property
    def term_candidates(self) -> pd.DataFrame:
        """The candidates, without the hidden terms (an empty frame when there are none)."""
        if self.candidates is None:
            return pd.DataFrame(columns=list(CANDIDATE_COLUMNS))
        if not self.hidden_terms:
            return self.candidates
        return self.candidates[~self.candidates["term_key"].isin(self.hidden_terms)]

    def batches(self, batch_postings: int) -> Iterator[Batch]:
        """The postings in batches of whole duplicate groups (`batches.Batch`), each with its
        demand rows and its term candidates without the hidden terms."""
        if self.source is not None:
            for postings, demand, candidates in self.source(batch_postings):
                visible = candidates[~candidates["term_key"].isin(self.hidden_terms)]
                yield Batch(postings, demand, visible if self.hidden_terms else candidates)
            return
        assert self.postings is not None and self.demand is not None
        keyed = [self.demand, self.term_candidates]
        for postings, (demand, candidates) in group_batches(self.postings, keyed, batch_postings):
            yield Batch(postings, demand, candidates)

    def contexts(self, mentions: pd.DataFrame) -> list[str]:
        """The line each of `mentions` stands on."""
        if "context" in mentions.columns or self.lines is None:
            return [str(c) for c in mentions.get("context", pd.Series([""] * len(mentions)))]
        return self.lines(mention_spans(mentions))

    def __post_init__(self) -> None:
        if self.source is None and (self.postings is None or self.demand is None):
            raise ReportDataError("the postings and their demand are needed without a source")
        for name, frame, columns in (
            ("postings", self.postings, POSTING_COLUMNS),
            ("demand", self.demand, DEMAND_COLUMNS),
            ("runs", self.runs, RUN_COLUMNS),
            ("candidates", self.term_candidates, CANDIDATE_COLUMNS),
        ):
            if frame is not None:
                _require(name, frame, columns)
        offset = self.generated_at.utcoffset()
        if offset is None or offset != timedelta(0):
            raise ReportDataError(f"generated_at must be aware UTC, got {self.generated_at!r}")


def _require(name: str, frame: pd.DataFrame, columns: Sequence[str]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ReportDataError(f"{name} frame lacks columns: {', '.join(missing)}")


def first_demand_mentions(mentions: pd.DataFrame, pairs: Sequence[tuple[int, str]]) -> pd.DataFrame:
    """`ReportData.demand_mentions` over the rows of a mentions frame (those of the postings
    asked about suffice): in the order of `pairs`, with the frame's `context` column when it
    has one."""
    columns = [*DEMAND_MENTION_COLUMNS, *(["context"] if "context" in mentions.columns else [])]
    wanted = pd.DataFrame(list(pairs), columns=["posting_id", "skill_id"])
    chosen = mentions[
        mentions["section"].isin(DEMAND_SECTIONS) & ~mentions["negated"].astype(bool)
    ].sort_values(["posting_id", "start"], kind="mergesort")
    first = chosen.drop_duplicates(["posting_id", "skill_id"])[columns]
    return wanted.merge(first, on=["posting_id", "skill_id"], how="inner")[columns]


# Postings per batch the site is counted in (`ReportData.batches`): what a batch holds while it
# is counted is the report's only memory that grows with the batch, so a smaller batch lowers the
# peak at any store size; larger ones add less overhead per posting.
VIEW_BATCH_POSTINGS = 25_000


@dataclass(frozen=True)
class SiteData:
    """What every page reads: the counts of one pass over the postings, batch by batch (jobs per
    view, salaries, examples, postings as stored, term candidates, what the claims ask), the
    skill names, and the input for the few lines and mentions a page shows."""

    data: ReportData
    min_month_n: int
    skill_names: dict[str, str]
    skill_categories: dict[str, str]
    # Jobs counted per view: every posting (`views.ALL`), the AI roles (`views.AI`), each role.
    views: dict[str, ViewCounts]
    salaries: SalaryCounts
    newest: NewestPostings  # the examples of the skill pages
    stored: PostingCounts  # postings as stored, before de-duplication
    terms: TermCounts  # the term candidates of "New tools to watch"
    claimed: tuple[CountedClaim, ...]  # the claims the jobs were counted for
    claim_counts: ClaimCounts

    @classmethod
    def build(
        cls, data: ReportData, min_month_n: int, claims: Sequence[CountedClaim] = ()
    ) -> SiteData:
        categories = {skill_id: cat for skill_id, (_, cat) in data.skills.items()}
        views = ViewSet(sorted(data.skills), categories)
        salaries, newest, stored = SalaryCounts(), NewestPostings(), PostingCounts()
        terms, claimed = TermCounts(), claim_counts(claims)
        counters: list[Counter] = [views, salaries, newest, stored, terms, claimed]
        count(data.batches(VIEW_BATCH_POSTINGS), counters)
        return cls(
            data=data,
            min_month_n=min_month_n,
            skill_names={skill_id: name for skill_id, (name, _) in data.skills.items()},
            skill_categories=categories,
            views=views.views,
            salaries=salaries,
            newest=newest,
            stored=stored,
            terms=terms,
            claimed=tuple(claims),
            claim_counts=claimed,
        )

    @property
    def mention_count(self) -> int:
        """Mentions in the postings reported on."""
        known = self.data.mention_count
        return known if known is not None else self.stored.mentions

    @property
    def all_jobs(self) -> ViewCounts:
        return self.views[ALL]

    @property
    def ai_jobs(self) -> ViewCounts:
        return self.views[AI]

    def skill_name(self, skill_id: str) -> str:
        return self.skill_names.get(skill_id, skill_id)

    def category_label(self, category: str) -> str:
        return self.data.categories.get(category, category)

    def skill_category_label(self, skill_id: str) -> str:
        return self.category_label(self.skill_categories.get(skill_id, ""))

    def low_months(self, view: ViewCounts) -> dict[str, int]:
        """Months with fewer than `min_month_n` jobs of `view`, with their counts."""
        counts = view.job_counts(["month"])
        return {str(m): int(n) for m, n in counts.items() if n < self.min_month_n}
