"""The built-in demo corpus: invented but realistic AI-engineering postings over two-plus years.

`generate_corpus` is deterministic: it draws only from `random.Random(seed)` and never reads the
clock, so the same arguments give byte-identical postings. `end` is exclusive: the corpus covers
the `months` whole months before it. Each posting carries its source's wire identity (board,
external id) and the generator's ground truth (role, skills, hard cases) for tests.
"""

from __future__ import annotations

import calendar
import uuid
from datetime import UTC, date, datetime, timedelta
from random import Random

from jobtrends.scraper.demo import posting_factory as factory
from jobtrends.scraper.demo.companies import XSS_TITLE, Company, build_companies, xss_company
from jobtrends.scraper.demo.model import DemoCorpus, DemoPosting, HnThread
from jobtrends.scraper.demo.roles import OTHER_KINDS, pick, role_weights

__all__ = ["DemoCorpus", "DemoPosting", "HnThread", "generate_corpus"]

SOURCES = ("greenhouse", "lever", "ashby", "hn")
ATS_SHARE = {"greenhouse": 0.35, "lever": 0.2, "ashby": 0.2}
HN_SHARE = 0.25
HN_IDS_PER_MINUTE = 8


def _month_list(end: date, months: int) -> list[tuple[int, int]]:
    year, month = end.year, end.month
    out = []
    for _ in range(months):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        out.append((year, month))
    return out[::-1]


def _volumes(total: int, months: int, rng: Random) -> list[int]:
    """Monthly counts that grow over time with noise, sum to `total`, none below 50."""
    raw = [(1.0 + 1.3 * i / max(1, months - 1)) * rng.uniform(0.85, 1.15) for i in range(months)]
    scale = total / sum(raw)
    counts = [max(50, int(r * scale)) for r in raw]
    order = sorted(range(months), key=lambda i: raw[i] * scale - int(raw[i] * scale), reverse=True)
    step = 0
    while sum(counts) != total:
        i = order[step % months]
        if sum(counts) < total:
            counts[i] += 1
        elif counts[i] > 50:
            counts[i] -= 1
        step += 1
    return counts


def _first_weekday(year: int, month: int) -> date:
    day = date(year, month, 1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _ats_time(year: int, month: int, rng: Random) -> datetime:
    day = rng.randint(1, calendar.monthrange(year, month)[1])
    seconds = rng.randint(13 * 3600, 23 * 3600)
    return datetime(year, month, day, tzinfo=UTC) + timedelta(seconds=seconds)


def _weighted_sample(companies: list[Company], k: int, rng: Random) -> list[Company]:
    keyed = sorted(
        ((rng.random() ** (1 / c.size), i) for i, c in enumerate(companies)), reverse=True
    )
    chosen = [companies[i] for _, i in keyed[:k]]
    while len(chosen) < k:  # more HN posts than companies: some post twice that month
        chosen.append(rng.choices(companies, weights=[c.size for c in companies])[0])
    return chosen


def _assign_ids(postings: list[factory.Draft], threads: dict[str, HnThread], rng: Random) -> None:
    counters: dict[str, list[int]] = {}
    last_hn: dict[str, tuple[int, datetime]] = {}
    for d in sorted(postings, key=lambda d: (d.posted_at, d.company.board, d.title)):
        if d.source == "greenhouse":
            start = counters.setdefault(
                d.company.board,
                [rng.randint(4_100_000, 4_900_000), rng.randint(3_000_000, 3_900_000)],
            )
            start[0] += rng.randint(300, 9000)
            start[1] += rng.randint(100, 3000)
            d.external_id = str(start[0] * 1000 + d.company.gh_office_suffix)
            d.internal_id = start[1] * 1000 + d.company.gh_office_suffix
        elif d.source in ("lever", "ashby"):
            d.external_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        else:
            thread = threads[d.posted_at.strftime("%Y-%m")]
            prev_id, prev_at = last_hn.get(thread.month, (thread.story_id + 2, thread.created_at))
            minutes = int((d.posted_at - prev_at).total_seconds() // 60)
            new_id = prev_id + max(8, minutes * HN_IDS_PER_MINUTE + rng.randint(0, 7))
            last_hn[thread.month] = (new_id, d.posted_at)
            d.external_id = str(new_id)


def generate_corpus(
    seed: int = 7, *, postings: int = 2400, months: int = 26, end: date = date(2026, 11, 1)
) -> DemoCorpus:
    """Generate the demo corpus: `postings` postings over the `months` months before `end`."""
    if months < 2 or postings < 50 * months + 1:
        raise ValueError(f"need at least 2 months and 50 postings a month, got {postings}/{months}")
    rng = Random(seed)
    companies = build_companies(rng)
    ats = {s: [c for c in companies if c.source == s] for s in ATS_SHARE}
    month_list = _month_list(end, months)
    volumes = _volumes(postings - 1, months, rng)
    drafts: list[factory.Draft] = []
    threads: dict[str, HnThread] = {}
    for i, ((year, month), volume) in enumerate(zip(month_list, volumes, strict=True)):
        t = i / (months - 1)
        key = f"{year:04d}-{month:02d}"
        opened = datetime.combine(_first_weekday(year, month), datetime.min.time(), UTC)
        opened += timedelta(hours=15, seconds=rng.randint(0, 90))
        story_id = 41_000_000 + i * 366_000 + rng.randint(0, 20_000)
        threads[key] = HnThread(key, story_id, opened)
        n_hn = round(volume * HN_SHARE)
        roles = role_weights(t)
        month_end = datetime(year, month, calendar.monthrange(year, month)[1], 23, tzinfo=UTC)
        for company in _weighted_sample(companies, n_hn, rng):
            minutes = min(int(rng.expovariate(1 / 900)), 20 * 24 * 60)
            at = min(opened + timedelta(minutes=1 + minutes, seconds=rng.randint(0, 59)), month_end)
            role = pick(roles, rng)
            kind = pick(OTHER_KINDS, rng) if role == "other" else role
            drafts.append(factory.make(company, "hn", role, kind, at, t, rng))
        for _ in range(volume - n_hn):
            source = pick(ATS_SHARE, rng)
            company = rng.choices(ats[source], weights=[c.size for c in ats[source]])[0]
            role = pick(roles, rng)
            kind = pick(OTHER_KINDS, rng) if role == "other" else role
            at = _ats_time(year, month, rng)
            if source != "greenhouse":  # Lever and Ashby timestamps carry milliseconds
                at += timedelta(milliseconds=rng.randint(0, 999))
            drafts.append(factory.make(company, source, role, kind, at, t, rng))
    # The planted HTML-injection posting is the newest of all, so the report's example postings
    # (newest first) show it and a browser test can check that it displays as text.
    year, month = month_list[-1]
    at = datetime(year, month, calendar.monthrange(year, month)[1], 23, 30, tzinfo=UTC)
    drafts.append(
        factory.make(
            xss_company(rng), "greenhouse", "llm_engineer", "llm_engineer", at, 1.0, rng,
            title=XSS_TITLE,
        )
    )  # fmt: skip
    _assign_ids(drafts, threads, rng)
    items = sorted(
        (d.freeze() for d in drafts), key=lambda p: (p.posted_at, p.source, p.external_id)
    )
    return DemoCorpus(
        seed=seed,
        months=tuple(f"{y:04d}-{m:02d}" for y, m in month_list),
        end=end,
        postings=items,
        threads=tuple(threads[k] for k in sorted(threads)),
        companies=tuple(companies),
    )
