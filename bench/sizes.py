"""The command line the benchmarks that run at several store sizes share: `--sizes`, `--quick`,
a scratch folder, then the table and the one JSON line of figures (the last line)."""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

Measure = Callable[[list[int], Path], dict[str, Any]]


def run_sizes(
    doc: str,
    measure: Measure,
    table: Callable[[dict[str, Any]], str],
    sizes: Sequence[int],
    quick: int,
) -> None:
    """Parse the command line, measure the sizes asked for (default `sizes`, `--quick`: one
    store of `quick` postings) in a scratch folder, print the table and the figures."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    default = ", ".join(f"{size:,}" for size in sizes)
    parser.add_argument("--sizes", help=f"comma-separated posting counts (default {default})")
    parser.add_argument("--quick", action="store_true", help=f"a smoke test: {quick:,} postings")
    args = parser.parse_args()
    chosen = [quick] if args.quick else [int(s) for s in (args.sizes or "").split(",") if s]
    with tempfile.TemporaryDirectory() as scratch:
        figures = measure(chosen or list(sizes), Path(scratch))
    print(table(figures))
    print(json.dumps(figures, sort_keys=True))
