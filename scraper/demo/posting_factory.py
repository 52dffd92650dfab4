"""Make one demo posting: role details, skills, pay, work mode, hard cases, then its text.

`make` decides everything about a posting except its wire id, which `corpus` assigns once all
postings exist (ids grow with time, as on the real sources).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from random import Random

from jobtrends.scraper.demo import phrasing as P
from jobtrends.scraper.demo.companies import City, Company
from jobtrends.scraper.demo.hn_writer import HnBrief, write_hn_post
from jobtrends.scraper.demo.markup import Section, render_hn
from jobtrends.scraper.demo.model import DemoPosting
from jobtrends.scraper.demo.new_tools import add_new_tools
from jobtrends.scraper.demo.pay import Pay, location_label, make_pay, pay_text
from jobtrends.scraper.demo.roles import (
    DEPARTMENTS,
    MISLEADING_CORES,
    SENIORITY_WEIGHTS,
    Title,
    make_title,
    pick,
)
from jobtrends.scraper.demo.spellings import surface
from jobtrends.scraper.demo.trends import draw_skills, level
from jobtrends.scraper.demo.vocabulary import PYTHON_SHARE, pool_for
from jobtrends.scraper.demo.writer import Brief, write_description
from jobtrends.scraper.records import RemoteHint, SalaryPeriod, StructuredSalary

RAG = "Retrieval-augmented generation"
PUBLIC_URLS = {
    "greenhouse": "https://job-boards.greenhouse.io/{board}/jobs/{id}",
    "lever": "https://jobs.lever.co/{board}/{id}",
    "ashby": "https://jobs.ashbyhq.com/{board}/{id}",
    "hn": "https://news.ycombinator.com/item?id={id}",
}
PAY_SHARE = {"greenhouse": 0.4, "lever": 0.45, "ashby": 0.55, "hn": 0.55}
ANNOTATION_LEVELS = {"junior": 3.0, "mid": 4.0, "unknown": 3.0}


@dataclass
class Draft:
    company: Company
    source: str
    role: str
    family: str
    posted_at: datetime
    title: Title
    city: City
    remote: RemoteHint | None
    location: str
    sections: tuple[Section, ...]
    html: str
    skills: tuple[str, ...]
    company_skills: tuple[str, ...]
    negated: tuple[str, ...]
    decoys: tuple[str, ...]
    hard_cases: tuple[str, ...]
    pay: Pay | None
    pay_text: str | None
    employment_type: str
    external_id: str = ""
    internal_id: int = 0
    new_tools: tuple[str, ...] = ()

    def freeze(self) -> DemoPosting:
        stated = None
        if self.pay:
            period: SalaryPeriod = "hour" if self.pay.period == "hour" else "year"
            stated = StructuredSalary(
                float(self.pay.min), float(self.pay.max), self.pay.currency, period
            )
        structured = stated if self.pay_text is None else None
        department, team = DEPARTMENTS[self.family]
        return DemoPosting(
            source=self.source,
            board="" if self.source == "hn" else self.company.board,
            external_id=self.external_id,
            company=self.company.name,
            title=self.title.text,
            location=self.location,
            remote=self.remote,
            posted_at=self.posted_at,
            html=self.html,
            salary_structured=structured,
            stated_pay=stated,
            role=self.role,
            skills=self.skills,
            seniority=self.title.seniority,
            salary_text=self.pay_text,
            company_skills=self.company_skills,
            negated_skills=self.negated,
            decoys=self.decoys,
            hard_cases=self.hard_cases,
            sections=self.sections,
            department=department,
            team=team,
            employment_type=self.employment_type,
            country_code=self.city.country_code,
            city=self.city.name,
            region=self.city.region,
            country=self.city.country,
            internal_id=self.internal_id,
            new_tools=self.new_tools,
            url=PUBLIC_URLS[self.source].format(board=self.company.board, id=self.external_id),
        )


def _remote(source: str, t: float, rng: Random) -> RemoteHint | None:
    weights = {"remote": 0.38 - 0.1 * t, "hybrid": 0.2 + 0.12 * t, "onsite": 0.27}
    weights["none"] = 0.0 if source == "ashby" else 0.15
    mode = pick(weights, rng)
    if mode == "remote":
        return "remote"
    if mode == "hybrid":
        return "hybrid"
    return "onsite" if mode == "onsite" else None


def _skills(
    role: str, family: str, source: str, t: float, rng: Random
) -> tuple[list[str], list[str], list[str]]:
    """(requirements, responsibilities, nice-to-have), drawn from the role's pool at time t."""
    if family == "annotation":
        counts = (rng.randint(0, 1), 0, rng.randint(0, 1))
    elif family == "sales_engineering":
        counts = (rng.randint(2, 3), rng.randint(0, 1), rng.randint(1, 2))
    elif source == "hn":
        counts = (rng.randint(2, 4), 0, rng.randint(1, 2))
    else:
        counts = (rng.randint(4, 6), rng.randint(1, 2), rng.randint(2, 3))
    drawn = draw_skills(pool_for(role, family), t, sum(counts), rng)
    n_req = counts[0]
    if role in PYTHON_SHARE and "Python" not in drawn and rng.random() < PYTHON_SHARE[role]:
        drawn.insert(0, "Python")
        n_req += 1
    return drawn[:n_req], drawn[n_req : n_req + counts[1]], drawn[n_req + counts[1] :]


def _negated(role: str, family: str, t: float, taken: set[str], rng: Random) -> str | None:
    if "Kubernetes" not in taken and rng.random() < 0.5:
        return "Kubernetes"
    pool = pool_for(role, family)
    options = [n for n, tr in pool.items() if level(tr, t) > 0 and n not in taken and n != "Python"]
    return rng.choice(options) if options else None


def make(
    company: Company,
    source: str,
    role: str,
    family: str,
    at: datetime,
    t: float,
    rng: Random,
    *,
    title: str | None = None,
) -> Draft:
    levels = ANNOTATION_LEVELS if family == "annotation" else SENIORITY_WEIGHTS
    seniority = pick(levels, rng)
    misleading = (
        title is None and role in MISLEADING_CORES and source != "hn" and rng.random() < 0.05
    )
    if title is not None:
        the_title = Title(title, "unknown", False)
    else:
        mislead = role if misleading else None
        the_title = make_title(family, seniority, rng, year=at.year, misleading_role=mislead)
    remote = _remote(source, t, rng)
    city = company.cities[0] if rng.random() < 0.7 else rng.choice(company.cities)
    location = location_label(city, remote, rng)
    req, resp, nice = _skills(role, family, source, t, rng)
    if the_title.misleading and role == "llm_engineer" and RAG not in req:
        req.insert(0, RAG)  # the "Data Scientist" who builds a RAG platform
        resp = [s for s in resp if s != RAG]
        nice = [s for s in nice if s != RAG]
    skills = [*req, *resp, *nice]
    hard: list[str] = ["misleading_title"] if the_title.misleading else []
    hard += ["xss"] if title is not None else []
    negated = stack = decoy = None
    if source != "hn" and title is None:
        if rng.random() < 0.06:
            negated = _negated(role, family, t, set(skills), rng)
        taken = {*skills, *([negated] if negated else [])}
        if rng.random() < 0.35:
            options = [s for s in company.stack if s not in taken]
            if len(options) >= 2:  # the blurb's sentences name two or three tools
                stack = tuple(rng.sample(options, min(len(options), rng.randint(2, 3))))
                taken.update(stack)
        if rng.random() < 0.1:
            decoys = [d for d in P.DECOYS if d[0] not in taken]
            decoy = rng.choice(decoys) if decoys else None
    hard += ["negated_skill"] if negated else []
    hard += ["ordinary_word"] if decoy else []
    surfaces = {name: surface(name, rng) for name in [*skills, *([negated] if negated else [])]}
    pay = make_pay(family, the_title.seniority, city.currency, t, rng)
    if rng.random() >= PAY_SHARE[source] * (0.75 + 0.5 * t):
        pay = None
    structured = pay is not None and (
        source == "ashby" or (source == "lever" and rng.random() < 0.8)
    )
    text = pay_text(pay, rng) if pay is not None and not structured else None
    if the_title.seniority == "intern":
        employment = "Intern"
    else:
        employment = "Contract" if pay is not None and pay.period == "hour" else "FullTime"
    new_tools: tuple[str, ...] = ()
    if source == "hn":
        hn = HnBrief(
            family, company, the_title.text, location, remote, tuple(skills), surfaces, text
        )
        paragraphs = write_hn_post(hn, rng)
        sections: tuple[Section, ...] = (Section("general", None, paragraphs),)
        html = render_hn(paragraphs)
    else:
        brief = Brief(
            family=family,
            company=company,
            city=city,
            remote=remote,
            seniority=the_title.seniority,
            requirements=tuple(req),
            responsibilities=tuple(resp),
            nice=tuple(nice),
            stack=stack or (),
            negated=negated,
            decoy=decoy,
            pay=text,
            hourly=pay is not None and pay.period == "hour",
            surfaces=surfaces,
        )
        sections, html = write_description(brief, rng)
        seed = f"{company.name}|{at.isoformat()}|{the_title.text}"
        sections, with_tools, new_tools = add_new_tools(sections, company.style, role, t, seed)
        html = with_tools or html
    return Draft(
        company=company,
        source=source,
        role=role,
        family=family,
        posted_at=at,
        title=the_title,
        city=city,
        remote=remote,
        location=location,
        sections=sections,
        html=html,
        skills=tuple(sorted(set(skills))),
        company_skills=tuple(sorted(stack or ())),
        negated=(negated,) if negated else (),
        decoys=(decoy[0],) if decoy else (),
        hard_cases=tuple(hard),
        pay=pay,
        pay_text=text,
        employment_type=employment,
        new_tools=new_tools,
    )
