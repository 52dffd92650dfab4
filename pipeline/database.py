"""Where the database lives: a SQLite file (a `Path`, the embedded default) or a PostgreSQL server
(a `DatabaseUrl`, from a `postgresql://` or `postgres://` URL in `storage.database`).

A `DatabaseUrl` prints without its password (`str(url)`), so a message naming the database never
shows one; `url.url` is the full URL, for the driver only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

SERVER_SCHEMES = ("postgresql://", "postgres://")
_QUERY_PASSWORD = re.compile(r"(?i)(password=)[^&]*")


@dataclass(frozen=True, slots=True)
class DatabaseUrl:
    """A PostgreSQL connection URL; prints with its password replaced by `***`."""

    url: str

    def __str__(self) -> str:
        return redacted(self.url)

    @property
    def password(self) -> str | None:
        return urlsplit(self.url).password


Database = Path | DatabaseUrl
"""A database location: a SQLite file or a PostgreSQL URL."""


def database_location(text: str) -> Database:
    """`storage.database` as a location: a PostgreSQL URL, else a file path."""
    if text.lower().startswith(SERVER_SCHEMES):
        return DatabaseUrl(text)
    return Path(text)


def database_exists(location: Database) -> bool:
    """Whether the database is there: a file that exists; a server database is taken to (opening
    it tells, and says why not)."""
    return isinstance(location, DatabaseUrl) or location.exists()


def redacted(url: str) -> str:
    """`url` without its password (in the user part or a `password=` parameter)."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if parts.password is not None:
        user, _, host = netloc.rpartition("@")
        netloc = f"{user.split(':', 1)[0]}:***@{host}"
    query = _QUERY_PASSWORD.sub(r"\1***", parts.query)
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
