"""SIGKILL `jobtrends scrape` at random (seeded) moments and check what the database keeps.

Shared by tests/ops/test_crash.py and bench/faults.py. The server serves growing subsets of the
corpus (so killed runs insert, not only re-read) with a small random delay per request (so a kill
lands between, inside and after the per-target transactions).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing, suppress
from dataclasses import dataclass, replace
from pathlib import Path

from jobtrends.scraper.demo import DemoCorpus
from jobtrends.scraper.demo.server import DemoPayloads
from tests.ops.fault_server import DEMO_SOURCES, FaultServer, config_text
from tests.ops.forker import Forker

CRASH_HTTP = {
    "min_delay": 0.0,
    "max_retries": 0,
    "timeout": 5.0,
    "per_host_concurrency": 2,
    "respect_robots": False,
}
GENERATIONS = (0.4, 0.7, 1.0)  # shares of the corpus served as the kills go on


@dataclass(slots=True)
class KillReport:
    kills: int = 0  # processes that died by SIGKILL
    mid_run: int = 0  # ... after storing some but not all targets
    finished_first: int = 0  # processes that exited before their kill landed
    served: int = 0  # postings the server serves in the end
    stored: int = 0  # distinct postings stored after the final normal run
    lost: int = 0  # served postings not stored after the final run
    final_returncode: int = -1


def check_database(database: Path) -> None:
    """Integrity, no duplicated posting, and every posting's content has its version row."""
    with closing(sqlite3.connect(database)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        duplicated = db.execute(
            "SELECT source, external_id FROM postings GROUP BY source, external_id "
            "HAVING COUNT(*) > 1"
        ).fetchall()
        assert duplicated == [], duplicated
        unversioned = db.execute(
            "SELECT COUNT(*) FROM postings p WHERE NOT EXISTS (SELECT 1 FROM posting_versions v "
            "WHERE v.posting_id = p.id AND v.content_hash = p.content_hash)"
        ).fetchone()[0]
        assert unversioned == 0


def _stored_targets(database: Path) -> tuple[str, int]:
    """(status of the newest run, how many of its targets were stored)."""
    with closing(sqlite3.connect(database)) as db:
        row = db.execute("SELECT id, status FROM runs ORDER BY id DESC LIMIT 1").fetchone()
        if row is None:
            return "none", 0
        count = db.execute("SELECT COUNT(*) FROM run_sources WHERE run_id = ?", (row[0],))
        return str(row[1]), int(count.fetchone()[0])


def _subset(corpus: DemoCorpus, share: float) -> DemoPayloads:
    keep = [p for i, p in enumerate(corpus.postings) if (i * 7919) % 100 < share * 100]
    return DemoPayloads(replace(corpus, postings=keep))


def _wait_for_first_request(server: FaultServer, before: int, limit: float) -> None:
    deadline = time.monotonic() + limit
    while server.total_requests() == before and time.monotonic() < deadline:
        time.sleep(0.002)


def kill_loop(
    corpus: DemoCorpus, folder: Path, *, kills: int = 20, seed: int = 2026, real_first: int = 1
) -> KillReport:
    """Kill `kills` scrapes, then run one normally; the first `real_first` kills hit the real
    `jobtrends` console script, the rest processes forked from a preloaded helper."""
    rng = random.Random(seed)
    report = KillReport()
    database = folder / "crash.db"
    generations = [_subset(corpus, share) for share in GENERATIONS[:-1]]
    with FaultServer(corpus, delay=(0.002, 0.02), seed=seed) as server:
        generations.append(server.payloads)
        config = folder / "jobtrends.toml"
        targets = [t for t in server.targets() if t.source in DEMO_SOURCES]
        config.write_text(config_text(targets, str(database), **CRASH_HTTP), "utf-8")
        argv = ["--config", str(config), "-q", "scrape"]
        with Forker(folder) as forker:
            span = _calibrate(forker, server, folder, argv)
            attempts = 0
            while report.kills < kills:
                attempts += 1
                assert attempts <= 4 * kills, "kills keep missing the runs"
                server.serve(generations[report.kills * len(generations) // kills])
                before = server.total_requests()
                real = report.kills < real_first
                if real:
                    process = subprocess.Popen(
                        [str(Path(sys.executable).with_name("jobtrends")), *argv],
                        cwd=folder,
                        stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL,
                    )
                    pid = process.pid
                else:
                    pid = forker.start(argv, folder / "killed.log")
                if rng.random() < 0.2:
                    time.sleep(rng.uniform(0.0, 0.05))  # while opening the database and lock
                else:
                    _wait_for_first_request(server, before, 30.0)
                    time.sleep(rng.uniform(0.0, 0.8 * span))  # later runs can be quicker
                with suppress(ProcessLookupError):  # it may have finished already
                    os.kill(pid, signal.SIGKILL)
                code = process.wait() if real else forker.wait(pid)
                if code != -signal.SIGKILL:
                    report.finished_first += 1
                    continue
                report.kills += 1
                if database.exists():
                    check_database(database)
                    status, stored = _stored_targets(database)
                    if status == "running" and 0 < stored < len(targets):
                        report.mid_run += 1
        server.serve(generations[-1])
        final = subprocess.run(
            [str(Path(sys.executable).with_name("jobtrends")), *argv],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=120,
        )
        report.final_returncode = final.returncode
    check_database(database)
    served = {(p.source, p.external_id) for p in corpus.postings}
    with closing(sqlite3.connect(database)) as db:
        stored_keys = set(db.execute("SELECT source, external_id FROM postings").fetchall())
    report.served = len(served)
    report.stored = len(stored_keys)
    report.lost = len(served - stored_keys)
    return report


def _calibrate(forker: Forker, server: FaultServer, folder: Path, argv: list[str]) -> float:
    """Seconds from a full scrape's first request to its exit, on a scratch database."""
    scratch = folder / "calibrate"
    scratch.mkdir()
    config = Path(argv[1])
    text = config.read_text("utf-8").replace(str(folder / "crash.db"), str(scratch / "c.db"))
    (scratch / "jobtrends.toml").write_text(text, "utf-8")
    before = server.total_requests()
    pid = forker.start(["--config", str(scratch / "jobtrends.toml"), *argv[2:]], scratch / "log")
    _wait_for_first_request(server, before, 30.0)
    started = time.monotonic()
    assert forker.wait(pid) == 0, (scratch / "log").read_text("utf-8")
    return max(0.2, time.monotonic() - started)
