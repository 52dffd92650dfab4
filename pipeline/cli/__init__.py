"""The command line: the click group, its context, the commands and the runs they orchestrate.

The only layer that imports `jobtrends.reports`; everything below it is a library.
"""

from jobtrends.pipeline.cli.main import cli, main

__all__ = ["cli", "main"]
