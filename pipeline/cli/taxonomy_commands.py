"""`jobtrends taxonomy`: list the skills taxonomy; `taxonomy review`: the candidate terms to
review, and accepting one as a skill (into the user taxonomy file) or rejecting it for good."""

from __future__ import annotations

import dataclasses
import json
from typing import TYPE_CHECKING, Any

import click

from jobtrends.pipeline.cli.context import AppContext, open_store, pass_app
from jobtrends.pipeline.database import database_exists
from jobtrends.pipeline.errors import TaxonomyError

if TYPE_CHECKING:
    from jobtrends.pipeline.store import Store
    from jobtrends.reports import WatchList

NEXT_STEP = "run `jobtrends extract` (or `jobtrends run`) to extract with it"


@click.group(invoke_without_command=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option("--category", help="Only skills of this category id.")
@click.pass_context
def taxonomy(ctx: click.Context, fmt: str, category: str | None) -> None:
    """List the skills taxonomy (built-in and your own): id, name, category and aliases.

    `jobtrends taxonomy review` lists the candidate terms to add and accepts or rejects one.
    """
    if ctx.invoked_subcommand is not None:
        return
    app = ctx.find_object(AppContext)
    assert app is not None
    # Deferred for start-up time: the taxonomy lives in the nlp package, which imports spaCy.
    from jobtrends.pipeline.ingest.analyze import taxonomy_json

    every = taxonomy_json(app.settings.user_taxonomy)
    skills = [s for s in every if category is None or s["category"] == category]
    if fmt == "json":
        click.echo(json.dumps(skills, indent=2, ensure_ascii=False))
        return
    for skill in skills:
        aliases = ", ".join(skill["aliases"])
        click.echo(f"{skill['category']:<22} {skill['id']:<28} {skill['name']}  [{aliases}]")
    click.echo(f"{len(skills)} skills", err=True)


@taxonomy.command()
@click.option("--accept", metavar="TERM", help="Add TERM to your taxonomy as a skill.")
@click.option("--category", help="The category of the accepted skill (a built-in category id).")
@click.option("--name", help="The skill's name (default: the term as written most often).")
@click.option("--alias", "aliases", multiple=True, help="Another spelling (repeatable).")
@click.option("--reject", metavar="TERM", help="Never propose TERM again.")
@click.option(
    "--min-postings",
    type=click.IntRange(min=1),
    default=3,
    show_default=True,
    help="List terms named in at least this many AI-role postings.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON.")
@pass_app
def review(
    app: AppContext,
    accept: str | None,
    category: str | None,
    name: str | None,
    aliases: tuple[str, ...],
    reject: str | None,
    min_postings: int,
    as_json: bool,
) -> None:
    """List the candidate terms (not in the taxonomy) with their counts, growth and examples;
    or accept one into your taxonomy file (`taxonomy.user_file`), or reject one.

    \b
    jobtrends taxonomy review --min-postings 5
    jobtrends taxonomy review --accept Mojo --category programming_languages
    jobtrends taxonomy review --reject "Remote First"
    """
    if accept and reject:
        raise click.UsageError("give --accept or --reject, not both")
    if not accept and (category or name or aliases):
        raise click.UsageError("--category, --name and --alias go with --accept")
    if accept:
        _accept(app, accept, category, name, aliases)
    elif reject:
        _reject(app, reject)
    else:
        _list(app, min_postings, as_json)


def _accept(
    app: AppContext, term: str, category: str | None, name: str | None, aliases: tuple[str, ...]
) -> None:
    # Deferred for start-up time: the taxonomy lives in the nlp package, which imports spaCy.
    from jobtrends.pipeline.nlp import accept_term, load_taxonomy

    path = app.settings.user_taxonomy
    if category is None:
        raise TaxonomyError(
            "--accept needs --category, one of " + ", ".join(sorted(load_taxonomy().categories))
        )
    if name is None and database_exists(app.settings.database):
        with open_store(app) as store:
            name = _most_written(app, store, term)
    skill = accept_term(path, term, category=category, name=name, aliases=aliases)
    forms = ", ".join(repr(form) for form in skill.surface_forms)
    click.echo(f"accepted {term!r} as skill {skill.id!r} ({skill.name}, {skill.category}; {forms})")
    click.echo(f"wrote {path}; {NEXT_STEP}")


def _reject(app: AppContext, term: str) -> None:
    # Deferred for start-up time: the taxonomy lives in the nlp package, which imports spaCy.
    from jobtrends.pipeline.nlp import reject_term

    path = app.settings.user_taxonomy
    if reject_term(path, term):
        click.echo(f"rejected {term!r}: it will not be proposed again")
        click.echo(f"wrote {path}")
    else:
        click.echo(f"{term!r} was rejected already ({path})")


def _most_written(app: AppContext, store: Store, term: str) -> str | None:
    """How the term candidates of the version listed write `term` most often."""
    # Deferred for start-up time: the taxonomy lives in the nlp package, which imports spaCy.
    from jobtrends.pipeline.results import term_key
    from jobtrends.pipeline.store import most_written

    version = _listed_version(app, store)
    return most_written(store, version, term_key(term)) if version else None


def _listed_version(app: AppContext, store: Store) -> str | None:
    """The current extractor version, or before `extract` has run under it (a skill was just
    accepted) the previous one with the same rules: the candidates the review lists."""
    # Deferred for start-up time: the taxonomy lives in the nlp package, which imports spaCy.
    from jobtrends.pipeline.cli.reuse import previous_version
    from jobtrends.pipeline.nlp import extractor_version
    from jobtrends.pipeline.store import has_extractions

    version = extractor_version(app.settings.user_taxonomy)
    if has_extractions(store, version):
        return version
    previous = previous_version(store, version)
    return previous[0] if previous else None


def _list(app: AppContext, min_postings: int, as_json: bool) -> None:
    database = app.settings.database
    if not database_exists(database):
        raise TaxonomyError(
            f"no database at {database}: run `jobtrends scrape` (or `import`) and `jobtrends "
            "extract` first; the candidates come from the extracted postings"
        )
    with open_store(app) as store:
        watch = _watch_list(app, store, min_postings)
    if as_json:
        document = {"months": list(watch.months), "terms": [_term_json(t) for t in watch.terms]}
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
        return
    if not watch.terms:
        click.echo(f"no candidate terms in {min_postings} or more AI-role postings")
        return
    for term in watch.terms:
        growth = term.trend
        if term.share_before is not None and term.share_recent is not None:
            q = "" if term.q_value is None else f", q={term.q_value:.3g}"
            growth += f" ({term.share_before:.1%} -> {term.share_recent:.1%}{q})"
        click.echo(
            f"{term.term}  {term.postings} postings, {growth}, first seen {term.first_month}"
        )
        for example in term.examples:
            click.echo(f"    {example.month} {example.company}, {example.title}: {example.line}")
    click.echo(
        f"{len(watch.terms)} terms; accept one with `jobtrends taxonomy review --accept TERM "
        "--category CATEGORY`, or reject it with `--reject TERM`",
        err=True,
    )


def _watch_list(app: AppContext, store: Store, min_postings: int) -> WatchList:
    """The candidates of the listed version, without rejected terms and terms that are
    taxonomy forms now (accepted since that version was extracted)."""
    # Deferred for start-up time: frames and reports load pandas, Plotly and spaCy.
    from jobtrends.pipeline.cli.report_input import report_input
    from jobtrends.pipeline.store import utc_now
    from jobtrends.reports import WatchList, watched_terms

    version = _listed_version(app, store)
    if version is None:
        return WatchList(months=(), terms=())
    data, _ = report_input(app.settings, store, version, utc_now(), hide_taxonomy_forms=True)
    return watched_terms(data, min_postings=min_postings)


def _term_json(term: Any) -> dict[str, Any]:
    document = dataclasses.asdict(term)
    document["monthly"] = list(term.monthly)
    return document
