"""What every source module provides, and the target a user configures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from jobtrends.scraper.records import Listing

if TYPE_CHECKING:
    from jobtrends.scraper._http import PoliteClient


@dataclass(frozen=True, slots=True)
class Target:
    """One configured thing to fetch: a source type, a board on it, and where the API lives.

    `base_url` is the API root; only it differs between the live site and the demo or test server.
    `options` holds source-specific settings (e.g. `since` for Hacker News).
    """

    source: str
    board: str
    base_url: str
    options: Mapping[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.source}:{self.board}" if self.board else self.source


class Source(Protocol):
    name: str
    default_base_url: str
    needs_board: bool

    async def fetch(self, client: PoliteClient, target: Target) -> Listing: ...
