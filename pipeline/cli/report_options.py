"""The options `report` and `run` share: which postings a report covers, where it goes, which
claims it checks; and the `FrameFilter` they make."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from jobtrends.pipeline.frames import FrameFilter


def filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--since", metavar="YYYY-MM", help="First month to include."),
        click.option("--until", metavar="YYYY-MM", help="Last month to include."),
        click.option("--source", "sources", multiple=True, help="Only this source (repeatable)."),
        click.option("--role", "roles", multiple=True, help="Only this role id (repeatable)."),
        click.option(
            "--remote", "remote", multiple=True, help="remote, hybrid, onsite or unknown."
        ),
        click.option(
            "--country",
            "countries",
            multiple=True,
            metavar="CODE",
            help="Only postings located in this country (ISO code such as US, DE; repeatable).",
        ),
        click.option(
            "--out", type=click.Path(path_type=Path), help="Output folder (default report.output)."
        ),
        click.option(
            "--claims",
            "claims_file",
            type=click.Path(path_type=Path, dir_okay=False),
            help="TOML claims file for the claims check (default: the built-in claims).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def frame_filter(options: dict[str, Any]) -> FrameFilter:
    # Deferred for start-up time: frames needs pandas, which `analyze` and `status` do not.
    from jobtrends.pipeline.frames import FrameFilter

    return FrameFilter(
        since=options.get("since"),
        until=options.get("until"),
        sources=tuple(options.get("sources") or ()),
        roles=tuple(options.get("roles") or ()),
        remote=tuple(options.get("remote") or ()),
        countries=tuple(options.get("countries") or ()),
    )
