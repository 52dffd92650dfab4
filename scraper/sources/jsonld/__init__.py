"""Career sites whose job pages carry schema.org `JobPosting` JSON-LD.

`SOURCE` and `parse_jsonld_page` are imported when first used (for start-up time: the Web Data
Commons import reads `values` alone, without the HTTP client and BeautifulSoup)."""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jobtrends.scraper.sources.jsonld.parse import parse_jsonld_page
    from jobtrends.scraper.sources.jsonld.source import SOURCE

_HOMES = {"SOURCE": "source", "parse_jsonld_page": "parse"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


__all__ = ["SOURCE", "parse_jsonld_page"]
