"""What every source module provides, and the target a user configures."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, Self

from pydantic import BaseModel, ConfigDict, ValidationError

from jobtrends.scraper.errors import SourceConfigError
from jobtrends.scraper.records import Listing

if TYPE_CHECKING:
    from jobtrends.scraper._http import PoliteClient


@dataclass(frozen=True, slots=True)
class Target:
    """One configured thing to fetch: a source type, a board on it, and where the API lives.

    `base_url` is the API root; only it differs between the live site and the demo or test server.
    `options` holds source-specific settings as text (e.g. `since` for Hacker News); the source
    reads them through its `options_model`.
    """

    source: str
    board: str
    base_url: str
    options: Mapping[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"{self.source}:{self.board}" if self.board else self.source


class SourceOptions(BaseModel):
    """Base of every source's options model: the keys a `[[sources]]` table may add for it.

    A source declares each option once, as a field of its subclass (`since: Month | None = None`,
    `max_pages: PositiveInt = 50`). The config file is checked against it strictly; a target's
    text options are read through it laxly (`"5"` is 5). Unknown keys are errors.
    """

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    @classmethod
    def read(cls, options: Mapping[str, str], *, source: str) -> Self:
        """A target's text options parsed laxly (`"5"` is 5; a blank value counts as absent);
        `SourceConfigError` naming `source`, the key, what it should be and the value given."""
        given = {key: value for key, value in options.items() if value.strip()}
        try:
            return cls.model_validate(given, strict=False)
        except ValidationError as failure:
            problem = failure.errors(include_url=False)[0]
            key = ".".join(str(part) for part in problem["loc"])
            reason = str(problem["msg"]).removeprefix("Value error, ")
            raise SourceConfigError(
                f"{source}: option {key!r}: {reason}; got {problem['input']!r}"
            ) from None


class Source(Protocol):
    name: str
    default_base_url: str
    needs_board: bool

    @property
    def options_model(self) -> type[SourceOptions]:
        """The options a `[[sources]]` table of this type may set (`SourceOptions`: none)."""
        ...

    async def fetch(self, client: PoliteClient, target: Target) -> Listing: ...
