"""Test-wide guards: every test runs offline; a socket to anything but loopback fails the test."""

from __future__ import annotations

import ipaddress
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from jobtrends.pipeline.database import Database, DatabaseUrl
from tests.postgres_server import PostgresServer, postgres_server

__all__ = ["postgres_server"]  # a fixture for every test

# Property tests draw the same examples on every run, so CI never depends on the luck of a random
# draw; `bench/fuzz.py` (or HYPOTHESIS_PROFILE=explore) runs them with fresh random examples.
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "explore", derandomize=False, database=None, deadline=None, print_blob=True
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

SHARED_FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "real"


class NetworkAccessError(AssertionError):
    """A test tried to reach a host that is not on this machine."""


def _is_loopback(address: Any) -> bool:
    if isinstance(address, tuple) and address:
        host = address[0]
    else:
        return isinstance(address, str | bytes)  # an AF_UNIX path
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_getaddrinfo = socket.getaddrinfo


def _guarded_connect(self: socket.socket, address: Any) -> None:
    if not _is_loopback(address):
        raise NetworkAccessError(f"test tried to connect to {address!r}; tests run offline")
    _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    if not _is_loopback(address):
        raise NetworkAccessError(f"test tried to connect to {address!r}; tests run offline")
    return _real_connect_ex(self, address)


def _guarded_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    name = host.decode() if isinstance(host, bytes) else host
    if name is not None and not _is_loopback((name,)):
        raise NetworkAccessError(f"test tried to resolve {name!r}; tests run offline")
    return _real_getaddrinfo(host, *args, **kwargs)


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect_ex)
    monkeypatch.setattr(socket, "getaddrinfo", _guarded_getaddrinfo)
    yield


@pytest.fixture
def shared_fixtures() -> Path:
    """The real recorded responses in ../shared/fixtures/real; the test is skipped without them."""
    if not SHARED_FIXTURES.is_dir():
        pytest.skip(f"real fixtures not present at {SHARED_FIXTURES}")
    return SHARED_FIXTURES


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Database:
    """A new, empty database location on each backend: a SQLite file, and a schema of its own in
    the test PostgreSQL server (tests/postgres_server.py)."""
    if request.param == "sqlite":
        return tmp_path / "db" / "jobtrends.db"
    server: PostgresServer = request.getfixturevalue("postgres_server")
    return DatabaseUrl(server.new_url())


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """A CLI runner in a fresh folder, with no config or database from the environment."""
    monkeypatch.chdir(tmp_path)
    for name in ("JOBTRENDS_CONFIG", "JOBTRENDS_DATABASE"):
        monkeypatch.delenv(name, raising=False)
    return CliRunner()
