"""The benchmark corpus: demo postings grown to 2.5-4 KB with the vocabulary of real postings.

The demo corpus alone repeats its sentences (well under 1% of its tokens are new words), so a
tokenizer would run almost entirely from its cache. Each benchmark posting is a demo posting
(rendered as `html_to_text` lays it out) plus a team section and a list of recent projects that
name invented products, people, places, services and figures, with skills written in as real
postings do. Everything is drawn from one seeded `random.Random`: the same arguments give the same
texts. `novel_type_ratio` measures the share of tokens whose word type did not occur earlier.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from random import Random

from names import NameForge

from jobtrends.pipeline.results import PostingText
from jobtrends.scraper.demo.corpus import generate_corpus
from jobtrends.scraper.demo.markup import Section
from jobtrends.scraper.demo.phrasing import expand
from jobtrends.scraper.demo.vocabulary import all_skill_names

MIN_BYTES = 2_600
MAX_BYTES = 3_850
DEMO_MONTHS = 26
DEMO_MIN_POSTINGS = 50 * DEMO_MONTHS + 1
DEMO_MAX_POSTINGS = 4_000
# Share of added sentences that name invented things; sets the novel-type ratio (about 3.5%).
NAMED_SHARE = 0.3

_TEAM_SENTENCES = (
    "You will join {person}'s [team|group|pod|crew] in {place}, which [owns|runs|maintains] "
    "{product} [and|as well as] {product2}.",
    "{product} [now serves|handles|processes] {count} [requests|documents|events|jobs] "
    "[a day|every week|each month] for [customers|operators|clinicians|analysts] in {place}.",
    "[In {date}|Last year|Recently] we [moved|migrated|ported] {product} from {skill} to "
    "{skill2}, [cutting|trimming] [latency|costs|on-call pages] by {percent}.",
    "{person} [leads|manages|heads] the [platform|applied|research|data] [side|team], and "
    "{person2} [runs|owns|coordinates] [onboarding|hiring|the roadmap] from {place}.",
    "Our [internal|in-house|homegrown] [tool|service|library] {identifier} [ships|deploys|runs] "
    "[nightly|hourly|continuously] [on|across] {quantity}.",
    "[Customers|Teams|Partners] such as {product} and {product2} [rely on|depend on|build on] "
    "[the|our] {identifier} [pipeline|API|dashboard] [daily|every day|around the clock].",
    "The {place} office [opened|moved|expanded] in {date}, [a short walk|ten minutes|a bus "
    "ride] from {place2} station.",
    "[Expect|You can expect] [a|one] [kickoff|planning|review] [week|offsite|session] in {place} "
    "[each|every] [quarter|season|spring], hosted by {person}.",
    "[We|The team] [benchmarked|evaluated|prototyped] {product} [against|alongside|next to] "
    "{skill} on {quantity} and [published|shared|wrote up] the [results|numbers|findings].",
    "[Most|Much|Part] of [the|our] [stack|codebase|tooling] [is|sits] in {skill}, with "
    "{identifier} [glueing|tying|holding] it together since {version}.",
    "[The|Our] {product} [contract|program|partnership] [brought in|is worth|added] {money} "
    "[last year|this year|so far].",
)
# Sentences without invented names: ordinary prose, varied enough not to repeat verbatim.
_PROSE_SENTENCES = (
    "[We|The team] [try to|aim to|like to] [keep|make] [meetings|planning|reviews] [short|rare|"
    "useful] and [write|document|record] [decisions|trade-offs|designs] [down|in the open].",
    "[Most|Many|Several] of [us|our engineers|the people here] [came from|worked at|grew up in] "
    "[startups|hospitals|banks|labs|agencies|factories] [before|first|earlier].",
    "[On-call|Support rotation|Incident duty] is [shared|split|rotated] [weekly|fairly|evenly] "
    "and [rarely|seldom|not often] [busy|noisy|eventful] [at night|on weekends|after hours].",
    "[New|Incoming] [hires|teammates|engineers] [pair|work closely] with a [buddy|mentor|peer] "
    "for [the first|their first] [month|six weeks|quarter].",
    "[We|The group] [review|revisit|rethink] [goals|priorities|the roadmap] [every|each] "
    "[quarter|six weeks|cycle] [with|alongside] [product|design|operations|sales].",
    "[Hiring|The interview process] [takes|lasts|runs] [about|roughly|around] [two|three|four] "
    "weeks and [includes|involves|ends with] a [paid|short|practical] [exercise|project|review].",
)
_PROJECT_BULLETS = (
    "[Rebuilt|Rewrote|Redesigned] {identifier} [so that|until] {product} [answers|responds] "
    "within {quantity}",
    "[Shipped|Launched|Rolled out] {product} [to|for] {count} [users|accounts|seats] in "
    "{place} [with|using] {skill}",
    "[Cut|Reduced|Brought down] [cloud spend|GPU hours|build times] by {percent} [after|by] "
    "[moving|porting] {identifier} [onto|to] {skill}",
    "[Worked with|Partnered with|Paired with] {person} on the {product} [launch|migration|rewrite]",
    "[Opened|Started|Staffed] the {place} [hub|office|site] [together with|alongside] {person}",
)


def render_text(sections: Iterable[Section]) -> str:
    """A description as `html_to_text` lays it out: headings and paragraphs set off by blank
    lines, bullets as `- item`."""
    blocks: list[str] = []
    for section in sections:
        if section.heading:
            blocks.append(section.heading)
        blocks.extend(section.paragraphs)
        if section.bullets:
            blocks.append("\n".join(f"- {bullet}" for bullet in section.bullets))
    return "\n\n".join(blocks)


class _Filler:
    """Writes the invented team and project sections for one posting after another."""

    def __init__(self, rng: Random) -> None:
        self.rng = rng
        self.forge = NameForge(rng)
        self.skills = sorted(all_skill_names())

    def _sentence(self, templates: tuple[str, ...]) -> str:
        template = self.rng.choice(templates)
        fields = {name: make() for name, make in self._lazy_fields(template).items()}
        return expand(template, self.rng, **fields)

    def _lazy_fields(self, template: str) -> dict[str, Callable[[], str]]:
        # Only the names a template uses are drawn, so every drawn name appears in the text.
        makers: dict[str, Callable[[], str]] = {
            "person": self.forge.person,
            "person2": self.forge.person,
            "place": self.forge.place,
            "place2": self.forge.place,
            "product": self.forge.product,
            "product2": self.forge.product,
            "identifier": self.forge.identifier,
            "count": self.forge.count,
            "version": self.forge.version,
            "money": self.forge.money,
            "percent": self.forge.percent,
            "date": self.forge.date,
            "quantity": self.forge.quantity,
            "skill": lambda: self.rng.choice(self.skills),
            "skill2": lambda: self.rng.choice(self.skills),
        }
        return {name: make for name, make in makers.items() if "{" + name + "}" in template}

    def grow(self, base: str) -> str:
        """`base` with team paragraphs and project bullets added until it is 2.6-3.85 KB."""
        target = self.rng.randint(MIN_BYTES, MAX_BYTES - 150)
        team: list[str] = []
        projects: list[str] = []
        size = len(base.encode()) + 40
        while size < target:
            if len(projects) < 4 and self.rng.random() < 0.3:
                projects.append(self._sentence(_PROJECT_BULLETS))
                size += len(projects[-1]) + 3
            else:
                named = self.rng.random() < NAMED_SHARE
                team.append(self._sentence(_TEAM_SENTENCES if named else _PROSE_SENTENCES))
                size += len(team[-1]) + 1
        extra = [Section("about_company", "About the team", (" ".join(team),))] if team else []
        if projects:
            extra.append(Section("general", "What the team shipped lately", (), tuple(projects)))
        return base + "\n\n" + render_text(extra) if extra else base


def benchmark_postings(count: int, seed: int = 11) -> Iterator[PostingText]:
    """`count` postings, streamed (see the module doc). Past the demo corpus's size the demo
    postings come round again, each time with new invented sections."""
    demo_size = max(DEMO_MIN_POSTINGS, min(count, DEMO_MAX_POSTINGS))
    demo = generate_corpus(seed, postings=demo_size, months=DEMO_MONTHS).postings
    filler = _Filler(Random(seed))
    for index, posting in zip(range(count), itertools.cycle(demo), strict=False):
        text = filler.grow(render_text(posting.sections))
        yield PostingText(
            key=f"bench-{index}",
            title=posting.title,
            text=text,
            remote_hint=posting.remote,
            salary_hint=posting.salary_structured,
            company=posting.company,
            location=posting.location,
        )


def novel_type_ratio(texts: Iterable[str], tokenize: Callable[[str], Iterable[str]]) -> float:
    """Share of (non-space) tokens whose word type did not occur earlier in `texts`."""
    seen: set[str] = set()
    novel = total = 0
    for text in texts:
        for word in tokenize(text):
            if word.isspace():
                continue
            total += 1
            if word not in seen:
                seen.add(word)
                novel += 1
    return novel / total if total else 0.0
