"""Shared fixtures of the demo tests: one corpus and one running server per session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from jobtrends.scraper.demo import DemoCorpus, DemoServer, generate_corpus


@pytest.fixture(scope="session")
def corpus() -> DemoCorpus:
    return generate_corpus()


@pytest.fixture(scope="session")
def server(corpus: DemoCorpus) -> Iterator[DemoServer]:
    with DemoServer(corpus) as running:
        yield running
