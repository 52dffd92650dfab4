"""Career sites whose job pages carry schema.org `JobPosting` JSON-LD.

`SOURCE` and `parse_jsonld_page` are imported when first used (for start-up time: the Web Data
Commons import reads `values` alone, without the HTTP client and BeautifulSoup)."""

from typing import TYPE_CHECKING

from jobtrends.scraper._lazy import lazy_attributes

if TYPE_CHECKING:
    from jobtrends.scraper.sources.jsonld.parse import parse_jsonld_page
    from jobtrends.scraper.sources.jsonld.source import SOURCE

_HOMES = {"SOURCE": "source", "parse_jsonld_page": "parse"}


__getattr__ = lazy_attributes(__name__, _HOMES)


__all__ = ["SOURCE", "parse_jsonld_page"]
