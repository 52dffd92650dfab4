"""The report's input (`ReportData`) and the derived views every page shares (`SiteData`)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import pandas as pd

from jobtrends.pipeline.frames import mention_spans
from jobtrends.pipeline.vocab import AI_ROLES
from jobtrends.reports.analysis import stats

POSTING_COLUMNS = (
    "posting_id", "source", "board", "company", "title", "location", "url", "posted_at",
    "month", "first_seen", "last_seen", "closed_at", "role", "role_confidence", "seniority",
    "remote", "salary_min", "salary_max", "salary_currency", "salary_period",
    "salary_annual_min", "salary_annual_max", "language", "dup_group", "attribution",
)  # fmt: skip
MENTION_COLUMNS = (
    "posting_id", "skill_id", "skill_name", "category", "section", "negated", "nice_to_have",
    "text", "start", "end",
)  # fmt: skip
# (posting_id, section, start, end) spans -> the lines they stand on (`Frames.lines`).
Lines = Callable[[Sequence[tuple[int, str, int, int]]], list[str]]
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
    """Everything the site is built from; `generated_at` is the only clock the report reads."""

    postings: pd.DataFrame
    mentions: pd.DataFrame
    runs: pd.DataFrame
    categories: dict[str, str]
    generated_at: datetime
    # Cuts the lines of the mentions a page shows; None: the mentions frame has a `context`
    # column (frames built in memory, as tests do).
    lines: Lines | None = None
    # The term candidates of "New tools to watch" (`CANDIDATE_COLUMNS`; None: none extracted),
    # and the term keys never to show there (terms the user rejected).
    candidates: pd.DataFrame | None = None
    hidden_terms: frozenset[str] = frozenset()

    @property
    def term_candidates(self) -> pd.DataFrame:
        """The candidates, without the hidden terms (an empty frame when there are none)."""
        if self.candidates is None:
            return pd.DataFrame(columns=list(CANDIDATE_COLUMNS))
        if not self.hidden_terms:
            return self.candidates
        return self.candidates[~self.candidates["term_key"].isin(self.hidden_terms)]

    def contexts(self, mentions: pd.DataFrame) -> list[str]:
        """The line each of `mentions` stands on."""
        if "context" in mentions.columns or self.lines is None:
            return [str(c) for c in mentions.get("context", pd.Series([""] * len(mentions)))]
        return self.lines(mention_spans(mentions))

    def __post_init__(self) -> None:
        for name, frame, columns in (
            ("postings", self.postings, POSTING_COLUMNS),
            ("mentions", self.mentions, MENTION_COLUMNS),
            ("runs", self.runs, RUN_COLUMNS),
            ("candidates", self.term_candidates, CANDIDATE_COLUMNS),
        ):
            missing = [c for c in columns if c not in frame.columns]
            if missing:
                raise ReportDataError(f"{name} frame lacks columns: {', '.join(missing)}")
        offset = self.generated_at.utcoffset()
        if offset is None or offset != timedelta(0):
            raise ReportDataError(f"generated_at must be aware UTC, got {self.generated_at!r}")


@dataclass(frozen=True)
class SiteData:
    """The input plus views computed once: de-duplicated jobs, AI-role subsets, skill names."""

    data: ReportData
    min_month_n: int
    groups: pd.DataFrame  # one row per dup_group, see `stats.dedup_postings`
    demand: pd.DataFrame  # one row per posting and skill asked for, see `stats.posting_demand`
    ai_postings: pd.DataFrame  # postings whose role is an AI-engineering role
    skill_names: dict[str, str]
    skill_categories: dict[str, str]

    @classmethod
    def build(cls, data: ReportData, min_month_n: int) -> SiteData:
        postings = data.postings.sort_values("posting_id", kind="mergesort")
        mentions = data.mentions.sort_values(["posting_id", "start", "skill_id"], kind="mergesort")
        data = dataclasses.replace(data, postings=postings, mentions=mentions)
        names = mentions.drop_duplicates("skill_id").set_index("skill_id")
        return cls(
            data=data,
            min_month_n=min_month_n,
            groups=stats.dedup_postings(postings),
            demand=stats.posting_demand(mentions),
            ai_postings=postings[postings["role"].isin(AI_ROLES)],
            skill_names={str(k): str(v) for k, v in names["skill_name"].items()},
            skill_categories={str(k): str(v) for k, v in names["category"].items()},
        )

    @property
    def postings(self) -> pd.DataFrame:
        return self.data.postings

    @property
    def mentions(self) -> pd.DataFrame:
        return self.data.mentions

    def skill_name(self, skill_id: str) -> str:
        return self.skill_names.get(skill_id, skill_id)

    def category_label(self, category: str) -> str:
        return self.data.categories.get(category, category)

    def skill_category_label(self, skill_id: str) -> str:
        return self.category_label(self.skill_categories.get(skill_id, ""))

    def low_months(self, groups: pd.DataFrame) -> dict[str, int]:
        """Months of `groups` with fewer than `min_month_n` jobs, with their counts."""
        counts = groups["month"].dropna().value_counts().sort_index()
        return {str(m): int(n) for m, n in counts.items() if n < self.min_month_n}
