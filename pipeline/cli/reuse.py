"""Carrying extractions over when only the user taxonomy changed (see `orchestration.extract`).

An extractor version is `RULES+taxonomy.<package hash>`, plus `+user.<digest>` when the user
taxonomy file has skills. When the rules and the package taxonomy of the new version are those
of a version used before, a posting whose extraction by that version was made from its current
content extracts the same under the new one unless its text holds a form of a user skill added,
removed or changed between the two (`jobtrends.pipeline.nlp.taxonomy.changes`). Those postings
get their extraction copied in SQL instead of running the pipeline; the rest are extracted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from jobtrends.pipeline.nlp.taxonomy.changes import FormFinder, changed_forms
from jobtrends.pipeline.store import (
    Store,
    copy_extractions,
    has_extractions,
    recorded_versions,
    reusable_texts,
)

USER_PART = "+user."
BATCH = 500  # postings whose text is read and checked at a time


def base_of(version: str) -> str:
    """The rules and package taxonomy part of a version (without `+user.<digest>`)."""
    return version.split(USER_PART, 1)[0]


def previous_version(store: Store, version: str) -> tuple[str, str] | None:
    """The most recently first used other version with the same rules and package taxonomy, and
    the user skills (JSON) it was made with; a version without a user part was made with none,
    so it serves when it was never recorded (a store extracted before versions were recorded)."""
    base = base_of(version)
    for other, user_skills in recorded_versions(store):
        if other != version and base_of(other) == base:
            return other, user_skills
    if version != base and has_extractions(store, base):
        return base, "[]"
    return None


def reuse_unaffected(
    store: Store,
    ids: Sequence[int],
    version: str,
    user_skills: str,
    progress: Callable[[int], None] | None = None,
) -> set[int]:
    """Copy to `version` the previous version's extraction of each of `ids` that the change of
    user skills cannot affect; return the ids copied (the rest still need extracting)."""
    previous = previous_version(store, version)
    if previous is None:
        return set()
    old_version, old_skills = previous
    finder = FormFinder(changed_forms(old_skills, user_skills))
    reused: set[int] = set()
    for offset in range(0, len(ids), BATCH):
        texts = reusable_texts(store, ids[offset : offset + BATCH], old_version)
        keep = [posting_id for posting_id, text in texts if not finder.finds(text)]
        copy_extractions(store, keep, old_version, version)
        reused.update(keep)
        if progress and keep:
            progress(len(keep))
    return reused
