"""Write one short "Who is hiring?" comment: a pipe-separated first line, then a few paragraphs.

The first line follows the thread's convention, `Company | Role | Location | REMOTE | $salary |
https://...`, with the optional parts left out or reordered the way real posters do.
"""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from jobtrends.scraper.demo import bullets as B
from jobtrends.scraper.demo import phrasing as P
from jobtrends.scraper.demo.companies import Company

MODE_TOKENS = {
    "remote": ("REMOTE", "Remote", "REMOTE OK"),
    "hybrid": ("HYBRID", "Hybrid", "Hybrid (2 days in office)"),
    "onsite": ("ONSITE", "Onsite", "On-site"),
}
STACK_FORMS = (
    "Stack: {items}.",
    "Our stack: {items}.",
    "Tech we use: {items}.",
    "We work mostly in {first}, with {rest} [on the side|in places].",
    "You should be comfortable with {first}; {rest} [is|would be] a plus.",
)
APPLY_FORMS = (
    "Apply at {url} or email jobs@{board}.example",
    "Email jobs@{board}.example with a few lines about something you built. [Mention HN!|No recruiters, please.]",  # noqa: E501
    "More info and apply: {url}",
    "[Apply here|Details]: {url} (we read every application)",
)
EXTRAS = (
    "VISA sponsorship available.",
    "No recruiters or agencies, please.",
    "INTERNS welcome to apply as well.",
    "[We are a small team|The team is small], so you will have a big say in what we build.",
)


@dataclass(frozen=True, slots=True)
class HnBrief:
    family: str
    company: Company
    title: str
    location: str
    remote: str | None
    skills: tuple[str, ...]  # canonical names, in the order they are written
    surfaces: dict[str, str]
    pay: str | None


def _listing(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _header(brief: HnBrief, rng: Random, pay_in_header: bool) -> str:
    parts = [brief.company.name, brief.title, brief.location]
    if brief.remote and brief.remote[:4] not in brief.location.lower().replace("-", ""):
        parts.append(rng.choice(MODE_TOKENS[brief.remote]))
    elif brief.remote == "remote" and rng.random() < 0.4:
        parts.append("REMOTE")
    if rng.random() < 0.4:
        parts.insert(rng.randint(2, len(parts)), "Full-time")
    if brief.pay and pay_in_header:
        parts.append(brief.pay)
    if rng.random() < 0.85:
        parts.append(f"{brief.company.website}/jobs")
    return " | ".join(parts)


def write_hn_post(brief: HnBrief, rng: Random) -> tuple[str, ...]:
    """Paragraphs of plain text; `markup.render_hn` turns them into HN HTML."""
    domain = brief.company.domain
    f: dict[str, object] = {
        "company": brief.company.name,
        "product": domain.product,
        "customers": domain.customers,
        "users": domain.users,
        "data": domain.data,
        "mission": domain.mission,
        "chore": domain.chore,
        "task": domain.task,
        "metric": domain.metric,
        "area": domain.area,
        "year": brief.company.founded,
        "headcount": brief.company.headcount,
        "stage": brief.company.stage,
        "city": brief.company.cities[0].name,
        "city2": brief.company.cities[-1].name,
        "count": rng.choice((30, 80, 150, 400)),
        "growth": rng.choice(("threefold", "about 2x")),
        "round": rng.choice(("Series A", "Series B")),
        "team": "engineering",
        "thing": P.choose(B.THINGS[brief.family], rng),
    }
    pay_in_header = rng.random() < 0.75
    paragraphs = [_header(brief, rng, pay_in_header)]
    pitch = P.expand(rng.choice(P.ABOUT_OPENERS), rng, **f)
    if rng.random() < 0.5:
        pitch += " " + P.expand(rng.choice(P.ABOUT_MIDDLES), rng, **f)
    paragraphs.append(pitch)
    intro = P.expand(rng.choice(P.ROLE_INTROS[brief.family]), rng, **f)
    duties = [P.expand(t, rng, **f) for t in rng.sample(B.RESPONSIBILITIES[brief.family], 2)]
    paragraphs.append(
        f"{intro} Day to day you will {duties[0][:1].lower()}{duties[0][1:]} and "
        f"{duties[1][:1].lower()}{duties[1][1:]}."
    )
    if brief.skills:
        names = [brief.surfaces[s] for s in brief.skills]
        form = rng.choice(STACK_FORMS if len(names) > 1 else STACK_FORMS[:3])
        rest = _listing(names[1:]) if len(names) > 1 else ""
        paragraphs.append(P.expand(form, rng, items=", ".join(names), first=names[0], rest=rest))
    if brief.pay and not pay_in_header:
        paragraphs.append(f"Salary: {brief.pay} + equity.")
    if rng.random() < 0.35:
        paragraphs.append(P.expand(rng.choice(EXTRAS), rng))
    url = f"{brief.company.website}/jobs"
    paragraphs.append(P.expand(rng.choice(APPLY_FORMS), rng, url=url, board=brief.company.board))
    return tuple(paragraphs)
