"""Your own skills: a TOML file read beside the built-in taxonomy (`taxonomy.user_file`).

The file holds a top-level `rejected = ["term", ...]` (candidate terms never to propose again)
and `[[skill]]` tables with the keys of the built-in files plus `category`, one of the built-in
category ids:

    rejected = ["remote first"]

    [[skill]]
    id = "mojo"
    name = "Mojo"
    category = "programming_languages"
    aliases = ["Mojo lang"]

It is checked with pydantic like the config (each problem names the file and the skill); a user
id or form that a built-in skill already has is an error naming both. A missing file is an empty
user taxonomy. `merged_taxonomy` adds the user skills to the package's; its `content_hash`
covers them (not `rejected`, which only filters the candidates listed for review), so the
extractor version changes exactly when the skills do. `user_edit` writes the file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel

from jobtrends.pipeline.errors import TaxonomyError
from jobtrends.pipeline.nlp.taxonomy import Skill, Taxonomy, load_taxonomy, parse_skill
from jobtrends.pipeline.results import term_key
from jobtrends.pipeline.validation import STRICT, validated

HEADER = """\
# jobtrends user taxonomy: your own skills, read beside the built-in taxonomy.
# `jobtrends taxonomy review --accept TERM --category C` adds or updates a [[skill]] here and
# `jobtrends taxonomy review --reject TERM` adds TERM to `rejected` (it is not proposed again).
# Each [[skill]] has the keys of the built-in taxonomy files plus `category`, one of the built-in
# category ids (`jobtrends taxonomy` lists them). Edit by hand if you like; the review commands
# rewrite everything below this header. Run `jobtrends extract` after a change.
"""


def _non_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("a non-empty string")
    return value


NonBlank = Annotated[str, AfterValidator(_non_blank)]


class UserFileModel(BaseModel):
    """The top level; each `[[skill]]` is checked on its own so its errors can name it."""

    model_config = STRICT
    rejected: list[NonBlank] = []
    skill: list[dict[str, Any]] = []


class UserSkillModel(BaseModel):
    model_config = STRICT
    id: NonBlank
    name: NonBlank
    category: NonBlank
    aliases: list[NonBlank] = []
    ambiguous: list[NonBlank] = []
    context: list[NonBlank] = []
    veto_next: list[NonBlank] = []
    veto_prev: list[NonBlank] = []
    case_sensitive: bool = False


@dataclass(frozen=True, slots=True)
class UserTaxonomy:
    """The user file as read: its skills (checked against `package`), `rejected` terms as
    written, and the comment header to keep when it is rewritten."""

    path: Path | None
    skills: tuple[Skill, ...] = ()
    rejected: tuple[str, ...] = ()
    header: str = HEADER

    @property
    def digest(self) -> str:
        """A digest of the skills (empty without any): what the extractor version adds."""
        if not self.skills:
            return ""
        return hashlib.sha256(skills_json(self.skills).encode()).hexdigest()[:12]

    @property
    def rejected_keys(self) -> frozenset[str]:
        """The `term_key` of every rejected term (the candidates never to show)."""
        return frozenset(term_key(term) for term in self.rejected)

    def rejects(self, term: str) -> bool:
        return term_key(term) in self.rejected_keys


def skills_json(skills: Iterable[Skill]) -> str:
    """The skills as canonical JSON (sorted by id): what a version records and is diffed on."""
    return json.dumps(
        [skill_record(skill) for skill in sorted(skills, key=lambda s: s.id)],
        sort_keys=True,
        ensure_ascii=False,
    )


def skill_record(skill: Skill) -> dict[str, Any]:
    return {
        key: list(value) if isinstance(value, tuple) else value
        for key, value in dataclasses.asdict(skill).items()
    }


def load_user_taxonomy(path: Path | None, package: Taxonomy | None = None) -> UserTaxonomy:
    """The user file at `path` (None or missing: no user skills), checked against `package`
    (default: the package taxonomy)."""
    if path is None or not path.exists():
        return UserTaxonomy(path)
    package = package if package is not None else load_taxonomy()
    try:
        raw = path.read_text(encoding="utf-8")
        data = tomllib.loads(raw)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TaxonomyError(f"{path}: not a readable TOML file ({exc})") from exc
    document = validated(UserFileModel, data, origin=str(path), error=TaxonomyError)
    skills = tuple(
        _user_skill(path, index, entry, package) for index, entry in enumerate(document.skill)
    )
    check_clashes(path, skills, package)
    return UserTaxonomy(path, skills, tuple(document.rejected), _header_of(raw))


def _user_skill(path: Path, index: int, entry: dict[str, Any], package: Taxonomy) -> Skill:
    skill_id = entry.get("id")
    origin = (
        f"{path}: skill {skill_id!r}"
        if isinstance(skill_id, str)
        else f"{path}: skill #{index + 1}"
    )
    model = validated(UserSkillModel, entry, origin=origin, error=TaxonomyError)
    if model.category not in package.categories:
        raise TaxonomyError(
            f"{origin}: category {model.category!r} is not a built-in category; use one of "
            + ", ".join(sorted(package.categories))
        )
    fields = model.model_dump(exclude={"category"}, exclude_defaults=True)
    return parse_skill(str(path), model.category, index, fields)


def check_clashes(path: Path, skills: Sequence[Skill], package: Taxonomy) -> None:
    """A user skill may use no id or form a built-in skill (or another user skill) has, with
    the rules the built-in files follow (see `jobtrends.pipeline.nlp.taxonomy`)."""
    ids = {
        skill.id: f"built-in skill {skill.id!r} ({skill.category}.toml)" for skill in package.skills
    }
    owners = {
        key: f"built-in skill {s.id!r} ({s.category}.toml)"
        for s in package.skills
        for key in _form_keys(s)
    }
    for skill in skills:
        if skill.id in ids:
            raise TaxonomyError(f"{path}: skill {skill.id!r} has the id of {ids[skill.id]}")
        ids[skill.id] = f"user skill {skill.id!r}"
        mine = f"user skill {skill.id!r}"
        for key in _form_keys(skill):
            owner = owners.setdefault(key, mine)
            if owner != mine:
                raise TaxonomyError(
                    f"{path}: skill {skill.id!r} form {key[1]!r} clashes with {owner}"
                )


def _form_keys(skill: Skill) -> list[tuple[str, str]]:
    keys = [("lower", form.lower()) for form in (*skill.safe_forms, *skill.exact_forms)]
    return keys + [("gated", form) for form in skill.ambiguous]


def merged_taxonomy(user: UserTaxonomy, package: Taxonomy | None = None) -> Taxonomy:
    """`package` (default: the package taxonomy) with the user skills added; its content hash is
    the package's when there are none."""
    package = package if package is not None else load_taxonomy()
    if not user.skills:
        return package
    digest = hashlib.sha256(f"{package.content_hash}+user.{user.digest}".encode()).hexdigest()
    return Taxonomy(package.skills + user.skills, package.categories, digest[:16])


def _header_of(raw: str) -> str:
    """The comment lines (and blank lines) the file starts with."""
    lines = []
    for line in raw.splitlines(keepends=True):
        if line.strip() and not line.lstrip().startswith("#"):
            break
        lines.append(line)
    return "".join(lines).rstrip() + "\n" if "".join(lines).strip() else HEADER
