"""The worker side of extraction on a Dask cluster: a plugin that builds the pipeline once on
each worker, and the task that extracts chunks with it.

`ExtractionPlugin` travels to every worker of the cluster (and to any that joins later) when the
client registers it; its `setup` builds a `RenewingPipeline` on the taxonomy the client sent, so
the workers need jobtrends installed but not the client's files. `extract_rows` is the task: one
or more chunks of postings as pickled plain tuples in (see `pack`), pickled `to_wire` tuples
out. This module imports `distributed`, so only `dask_extract` (once it knows the extra is
installed) and the workers import it.
"""

from __future__ import annotations

import collections
import dataclasses
import pickle
import threading

from distributed import Worker, WorkerPlugin, get_worker

from jobtrends.pipeline.nlp.build import RULES_VERSION, RenewingPipeline
from jobtrends.pipeline.nlp.pool import to_wire
from jobtrends.pipeline.nlp.runner import extract_batch
from jobtrends.pipeline.nlp.taxonomy import Taxonomy
from jobtrends.pipeline.results import Extraction, PostingText

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


def pack(chunks: list[list[PostingText]]) -> bytes:
    """A task's chunks of postings as one pickled list of lists of plain tuples. The scheduler
    unpickles and pickles again every task it passes on; one `bytes` object costs it a copy,
    where the postings' strings and tuples would cost it as much as the pickling here."""
    rows = [[tuple(getattr(p, name) for name in POSTING_FIELDS) for p in chunk] for chunk in chunks]
    return pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL)


def extract_rows(packed: bytes, batch_size: int, plugin_name: str) -> bytes:
    """The task: extract each packed chunk (one memory zone each, as in one process) with the
    pipeline the worker's plugin built; the results come back as pickled `to_wire` tuples."""
    plugin = get_worker().plugins[plugin_name]
    assert isinstance(plugin, ExtractionPlugin) and plugin.pipeline is not None
    results: list[Extraction] = []
    with plugin.lock:
        for rows in pickle.loads(packed):
            chunk = [PostingText(*row) for row in rows]
            nlp = plugin.pipeline.current()
            results += extract_batch(chunk, nlp, batch_size=batch_size)
    return pickle.dumps(to_wire(results), protocol=pickle.HIGHEST_PROTOCOL)


def pipeline_builds() -> dict[str, int]:
    """How many pipelines this worker process built, by plugin name."""
    return dict(_builds)
