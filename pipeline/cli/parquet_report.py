"""`jobtrends report --from-parquet DIR`: the site built from an exported Parquet dataset."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from jobtrends.pipeline.cli.parquet_dataset import read_dataset
from jobtrends.pipeline.config import Settings
from jobtrends.pipeline.frames import FrameFilter
from jobtrends.pipeline.store import utc_now


def report_from_parquet(
    settings: Settings,
    folder: Path,
    *,
    out_dir: Path | None = None,
    frame_filter: FrameFilter | None = None,
    clock: Callable[[], datetime] = utc_now,
    claims_file: Path | None = None,
) -> Path:
    """Write the site of the dataset in `folder` (what `export --format parquet` wrote) and
    return the path of its index.html: the same pages the store gives, no database needed.
    Terms rejected in the user taxonomy file are hidden as in `report`."""
    # Deferred for start-up time: spaCy, Plotly and the pages take ~0.6 s to import.
    from jobtrends.pipeline.nlp import load_user_taxonomy, merged_taxonomy
    from jobtrends.reports import ReportData, build_site, load_claim_set

    dataset = read_dataset(folder, frame_filter)
    frames = dataset.frames
    user = load_user_taxonomy(settings.user_taxonomy)
    taxonomy = merged_taxonomy(user)
    known = {skill.id for skill in taxonomy.skills} if claims_file else None
    data = ReportData.from_mentions(
        frames.postings,
        frames.mentions,
        frames.runs,
        dataset.categories,
        clock(),
        candidates=frames.candidates,
        hidden_terms=user.rejected_keys,
    )
    claims = load_claim_set(claims_file, skills=known)
    return build_site(
        data, out_dir or settings.report_dir, min_month_n=settings.min_month_n, claims=claims
    )
