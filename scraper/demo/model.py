"""What the demo corpus is made of: postings, Hacker News threads and the corpus itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from jobtrends.scraper.demo.companies import Company
from jobtrends.scraper.demo.markup import Section
from jobtrends.scraper.records import RemoteHint, StructuredSalary


@dataclass(frozen=True, slots=True)
class DemoPosting:
    """One demo posting. The first fields are what the wire formats carry; `role`, `skills` and
    the rest are the generator's intent, for tests and evaluation only."""

    source: str
    board: str
    external_id: str
    company: str
    title: str
    location: str
    remote: RemoteHint | None
    posted_at: datetime
    html: str
    salary_structured: StructuredSalary | None
    role: str
    skills: tuple[str, ...]
    seniority: str = "unknown"
    salary_text: str | None = None
    company_skills: tuple[str, ...] = ()
    negated_skills: tuple[str, ...] = ()
    decoys: tuple[str, ...] = ()
    hard_cases: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    department: str = "Engineering"
    team: str = "Engineering"
    employment_type: str = "FullTime"
    country_code: str | None = None
    city: str = ""
    region: str = ""
    country: str = ""
    internal_id: int = 0  # Greenhouse's internal_job_id
    url: str = ""  # the public page of the posting, as the source links it
    # The pay the employer states, in the text or in structured fields (Greenhouse serves it as
    # pay-transparency ranges on its single-job endpoint).
    stated_pay: StructuredSalary | None = None
    # Invented tools written into the posting (`new_tools.NEW_TOOLS`): in no taxonomy, so only
    # ever term candidates.
    new_tools: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class HnThread:
    month: str  # "YYYY-MM"
    story_id: int
    created_at: datetime


@dataclass(frozen=True, slots=True)
class DemoCorpus:
    seed: int
    months: tuple[str, ...]
    end: date
    postings: list[DemoPosting]
    threads: tuple[HnThread, ...]
    companies: tuple[Company, ...] = field(repr=False)

    def boards(self, source: str) -> list[str]:
        return sorted({p.board for p in self.postings if p.source == source and p.board})

    def by_source(self, source: str) -> list[DemoPosting]:
        return [p for p in self.postings if p.source == source]
