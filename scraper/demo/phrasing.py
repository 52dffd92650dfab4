"""Sentence templates for the framing of a posting: blurb, role intro, headings, benefits, EEO.

Templates use `{field}` for facts about the company or role and `[a|b|c]` for interchangeable
wording, so two postings rarely share a sentence. No template names a skill by itself: skills
enter only through explicit slots, which keeps each posting's recorded `skills` exact.
"""

from __future__ import annotations

import re
from random import Random

_CHOICE = re.compile(r"\[([^\[\]]*)\]")
_SKILL_FIRST = re.compile(r"\{(s\d|skill)\}")


def choose(template: str, rng: Random) -> str:
    """Pick one option of every `[a|b]` group and nothing else."""
    return _CHOICE.sub(lambda m: rng.choice(m.group(1).split("|")), template)


def expand(template: str, rng: Random, **fields: object) -> str:
    """Pick one option of every `[a|b]` group, then fill `{field}`s. The first letter is
    upper-cased unless the text opens with a skill, whose spelling is kept ("pgvector")."""
    text = choose(template, rng)
    keep_case = _SKILL_FIRST.match(text) is not None
    text = text.format(**fields) if fields else text
    return text if keep_case else text[:1].upper() + text[1:]


HEADINGS: dict[str, tuple[str, ...]] = {
    "about_company": ("About {company}", "About us", "Who we are", "Our company", "The company", "About the company"),  # noqa: E501
    "general": ("The role", "About the role", "The opportunity", "Role overview", "Why this role matters", "About the job"),  # noqa: E501
    "responsibilities": ("What you'll do", "Responsibilities", "In this role you will", "What you will work on", "Your first year", "The work"),  # noqa: E501
    "requirements": ("What you'll bring", "Requirements", "Qualifications", "What we're looking for", "You might be a fit if", "Must have", "About you"),  # noqa: E501
    "nice_to_have": ("Nice to have", "Bonus points", "Preferred qualifications", "Even better if", "Bonus points if you have", "It would be great if you have"),  # noqa: E501
    "compensation": ("Compensation", "Pay", "Salary range", "Pay transparency"),
    "benefits": ("Benefits", "What we offer", "Perks", "Why you'll like working here", "Our benefits"),  # noqa: E501
}  # fmt: skip

ABOUT_OPENERS = (
    "{company} builds the {product} that {customers} use to {mission}.",
    "At {company}, we help {customers} {mission}.",
    "{company} is a {stage} {area} company founded in {year}.",
    "Founded in {year}, {company} [makes it possible|makes it easier] for {users} to {mission}.",
    "{company} started with a simple question: why is {chore} still part of anyone's job?",
    "We are {company}. Our {product} is used by {users} at more than {count} {customers}.",
    "{company} exists to {mission}.",
    "{users} spend too much of their week on {chore}. {company} is [changing that|fixing that|putting an end to it].",  # noqa: E501
    "[Since|Ever since] {year}, {company} has [built|been building] the {product} for {customers} who [want|need] to {mission}.",  # noqa: E501
    "{company} [makes|builds] a {product} [for|used by] {customers}, and we are [growing fast|hiring across the company|just getting started].",  # noqa: E501
)
ABOUT_MIDDLES = (
    "Today more than {count} {customers} rely on us, and usage [has grown|grew] {growth} in the last year.",  # noqa: E501
    "We are a team of {headcount} people split between {city} and {city2}.",
    "We are {stage}, and [revenue has more than doubled|we have been growing steadily] [since last year|over the past two years].",  # noqa: E501
    "Every week our platform handles [millions of|tens of millions of|a few million] {data}.",
    "Our customers range from [five-person|small] teams to some of the largest {customers} in [North America|Europe|the world].",  # noqa: E501
    "[We are backed by investors who think in decades|We have raised enough to grow carefully for years|We recently raised a {round} round to expand the team].",  # noqa: E501
    "Most of the team has worked in {area} before, and several of us have done the jobs our customers do.",  # noqa: E501
    "We keep teams small and give them [real ownership|end-to-end ownership|full ownership] of what they [build|ship].",  # noqa: E501
    "[Our|The] {product} [replaced|retired] [spreadsheets|a tangle of email threads|weeks of manual work] at [most|many] of our customers.",  # noqa: E501
    "We [work|operate] [remote-first|in small pods|in two-week cycles], with [a yearly get-together|regular planning weeks] in {city}.",  # noqa: E501
)
ABOUT_STACK = (
    "Under the hood we run on {s1} and {s2}, although this role will rarely touch them.",
    "Our platform [is built|runs] on {s1}, {s2} and {s3}.",
    "Day to day, our engineers [work with|rely on] {s1} and {s2}.",
    "Our stack today: {s1}, {s2}, {s3}.",
    "[Other teams|Our platform engineers] [work with|look after] {s1} and {s2}.",
)
ABOUT_CLOSERS = (
    "We care about craft, candor and shipping work we are proud of.",
    "Come help us [build the next chapter|write the next chapter|finish what we started].",
    "We are a remote-friendly company with a [lively|small but lively|busy] office in {city}.",
    "Our values are simple: be kind, be clear, and finish what you start.",
    "[If that sounds like your kind of problem|If this sounds interesting], read on.",
    "We [measure ourselves|judge our work] by [one thing|a single number]: how much time we give back to {users}.",  # noqa: E501
)

ROLE_INTROS: dict[str, tuple[str, ...]] = {
    "ml_engineer": (
        "[We are looking for|We are hiring] an engineer to [help take|take] our models from [notebook|prototype] to production and keep them [healthy|honest] once they are there.",  # noqa: E501
        "You will [join|be part of] the team that owns the models behind {task} in our {product}.",
    ),
    "llm_engineer": (
        "You will build the search and reasoning layer behind our {product}, so that answers are grounded in {data} and not in guesswork.",  # noqa: E501
        "[We are hiring|We need] someone to make our language-model features [accurate|dependable], [measurable|testable] and affordable at scale.",  # noqa: E501
    ),
    "ai_application_developer": (
        "You will ship features that put model capabilities in front of {users}, from the first sketch to the release note.",  # noqa: E501
        "[This is|It is] a product engineering role: you will [connect|wire] model APIs into the parts of our {product} that people [touch|use] every day.",  # noqa: E501
    ),
    "ai_infrastructure_engineer": (
        "You will run the compute platform that every model at {company} is trained and served on.",
        "[Our researchers and product teams|Every team that trains or serves models] depends on the platform you will build: [clusters|accelerators], schedulers, serving and the tooling around them.",  # noqa: E501
    ),
    "data_scientist": (
        "You will turn {data} into decisions, working with product, finance and operations.",
        "[We are looking for|We want] a scientist who can [frame a fuzzy question|take a vague question], find the right data and [explain the answer|tell the story] to people who will act on it.",  # noqa: E501
    ),
    "ml_researcher": (
        "You will push what our models can do for {task}, and publish what we learn.",
        "[Our research team|The research group] is small, [well funded|well resourced] and close to the product: ideas reach {users} in months, not years.",  # noqa: E501
    ),
    "backend": (
        "You will build the services behind our {product} and keep them fast and boring in the best sense.",  # noqa: E501
        "[We are hiring|We need] a backend engineer to own core services that {customers} depend on every day.",  # noqa: E501
    ),
    "devops": (
        "You will keep our infrastructure [reliable|healthy], cheap and easy for every engineer to use.",  # noqa: E501
        "[We are hiring|We need] an engineer who likes [automating toil away|making deploys uneventful] and sleeping through the night.",  # noqa: E501
    ),
    "sales_engineering": (
        "You will be the technical partner to our account executives, helping {customers} see how {company} fits their world.",  # noqa: E501
        "[This is|It is] a customer-facing role for someone who enjoys both a whiteboard and a demo.",  # noqa: E501
    ),
    "annotation": (
        "You will help our research team by reviewing and writing examples that teach our models what good work looks like.",  # noqa: E501
        "[This role|The job] is about careful judgment: reading model answers, comparing them and explaining what is right or wrong.",  # noqa: E501
    ),
    "frontend": (
        "You will build the web app {users} rely on, with a strong eye for detail and accessibility.",  # noqa: E501
        "[We are hiring|We need] a frontend engineer who cares how the product feels, not just how it works.",  # noqa: E501
    ),
}
INTRO_EXTRAS = (
    "You will report to the [head of engineering|engineering manager of the team|team lead] and work closely with [product and design|our customers|two or three other engineers].",  # noqa: E501
    "The first few months are about learning the product and [shipping something small|fixing real problems]; after that you will own a [larger|meaningful] piece of the roadmap.",  # noqa: E501
    "[We move quickly|We ship every week], but we [take|give] time to do things properly when it matters.",  # noqa: E501
    "[Expect|There will be] a lot of [autonomy|ownership] and a short distance between your work and our customers.",  # noqa: E501
)

WORK_MODES: dict[str, tuple[str, ...]] = {
    "remote": (
        "This role is fully remote within {region}.",
        "You can work from anywhere in {region}; we meet in person twice a year.",
        "[This is|It is] a remote position open to candidates in {region}.",
    ),
    "hybrid": (
        "This is a hybrid role: we meet in our {city} office {days} days a week.",
        "We work hybrid, with {days} office days a week in {city}.",
        "[The role is|This position is] hybrid, based in {city}.",
    ),
    "onsite": (
        "This role is based in our {city} office, five days a week.",
        "This position is on-site in {city}.",
        "We work together in person in {city}; this is not a remote role.",
    ),
}

BENEFITS = (
    "Comprehensive medical, dental and vision coverage",
    "[{weeks} weeks|{weeks}-week] paid parental leave for every parent",
    "Equity in a company that is [growing|still early]",
    "401(k) with a [{pct}%|generous] match",
    "{days} days of paid time off plus public holidays",
    "A learning budget of {money} a year for courses, books and conferences",
    "A [home office|remote setup] stipend",
    "An annual team offsite",
    "Mental health support for you and your family",
    "Flexible working hours [around your life|that fit your life]",
    "Commuter benefits",
    "A new laptop and the gear you need to do your best work",
    "Pension contributions above the legal minimum",
    "A paid sabbatical after four years",
    "A monthly wellness allowance",
    "Lunch in the office [three days|twice] a week",
    "Visa sponsorship [for this role|where needed]",
    "[Generous|Fair] stock options with an extended exercise window",
    "Life and disability insurance",
    "A [quiet|calm] company calendar: no meetings on Fridays",
)
BENEFIT_INTROS = (
    "We take care of the people who work here.",
    "Benefits vary a little by country; in most places you can expect:",
    "",
    "[Here is|This is] what we offer:",
)

EEO = (
    "{company} is an equal opportunity employer. We do not discriminate on the basis of race, religion, colour, national origin, sex, sexual orientation, gender identity, age, disability or any other protected characteristic.",  # noqa: E501
    "We welcome applicants from every background and we are committed to a fair hiring process. If you need an accommodation at any stage, tell us and we will make it happen.",  # noqa: E501
    "Studies show that some people apply only when they meet every requirement. If you meet most of them, we would still love to hear from you.",  # noqa: E501
    "{company} provides equal employment opportunities to all applicants and employees, and we make hiring decisions based on merit and business needs.",  # noqa: E501
    "We are building a team that reflects the {users} we serve. Candidates of every background, identity and experience are encouraged to apply.",  # noqa: E501
    "Reasonable accommodations are available throughout the interview process; email our recruiting team to ask for one.",  # noqa: E501
)

COMPENSATION = (
    "The base salary range for this role is {pay}.",
    "Salary: {pay}, plus equity.",
    "Compensation: {pay} depending on experience and location.",
    "We expect to pay {pay} for this position, along with equity and benefits.",
    "The pay range for this role is {pay}. Final offers depend on skills and experience.",
)
HOURLY = (
    "This is a contract role paid at {pay}.",
    "Pay: {pay}, paid every two weeks.",
)

# Ordinary words that are also skill names; (skill the words could be mistaken for, sentence).
DECOYS: tuple[tuple[str, str], ...] = (
    ("Go", "We need people who can help us go to market faster in new regions."),
    ("Ray", "Customers have called our product a ray of sunshine in their working week."),
    ("Rust", "You will work closely with our trust and safety team."),
    ("Apache Spark", "We hope this role will spark your curiosity about {area}."),
    (
        "React",
        "We react quickly when a customer reports a problem, and we write down what we learn.",
    ),
    ("Swift", "Expect a swift hiring process: three conversations over about two weeks."),
    ("R", "Our R&D group shares its findings with the whole company every month."),
    ("Snowflake", "No two customers are alike; every rollout is a bit of a snowflake."),
    ("Ruby on Rails", "We keep process light: a few guard rails, not a rulebook."),
    ("Julia", "Julia, who leads our people team, will guide you through the process."),
)

NEGATIONS = (
    "No prior {skill} experience required; we will teach you",
    "You do not need to know {skill} to apply",
    "Experience with {skill} is not required",
    "{skill} knowledge is not necessary for this role",
    "We do not use {skill}, so there is no need to have it on your resume",
)
