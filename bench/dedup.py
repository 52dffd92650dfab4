"""Benchmark of the dedup pass at scale: a table, then one JSON line of figures (the last line).

    python bench/dedup.py                      # 100,000 and 1,000,000 postings
    python bench/dedup.py --sizes 100000       # only these sizes
    python bench/dedup.py --quick              # a smoke test: 4,000 postings

For each size a scratch SQLite store is filled straight through the store API with generated
postings (seeded): 1,000 companies, each posting on one of two sources; one in five has a near
copy on the other source (a few words changed, a few days later) and one in ten a repost on its
own source 20 days later, so both kinds of links are found. Then `assign_duplicate_groups` runs in
a process of its own three times: the first pass (every block), a rerun with nothing new (what a
scheduled run does most days), and a pass after one new posting in each of 50 companies. Each
line gives the wall time and the process's peak RSS.

The pass reads the store one company block at a time, so its memory follows the largest block,
not the store: `rerun_rss_1m_vs_100k` near 1 says it stays flat.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sizes import run_sizes

from jobtrends.pipeline.store import Store
from jobtrends.scraper.records import Listing, RawPosting

SIZES = (100_000, 1_000_000)
COMPANIES = 1_000
BATCH = 5_000
START = datetime(2025, 1, 1, tzinfo=UTC)
WORDS = [f"w{number}" for number in range(5_000)]
SOURCES = ("greenhouse", "remotive")
# One pass in its own process: its wall time and peak RSS (MB) as JSON.
PASS = """
import json, resource, sys, time
from pathlib import Path
from jobtrends.pipeline.store import Store
from jobtrends.pipeline.store.dedup import assign_duplicate_groups
with Store.open(Path(sys.argv[1])) as store:
    started = time.perf_counter()
    changed = assign_duplicate_groups(store)
    seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": round(seconds, 2), "peak_rss_mb": round(peak, 1), "changed": changed}))
"""


def _posting(number: int, chooser: random.Random) -> list[RawPosting]:
    """Posting `number`, with its near copy and its repost when it has them."""
    company = number % COMPANIES
    source = SOURCES[number % 2]
    words = [chooser.choice(WORDS) for _ in range(250)]
    posted = START + timedelta(days=number % 600)
    first = RawPosting(
        source=source,
        external_id=str(number),
        board=f"company-{company}",
        company=f"Company {company} Inc.",
        title=f"Engineer {number % 97}",
        location=f"City {number % 31}",
        url=f"https://example.com/{source}/{number}",
        posted_at=posted,
        description_html="",
        description_text=" ".join(words),
    )
    postings = [first]
    if number % 5 == 0:
        copy = list(words)
        copy[chooser.randrange(len(copy))] = chooser.choice(WORDS)
        other = SOURCES[(number + 1) % 2]
        postings.append(
            replace(
                first,
                source=other,
                external_id=f"{number}-copy",
                title=f"{first.title} (m/f/d)",
                posted_at=posted + timedelta(days=3),
                description_text=" ".join(copy),
            )
        )
    if number % 10 == 1:
        postings.append(
            replace(first, external_id=f"{number}-repost", posted_at=posted + timedelta(days=20))
        )
    return postings


def fill(path: Path, size: int, first_number: int = 0) -> float:
    """Write postings until the store holds `size` more; return the seconds taken."""
    chooser = random.Random(size * 7 + first_number)
    started = time.perf_counter()
    written, number = 0, first_number
    with Store.open(path) as store:
        while written < size:
            batch: list[RawPosting] = []
            while len(batch) < BATCH and written + len(batch) < size:
                batch += _posting(number, chooser)
                number += 1
            batch = batch[: size - written]
            for source in SOURCES:
                mine = [p for p in batch if p.source == source]
                if mine:
                    listing = Listing(postings=mine, complete=False)
                    store.save_listing(listing, source=source, board="", now=START)
            written += len(batch)
    return time.perf_counter() - started


def one_pass(path: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", PASS, str(path)], capture_output=True, text=True, check=True
    )
    figures: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def measure(sizes: list[int], scratch: Path) -> dict[str, Any]:
    rows: dict[int, dict[str, Any]] = {}
    for size in sizes:
        database = scratch / f"store-{size}.sqlite"
        filled = fill(database, size)
        first = one_pass(database)
        rerun = one_pass(database)
        fill(database, 50, first_number=10**9)  # 50 new postings, in 50 companies
        after_new = one_pass(database)
        rows[size] = {
            "fill_s": round(filled, 1),
            "first": first,
            "rerun": rerun,
            "after_new": after_new,
        }
        database.unlink()
    large, mid = rows.get(SIZES[1]), rows.get(SIZES[0])
    ratio = None
    if large and mid:
        ratio = round(large["rerun"]["peak_rss_mb"] / mid["rerun"]["peak_rss_mb"], 3)
    return {"sizes": rows, "rerun_rss_1m_vs_100k": ratio}


def table(figures: dict[str, Any]) -> str:
    lines = [f"{'postings':>10}  {'pass':<10}  {'time':>8}  {'peak RSS':>10}  {'changed':>8}"]
    for size, row in figures["sizes"].items():
        for name in ("first", "rerun", "after_new"):
            run = row[name]
            lines.append(
                f"{int(size):>10,}  {name:<10}  {run['seconds']:>7.2f}s  "
                f"{run['peak_rss_mb']:>7.0f} MB  {run['changed']:>8,}"
            )
    return "\n".join(lines)


def main() -> None:
    run_sizes(__doc__ or "", measure, table, SIZES, quick=4_000)


if __name__ == "__main__":
    main()
