"""The worker side of extraction on a Dask cluster: a plugin that builds the pipeline once on
each worker, and the task that extracts one chunk with it.

`ExtractionPlugin` travels to every worker of the cluster (and to any that joins later) when the
client registers it; its `setup` builds a `RenewingPipeline` on the taxonomy the client sent, so
the workers need jobtrends installed but not the client's files. `extract_rows` is the task: a
chunk of postings as plain tuples in, `to_wire` tuples out, as in the process pool. This module
imports `distributed`, so only `dask_extract` (once it knows the extra is installed) and the
workers import it.
"""

from __future__ import annotations

import collections
import dataclasses
import threading
from typing import Any

from distributed import Worker, WorkerPlugin, get_worker

from jobtrends.pipeline.nlp.build import RULES_VERSION, RenewingPipeline
from jobtrends.pipeline.nlp.pool import Wire, to_wire
from jobtrends.pipeline.nlp.runner import extract_batch
from jobtrends.pipeline.nlp.taxonomy import Taxonomy
from jobtrends.pipeline.results import PostingText

POSTING_FIELDS = tuple(f.name for f in dataclasses.fields(PostingText))
# Pipelines this worker process has built, by plugin name (one name per extraction run): the
# tests read it with `client.run(pipeline_builds)` to see that each worker built once.
_builds: collections.Counter[str] = collections.Counter()


class ExtractionPlugin(WorkerPlugin):
    """Builds the extraction pipeline when a worker sets the plugin up; frees it on teardown."""

    def __init__(self, name: str, taxonomy: Taxonomy, rules_version: str = RULES_VERSION):
        self.name = name
        self.taxonomy = taxonomy
        self.rules_version = rules_version
        self.pipeline: RenewingPipeline | None = None  # built by `setup`, on the worker

    def setup(self, worker: Worker) -> None:
        if self.rules_version != RULES_VERSION:
            raise RuntimeError(
                f"worker {worker.address} runs jobtrends rules version {RULES_VERSION}, the "
                f"client {self.rules_version}: install the same jobtrends on both"
            )
        # A worker with several threads runs tasks at once; spaCy's memory zones are not made
        # for that, so its tasks take turns on the one pipeline (run workers with --nthreads 1).
        self.lock = threading.Lock()
        self.pipeline = RenewingPipeline(taxonomy=self.taxonomy)
        _builds[self.name] += 1

    def teardown(self, worker: Worker) -> None:
        self.pipeline = None


def posting_rows(postings: list[PostingText]) -> list[tuple[Any, ...]]:
    return [tuple(getattr(p, name) for name in POSTING_FIELDS) for p in postings]


def extract_rows(rows: list[tuple[Any, ...]], batch_size: int, plugin_name: str) -> list[Wire]:
    """The task: extract one chunk with the pipeline the worker's plugin built."""
    plugin = get_worker().plugins[plugin_name]
    assert isinstance(plugin, ExtractionPlugin) and plugin.pipeline is not None
    chunk = [PostingText(*row) for row in rows]
    with plugin.lock:
        nlp = plugin.pipeline.current()
        return to_wire(extract_batch(chunk, nlp, batch_size=batch_size))


def pipeline_builds() -> dict[str, int]:
    """How many pipelines this worker process built, by plugin name."""
    return dict(_builds)
