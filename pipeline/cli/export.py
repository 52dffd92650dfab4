"""`jobtrends export`: the postings and mentions frames as CSV files, or the Parquet dataset."""

from __future__ import annotations

from pathlib import Path

from jobtrends.pipeline.frames import build_frames
from jobtrends.pipeline.store import Store


def export_frames(
    store: Store, out_dir: Path, fmt: str, user_taxonomy: Path | None = None
) -> list[Path]:
    """CSV: `postings.csv` and `mentions.csv` (with each mention's line as `context`). Parquet:
    the partitioned dataset of `jobtrends.pipeline.cli.parquet_dataset`, written slice by slice,
    which `jobtrends report --from-parquet` reads."""
    # Deferred for start-up time: spaCy takes ~0.3 s to import (see orchestration.extract).
    from jobtrends.pipeline.cli.parquet_dataset import write_dataset
    from jobtrends.pipeline.nlp import extractor_version, load_user_taxonomy, merged_taxonomy

    version = extractor_version(user_taxonomy)
    if fmt == "parquet":
        categories = dict(merged_taxonomy(load_user_taxonomy(user_taxonomy)).categories)
        return write_dataset(store, out_dir, version, categories)
    frames = build_frames(store, version)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in (("postings", frames.postings), ("mentions", frames.with_contexts())):
        path = out_dir / f"{name}.csv"
        frame.to_csv(path, index=False)
        written.append(path)
    return written
