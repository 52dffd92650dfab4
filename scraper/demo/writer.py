"""Write one long, sectioned job description (Greenhouse, Lever, Ashby) from a posting's brief.

The writer fills templates, then grows or trims skill-free parts until the HTML in the board's
dialect is 2.5-4 KB, so every skill the brief asks for is in the text and nothing else is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from random import Random

from jobtrends.scraper.demo import bullets as B
from jobtrends.scraper.demo import phrasing as P
from jobtrends.scraper.demo.companies import City, Company
from jobtrends.scraper.demo.markup import Section, render_html
from jobtrends.scraper.demo.roles import DEPARTMENTS, YEARS_ASKED

MIN_BYTES, MAX_BYTES = 2600, 3950
Fields = dict[str, object]
REGIONS = {"US": "the US", "Canada": "Canada", "Europe": "Europe", "UK": "the UK", "India": "India"}


@dataclass(frozen=True, slots=True)
class Brief:
    """What the writer is told about one posting. Skill lists hold canonical names."""

    family: str
    company: Company
    city: City
    remote: str | None
    seniority: str
    requirements: tuple[str, ...]
    responsibilities: tuple[str, ...]
    nice: tuple[str, ...]
    stack: tuple[str, ...]
    negated: str | None
    decoy: tuple[str, str] | None
    pay: str | None
    hourly: bool
    surfaces: dict[str, str]  # canonical name -> how this posting writes it


@dataclass
class _Draft:
    headings: dict[str, str]
    about: list[str]
    intro: list[str]
    resp: list[tuple[str, bool]]
    req: list[tuple[str, bool]]
    nice: list[tuple[str, bool]]
    comp: str | None
    benefits_intro: str
    benefits: list[str]
    eeo: list[str]
    about_first: bool
    spares: dict[str, list[str]] = field(default_factory=dict)  # unexpanded templates
    fields: Fields = field(default_factory=dict)

    def sections(self) -> tuple[Section, ...]:
        def texts(items: list[tuple[str, bool]]) -> tuple[str, ...]:
            return tuple(text for text, _ in items)

        about = Section("about_company", self.headings["about_company"], (" ".join(self.about),))
        general = Section("general", self.headings.get("general"), tuple(self.intro))
        lists = (
            ("responsibilities", self.resp),
            ("requirements", self.req),
            ("nice_to_have", self.nice),
        )
        body = [
            Section(kind, self.headings[kind], (), texts(items)) for kind, items in lists if items
        ]
        if self.comp:
            body.append(Section("compensation", self.headings["compensation"], (self.comp,)))
        intro = (self.benefits_intro,) if self.benefits_intro else ()
        body.append(Section("benefits", self.headings["benefits"], intro, tuple(self.benefits)))
        body.append(Section("eeo", None, tuple(self.eeo)))
        head = [about, general] if self.about_first else [general, about]
        return (*head, *body)


def _fields(brief: Brief, rng: Random) -> Fields:
    company, domain = brief.company, brief.company.domain
    return {
        "company": company.name,
        "product": domain.product,
        "customers": domain.customers,
        "users": domain.users,
        "data": domain.data,
        "mission": domain.mission,
        "chore": domain.chore,
        "task": domain.task,
        "metric": domain.metric,
        "area": domain.area,
        "year": company.founded,
        "headcount": company.headcount,
        "stage": company.stage,
        "city": company.cities[0].name,
        "city2": company.cities[-1].name,
        "count": rng.choice((40, 75, 120, 200, 300, 500)),
        "growth": rng.choice(("threefold", "by more than half", "about 2x", "fivefold")),
        "round": rng.choice(("Series B", "Series C", "growth")),
        "team": DEPARTMENTS.get(brief.family, ("", "Engineering"))[1],
        "thing": P.choose(B.THINGS[brief.family], rng),
    }


def _skill_bullets(
    names: tuple[str, ...], frames: dict[int, tuple[str, ...]], brief: Brief, rng: Random, f: Fields
) -> list[tuple[str, bool]]:
    out, rest = [], list(names)
    while rest:
        size = min(len(rest), rng.choice((1, 1, 2, 2, 3)), max(frames))
        group, rest = rest[:size], rest[size:]
        slots = {f"s{i + 1}": brief.surfaces[name] for i, name in enumerate(group)}
        out.append((P.expand(rng.choice(frames[size]), rng, **{**f, **slots}), True))
    return out


def _responsibilities(
    brief: Brief, rng: Random, f: Fields
) -> tuple[list[tuple[str, bool]], list[str]]:
    templates = list(B.RESPONSIBILITIES[brief.family])
    rng.shuffle(templates)
    count = min(len(templates) - 2, rng.randint(4, 6))
    chosen, spares = templates[:count], templates[count:]
    out, skills = [], list(brief.responsibilities)
    for template in chosen:
        if skills:
            take = 2 if len(skills) > 1 and rng.random() < 0.3 else 1
            group, skills = skills[:take], skills[take:]
            tails = B.SKILL_TAILS_2 if take == 2 else B.SKILL_TAILS_1
            slots = {f"s{i + 1}": brief.surfaces[name] for i, name in enumerate(group)}
            tail = P.expand(rng.choice(tails), rng, **slots)
            out.append((P.expand(template, rng, **f) + tail, True))
        else:
            out.append((P.expand(template + rng.choice(B.PLAIN_TAILS), rng, **f), False))
    return out, spares


def _requirements(brief: Brief, rng: Random, f: Fields) -> tuple[list[tuple[str, bool]], list[str]]:
    out: list[tuple[str, bool]] = []
    if brief.seniority == "intern":
        out.append(("Currently enrolled in a bachelor's, master's or PhD program", False))
    elif brief.seniority in YEARS_ASKED:
        years = rng.choice(YEARS_ASKED[brief.seniority])
        out.append((P.expand(rng.choice(B.YEARS_FRAMES), rng, **{**f, "years": years}), False))
    out.extend(_skill_bullets(brief.requirements, B.REQUIRE_FRAMES, brief, rng, f))
    generic = list(B.GENERIC_REQUIREMENTS[B.generic_group(brief.family)])
    rng.shuffle(generic)
    take = rng.randint(1, 3)
    out.extend((P.expand(g, rng, **f), False) for g in generic[:take])
    return out, generic[take:]


def _negation(brief: Brief, rng: Random) -> str:
    assert brief.negated is not None
    return P.expand(rng.choice(P.NEGATIONS), rng, skill=brief.surfaces[brief.negated])


def draft(brief: Brief, rng: Random) -> _Draft:
    f = _fields(brief, rng)
    headings = {
        kind: P.expand(rng.choice(options), rng, **f) for kind, options in P.HEADINGS.items()
    }
    if rng.random() < 0.3:
        headings.pop("general")
    about = [P.expand(rng.choice(P.ABOUT_OPENERS), rng, **f)]
    middles = rng.sample(P.ABOUT_MIDDLES, 4)
    about.extend(P.expand(m, rng, **f) for m in middles[:2])
    if brief.stack:
        slots = {f"s{i + 1}": name for i, name in enumerate(brief.stack)}
        frames = [s for s in P.ABOUT_STACK if f"{{s{len(brief.stack) + 1}}}" not in s]
        frames = [s for s in frames if f"{{s{len(brief.stack)}}}" in s] or frames
        about.append(P.expand(rng.choice(frames), rng, **{**f, **slots}))
    if rng.random() < 0.6:
        about.append(P.expand(rng.choice(P.ABOUT_CLOSERS), rng, **f))
    intro_lines = list(P.ROLE_INTROS[brief.family])
    rng.shuffle(intro_lines)
    extras = rng.sample(P.INTRO_EXTRAS, 3)
    intro = [P.expand(intro_lines[0], rng, **f) + " " + P.expand(extras[0], rng, **f)]
    if brief.remote:
        region = REGIONS[brief.city.area]
        days = rng.choice(("two", "three"))
        mode = P.WORK_MODES[brief.remote]
        intro.append(
            P.expand(rng.choice(mode), rng, city=brief.city.name, region=region, days=days)
        )
    resp, spare_resp = _responsibilities(brief, rng, f)
    req, spare_req = _requirements(brief, rng, f)
    nice = _skill_bullets(brief.nice, B.NICE_FRAMES, brief, rng, f)
    generic_nice = rng.sample(B.GENERIC_NICE, 3)
    nice.extend((P.expand(g, rng, **f), False) for g in generic_nice[: rng.randint(0, 1)])
    if brief.negated:
        target = req if rng.random() < 0.7 else nice
        target.insert(rng.randint(min(1, len(target)), len(target)), (_negation(brief, rng), True))
    f.update(
        {
            "weeks": rng.choice((12, 16, 20)),
            "pct": rng.choice((4, 5, 6)),
            "days": rng.choice((25, 28, 30)),
            "money": rng.choice(("$1,500", "$2,000", "$3,000")),
        }
    )
    benefits = rng.sample(P.BENEFITS, 9)
    comp_frames = P.HOURLY if brief.hourly else P.COMPENSATION
    comp = P.expand(rng.choice(comp_frames), rng, pay=brief.pay) if brief.pay else None
    eeo = [P.expand(e, rng, **f) for e in rng.sample(P.EEO, 2)]
    result = _Draft(
        headings=headings,
        about=about,
        intro=intro,
        resp=resp,
        req=req,
        nice=nice,
        comp=comp,
        benefits_intro=P.expand(rng.choice(P.BENEFIT_INTROS), rng),
        benefits=[P.expand(b, rng, **f) for b in benefits[:5]],
        eeo=eeo,
        about_first=brief.company.style == "lever" or rng.random() < 0.75,
        spares={
            "resp": spare_resp,
            "req": spare_req,
            "about": middles[2:],
            "intro": extras[1:],
            "benefits": benefits[5:],
        },
        fields=f,
    )
    if brief.decoy:
        sentence = P.expand(brief.decoy[1], rng, **f)
        (result.about if rng.random() < 0.5 else result.intro).append(sentence)
    return result


def _grow(d: _Draft, rng: Random) -> bool:
    for key in ("resp", "about", "benefits", "intro", "req"):
        spare = d.spares.get(key)
        if spare:
            text = P.expand(spare.pop(), rng, **d.fields)
            if key in ("resp", "req"):
                (d.resp if key == "resp" else d.req).append((text, False))
            elif key == "about":
                d.about.insert(1, text)
            elif key == "benefits":
                d.benefits.append(text)
            else:
                d.intro.insert(1, text)
            return True
    return False


def _trim(d: _Draft) -> bool:
    if len(d.benefits) > 2:
        d.benefits.pop()
        return True
    if len(d.eeo) > 1:
        d.eeo.pop()
        return True
    if d.benefits_intro:
        d.benefits_intro = ""
        return True
    for items in (d.resp, d.req, d.nice):
        plain = [i for i, (_, has_skill) in enumerate(items) if not has_skill]
        if plain and len(items) > 3:
            items.pop(plain[-1])
            return True
    if len(d.about) > 2:
        d.about.pop(1)
        return True
    return False


def write_description(brief: Brief, rng: Random) -> tuple[tuple[Section, ...], str]:
    """The description's sections and its HTML in the company board's dialect, 2.5-4 KB."""
    d = draft(brief, rng)
    for _ in range(40):
        sections = d.sections()
        html = render_html(sections, brief.company.style)
        size = len(html.encode())
        if size < MIN_BYTES and _grow(d, rng):
            continue
        if size > MAX_BYTES and _trim(d):
            continue
        return sections, html
    return sections, html
