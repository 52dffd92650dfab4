"""Career sites whose job pages carry schema.org `JobPosting` JSON-LD."""

from jobtrends.scraper.sources.jsonld.parse import parse_jsonld_page
from jobtrends.scraper.sources.jsonld.source import SOURCE

__all__ = ["SOURCE", "parse_jsonld_page"]
