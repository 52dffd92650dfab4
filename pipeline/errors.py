"""The pipeline's exception tree; the CLI maps each to one clear line and a non-zero exit.

PipelineError              an expected failure with a message saying what, where and what to do
├── ConfigError            a config file, key or value is wrong (names the file and the key)
├── StorageError           the database cannot be opened, migrated or written
├── TaxonomyError          a taxonomy file is malformed (names the file and the skill)
└── InputError             an input file for analyze/import is unreadable or mis-shaped
"""

from __future__ import annotations


class PipelineError(Exception):
    """Base class for expected pipeline failures."""


class ConfigError(PipelineError):
    pass


class StorageError(PipelineError):
    pass


class TaxonomyError(PipelineError):
    pass


class InputError(PipelineError):
    pass
