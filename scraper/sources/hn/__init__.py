"""Hacker News "Who is hiring?" threads via the Algolia HN Search API."""

from jobtrends.scraper.sources.hn.source import SOURCE, parse_hn_search, parse_hn_thread

__all__ = ["SOURCE", "parse_hn_search", "parse_hn_thread"]
