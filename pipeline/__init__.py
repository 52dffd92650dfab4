"""Store postings, run the spaCy extraction, and build pandas frames.

Subpackages, lowest first: `store` (the only place SQL lives), `nlp` (the spaCy pipeline, the
attribute rules, the extraction runner and the taxonomy), `ingest` (reading posting files for
`import` and `analyze`), `ops` (lock, schedule, shutdown), `evaluation` (scoring on labeled sets)
and `cli` (the command line and the runs it orchestrates; the only part that imports reports).
Modules: `config` (layered settings), `errors` (the exception tree), `vocab` (role, seniority,
remote and section ids), `results` (extraction records), `frames` (the pandas frames),
`validation` (the one way user-written data is checked), `geo` (countries of locations).
"""

from jobtrends.pipeline.errors import (
    ConfigError,
    InputError,
    PipelineError,
    StorageError,
    TaxonomyError,
)

__all__ = ["ConfigError", "InputError", "PipelineError", "StorageError", "TaxonomyError"]
