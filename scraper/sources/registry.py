"""Every source jobtrends can fetch, by the name a target's `source` field uses.

Adding a source is one module under `jobtrends.scraper.sources` plus one line here (and its
fixtures under `tests/fixtures/<name>/`, which a contract test checks). Its `options_model` and
`needs_board` are all the configuration needs to check its `[[sources]]` tables.
"""

from __future__ import annotations

from jobtrends.scraper.errors import SourceConfigError
from jobtrends.scraper.sources import (
    arbeitnow,
    ashby,
    greenhouse,
    himalayas,
    hn,
    jsonld,
    lever,
    remoteok,
    remotive,
    smartrecruiters,
    workable,
)
from jobtrends.scraper.targets import Source

SOURCES: dict[str, Source] = {
    greenhouse.SOURCE.name: greenhouse.SOURCE,
    lever.SOURCE.name: lever.SOURCE,
    ashby.SOURCE.name: ashby.SOURCE,
    hn.SOURCE.name: hn.SOURCE,
    himalayas.SOURCE.name: himalayas.SOURCE,
    remotive.SOURCE.name: remotive.SOURCE,
    remoteok.SOURCE.name: remoteok.SOURCE,
    smartrecruiters.SOURCE.name: smartrecruiters.SOURCE,
    workable.SOURCE.name: workable.SOURCE,
    jsonld.SOURCE.name: jsonld.SOURCE,
    arbeitnow.SOURCE.name: arbeitnow.SOURCE,
}


def get_source(name: str) -> Source:
    """The registered source called `name`; `SourceConfigError` listing the known ones if none."""
    try:
        return SOURCES[name]
    except KeyError:
        known = ", ".join(sorted(SOURCES))
        raise SourceConfigError(f"unknown source type {name!r}; known types: {known}") from None
