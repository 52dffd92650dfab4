"""The skills taxonomy: one TOML file per category, shipped as package data, read and checked here.

Each `<category>.toml` holds `category`, `label` and a `[[skill]]` list; the file format is the
contract between the taxonomy data and the spaCy pipeline. Every problem raises `TaxonomyError`
naming the file, the skill id and what is wrong.
"""

from __future__ import annotations

import functools
import hashlib
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from jobtrends.pipeline.errors import TaxonomyError

_FILE_KEYS = frozenset({"category", "label", "skill"})
_SKILL_KEYS = frozenset(
    {"id", "name", "aliases", "ambiguous", "context", "veto_next", "veto_prev", "case_sensitive"}
)
_ID = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class Skill:
    """One skill. `aliases` are the other spellings (the name is implicitly one); `ambiguous` forms
    are ordinary words too, matched in exact case and only when a context gate confirms them."""

    id: str
    name: str
    category: str
    aliases: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    context: tuple[str, ...] = ()
    veto_next: tuple[str, ...] = ()
    veto_prev: tuple[str, ...] = ()
    case_sensitive: bool = False

    @property
    def surface_forms(self) -> tuple[str, ...]:
        """The name, the aliases and the ambiguous forms, each once, in that order."""
        return tuple(dict.fromkeys((self.name, *self.aliases, *self.ambiguous)))

    @property
    def safe_forms(self) -> tuple[str, ...]:
        """Forms matched case-insensitively without a gate."""
        if self.case_sensitive:
            return ()
        gated = {form.lower() for form in self.ambiguous}
        return tuple(f for f in self.surface_forms if f.lower() not in gated)

    @property
    def exact_forms(self) -> tuple[str, ...]:
        """Forms matched in exact case without a gate (every form of a case-sensitive skill)."""
        if not self.case_sensitive:
            return ()
        return tuple(f for f in self.surface_forms if f not in self.ambiguous)


@dataclass(frozen=True, slots=True)
class Taxonomy:
    skills: tuple[Skill, ...]
    categories: Mapping[str, str]
    content_hash: str = ""
    by_id: Mapping[str, Skill] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_id", {skill.id: skill for skill in self.skills})


def load_taxonomy(directory: Path | None = None) -> Taxonomy:
    """Load and validate every `*.toml` in `directory` (default: the package's files, cached)."""
    if directory is None:
        return _package_taxonomy()
    if not directory.is_dir():
        raise TaxonomyError(f"{directory}: taxonomy directory not found")
    return _load(sorted(directory.glob("*.toml")), str(directory))


@functools.lru_cache(maxsize=1)
def _package_taxonomy() -> Taxonomy:
    root = resources.files(__name__)
    files = sorted((e for e in root.iterdir() if e.name.endswith(".toml")), key=lambda e: e.name)
    return _load(files, "package jobtrends.pipeline.nlp.taxonomy")


def _load(files: Iterable[Traversable | Path], where: str) -> Taxonomy:
    digest = hashlib.sha256()
    categories: dict[str, str] = {}
    skills: list[Skill] = []
    for entry in files:
        raw = entry.read_bytes()
        digest.update(entry.name.encode() + b"\0" + raw + b"\0")
        label, category_skills = _parse_file(entry.name, raw)
        categories[entry.name.removesuffix(".toml")] = label
        skills.extend(category_skills)
    if not skills:
        raise TaxonomyError(f"{where}: no taxonomy files with skills found")
    _check_unique(skills)
    return Taxonomy(tuple(skills), categories, digest.hexdigest()[:16])


def _parse_file(name: str, raw: bytes) -> tuple[str, list[Skill]]:
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TaxonomyError(f"{name}: not valid TOML ({exc})") from exc
    unknown = sorted(set(data) - _FILE_KEYS)
    if unknown:
        raise TaxonomyError(f"{name}: unknown top-level key(s) {', '.join(unknown)}")
    category = name.removesuffix(".toml")
    if data.get("category") != category:
        raise TaxonomyError(
            f"{name}: category = {data.get('category')!r} does not match the file name {category!r}"
        )
    label = data.get("label")
    if not isinstance(label, str) or not label.strip():
        raise TaxonomyError(f"{name}: missing or empty 'label'")
    entries = data.get("skill", [])
    if not isinstance(entries, list):
        raise TaxonomyError(f"{name}: 'skill' must be an array of tables ([[skill]])")
    return label, [parse_skill(name, category, index, entry) for index, entry in enumerate(entries)]


def parse_skill(name: str, category: str, index: int, entry: Any) -> Skill:
    where = f"{name}: skill #{index + 1}"
    if not isinstance(entry, dict):
        raise TaxonomyError(f"{where}: must be a table")
    skill_id = entry.get("id")
    if not isinstance(skill_id, str) or not _ID.match(skill_id):
        raise TaxonomyError(f"{where}: missing or invalid 'id' {skill_id!r} (snake_case expected)")
    where = f"{name}: skill {skill_id!r}"
    unknown = sorted(set(entry) - _SKILL_KEYS)
    if unknown:
        raise TaxonomyError(f"{where}: unknown key(s) {', '.join(unknown)}")
    display = entry.get("name")
    if not isinstance(display, str) or not display.strip():
        raise TaxonomyError(f"{where}: missing or empty 'name'")
    case_sensitive = entry.get("case_sensitive", False)
    if not isinstance(case_sensitive, bool):
        raise TaxonomyError(f"{where}: 'case_sensitive' must be true or false")
    return Skill(
        id=skill_id,
        name=display.strip(),
        category=category,
        aliases=_strings(entry, "aliases", where),
        ambiguous=_strings(entry, "ambiguous", where),
        context=tuple(s.lower() for s in _strings(entry, "context", where)),
        veto_next=tuple(s.lower() for s in _strings(entry, "veto_next", where)),
        veto_prev=tuple(s.lower() for s in _strings(entry, "veto_prev", where)),
        case_sensitive=case_sensitive,
    )


def _strings(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise TaxonomyError(f"{where}: '{key}' must be a list of non-empty strings")
    return tuple(dict.fromkeys(" ".join(v.split()) for v in value))


def _check_unique(skills: list[Skill]) -> None:
    """Ids are unique and a surface form belongs to one skill. Forms matched without a gate clash
    case-insensitively; a gated (ambiguous) form may share its letters with another skill's form,
    since the context gate decides between them, but not its exact spelling."""
    seen_ids: dict[str, str] = {}
    owners: dict[tuple[str, str], Skill] = {}
    for skill in skills:
        file_name = f"{skill.category}.toml"
        if skill.id in seen_ids:
            raise TaxonomyError(
                f"{file_name}: skill {skill.id!r} duplicates the id already used in "
                f"{seen_ids[skill.id]}"
            )
        seen_ids[skill.id] = file_name
        keys = [("lower", form.lower()) for form in (*skill.safe_forms, *skill.exact_forms)]
        keys += [("gated", form) for form in skill.ambiguous]
        for key in keys:
            owner = owners.setdefault(key, skill)
            if owner is not skill:
                raise TaxonomyError(
                    f"{file_name}: skill {skill.id!r} alias {key[1]!r} clashes with skill "
                    f"{owner.id!r} ({owner.category}.toml)"
                )
