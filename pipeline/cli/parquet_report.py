"""`jobtrends report --from-parquet DIR [--dask ADDRESS]`: the site built from an exported Parquet
dataset, its mentions aggregated file by file (`parquet_aggregates`), on a Dask cluster when an
address is given (`parquet_dask`)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from jobtrends.pipeline.cli.extraction import quiet_dask_logging
from jobtrends.pipeline.cli.parquet_aggregates import (
    FirstDemandMentions,
    PartitionTotals,
    combine,
    mention_files,
    partition_totals,
)
from jobtrends.pipeline.cli.parquet_dataset import read_meta, read_postings, read_rows, read_runs
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
    dask: str | None = None,
) -> Path:
    """Write the site of the dataset in `folder` (what `export --format parquet` wrote) and
    return the path of its index.html: the same pages the store gives, no database needed.
    Terms rejected in the user taxonomy file are hidden as in `report`. With `dask`, the
    mentions files are aggregated on the Dask cluster at that address (tcp://host:port, or
    local:N for N local worker processes)."""
    # Deferred for start-up time: spaCy, Plotly and the pages take ~0.6 s to import.
    from jobtrends.pipeline.nlp import load_user_taxonomy, merged_taxonomy
    from jobtrends.reports import ReportData, build_site, load_claim_set

    _extractor_version, categories = read_meta(folder)
    postings = read_postings(folder, frame_filter)
    kept = postings["posting_id"]
    files = mention_files(folder, set(postings["month"]))
    totals = combine(_partition_totals(files, dask), kept)
    user = load_user_taxonomy(settings.user_taxonomy)
    taxonomy = merged_taxonomy(user)
    known = {skill.id for skill in taxonomy.skills} if claims_file else None
    data = ReportData(
        postings=postings,
        demand=totals.demand,
        skills=totals.skills,
        mention_count=totals.mention_count,
        runs=read_runs(folder),
        categories=categories,
        generated_at=clock(),
        demand_mentions=FirstDemandMentions(folder, postings.set_index("posting_id")["month"]),
        candidates=read_rows(folder, "candidates", kept),
        hidden_terms=user.rejected_keys,
    )
    claims = load_claim_set(claims_file, skills=known)
    return build_site(
        data, out_dir or settings.report_dir, min_month_n=settings.min_month_n, claims=claims
    )


def _partition_totals(files: list[Path], dask: str | None) -> list[PartitionTotals]:
    if dask is None:
        return [partition_totals(path) for path in files]
    quiet_dask_logging()
    # Deferred for start-up time, and because dask is an optional extra (`connected` names it).
    from jobtrends.pipeline.cli.parquet_dask import totals_on_dask
    from jobtrends.pipeline.nlp.dask_extract import connected

    with connected(dask) as client:
        return totals_on_dask(files, client, dask)
