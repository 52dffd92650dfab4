"""The one place SQL lives: every read and write of the jobtrends database goes through here.

Other packages import from `jobtrends.pipeline.store` only; they never see a connection, a cursor,
a transaction or SQL. Rows come back typed, and a database failure raises
`jobtrends.pipeline.errors.StorageError` (never the database driver's own exception).

- `Store`: `Store.open(path)` opens and migrates a database (use it with `with`);
  `save_listing` upserts a board's postings in one transaction and closes the missing ones
  (returning `SaveCounts`), `validators`/`last_listed` read what the last listing left, `count`
  counts a table's rows.
- Extraction: `pending_ids` (postings whose content this extractor version has not extracted),
  `load_posting_texts` (their inputs), `save_extractions` (results, replacing older ones).
- Extractor versions: `record_extractor_version` (with the user skills it was made with),
  `recorded_versions`, `has_extractions`; `reusable_texts` and `copy_extractions` carry an
  extraction over to a version that differs only in user skills it cannot be affected by;
  `most_written` (how a candidate term is written most often).
- Duplicates: `assign_duplicate_groups` links one job seen on several sources or reposted.
- Run log: `start_run`, `record_target` (a `TargetRecord`), `finish_run`,
  `abandon_unfinished_runs`; `recent_runs` -> `RunSummary`, `source_health` -> `SourceHealth`.
- Scheduler: `save_schedule_state` / `load_schedule_state` (a `ScheduleRecord`).
- Reports: `extracted_posting_columns` (in `PostingRow` order) and `extracted_mention_columns`
  (`MentionRow` order, names and categories per skill), read in batches as columns that
  `jobtrends.pipeline.frames` turns into DataFrames; `mention_lines` for the lines a page shows;
  what a report counts, aggregated by the database: `demand_columns` (one pair per posting and
  skill asked for, as packed `DemandColumns`), `mention_counts`, `mention_totals` (each skill's
  name and category and the number of mentions, in one pass), and `first_demand_mentions` for
  the mentions a page shows;
  `run_target_results` -> `RunTargetRow`; `candidate_term_columns` (the term candidates of
  each posting, once per term, for "New tools to watch").
- De-duplication: `SeenKeys`, the keys a job met so far (exact, on disk, bounded memory).
- Helpers: `content_hash` (of a posting's content), `iso` (a UTC ISO 8601 stamp), `utc_now`.

- Run lock in a PostgreSQL database: `AdvisoryLock`, `advisory_holder`.

Modules: `core` (Store, postings), `extractions`, `versions`, `term_spelling`, `dedup`, `runlog`,
`schedule_state`, `seen_keys`, `report_queries`, `demand_queries`, `advisory_lock`, `migrations`
(the schema, one for both backends), and the backends: `_sqlite` (the embedded default) and
`_postgres` (a `postgresql://` URL), each holding everything specific to its database
(connection settings, transactions, error translation, schema version, dialect fragments), and
`_backend`, the shape they share. `Store.connection`, `Store.transaction()`, `Store.rows()` and
`Store.row()` are for these modules (and tests) only.
"""

from jobtrends.pipeline.store.advisory_lock import AdvisoryLock, advisory_holder
from jobtrends.pipeline.store.core import SaveCounts, Store, content_hash, iso, utc_now
from jobtrends.pipeline.store.dedup import assign_duplicate_groups
from jobtrends.pipeline.store.demand_queries import (
    DEMAND_FIELDS,
    DEMAND_MENTION_FIELDS,
    DemandColumns,
    demand_columns,
    first_demand_mentions,
    mention_counts,
    mention_totals,
)
from jobtrends.pipeline.store.extractions import load_posting_texts, pending_ids, save_extractions
from jobtrends.pipeline.store.report_queries import (
    GroupRange,
    IdRange,
    MentionRow,
    PostingRow,
    RunTargetRow,
    extracted_id_range,
    extracted_mention_columns,
    extracted_posting_columns,
    extracted_skills,
    group_ranges,
    mention_lines,
    run_target_results,
)
from jobtrends.pipeline.store.runlog import (
    RunSummary,
    SourceHealth,
    TargetRecord,
    abandon_unfinished_runs,
    finish_run,
    recent_runs,
    record_target,
    source_health,
    start_run,
)
from jobtrends.pipeline.store.schedule_state import (
    ScheduleRecord,
    load_schedule_state,
    save_schedule_state,
)
from jobtrends.pipeline.store.seen_keys import SeenKeys
from jobtrends.pipeline.store.term_queries import CANDIDATE_FIELDS, candidate_term_columns
from jobtrends.pipeline.store.term_spelling import most_written
from jobtrends.pipeline.store.versions import (
    copy_extractions,
    has_extractions,
    record_extractor_version,
    recorded_versions,
    reusable_texts,
)

__all__ = [
    "CANDIDATE_FIELDS",
    "DEMAND_FIELDS",
    "DEMAND_MENTION_FIELDS",
    "AdvisoryLock",
    "DemandColumns",
    "GroupRange",
    "IdRange",
    "MentionRow",
    "PostingRow",
    "RunSummary",
    "RunTargetRow",
    "SaveCounts",
    "ScheduleRecord",
    "SeenKeys",
    "SourceHealth",
    "Store",
    "TargetRecord",
    "abandon_unfinished_runs",
    "advisory_holder",
    "assign_duplicate_groups",
    "candidate_term_columns",
    "content_hash",
    "copy_extractions",
    "demand_columns",
    "extracted_id_range",
    "extracted_mention_columns",
    "extracted_posting_columns",
    "extracted_skills",
    "finish_run",
    "first_demand_mentions",
    "group_ranges",
    "has_extractions",
    "iso",
    "load_posting_texts",
    "load_schedule_state",
    "mention_counts",
    "mention_lines",
    "mention_totals",
    "most_written",
    "pending_ids",
    "recent_runs",
    "record_extractor_version",
    "record_target",
    "recorded_versions",
    "reusable_texts",
    "run_target_results",
    "save_extractions",
    "save_schedule_state",
    "source_health",
    "start_run",
    "utc_now",
]
