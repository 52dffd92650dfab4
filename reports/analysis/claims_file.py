"""Read a claims file (TOML) into `Claim` records, naming the file, the claim and the key on error.

The file is a list of `[[claim]]` tables. Every claim has `id`, `statement` and `kind`, an
optional `min_n`, and the keys of its kind (see `KIND_KEYS`):

    [[claim]]
    id = "pytorch-over-tensorflow"
    statement = "PyTorch is asked for more often than TensorFlow in ML engineer postings."
    kind = "share_greater"
    role = "ml_engineer"
    skills = ["pytorch"]
    than = ["tensorflow"]
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from jobtrends.pipeline.errors import InputError
from jobtrends.pipeline.vocab import ROLES
from jobtrends.reports.analysis.claims import KINDS, Claim

COMMON_KEYS = ("id", "statement", "kind", "min_n")
# kind -> (required keys, optional keys)
KIND_KEYS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "share_greater": (("skills", "than"), ("role", "months", "label", "than_label")),
    "share_at_least": (("skills", "share"), ("role", "months", "label")),
    "most_common": (("skill",), ("role", "months")),
    "rising": (("skills",), ("role", "months", "label")),
    "growth_greater": (("role", "than"), ("months",)),
    "fastest_growing_role": (("role",), ("among", "months")),
}
DEFAULT_MONTHS = {"rising": 6, "growth_greater": 12, "fastest_growing_role": 12}
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
MAX_MONTHS = 120

assert set(KIND_KEYS) == set(KINDS)


class _Problem(Exception):
    """One key of one claim is wrong; turned into an InputError naming file, claim and key."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


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
    extra = sorted(set(document) - {"claim"})
    if extra:
        raise InputError(
            f"{source}: unknown top-level key {extra[0]!r}; claims are [[claim]] tables"
        )
    tables = document.get("claim")
    if not isinstance(tables, list) or not tables:
        raise InputError(f"{source}: no claims; write each one as a [[claim]] table")
    claims: list[Claim] = []
    seen: set[str] = set()
    for number, table in enumerate(tables, start=1):
        where = f"claim #{number}"
        if isinstance(table, Mapping) and isinstance(table.get("id"), str):
            where = f"claim {table['id']!r} (#{number})"
        try:
            if not isinstance(table, Mapping):
                raise _Problem("claim", "must be a table")
            claim = _claim(table, skills)
            if claim.id in seen:
                raise _Problem("id", "is used by an earlier claim; ids must be unique")
        except _Problem as problem:
            raise InputError(f"{source}: {where}: key {problem.key!r}: {problem}") from None
        seen.add(claim.id)
        claims.append(claim)
    return claims


def _claim(table: Mapping[str, Any], skills: Collection[str] | None) -> Claim:
    claim_id = _text(table, "id")
    if not _ID.match(claim_id):
        raise _Problem("id", "must be a lowercase slug (letters, digits, '-' and '_')")
    statement = _text(table, "statement")
    kind = _text(table, "kind")
    if kind not in KIND_KEYS:
        raise _Problem("kind", f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    required, optional = KIND_KEYS[kind]
    for key in table:
        if key not in (*COMMON_KEYS, *required, *optional):
            allowed = ", ".join((*COMMON_KEYS, *required, *optional))
            raise _Problem(key, f"not a key of a {kind} claim (allowed: {allowed})")
    for key in required:
        if key not in table:
            raise _Problem(key, f"missing; a {kind} claim needs {', '.join(required)}")
    role_keys = ("role", "than") if kind == "growth_greater" else ("role",)
    roles = {key: _role(table, key) for key in role_keys if key in table}
    among = _roles(table, "among") if "among" in table else ()
    if among and roles["role"] not in among:
        raise _Problem("among", f"must include the claimed role {roles['role']!r}")
    if kind == "growth_greater" and roles["role"] == roles["than"]:
        raise _Problem("than", "must name a different role than 'role'")
    skill_key = "skill" if kind == "most_common" else "skills"
    skill_ids = _skills(table, skill_key, skills) if skill_key in required else ()
    than: tuple[str, ...] = (roles["than"],) if kind == "growth_greater" else ()
    if kind == "share_greater":
        than = _skills(table, "than", skills)
        if set(than) & set(skill_ids):
            raise _Problem("than", "must not repeat a skill of 'skills'")
    return Claim(
        id=claim_id,
        statement=statement,
        kind=kind,
        role=roles.get("role"),
        skills=skill_ids,
        than=than,
        among=among,
        label=_text(table, "label") if "label" in table else None,
        than_label=_text(table, "than_label") if "than_label" in table else None,
        share=_share(table) if "share" in table else None,
        months=_int(table, "months", 1, MAX_MONTHS) if "months" in table else None,
        min_n=_int(table, "min_n", 1, 1_000_000) if "min_n" in table else 30,
    ).with_default_months(DEFAULT_MONTHS.get(kind))


def _text(table: Mapping[str, Any], key: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _Problem(key, "must be a non-empty string")
    return value.strip()


def _int(table: Mapping[str, Any], key: str, low: int, high: int) -> int:
    value = table[key]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _Problem(key, f"must be a whole number from {low} to {high}")
    return value


def _share(table: Mapping[str, Any]) -> float:
    value = table["share"]
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1:
        raise _Problem("share", "must be a number between 0 and 1 (0.5 means half the postings)")
    return float(value)


def _role(table: Mapping[str, Any], key: str) -> str:
    value = _text(table, key)
    if value not in ROLES:
        raise _Problem(key, f"unknown role {value!r}; expected one of {', '.join(ROLES)}")
    return value


def _list(table: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = table[key]
    items = [value] if isinstance(value, str) else value
    if (
        not isinstance(items, list)
        or not items
        or not all(isinstance(v, str) and v.strip() for v in items)
    ):
        raise _Problem(key, "must be a non-empty string or list of non-empty strings")
    return tuple(dict.fromkeys(v.strip() for v in items))


def _roles(table: Mapping[str, Any], key: str) -> tuple[str, ...]:
    values = _list(table, key)
    unknown = [v for v in values if v not in ROLES]
    if unknown:
        raise _Problem(key, f"unknown role {unknown[0]!r}; expected one of {', '.join(ROLES)}")
    return values


def _skills(table: Mapping[str, Any], key: str, known: Collection[str] | None) -> tuple[str, ...]:
    values = _list(table, key)
    if key == "skill" and len(values) != 1:
        raise _Problem(key, "must name exactly one skill id")
    if known is not None:
        unknown = [v for v in values if v not in known]
        if unknown:
            raise _Problem(
                key, f"unknown skill id {unknown[0]!r} (`jobtrends taxonomy` lists the ids)"
            )
    return values
