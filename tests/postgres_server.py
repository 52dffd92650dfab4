"""A throwaway PostgreSQL server for the tests that run the store on both backends.

`postgres_server` (session-scoped) starts a cluster of Debian's `postgresql` package on 127.0.0.1
at a free port (data in a temporary folder, fsync off, trust authentication) and stops it at the
end; `new_url()` gives each test a schema of its own in that database. PostgreSQL refuses to run
as root, so as root the server runs as the `postgres` user. Without the binaries (or psycopg) the
tests that need it are skipped, except under CI, where they fail: `make postgres` installs them.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

USER = "jobtrends"


@dataclass
class PostgresServer:
    port: int
    data: Path
    _names: Iterator[int] = field(default_factory=itertools.count)

    @property
    def url(self) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{USER}"

    def new_url(self) -> str:
        """The URL of a new, empty schema (each test gets one; the cluster is thrown away)."""
        import psycopg  # only when a test asks for PostgreSQL: psycopg is optional

        schema = f"test_{next(self._names)}"
        with psycopg.connect(self.url, autocommit=True) as admin:
            admin.execute(f"CREATE SCHEMA {schema}")
        return f"{self.url}?options=-csearch_path%3D{schema}"


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}: CI runs the store tests on PostgreSQL too (`make postgres`)")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _run(command: list[str], as_postgres: bool) -> None:
    if as_postgres:
        command = ["runuser", "-u", "postgres", "--", *command]
    subprocess.run(command, check=True, capture_output=True, timeout=120)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    versions = Path("/usr/lib/postgresql").glob("*/bin/initdb")
    found = sorted(versions, key=lambda initdb: int(initdb.parts[4]))
    if not found:
        _missing("PostgreSQL is not installed (Debian's postgresql package)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _missing("psycopg is not installed (pip install -e '.[dev]')")
    bin_dir = found[-1].parent
    as_postgres = os.geteuid() == 0
    data = Path(tempfile.mkdtemp(prefix="jobtrends-pg-"))
    if as_postgres:
        shutil.chown(data, "postgres", "postgres")
    cluster, port = data / "cluster", _free_port()
    initdb = [str(bin_dir / "initdb"), "-D", str(cluster), "-U", USER, "-A", "trust"]
    _run([*initdb, "--no-sync", "-E", "UTF8", "--locale", "C"], as_postgres)
    settings = f"-p {port} -c listen_addresses=127.0.0.1 -k {data} -c fsync=off"
    settings += " -c synchronous_commit=off -c full_page_writes=off"
    log = data / "server.log"
    pg_ctl = [str(bin_dir / "pg_ctl"), "-D", str(cluster)]
    _run([*pg_ctl, "-o", settings, "-l", str(log), "-w", "start"], as_postgres)
    try:
        createdb = [str(bin_dir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", USER]
        _run([*createdb, USER], as_postgres)
        yield PostgresServer(port, data)
    finally:
        _run([*pg_ctl, "-m", "immediate", "stop"], as_postgres)
        shutil.rmtree(data, ignore_errors=True)
