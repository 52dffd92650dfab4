"""Benchmark of `jobtrends report` at scale: a table, then one JSON line of figures (the last line).

    python bench/report.py                          # 10,000, 100,000 and 1,000,000 postings
    python bench/report.py --sizes 10000,100000     # only these sizes
    python bench/report.py --quick                  # a smoke test: 2,000 postings

For each size a scratch SQLite store is filled straight through the store API, with no NLP time:
the demo corpus (2,400 generated postings) is extracted once, and its postings and extractions
are repeated with new ids, spread over 26 months, until the size is reached. Then the real
`jobtrends report` runs in its own process under `/usr/bin/time`, which gives its wall time and
peak RSS; the site's size on disk is summed.
Targets (the scale issue): peak RSS at 1,000,000 <= 2 GB and <= 1.3x the RSS at 100,000; time at
1,000,000 <= 10x the time at 100,000; site size at 1,000,000 <= 1.2x the size at 10,000. A size
that was not run leaves its ratios null.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sizes import run_sizes

from jobtrends.pipeline.nlp import extract_batch, extractor_version
from jobtrends.pipeline.results import Extraction, PostingText
from jobtrends.pipeline.store import Store, content_hash, save_extractions
from jobtrends.scraper.demo.corpus import generate_corpus
from jobtrends.scraper.records import Listing, RawPosting
from jobtrends.scraper.text import html_to_text

SIZES = (10_000, 100_000, 1_000_000)
BATCH = 5_000
MONTHS = 26
END = datetime(2026, 11, 1, tzinfo=UTC)
TARGET_RSS_GB = 2.0
TARGET_RSS_RATIO = 1.3
TARGET_TIME_RATIO = 10.0
TARGET_SITE_RATIO = 1.2


def templates() -> list[tuple[RawPosting, Extraction]]:
    """The demo corpus as stored postings, each with its extraction (run once)."""
    corpus = generate_corpus()
    raw = [
        RawPosting(
            source=p.source,
            external_id=p.external_id,
            board=p.board,
            company=p.company,
            title=p.title,
            location=p.location,
            url=p.url,
            posted_at=p.posted_at,
            description_html=p.html,
            description_text=html_to_text(p.html),
            remote=p.remote,
            salary=p.salary_structured,
        )
        for p in corpus.postings
    ]
    texts = [
        PostingText(str(i), p.title, p.description_text, p.remote, p.salary, p.company, p.location)
        for i, p in enumerate(raw)
    ]
    return list(zip(raw, extract_batch(texts), strict=True))


def fill(path: Path, size: int, pool: list[tuple[RawPosting, Extraction]]) -> float:
    """Write `size` postings and their extractions into a new store; return the seconds taken."""
    started = time.perf_counter()
    version = extractor_version()
    with Store.open(path) as store:
        for first in range(0, size, BATCH):
            postings, results, hashes = [], [], {}
            for number in range(first, min(size, first + BATCH)):
                template, extraction = pool[number % len(pool)]
                months_back = number % MONTHS
                posting = replace(
                    template,
                    external_id=f"{template.external_id}-{number}",
                    board=f"{template.board}-{number % 500}",
                    url=f"{template.url}#{number}",
                    posted_at=END - timedelta(days=30 * months_back + number % 28),
                )
                key = str(number + 1)  # ids are given in insertion order in a new store
                postings.append(posting)
                results.append(replace(extraction, key=key))
                hashes[key] = content_hash(posting)
            store.save_listing(
                Listing(postings=postings, complete=False), source="bench", board="", now=END
            )
            save_extractions(store, results, hashes, version, END)
        assert store.count("postings") == size, "ids were not given in insertion order"
    return time.perf_counter() - started


def run_report(database: Path, out: Path) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB) of `jobtrends report` in its own process."""
    jobtrends = Path(sys.executable).with_name("jobtrends")
    command = ["/usr/bin/time", "-f", "%e %M", str(jobtrends), "--database", str(database),
               "--quiet", "report", "--out", str(out)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "CI": ""})
    if done.returncode != 0:
        raise SystemExit(f"report failed ({done.returncode}): {done.stderr[-2000:]}")
    wall, peak_kb = done.stderr.strip().splitlines()[-1].split()
    return float(wall), int(peak_kb) / 1024


def site_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20


def measure(sizes: list[int], scratch: Path) -> dict[str, Any]:
    pool = templates()
    rows = {}
    for size in sizes:
        database = scratch / f"store-{size}.sqlite"
        filled = fill(database, size, pool)
        wall, rss = run_report(database, scratch / f"site-{size}")
        rows[size] = {
            "fill_s": round(filled, 1),
            "report_s": round(wall, 1),
            "peak_rss_mb": round(rss, 1),
            "site_mb": round(site_mb(scratch / f"site-{size}"), 2),
            "pages": sum(1 for _ in (scratch / f"site-{size}").rglob("*.html")),
        }
        database.unlink()
    return {"sizes": rows, **ratios(rows)}


def ratios(rows: dict[int, dict[str, float]]) -> dict[str, Any]:
    small, mid, large = (rows.get(size) for size in SIZES)
    rss_ratio = round(large["peak_rss_mb"] / mid["peak_rss_mb"], 3) if large and mid else None
    time_ratio = round(large["report_s"] / mid["report_s"], 3) if large and mid else None
    site_ratio = round(large["site_mb"] / small["site_mb"], 3) if large and small else None
    rss_gb = round(large["peak_rss_mb"] / 1024, 3) if large else None
    return {
        "rss_1m_gb": rss_gb,
        "rss_1m_vs_100k": rss_ratio,
        "time_1m_vs_100k": time_ratio,
        "site_1m_vs_10k": site_ratio,
        "targets_met": {
            "rss_1m": rss_gb is not None and rss_gb <= TARGET_RSS_GB,
            "rss_ratio": rss_ratio is not None and rss_ratio <= TARGET_RSS_RATIO,
            "time_ratio": time_ratio is not None and time_ratio <= TARGET_TIME_RATIO,
            "site_ratio": site_ratio is not None and site_ratio <= TARGET_SITE_RATIO,
        },
    }


def table(figures: dict[str, Any]) -> str:
    lines = [f"{'postings':>10}  {'fill':>8}  {'report':>8}  {'peak RSS':>10}  {'site':>9}  pages"]
    for size, row in figures["sizes"].items():
        lines.append(
            f"{int(size):>10,}  {row['fill_s']:>7.1f}s  {row['report_s']:>7.1f}s  "
            f"{row['peak_rss_mb']:>7.0f} MB  {row['site_mb']:>6.1f} MB  {row['pages']}"
        )
    return "\n".join(lines)


def main() -> None:
    run_sizes(__doc__ or "", measure, table, SIZES, quick=2_000)


if __name__ == "__main__":
    main()
