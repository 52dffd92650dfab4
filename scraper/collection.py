"""Fetch many source targets at once; one failing target never stops the others.

`collect` runs one asyncio loop with one `PoliteClient` (politeness is per host inside the client;
its circuit breaker and robots.txt cache therefore last exactly one run) and reports each target
as it finishes through `on_outcome`, called synchronously in the loop's thread so the caller can
store it in its own transaction. A `ScraperError` (network failure, bad
payload, misconfigured target) becomes that target's outcome; any other exception is a bug and
propagates, cancelling the rest.

Run-log tallies: every attempt the client puts on the wire for a target (retries, failed
requests, robots.txt) is counted with its bytes on the wire: the outcome's `requests`/`bytes`, and
a listing's own tallies are replaced by them.

Stored validators: `validators(url)` is handed to the client as its `stored_validators` lookup;
a source asks `client.stored_validators(listing_url)` for the validators of its listing URL (the
same key it later writes into `Listing.validators`) and sends them as a conditional request.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx

from jobtrends.scraper._http import PoliteClient, Tally
from jobtrends.scraper.errors import ScraperError, SourceConfigError
from jobtrends.scraper.records import Listing, Validators
from jobtrends.scraper.settings import HttpSettings
from jobtrends.scraper.sources.registry import get_source
from jobtrends.scraper.targets import Target

OutcomeHandler = Callable[["TargetOutcome"], None]


@dataclass
class TargetOutcome:
    """What became of one target: a listing, or the error that stopped it (never both), and
    every request it put on the wire with their bytes."""

    target: Target
    listing: Listing | None
    error: ScraperError | None
    started_at: datetime
    finished_at: datetime
    requests: int = 0
    bytes: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None


def collect(
    targets: Sequence[Target],
    settings: HttpSettings,
    *,
    validators: Callable[[str], Validators | None] = lambda url: None,
    on_outcome: OutcomeHandler,
    transport: httpx.AsyncBaseTransport | None = None,
) -> None:
    """Fetch every target concurrently, calling `on_outcome` as each one finishes.

    Must be called outside a running event loop (it starts its own); async callers use
    `collect_with`.
    """
    asyncio.run(_collect(targets, settings, validators, on_outcome, transport))


async def _collect(
    targets: Sequence[Target],
    settings: HttpSettings,
    validators: Callable[[str], Validators | None],
    on_outcome: OutcomeHandler,
    transport: httpx.AsyncBaseTransport | None,
) -> None:
    async with PoliteClient(settings, transport=transport, stored_validators=validators) as client:
        await collect_with(client, targets, on_outcome)


async def collect_with(
    client: PoliteClient, targets: Sequence[Target], on_outcome: OutcomeHandler
) -> None:
    """`collect` on an open client (for callers already in a loop, or tests that inject time).
    When one target raises (a bug, or `on_outcome` stopping the run), the others are cancelled
    and awaited, so their connections are closed before the client is."""
    tasks = [asyncio.create_task(_run_target(client, target, on_outcome)) for target in targets]
    try:
        await asyncio.gather(*tasks)
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


async def _run_target(client: PoliteClient, target: Target, on_outcome: OutcomeHandler) -> None:
    started_at = datetime.now(UTC)
    with client.tally() as sent:
        try:
            listing = await fetch_target(client, target)
        except ScraperError as error:
            failed = TargetOutcome(target, None, error, started_at, datetime.now(UTC))
            on_outcome(_counted(failed, sent))
            return
    listing.requests, listing.bytes = sent.requests, sent.bytes
    on_outcome(_counted(TargetOutcome(target, listing, None, started_at, datetime.now(UTC)), sent))


def _counted(outcome: TargetOutcome, sent: Tally) -> TargetOutcome:
    outcome.requests, outcome.bytes = sent.requests, sent.bytes
    return outcome


async def fetch_target(client: PoliteClient, target: Target) -> Listing:
    """Look up the target's source, check its board, and fetch it (errors are `ScraperError`s)."""
    source = get_source(target.source)
    if source.needs_board and not target.board.strip():
        raise SourceConfigError(f"{target.label}: the {source.name} source needs a board name")
    return await source.fetch(client, target)
