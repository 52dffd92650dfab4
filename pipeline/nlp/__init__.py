"""The spaCy pipeline on `spacy.blank("en")` and the extraction that runs it.

Components (tech-token tokenizer, sections, skills, negation) are registered with spaCy when this
package is imported, which `spacy.load` needs before it can load a saved jobtrends pipeline.
Attribute rules (role, seniority, remote, salary, language) are plain functions beside them; the
taxonomy is package data under `taxonomy/`.

Public surface: `build_nlp`, `extract_batch` (one batch, pure), `extract_parallel` (any number of
postings, in worker processes when asked), `extract_on_dask` (the same on a Dask cluster, with
the optional dask extra), `extractor_version`, `load_taxonomy`; the user
taxonomy file (`load_user_taxonomy`, `merged_taxonomy`, `pipeline_taxonomy`, `skills_json`,
`accept_term`, `reject_term`, `snake_case`).
"""

from __future__ import annotations

from jobtrends.pipeline.nlp.build import (
    PIPE_NAMES,
    RULES_VERSION,
    RenewingPipeline,
    build_nlp,
    extractor_version,
    pipeline_taxonomy,
)
from jobtrends.pipeline.nlp.dask_extract import DaskError, extract_on_dask
from jobtrends.pipeline.nlp.pool import ExtractionPool, extract_parallel
from jobtrends.pipeline.nlp.runner import CHUNK_SIZE, chunked, extract_batch
from jobtrends.pipeline.nlp.taxonomy import Skill, Taxonomy, load_taxonomy
from jobtrends.pipeline.nlp.taxonomy.user_edit import accept_term, reject_term, snake_case
from jobtrends.pipeline.nlp.taxonomy.user_file import (
    UserTaxonomy,
    load_user_taxonomy,
    merged_taxonomy,
    skills_json,
)

__all__ = [
    "CHUNK_SIZE",
    "PIPE_NAMES",
    "RULES_VERSION",
    "DaskError",
    "ExtractionPool",
    "RenewingPipeline",
    "Skill",
    "Taxonomy",
    "UserTaxonomy",
    "accept_term",
    "build_nlp",
    "chunked",
    "extract_batch",
    "extract_on_dask",
    "extract_parallel",
    "extractor_version",
    "load_taxonomy",
    "load_user_taxonomy",
    "merged_taxonomy",
    "pipeline_taxonomy",
    "reject_term",
    "skills_json",
    "snake_case",
]
