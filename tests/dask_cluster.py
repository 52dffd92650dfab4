"""A real Dask cluster for the tests: a scheduler and two single-threaded worker processes started
with the `dask` command line on 127.0.0.1 (`running_cluster`, for a module fixture of each test
module that needs one).

Without dask installed the tests that need it are skipped, except under CI (the `CI` variable),
where the dev extra installs it and a skip would hide a broken install.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

DASK = Path(sys.executable).with_name("dask")


def dask_or_skip() -> None:
    if importlib.util.find_spec("distributed") is None or not DASK.exists():
        message = "dask[distributed] is not installed (the dask extra)"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI installs the dev extra, which includes it")
        pytest.skip(message)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def unreachable_scheduler(monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """An address nothing listens on, with the connection timeout cut to a second, and the one
    error line `--dask ADDRESS` gives for it (every command that takes --dask)."""
    dask_or_skip()
    from jobtrends.pipeline.nlp import dask_extract

    monkeypatch.setattr(dask_extract, "CONNECT_SECONDS", 1.0)
    address = f"tcp://127.0.0.1:{free_port()}"
    return address, f"error: Dask cluster at {address}: connecting to the scheduler failed"


@contextlib.contextmanager
def running_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a scheduler with two single-threaded worker processes, for a module
    fixture (`with running_cluster(factory) as address: yield address`)."""
    dask_or_skip()
    import distributed

    address = f"tcp://127.0.0.1:{free_port()}"
    logs = tmp_path_factory.mktemp("dask")
    quiet = ["--no-dashboard", "--host", "127.0.0.1"]
    commands = [
        [str(DASK), "scheduler", "--port", address.rsplit(":", 1)[1], *quiet],
        [str(DASK), "worker", address, "--nworkers", "2", "--nthreads", "1", *quiet],
    ]
    processes = []
    try:
        for command in commands:
            with (logs / f"{command[1]}.log").open("w") as log:
                processes.append(subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT))
        with distributed.Client(address, timeout=30, set_as_default=False) as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for process in reversed(processes):  # the workers first, then the scheduler
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
