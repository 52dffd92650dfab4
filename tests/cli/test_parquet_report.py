"""`report --from-parquet DIR [--dask ADDRESS]`: the mentions aggregated file by file give what
`ReportData.from_mentions` gives on the whole table, and on a real Dask cluster (a scheduler and
two worker processes started with the `dask` command line, `tests/dask_cluster.py`) the same site
as without it. The Dask tests are skipped without dask (failed under CI)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from jobtrends.pipeline.cli import cli, parquet_dataset
from jobtrends.pipeline.cli.parquet_aggregates import (
    FirstDemandMentions,
    combine,
    mention_files,
    partition_totals,
)
from jobtrends.pipeline.frames import FrameFilter
from jobtrends.pipeline.nlp import extractor_version
from jobtrends.pipeline.store import Store
from jobtrends.reports import ReportData
from tests.dask_cluster import running_cluster, unreachable_scheduler

JOBTRENDS = str(Path(sys.executable).with_name("jobtrends"))
NOW = datetime(2026, 3, 1, tzinfo=UTC)
STAMP = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?( UTC)?")


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small demo's dataset, written 400 postings at a time: several files a month."""
    work = tmp_path_factory.mktemp("parquet")
    command = [JOBTRENDS, "-q", "demo", "--postings", "1400", "--out", "demo"]
    subprocess.run(command, cwd=work, capture_output=True, check=True, timeout=600)
    with pytest.MonkeyPatch.context() as patch, Store.open(work / "demo" / "jobtrends.db") as store:
        patch.setattr(parquet_dataset, "SLICE", 400)
        parquet_dataset.write_dataset(store, work / "pq", extractor_version(), {"c": "C"})
    return work / "pq"


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_cluster(tmp_path_factory) as address:
        yield address


def values(frame: pd.DataFrame) -> list[tuple[object, ...]]:
    """The rows of a frame as plain tuples, whatever dtypes hold them."""
    return list(frame.astype(object).itertuples(index=False, name=None))


@pytest.mark.parametrize(
    "chosen", [FrameFilter(), FrameFilter(since="2025-06", roles=("llm_engineer", "ml_engineer"))]
)
def test_file_by_file_totals_equal_the_totals_of_the_whole_mentions_table(
    dataset: Path, chosen: FrameFilter
) -> None:
    whole = parquet_dataset.read_dataset(dataset, chosen).frames
    expected = ReportData.from_mentions(whole.postings, whole.mentions, whole.runs, {}, NOW)
    postings = parquet_dataset.read_postings(dataset, chosen)
    files = mention_files(dataset, set(postings["month"]))
    assert len(files) > len({path.parent for path in files}) > 1  # months of several files
    totals = combine([partition_totals(path) for path in files], postings["posting_id"])

    pd.testing.assert_frame_equal(totals.demand, expected.demand)
    assert totals.mention_count == expected.mention_count == len(whole.mentions) > 0
    if chosen == FrameFilter():
        assert totals.skills == expected.skills
    else:  # the skills of every file read, as the store gives every skill extracted
        assert expected.skills.items() <= totals.skills.items()

    pairs = [(int(p), str(s)) for p, s in expected.demand[["posting_id", "skill_id"]].to_numpy()]
    negated = whole.mentions[whole.mentions["negated"]].iloc[0]
    asked = [*pairs[::-7], (int(negated["posting_id"]), "no-such-skill"), *pairs[:5]]
    shown = FirstDemandMentions(dataset, postings.set_index("posting_id")["month"])(asked)
    assert values(shown) == values(expected.demand_mentions(asked))
    assert list(shown.columns) == [*expected.demand_mentions([]).columns]
    assert len(shown) == len(asked) - 1 and shown["context"].str.len().min() > 0


def site(folder: Path) -> dict[str, str]:
    """Every page and CSV file of a site, with the report's own time stamps masked."""
    return {
        path.relative_to(folder).as_posix(): STAMP.sub("<time>", path.read_text("utf-8"))
        for path in sorted(folder.rglob("*"))
        if path.suffix in (".html", ".csv", ".js", ".css")
    }


def report(runner: CliRunner, dataset: Path, out: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(cli, ["report", "--from-parquet", str(dataset), "--out", out, *args])
    return result.exit_code, result.output


def test_the_cluster_builds_the_site_built_without_it(
    runner: CliRunner, dataset: Path, scheduler: str
) -> None:
    code, output = report(runner, dataset, "plain")
    assert (code, output.splitlines()[-1]) == (0, str(Path("plain") / "index.html"))
    code, output = report(runner, dataset, "on-dask", "--dask", scheduler)
    assert (code, output.splitlines()[-1]) == (0, str(Path("on-dask") / "index.html"))
    assert site(Path("on-dask")) == site(Path("plain"))


def test_a_file_the_workers_cannot_read_is_named(
    runner: CliRunner, dataset: Path, scheduler: str, tmp_path: Path
) -> None:
    broken = tmp_path / "pq"
    shutil.copytree(dataset, broken)
    damaged = sorted((broken / "mentions").rglob("*.parquet"))[3]
    damaged.write_bytes(damaged.read_bytes()[:200])
    code, output = report(runner, broken, "out", "--dask", scheduler)
    assert code == 1
    assert f"error: {damaged}: aggregating on the Dask cluster at {scheduler}: " in output
    assert "the workers must read the dataset" in output


def test_a_bad_address_is_one_clear_error(
    runner: CliRunner, dataset: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    address, error = unreachable_scheduler(monkeypatch)
    code, output = report(runner, dataset, "out", "--dask", address)
    assert code == 1
    assert error in output


def test_dask_without_a_dataset_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["report", "--dask", "local:2"])
    assert result.exit_code == 2
    assert "--dask needs --from-parquet" in result.output
