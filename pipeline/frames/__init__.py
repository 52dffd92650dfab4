"""The one module where pandas enters: frames of postings, mentions and runs built from the store.

`build_frames` gives every mention row (exports); `build_report_frames` gives what a report reads:
its postings in batches of whole duplicate groups, without the columns no page reads, each with
what their mentions add up to, aggregated by the store (`ReportFrames`), so neither the postings
nor a mention row is held all at once.

Column contracts (reports and exports rely on them):
- postings: posting_id, source, board, company, title, location, country (ISO code or ""), url,
  posted_at, month, first_seen, last_seen, closed_at, role, role_confidence, seniority, remote,
  salary_min, salary_max, salary_currency, salary_period, salary_annual_min, salary_annual_max,
  language, dup_group, attribution, region, city, employment_type (as the source states them, or
  None), remote_from, salary_from, seniority_from, country_from ("source" when the source's
  structured field stated the value, "text" when it was read from the posting's text or location,
  None when neither stated one). The country is the source's stated code when it gives one, else
  the one the location names. Only postings extracted by `extractor_version` appear. A report's
  postings hold `REPORT_CATEGORY_COLUMNS` as categories.
- mentions: posting_id, skill_id, skill_name, category, section, negated, nice_to_have, text, start,
  end. The line a mention stands on is cut only when it is shown: `Frames.lines` maps
  (posting_id, section, start, end) spans to their lines, reading just those postings, so no
  posting text is held once per mention.
- candidates: posting_id, term_key, term, section, start, end, score: one row per posting and
  term candidate ("New tools to watch"; never counted as skills), for the postings kept.
- runs: run_id, started_at, finished_at, source, target, requests, bytes, new, updated, closed,
  unchanged, status, error.
"""

from jobtrends.pipeline.frames._frames import (
    FrameFilter,
    Frames,
    Lines,
    apply_filter,
    build_frames,
    mention_spans,
)
from jobtrends.pipeline.frames._report import (
    REPORT_CATEGORY_COLUMNS,
    Batches,
    ReportFrames,
    build_report_frames,
    demand_frame,
    report_batches,
)

__all__ = [
    "REPORT_CATEGORY_COLUMNS",
    "Batches",
    "FrameFilter",
    "Frames",
    "Lines",
    "ReportFrames",
    "apply_filter",
    "build_frames",
    "build_report_frames",
    "demand_frame",
    "mention_spans",
    "report_batches",
]
