"""What every command shares: resolved settings, output verbosity, the store, progress bars."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from jobtrends.pipeline.store import Store

if TYPE_CHECKING:
    from jobtrends.pipeline.config import Settings


@dataclass(slots=True)
class AppContext:
    config_file: Path | None
    overrides: dict[str, Any]
    quiet: bool
    _settings: Settings | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            # Deferred for start-up time: the config knows every source, so it loads the
            # scraper; `analyze` and `eval` read no settings.
            from jobtrends.pipeline.config import load_settings

            self._settings = load_settings(self.config_file, overrides=self.overrides)
        return self._settings

    def echo(self, message: str) -> None:
        if not self.quiet:
            click.echo(message)


pass_app = click.make_pass_decorator(AppContext)


def open_store(app: AppContext) -> Store:
    return Store.open(app.settings.database)


@contextmanager
def progress_bar(label: str, total: int, quiet: bool) -> Iterator[Callable[[int], None]]:
    """A progress bar on an interactive terminal; silent when stderr is not a terminal."""
    if quiet or total == 0 or not sys.stderr.isatty():
        yield lambda _step: None
        return
    with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
        yield bar.update
