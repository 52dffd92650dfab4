"""Benchmark of the scrapers' politeness and reruns: a table, then one JSON line (the last line).

    python bench/scrape.py            # the demo corpus (2,400 postings), min_delay 0.2 s
    python bench/scrape.py --quick    # a smoke test: 101 postings, min_delay 0.01 s

Each demo source (Greenhouse, Lever, Ashby, Hacker News) is served by its own `DemoServer` on
127.0.0.1, so each is a host of its own (host and port) and the hosts are paced independently, as
the real boards would be. The real `scrape` runs twice into a scratch database with `min_delay`
for every host:
- wall time of the first run against the politeness floor, the busiest host's requests times
  `min_delay` (its requests go one at a time, each `min_delay` after the previous response ended,
  so nothing can be faster); target: at most 1.3x the floor;
- the rerun, with nothing changed on the servers, moves at most 5% of the first run's bytes
  (conditional requests: 304s, settled HN threads not fetched again).
Requests and bytes are the run log's (every attempt, bytes on the wire).

The floor counts only waiting: the run also spends CPU parsing ~10 MB of JSON and HTML and
storing 2,400 postings on the event loop's thread (`first_run_cpu_s`, about 3 s), which must fit
into the waits; the smaller the delay, the larger its share (`--min-delay 1.0`, jobtrends' own
default, gives about 1.03x).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
import time
from collections import Counter
from contextlib import ExitStack, closing
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jobtrends.pipeline.cli.orchestration import scrape
from jobtrends.pipeline.config import load_settings
from jobtrends.pipeline.store import Store
from jobtrends.scraper.demo.corpus import generate_corpus
from jobtrends.scraper.demo.server import DemoServer
from jobtrends.scraper.targets import Target

SOURCES = ("greenhouse", "lever", "ashby", "hn")
TARGET_VS_FLOOR = 1.3
TARGET_RERUN_BYTES = 0.05
RUN_SQL = "SELECT target, requests, bytes, status FROM run_sources WHERE run_id = ?"


def run(postings: int, months: int, min_delay: float, folder: Path) -> dict[str, Any]:
    corpus = generate_corpus(postings=postings, months=months)
    settings = load_settings(None, environ={})
    http = replace(settings.http, min_delay=min_delay, per_host_delay={}, respect_robots=False)
    with ExitStack() as servers:
        targets: list[Target] = []
        for source in SOURCES:  # one server, so one host, per source
            server = servers.enter_context(DemoServer(corpus))
            targets += [t for t in server.targets() if t.source == source]
        settings = replace(
            settings, http=http, targets=tuple(targets), database=folder / "bench.db"
        )
        hosts = {t.source: urlsplit(t.base_url).netloc for t in targets}
        with Store.open(settings.database) as store:
            started, cpu = time.monotonic(), time.process_time()
            first = scrape(settings, store)
            first_wall, first_cpu = time.monotonic() - started, time.process_time() - cpu
            started = time.monotonic()
            second = scrape(settings, store)
            rerun_wall = time.monotonic() - started
    with closing(sqlite3.connect(settings.database)) as db:
        db.row_factory = sqlite3.Row
        first_rows = db.execute(RUN_SQL, (first.run_id,)).fetchall()
        rerun_rows = db.execute(RUN_SQL, (second.run_id,)).fetchall()
    per_source: Counter[str] = Counter()
    for row in first_rows:
        per_source[row["target"].split(":", 1)[0]] += row["requests"]
    busiest, busiest_requests = per_source.most_common(1)[0]
    floor = busiest_requests * min_delay
    first_bytes = sum(row["bytes"] for row in first_rows)
    rerun_bytes = sum(row["bytes"] for row in rerun_rows)
    return {
        "postings": postings,
        "min_delay_s": min_delay,
        "targets": len(targets),
        "requests_per_host": {f"{source} ({hosts[source]})": n for source, n in per_source.items()},
        "busiest_host": f"{busiest} ({hosts[busiest]})",
        "busiest_host_requests": busiest_requests,
        "first_run_requests": sum(row["requests"] for row in first_rows),
        "first_run_failed": len(first.failed),
        "rerun_requests": sum(row["requests"] for row in rerun_rows),
        "rerun_not_modified": sum(row["status"] == "not_modified" for row in rerun_rows),
        "wall_s": round(first_wall, 3),
        "floor_s": round(floor, 3),
        "wall_vs_floor": round(first_wall / floor, 3) if floor else None,
        "first_run_cpu_s": round(first_cpu, 3),
        "rerun_wall_s": round(rerun_wall, 3),
        "first_run_bytes": first_bytes,
        "rerun_bytes": rerun_bytes,
        "rerun_bytes_ratio": round(rerun_bytes / first_bytes, 4) if first_bytes else None,
    }


def print_table(figures: dict[str, Any]) -> None:
    print(f"{'host (source)':<32} {'requests':>8}")
    for host, requests in figures["requests_per_host"].items():
        print(f"{host:<32} {requests:>8}")
    floor, wall = figures["floor_s"], figures["wall_s"]
    print(
        f"first run: {wall:.2f} s wall, floor {floor:.2f} s "
        f"({figures['busiest_host_requests']} requests x {figures['min_delay_s']} s on "
        f"{figures['busiest_host']}): {figures['wall_vs_floor']}x (target <= {TARGET_VS_FLOOR}x); "
        f"process CPU {figures['first_run_cpu_s']:.2f} s"
    )
    print(f"rerun: {figures['rerun_bytes']:,} of {figures['first_run_bytes']:,} bytes = "
          f"{figures['rerun_bytes_ratio']} (target <= {TARGET_RERUN_BYTES}), "
          f"{figures['rerun_requests']} requests, {figures['rerun_not_modified']} targets "
          f"not modified, {figures['rerun_wall_s']:.2f} s")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=2400)
    parser.add_argument("--months", type=int, default=26)
    parser.add_argument("--min-delay", type=float, default=0.2, help="seconds, every host")
    parser.add_argument("--quick", action="store_true", help="101 postings, min_delay 0.01 s")
    args = parser.parse_args()
    if args.quick:
        args.postings, args.months, args.min_delay = 101, 2, 0.01
    with tempfile.TemporaryDirectory() as scratch:
        figures = run(args.postings, args.months, args.min_delay, Path(scratch))
    print_table(figures)
    figures["meets_targets"] = bool(
        figures["wall_vs_floor"] is not None
        and figures["wall_vs_floor"] <= TARGET_VS_FLOOR
        and figures["rerun_bytes_ratio"] is not None
        and figures["rerun_bytes_ratio"] <= TARGET_RERUN_BYTES
    )
    print(json.dumps(figures, sort_keys=True))


if __name__ == "__main__":
    main()
