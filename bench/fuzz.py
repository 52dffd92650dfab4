"""The long, random fuzz run: every fuzz target of tests/fuzz with fresh random examples.

    .venv/bin/python bench/fuzz.py [--examples 2000] [--seed N] [--target NAME ...]

CI runs the same targets derandomized (a fixed set of examples, see tests/conftest.py); this run
draws new examples each time (or from `--seed`, to repeat one), keeps going after a failure and
prints each failing target with its shrunk input and error. The last line is one JSON object:
targets, inputs run, failures (which must be 0) and the seed.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the fuzz targets live in tests/

from hypothesis import HealthCheck, given, seed, settings  # noqa: E402

from tests.fuzz.targets import TARGETS, FuzzTarget, exercise  # noqa: E402


def fuzz_target(target: FuzzTarget, examples: int, run_seed: int) -> tuple[int, str | None]:
    """(inputs run, the failure's report or None) for one target."""
    count = 0

    @seed(run_seed)
    @settings(max_examples=examples, deadline=None, database=None, derandomize=False,
              suppress_health_check=list(HealthCheck), print_blob=True)  # fmt: skip
    @given(target.strategy)
    def run(value: Any) -> None:
        nonlocal count
        count += 1
        exercise(target, value)

    try:
        run()
    except Exception:  # a found bug: report it and go on with the other targets
        return count, traceback.format_exc(limit=4)
    return count, None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000, help="inputs per target")
    parser.add_argument("--seed", type=int, default=None, help="repeat a run (default: random)")
    parser.add_argument("--target", action="append", default=[], help="only these targets")
    args = parser.parse_args()
    run_seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    chosen = {name: TARGETS[name] for name in (args.target or sorted(TARGETS))}
    started = time.monotonic()
    total, failures = 0, []
    for name, target in chosen.items():
        count, failure = fuzz_target(target, args.examples, run_seed)
        total += count
        print(f"fuzzed {name}: {count} inputs" + (" FAILED" if failure else ""), flush=True)
        if failure:
            failures.append(name)
            print(failure, flush=True)
    summary = {"targets": len(chosen), "inputs": total, "failures": len(failures),
               "failed_targets": failures, "seed": run_seed,
               "seconds": round(time.monotonic() - started, 1)}  # fmt: skip
    print(json.dumps(summary))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
