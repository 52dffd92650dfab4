"""`jobtrends export`: the postings and mentions frames as CSV or Parquet files."""

from __future__ import annotations

from pathlib import Path

from jobtrends.pipeline.errors import PipelineError
from jobtrends.pipeline.frames import build_frames
from jobtrends.pipeline.store import Store


def export_frames(
    store: Store, out_dir: Path, fmt: str, user_taxonomy: Path | None = None
) -> list[Path]:
    # Deferred for start-up time: spaCy takes ~0.3 s to import (see orchestration.extract).
    from jobtrends.pipeline.nlp import extractor_version

    frames = build_frames(store, extractor_version(user_taxonomy))
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in (("postings", frames.postings), ("mentions", frames.with_contexts())):
        path = out_dir / f"{name}.{fmt}"
        if fmt == "csv":
            frame.to_csv(path, index=False)
        else:
            try:
                frame.to_parquet(path, index=False)
            except ImportError as exc:
                raise PipelineError(
                    f"writing {path} needs pyarrow: pip install 'jobtrends[parquet]'"
                ) from exc
        written.append(path)
    return written
