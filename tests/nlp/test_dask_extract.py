"""Extraction on a real Dask cluster: a scheduler and two worker processes started with the `dask`
command line on 127.0.0.1 for this module, and a `local:2` cluster started by the command.

Without dask installed these tests are skipped, except under CI (the `CI` variable), where the
dev extra installs it and a skip would hide a broken install.
"""

from __future__ import annotations

import json
import sqlite3
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobtrends.pipeline.cli import cli
from jobtrends.pipeline.nlp import DaskError, dask_extract, extract_on_dask, extract_parallel
from jobtrends.pipeline.results import PostingText
from jobtrends.scraper.demo.corpus import generate_corpus
from tests.dask_cluster import dask_or_skip, running_cluster, unreachable_scheduler


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a scheduler with two single-threaded worker processes."""
    with running_cluster(tmp_path_factory) as address:
        yield address


def demo_postings(count: int = 200) -> list[PostingText]:
    """`count` demo postings laid out as `html_to_text` lays them out, a few with tags."""
    postings = []
    for index, posting in enumerate(generate_corpus(5, postings=201, months=4).postings[:count]):
        blocks = []
        for section in posting.sections:
            blocks += [section.heading] if section.heading else []
            blocks += section.paragraphs
            blocks += ["\n".join(f"- {bullet}" for bullet in section.bullets)]
        postings.append(
            PostingText(
                key=f"demo-{index}",
                title=posting.title,
                text="\n\n".join(block for block in blocks if block),
                remote_hint=posting.remote,
                salary_hint=posting.salary_structured,
                company=posting.company,
                location=posting.location,
                tags=("Python", "Kubernetes") if index % 7 == 0 else (),
            )
        )
    return postings


def test_the_cluster_gives_what_one_process_gives_and_builds_once_per_worker(
    scheduler: str,
) -> None:
    import distributed

    from jobtrends.pipeline.nlp.dask_worker import pipeline_builds

    postings = demo_postings()
    # 40 chunks: 8 tasks of CHUNKS_PER_TASK chunks, then the last 8 chunks one a task.
    expected = list(extract_parallel(iter(postings), workers=1, chunk_size=5))
    with distributed.Client(scheduler, set_as_default=False) as client:
        before = client.run(pipeline_builds)
        got = list(extract_on_dask(iter(postings), scheduler, chunk_size=5))
        after = client.run(pipeline_builds)
    assert got == expected
    assert [e.key for e in got] == [p.key for p in postings]
    assert sum(len(e.skills) for e in got) > 200
    new = {
        worker: set(builds.items()) - set(before[worker].items())
        for worker, builds in after.items()
    }
    assert len(new) == 2
    # Sixteen tasks over two workers, yet each worker built one pipeline, for this run's plugin.
    assert all(len(runs) == 1 and next(iter(runs))[1] == 1 for runs in new.values()), new
    assert len({next(iter(runs))[0] for runs in new.values()}) == 1


def test_tasks_hold_several_chunks_until_the_last_few() -> None:
    chunks = [[posting] for posting in demo_postings(20)]
    tasks = list(dask_extract.task_chunks(iter(chunks), 4, 8))
    assert [len(task) for task in tasks] == [4, 4, 4] + [1] * 8
    assert [chunk for task in tasks for chunk in task] == chunks
    assert [len(task) for task in dask_extract.task_chunks(iter(chunks[:11]), 4, 8)] == [1] * 11


def test_a_failing_chunk_names_the_cluster_after_the_chunks_before_it(scheduler: str) -> None:
    postings = demo_postings(60)
    broken = replace(postings[45], text=None)  # type: ignore[arg-type]
    results = extract_on_dask([*postings[:45], broken, *postings[46:]], scheduler, chunk_size=20)
    got = []
    with pytest.raises(DaskError, match=f"cluster at {scheduler} failed: TypeError"):
        for extraction in results:
            got.append(extraction)
    assert [e.key for e in got] == [p.key for p in postings[:40]]


POSTINGS = 40


@pytest.fixture
def imported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[CliRunner, list[str]]:
    """Two databases holding the same imported postings, in the working directory."""
    monkeypatch.chdir(tmp_path)
    for name in ("JOBTRENDS_CONFIG", "JOBTRENDS_DATABASE"):
        monkeypatch.delenv(name, raising=False)
    dataset = tmp_path / "postings.jsonl"
    rows = [{"id": p.key, "title": p.title, "text": p.text} for p in demo_postings(POSTINGS)]
    dataset.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    runner = CliRunner()
    databases = ["plain.db", "dask.db"]
    for database in databases:
        command = ["--database", database, "import", str(dataset), "--source", "demo"]
        result = runner.invoke(cli, [*command, "--map", "external_id=id"])
        assert result.exit_code == 0, result.output
    return runner, databases


def _stored(database: str) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    """Every mention, and every extraction less the time it was made."""
    with sqlite3.connect(database) as connection:
        mentions = connection.execute(
            'SELECT * FROM mentions ORDER BY posting_id, start, "end", skill_id'
        ).fetchall()
        extractions = connection.execute(
            "SELECT posting_id, extractor_version, content_hash, role, role_confidence, "
            "seniority, remote, salary_min, salary_max, salary_currency, salary_period, language "
            "FROM extractions ORDER BY posting_id"
        ).fetchall()
    return mentions, extractions


@pytest.mark.parametrize("where", ["scheduler", "local:2"])
def test_extract_on_dask_stores_what_a_plain_extract_stores(
    imported: tuple[CliRunner, list[str]], scheduler: str, where: str
) -> None:
    runner, (plain, on_dask) = imported
    address = scheduler if where == "scheduler" else where
    result = runner.invoke(cli, ["--database", plain, "extract"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(cli, ["--database", on_dask, "extract", "--dask", address])
    assert result.exit_code == 0, result.output
    assert f"extracted {POSTINGS} postings" in result.output
    mentions, extractions = _stored(plain)
    assert len(mentions) > POSTINGS and len(extractions) == POSTINGS
    assert _stored(on_dask) == (mentions, extractions)


def test_a_bad_address_is_one_clear_error(
    imported: tuple[CliRunner, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    runner, (database, _) = imported
    address, error = unreachable_scheduler(monkeypatch)
    started = time.monotonic()
    result = runner.invoke(cli, ["--database", database, "extract", "--dask", address])
    assert result.exit_code == 1
    assert error in result.output
    assert time.monotonic() - started < 15
    result = runner.invoke(cli, ["--database", database, "extract", "--dask", "nowhere"])
    assert result.exit_code == 1
    assert "give a scheduler's address (tcp://host:port) or local:N" in result.output
    result = runner.invoke(
        cli, ["--database", database, "extract", "--dask", "local:2", "--workers", "2"]
    )
    assert result.exit_code == 2
    assert "--workers and --dask exclude each other" in result.output


def test_without_dask_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` fails
    with pytest.raises(DaskError, match=r"pip install 'jobtrends\[dask\]'"):
        list(extract_on_dask(demo_postings(1), "local:1"))


def test_a_scheduler_without_workers_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    dask_or_skip()
    import distributed

    monkeypatch.setattr(dask_extract, "WORKERS_SECONDS", 0.5)
    with distributed.LocalCluster(
        n_workers=0, processes=True, host="127.0.0.1", dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
    ) as cluster:  # fmt: skip
        address = cluster.scheduler_address
        with pytest.raises(DaskError, match=f"no Dask worker joined the scheduler at {address}"):
            list(extract_on_dask(demo_postings(1), address))


def _malloc_trim_threshold() -> str | None:
    import os

    return os.environ.get("MALLOC_TRIM_THRESHOLD_")


def test_a_local_cluster_keeps_glibc_memory_trimming_as_it_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Dask's nannies would set MALLOC_TRIM_THRESHOLD_ for their workers and in this process,
    for every process it starts later (see KEEP_MALLOC_DEFAULTS)."""
    dask_or_skip()
    import distributed

    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    with (
        dask_extract.local_cluster(1) as cluster,
        distributed.Client(cluster, set_as_default=False) as client,
    ):
        assert list(client.run(_malloc_trim_threshold).values()) == [None]
        assert client.run(lambda: __import__("os").environ["OMP_NUM_THREADS"])  # the rest stays
    assert _malloc_trim_threshold() is None
