"""The one place SQL lives: postings, versions, extractions, run log, duplicate groups, schedule."""

from jobtrends.pipeline.store.core import SaveCounts, Store, content_hash, iso, utc_now

__all__ = ["SaveCounts", "Store", "content_hash", "iso", "utc_now"]
