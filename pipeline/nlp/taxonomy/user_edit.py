"""Writing the user taxonomy file: `accept_term` adds or updates a `[[skill]]`, `reject_term` adds
to `rejected` (see `user_file` for the format).

The file is written with `tomli_w` (quoting and escaping are a library's job, not string pasting),
below the comment header it had (a new file gets `HEADER`). The new text is checked exactly as
the pipeline will read it before it replaces the file, so a clash never reaches the disk.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import tomli_w

from jobtrends.pipeline.errors import TaxonomyError
from jobtrends.pipeline.nlp.taxonomy import Skill, Taxonomy, load_taxonomy
from jobtrends.pipeline.nlp.taxonomy.user_file import load_user_taxonomy, skill_record
from jobtrends.pipeline.results import term_key


def snake_case(name: str) -> str:
    """A skill id from a name: "LangGraph" -> "langgraph", "Node.js" -> "node_js", "C++" ->
    "c_plus_plus"."""
    text = name.replace("+", " plus ").replace("#", " sharp ")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return "_".join(re.findall(r"[a-z0-9]+", text))


def accept_term(
    path: Path,
    term: str,
    *,
    category: str,
    name: str | None = None,
    aliases: Sequence[str] = (),
    package: Taxonomy | None = None,
) -> Skill:
    """Add the user skill for `term` (or update the one it is a form of, or whose id it would
    get) and write the file; return the skill. The id is the snake_case of the name, the name
    `name` or `term` (an existing skill keeps its id, and its name unless `name` is given), the
    aliases `aliases` plus `term` when it is not the name. A rejected term is no longer rejected."""
    package = package if package is not None else load_taxonomy()
    user = load_user_taxonomy(path, package)
    term = " ".join(term.split())
    if category not in package.categories:
        raise TaxonomyError(
            f"unknown category {category!r}; use one of " + ", ".join(sorted(package.categories))
        )
    entries = [_entry(skill) for skill in user.skills]
    old = _existing(entries, term, name)
    name = " ".join((name or (old["name"] if old else term)).split())
    skill_id = old["id"] if old else snake_case(name)
    if not skill_id:
        raise TaxonomyError(f"cannot make a skill id from {name!r}; give a --name in letters")
    wanted = [a for a in (*aliases, term) if a.strip()]
    if old is not None:
        wanted = [*old.get("aliases", ()), *wanted]
        entries.remove(old)
    entry = {"id": skill_id, "name": name, "category": category}
    exact = bool(old and old.get("case_sensitive"))  # case tells its forms apart

    def folded(form: str) -> str:
        return form if exact else form.lower()

    seen = {folded(name)}
    merged_aliases = []
    for alias in (" ".join(a.split()) for a in wanted):
        if folded(alias) not in seen:
            seen.add(folded(alias))
            merged_aliases.append(alias)
    if merged_aliases:
        entry["aliases"] = merged_aliases
    if old is not None:  # keep what a hand edit added (ambiguous forms, context words...)
        entry = {**old, **entry}
    entries.append(entry)
    rejected = [r for r in user.rejected if term_key(r) != term_key(term)]
    _write(path, user.header, rejected, entries, package)
    return load_user_taxonomy(path, package).skills[-1]


def _existing(entries: list[dict[str, Any]], term: str, name: str | None) -> dict[str, Any] | None:
    """The user skill `term` is a form of, else the one whose id the name would get."""
    key = term_key(term)
    for entry in entries:
        if key in {term_key(form) for form in (entry["name"], *entry.get("aliases", ()))}:
            return entry
    skill_id = snake_case(name or term)
    return next((entry for entry in entries if entry["id"] == skill_id), None)


def reject_term(path: Path, term: str, package: Taxonomy | None = None) -> bool:
    """Remember that `term` is not a skill; False when it was rejected already."""
    package = package if package is not None else load_taxonomy()
    user = load_user_taxonomy(path, package)
    term = " ".join(term.split())
    if user.rejects(term):
        return False
    entries = [_entry(skill) for skill in user.skills]
    _write(path, user.header, [*user.rejected, term], entries, package)
    return True


def _entry(skill: Skill) -> dict[str, Any]:
    """A skill as its `[[skill]]` table: id, name, category first, empty keys left out."""
    record = skill_record(skill)
    entry = {key: record[key] for key in ("id", "name", "category")}
    entry.update((key, value) for key, value in record.items() if key not in entry and value)
    return entry


def _write(
    path: Path,
    header: str,
    rejected: list[str],
    entries: list[dict[str, Any]],
    package: Taxonomy,
) -> None:
    # Each skill is its own `[[skill]]` table (tomli_w would write short ones as one inline
    # array); its values, all strings, booleans and lists of strings, are tomli_w's to write.
    parts = [header.rstrip() + "\n", tomli_w.dumps({"rejected": rejected})]
    parts += ["[[skill]]\n" + tomli_w.dumps(entry) for entry in entries]
    text = "\n".join(parts)
    # Check the new text exactly as the pipeline will read it before replacing the file.
    check = path.with_name(path.name + ".new")
    path.parent.mkdir(parents=True, exist_ok=True)
    check.write_text(text, encoding="utf-8")
    try:
        load_user_taxonomy(check, package)
    except TaxonomyError as exc:
        check.unlink()
        raise TaxonomyError(str(exc).replace(str(check), str(path))) from None
    check.replace(path)
