"""Read a claims file (TOML) into `Claim` records, naming the file, the claim and the key on error.

The file is a list of `[[claim]]` tables. Every claim has `id`, `statement` and `kind`, an
optional `min_n`, and the keys of its kind (the models in `claim_models`):

    [[claim]]
    id = "pytorch-over-tensorflow"
    statement = "PyTorch is asked for more often than TensorFlow in ML engineer postings."
    kind = "share_greater"
    role = "ml_engineer"
    skills = ["pytorch"]
    than = ["tensorflow"]

A mistake raises `InputError` with one line per problem, e.g. ``claims.toml: claim 'rag-rising'
(#4): skills[0]: got "rags", expected a skill id of the taxonomy (...)``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ValidationError

from jobtrends.pipeline.errors import InputError
from jobtrends.pipeline.validation import STRICT, describe, validated
from jobtrends.reports.analysis.claim_models import KIND_MODELS, ClaimKind
from jobtrends.reports.analysis.claims import Claim


def _some_claims(tables: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if not tables:
        raise ValueError("at least one [[claim]] table")
    return tables


class ClaimsDocument(BaseModel):
    """The whole file: `[[claim]]` tables and nothing else."""

    model_config = STRICT

    claim: Annotated[list[dict[str, Any]], AfterValidator(_some_claims)]


def load_claims(path: Path, *, skills: Collection[str] | None = None) -> list[Claim]:
    """The claims in the TOML file at `path`; skill ids are checked against `skills` if given."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the claims file ({exc})") from exc
    return parse_claims(text, str(path), skills=skills)


def parse_claims(text: str, source: str, *, skills: Collection[str] | None = None) -> list[Claim]:
    """Claims from TOML `text`; `source` names the file in error messages."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{source}: not valid TOML ({exc})") from exc
    tables = validated(ClaimsDocument, document, origin=source, error=InputError).claim
    claims: list[Claim] = []
    first: dict[str, str] = {}
    for number, table in enumerate(tables, start=1):
        where = f"{source}: claim #{number}"
        if isinstance(table.get("id"), str):
            where = f"{source}: claim {table['id']!r} (#{number})"
        claim = _claim(table, where, skills)
        if claim.id in first:
            raise InputError(
                f"{where}: id: {claim.id!r} is already the id of {first[claim.id]}; ids must be "
                "unique"
            )
        first[claim.id] = f"claim #{number}"
        claims.append(claim)
    return claims


def _claim(table: dict[str, Any], where: str, skills: Collection[str] | None) -> Claim:
    kind = validated(ClaimKind, table, origin=where, error=InputError).kind
    try:
        model = KIND_MODELS[kind].model_validate(table, context={"skills": skills})
    except ValidationError as failure:
        raise InputError(describe(failure, origin=where)) from None
    return model.claim()
