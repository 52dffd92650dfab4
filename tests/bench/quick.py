"""Running a benchmark script's smoke test: its table, then its JSON line of figures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parents[2] / "bench"


def quick_run(script: str, *args: str, timeout: float) -> tuple[list[str], dict[str, Any]]:
    """The table lines and the figures of `bench/<script> --quick <args>` in its own process
    (a failed run fails the test with its output)."""
    done = subprocess.run(
        [sys.executable, str(BENCH_DIR / script), "--quick", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=True,
    )
    *table, last = done.stdout.strip().splitlines()
    return table, json.loads(last)
