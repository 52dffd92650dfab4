"""The runs the CLI orchestrates: scrape, extract, report, and the offline demo that chains them.

Each job takes resolved `Settings` and an open `Store`; none reads the environment or prints. The
CLI is a thin adapter over these functions.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

import httpx

from jobtrends.pipeline.config import Settings
from jobtrends.pipeline.frames import FrameFilter
from jobtrends.pipeline.ops.shutdown import STOP, Interrupted, StopFlag
from jobtrends.pipeline.results import PostingText
from jobtrends.pipeline.store import (
    SaveCounts,
    Store,
    TargetRecord,
    assign_duplicate_groups,
    finish_run,
    load_posting_texts,
    pending_ids,
    record_extractor_version,
    record_target,
    save_extractions,
    start_run,
    utc_now,
)
from jobtrends.scraper import FetchError, Target, TargetOutcome, collect
from jobtrends.scraper.demo.corpus import generate_corpus
from jobtrends.scraper.demo.server import DemoServer

log = logging.getLogger("jobtrends")
Clock = Callable[[], datetime]
Progress = Callable[[int], None]
LOAD_CHUNK = 500


@dataclass(slots=True)
class ScrapeSummary:
    run_id: int
    targets: int = 0
    failed: list[str] = field(default_factory=list)
    partial: list[str] = field(default_factory=list)  # stored what they fetched, lost a part
    counts: SaveCounts = field(default_factory=SaveCounts)

    @property
    def status(self) -> str:
        """`failed` when every target failed, `partial` when one failed or lost a part."""
        if self.failed and len(self.failed) == self.targets:
            return "failed"
        return "partial" if self.failed or self.partial else "ok"


def scrape(
    settings: Settings,
    store: Store,
    *,
    targets: Sequence[Target] | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    clock: Clock = utc_now,
    command: str = "scrape",
    stop: StopFlag = STOP,
) -> ScrapeSummary:
    """Fetch every target; each target's postings and its run-log row commit on their own.

    A stop request (`stop`, set by SIGTERM/SIGINT) lets the target being stored finish its
    transaction, then raises `Interrupted`; targets still in flight or fetched after the request
    are not stored (the next run fetches them again), and the run is logged as `interrupted`.
    """
    chosen = list(settings.targets if targets is None else targets)
    summary = ScrapeSummary(run_id=start_run(store, command, clock()), targets=len(chosen))
    stopping: list[bool] = []

    def halt_if_requested() -> None:
        if stop.requested:
            stopping.append(True)
            stop.check()

    def on_outcome(outcome: TargetOutcome) -> None:
        if stopping:  # already stopping: the Interrupted raised once is on its way out
            return
        halt_if_requested()
        target = outcome.target
        record = _record_outcome(store, outcome, clock())
        record_target(store, summary.run_id, record)
        if record.status == "failed":
            summary.failed.append(target.label)
            log.warning("%s failed: %s", target.label, record.error)
        else:
            if record.error:
                summary.partial.append(target.label)
                log.warning("%s partly failed (the rest was kept): %s", target.label, record.error)
            for name in ("new", "updated", "closed", "unchanged"):
                total = getattr(summary.counts, name) + getattr(record.counts, name)
                setattr(summary.counts, name, total)
            log.info(
                "%s: %d new, %d updated, %d closed, %d unchanged",
                target.label,
                record.counts.new,
                record.counts.updated,
                record.counts.closed,
                record.counts.unchanged,
            )
        halt_if_requested()

    try:
        collect(
            chosen,
            settings.http,
            validators=store.validators,
            on_outcome=on_outcome,
            transport=transport,
        )
    except Interrupted:
        finish_run(store, summary.run_id, "interrupted", clock())
        raise
    assign_duplicate_groups(store)
    finish_run(store, summary.run_id, summary.status, clock())
    return summary


def _record_outcome(store: Store, outcome: TargetOutcome, now: datetime) -> TargetRecord:
    target = outcome.target
    listing = outcome.listing
    if listing is None:
        error = outcome.error
        return TargetRecord(
            target.label,
            target.source,
            outcome.started_at,
            outcome.finished_at,
            requests=outcome.requests,
            bytes=outcome.bytes,
            counts=SaveCounts(),
            status="failed",
            error=str(error) if error else "unknown failure",
            error_url=getattr(error, "url", None),
            error_status=error.status if isinstance(error, FetchError) else None,
        )
    counts = store.save_listing(listing, source=target.source, board=target.board, now=now)
    return TargetRecord(
        target.label,
        target.source,
        outcome.started_at,
        outcome.finished_at,
        requests=listing.requests,
        bytes=listing.bytes,
        counts=counts,
        status="not_modified" if listing.not_modified else "partial" if listing.problems else "ok",
        error="; ".join(listing.problems) or None,
    )


def extract(
    settings: Settings,
    store: Store,
    *,
    workers: int | None = None,
    progress: Progress | None = None,
    clock: Clock = utc_now,
    dask: str | None = None,
) -> int:
    """Extract every posting whose content or extractor version changed; return how many ran
    through the pipeline (in `workers` processes, or on the Dask cluster at `dask`). When only
    the user taxonomy changed since a version used before, the postings the change cannot
    affect get that version's extraction copied instead (`reuse`)."""
    # Deferred for start-up time: spaCy takes ~0.3 s to import; commands that do not extract
    # (status, scrape, import, init...) start without it.
    from jobtrends.pipeline.cli.extraction import extraction_results
    from jobtrends.pipeline.cli.reuse import reuse_unaffected
    from jobtrends.pipeline.nlp import (
        chunked,
        extractor_version,
        load_user_taxonomy,
        skills_json,
    )

    user_file = settings.user_taxonomy
    user_skills = skills_json(load_user_taxonomy(user_file).skills)
    version = extractor_version(user_file)
    record_extractor_version(store, version, user_skills, clock())
    ids = pending_ids(store, version)
    reused = reuse_unaffected(store, ids, version, user_skills, progress) if ids else set()
    if reused:
        log.info("%d postings the taxonomy change cannot affect kept their extraction", len(reused))
        ids = [posting_id for posting_id in ids if posting_id not in reused]
    if not ids:
        return 0
    hashes: dict[str, str] = {}

    def inputs() -> Iterator[PostingText]:
        for offset in range(0, len(ids), LOAD_CHUNK):
            for text, digest in load_posting_texts(store, ids[offset : offset + LOAD_CHUNK]):
                hashes[text.key] = digest
                yield text

    results = extraction_results(inputs(), settings, workers=workers, dask=dask)
    done = 0
    for chunk in chunked(results, LOAD_CHUNK):
        save_extractions(store, chunk, hashes, version, clock())
        done += len(chunk)
        if progress:
            progress(len(chunk))
    return done


def pending_count(store: Store, user_taxonomy: Path | None = None) -> int:
    """How many postings the next `extract` will extract or carry over."""
    # Deferred for start-up time (see `extract`).
    from jobtrends.pipeline.nlp import extractor_version

    return len(pending_ids(store, extractor_version(user_taxonomy)))


def report(
    settings: Settings,
    store: Store,
    *,
    out_dir: Path | None = None,
    frame_filter: FrameFilter | None = None,
    clock: Clock = utc_now,
    claims_file: Path | None = None,
) -> Path:
    """Write the static site from the store; return the path of its index.html.

    `claims_file` replaces the built-in claims of the claims check; its skill ids are checked
    against the taxonomy before anything is built (a mistake raises `InputError`).
    """
    # Deferred for start-up time: spaCy, Plotly and the pages take ~0.6 s to import; commands
    # that write no report start without them.
    from jobtrends.pipeline.cli.report_input import report_input
    from jobtrends.pipeline.nlp import extractor_version
    from jobtrends.reports import build_site, load_claim_set

    version = extractor_version(settings.user_taxonomy)
    data, taxonomy = report_input(settings, store, version, clock(), frame_filter=frame_filter)
    known = {skill.id for skill in taxonomy.skills} if claims_file else None
    claims = load_claim_set(claims_file, skills=known)
    return build_site(
        data, out_dir or settings.report_dir, min_month_n=settings.min_month_n, claims=claims
    )


@dataclass(frozen=True, slots=True)
class DemoResult:
    index: Path
    database: Path
    postings: int
    extracted: int
    scrape: ScrapeSummary


def demo(
    settings: Settings,
    out_dir: Path,
    *,
    postings: int = 2400,
    progress: Progress | None = None,
) -> DemoResult:
    """Serve the built-in corpus on 127.0.0.1, scrape it with the real scrapers, extract, report."""
    out_dir.mkdir(parents=True, exist_ok=True)
    database = out_dir / "jobtrends.db"
    corpus = generate_corpus(postings=postings)
    # The server is this machine's own; politeness delays meant for real hosts only slow it down.
    http = replace(settings.http, min_delay=0.0, max_retries=1, respect_robots=False)
    with DemoServer(corpus) as server:
        demo_settings = replace(
            settings,
            database=database,
            report_dir=out_dir / "report",
            http=http,
            targets=tuple(server.targets()),
        )
        with Store.open(database) as store:
            summary = scrape(demo_settings, store, command="demo")
    with Store.open(database) as store:
        extracted = extract(demo_settings, store, progress=progress)
        index = report(demo_settings, store)
        total = store.count("postings")
    return DemoResult(index, database, total, extracted, summary)
