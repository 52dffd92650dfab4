"""Benchmark of `jobtrends import-wdc`: a table, then one JSON line (the last line).

    python bench/wdc.py                  # 2,000,000 quads (about 77,000 postings), gzipped
    python bench/wdc.py --quads 200000   # any size; --quick is 200,000

A WDC JobPosting N-Quads file in the real format is generated deterministically
(tests/pipeline/wdc_generator.py: blank nodes per page, nested organization, place and salary,
http/https/Microdata predicates, repeated pages, cut-short lines), then the real CLI imports it in
a child process twice: into a fresh SQLite database, and with `--parquet`. For each: wall time,
quads/s, postings/s (postings found, duplicates included) and the child's peak RSS (`wait4`).
The peak RSS is the flat cost of Python, spaCy-free imports and one batch: it should not grow
with --quads (compare two sizes).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the generator lives in tests/

from tests.pipeline.wdc_generator import write_nquads  # noqa: E402

CLI = "from jobtrends.pipeline.cli import main; main()"
FIRST_LINE = re.compile(
    r": (\d+) quads, (\d+) malformed lines skipped, (\d+) pages, (\d+) postings"
)


def run_cli(args: list[str], folder: Path) -> dict[str, Any]:
    started = time.perf_counter()
    with (folder / "stdout.txt").open("w+") as out, (folder / "stderr.txt").open("w+") as err:
        child = subprocess.Popen(
            [sys.executable, "-c", CLI, *args], cwd=folder, stdout=out, stderr=err
        )
        _, status, usage = os.wait4(child.pid, 0)  # the child's own peak RSS
        child.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if child.returncode != 0:
        raise SystemExit(f"import-wdc failed ({child.returncode}):\n{stdout}\n{stderr}")
    found = FIRST_LINE.search(stdout)
    assert found is not None, stdout
    quads, malformed, pages, postings = (int(group) for group in found.groups())
    return {
        "wall_s": round(wall, 2),
        "quads": quads,
        "malformed": malformed,
        "pages": pages,
        "postings": postings,
        "quads_per_s": round(quads / wall),
        "postings_per_s": round(postings / wall),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
        "output": stdout.strip().splitlines()[-1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quads", type=int, default=2_000_000)
    parser.add_argument("--quick", action="store_true", help="200,000 quads")
    options = parser.parse_args()
    quads = 200_000 if options.quick else options.quads
    with tempfile.TemporaryDirectory(prefix="jobtrends-wdc-") as scratch:
        folder = Path(scratch)
        source = folder / "part-0.nq.gz"
        started = time.perf_counter()
        written = write_nquads(source, quads)
        generated = time.perf_counter() - started
        size_mb = source.stat().st_size / 1e6
        store = run_cli(["--database", "bench.db", "import-wdc", str(source)], folder)
        parquet = run_cli(["import-wdc", str(source), "--parquet", "out"], folder)
    print(f"generated {written.quads:,} quads, {written.pages:,} pages ({size_mb:.1f} MB gzipped) "
          f"in {generated:.1f} s")  # fmt: skip
    print(f"{'mode':<10}{'wall s':>9}{'quads/s':>10}{'postings/s':>12}{'peak RSS MB':>13}")
    for name, figures in (("store", store), ("parquet", parquet)):
        print(
            f"{name:<10}{figures['wall_s']:>9}{figures['quads_per_s']:>10,}"
            f"{figures['postings_per_s']:>12,}{figures['peak_rss_mb']:>13}"
        )
    print(json.dumps({"quads": written.quads, "file_mb": round(size_mb, 1), "store": store,
                      "parquet": parquet}))  # fmt: skip


if __name__ == "__main__":
    main()
