"""Operations benchmark: fault injection, SIGKILL crashes and fuzzed input, with one verdict.

    .venv/bin/python bench/faults.py [--kills 20] [--examples 100]

Runs the scenarios of tests/ops and tests/fuzz outside pytest:
1. every fault kind against every source type on the local fault server (in runs that leave
   other sources healthy), checking that each faulted source fails alone and that no stored
   posting is lost or changed; for the jsonld career sites the fault hits their robots.txt,
   sitemaps and JobPosting pages;
2. `jobtrends scrape` killed with SIGKILL at random (seeded) moments, then one normal run,
   checking integrity, duplicates and that every served posting is stored;
3. every parser and normalizer fed generated hostile input.
The last line printed is one JSON object: fault kinds tried, kills survived, fuzzed inputs run and
postings lost (which must be 0).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from contextlib import closing
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the scenarios live in tests/

from hypothesis import HealthCheck, given, settings  # noqa: E402

from jobtrends.pipeline.cli import orchestration  # noqa: E402
from jobtrends.pipeline.config import load_settings  # noqa: E402
from jobtrends.pipeline.store import Store  # noqa: E402
from jobtrends.scraper.demo import generate_corpus  # noqa: E402
from tests.fuzz.targets import TARGETS, exercise  # noqa: E402
from tests.ops.crash import kill_loop  # noqa: E402
from tests.ops.fault_server import (  # noqa: E402
    FAULTS,
    SOURCE_TYPES,
    TIMEOUT,
    FaultServer,
    config_text,
)
from tests.ops.test_faults import ROUNDS  # noqa: E402

# robots.txt is obeyed, so the jsonld sites' robots.txt is fetched and faulted like the rest.
HTTP = {"min_delay": 0.0, "max_retries": 0, "timeout": TIMEOUT, "max_bytes": 1024 * 1024,
        "per_host_concurrency": 4, "respect_robots": True}  # fmt: skip


def _rows(database: Path) -> dict[tuple[str, str], tuple[Any, ...]]:
    """Each stored posting's content (everything but last_seen), by (source, external_id)."""
    with closing(sqlite3.connect(database)) as db:
        names = [row[1] for row in db.execute("PRAGMA table_info(postings)")]
        keep = [n for n in names if n != "last_seen"]
        rows = db.execute(f"SELECT {', '.join(keep)} FROM postings").fetchall()
    source, external = keep.index("source"), keep.index("external_id")
    return {(row[source], row[external]): tuple(row) for row in rows}


def fault_matrix(folder: Path) -> dict[str, Any]:
    corpus = generate_corpus(seed=11, postings=151, months=3)
    lost = changed = scenarios = wrongly_failed = 0
    with FaultServer(corpus) as server:
        targets = server.targets()
        config = folder / "faults.toml"
        config.write_text(config_text(targets, str(folder / "faults.db"), **HTTP), "utf-8")
        base = load_settings(config, environ={})
        with Store.open(base.database) as store:
            orchestration.scrape(base, store)
        for number, faults in enumerate(ROUNDS):
            database = folder / f"round{number}.db"
            with (
                closing(sqlite3.connect(base.database)) as src,
                closing(sqlite3.connect(database)) as dst,
            ):
                src.backup(dst)
            before = _rows(database)
            server.heal()
            for source, kind in faults.items():
                server.inject(source, kind)
            with Store.open(database) as store:
                summary = orchestration.scrape(replace(base, database=database), store)
            after = _rows(database)
            lost += len(before.keys() - after.keys())
            changed += sum(before[key] != after.get(key, before[key]) for key in before)
            scenarios += len(faults)
            failed_sources = {label.split(":", 1)[0] for label in summary.failed}
            wrongly_failed += len(failed_sources - set(faults))
            wrong = sorted(
                label for label in summary.failed if label.split(":", 1)[0] not in faults
            )
            note = f"; healthy sources that failed: {', '.join(wrong)}" if wrong else ""
            print(f"round {number + 1:2d}/{len(ROUNDS)}: {summary.status:<8} "
                  f"{', '.join(f'{s}={k}' for s, k in faults.items())}{note}")  # fmt: skip
    return {
        "scenarios": scenarios,
        "lost": lost,
        "changed": changed,
        "others_failed": wrongly_failed,
    }


def fuzz(examples: int) -> int:
    total = 0
    for name, target in sorted(TARGETS.items()):
        count = 0

        @settings(max_examples=examples, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))  # fmt: skip
        @given(target.strategy)
        def run(value: Any) -> None:
            nonlocal count
            count += 1
            exercise(target, value)  # noqa: B023  (one target per loop, run right away)

        run()
        total += count
        print(f"fuzzed {name}: {count} inputs")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20, help="SIGKILLs to survive")
    parser.add_argument("--examples", type=int, default=100, help="inputs per fuzz target")
    args = parser.parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        (folder / "faults").mkdir()
        (folder / "kills").mkdir()
        matrix = fault_matrix(folder / "faults")
        corpus = generate_corpus(seed=11, postings=151, months=3)
        kills = kill_loop(corpus, folder / "kills", kills=args.kills, seed=2026)
        print(f"kills: {kills}")
        inputs = fuzz(args.examples)
    lost = matrix["lost"] + matrix["changed"] + kills.lost
    summary = {
        "fault_kinds_tried": sorted(FAULTS),
        "source_types": list(SOURCE_TYPES),
        "fault_scenarios": matrix["scenarios"],
        "other_sources_failed": matrix["others_failed"],
        "kills_survived": kills.kills if kills.final_returncode == 0 else 0,
        "kills_mid_run": kills.mid_run,
        "fuzz_targets": len(TARGETS),
        "fuzzed_inputs": inputs,
        "postings_lost": lost,
        "seconds": round(time.monotonic() - started, 1),
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
