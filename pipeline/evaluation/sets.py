"""The hand-labeled evaluation set: its JSONL format, loading and validation.

One JSON object per line:

    {"id": "a001", "title": "...", "company": "...", "kind": "ats", "text": "...",
     "role": "llm_engineer", "seniority": "senior", "remote": "hybrid",
     "skills": [{"id": "python", "text": "Python", "occurrence": 1, "negated": false}],
     "notes": "..."}

`kind` is `ats`, `hn`, `aggregator` or `truncated`. Each skill label names a taxonomy id and the
exact words of the mention; `occurrence` says which (1-based, case-sensitive) occurrence of those
words in `text` it is, so every label resolves to one character span. Anything that does not
resolve, an unknown id, a duplicate posting id or a malformed line raises `InputError` naming the
file, the line and the posting.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from jobtrends.pipeline.errors import InputError
from jobtrends.pipeline.nlp.taxonomy import Taxonomy, load_taxonomy
from jobtrends.pipeline.vocab import REMOTES, ROLES, SENIORITIES

KINDS = ("ats", "hn", "aggregator", "truncated")
PACKAGE = "jobtrends.pipeline.evaluation"
_POSTING_FIELDS = {
    "id": str, "title": str, "company": str, "kind": str, "text": str, "role": str,
    "seniority": str, "remote": str, "skills": list, "notes": str,
}  # fmt: skip
_LABEL_FIELDS = {"id": str, "text": str, "occurrence": int, "negated": bool}
_CHOICES = {"kind": KINDS, "role": ROLES, "seniority": SENIORITIES, "remote": REMOTES}


@dataclass(frozen=True, slots=True)
class GoldMention:
    """One labeled skill mention, resolved to the character span `start:end` of the text."""

    skill_id: str
    text: str
    occurrence: int
    negated: bool
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class GoldPosting:
    id: str
    title: str
    company: str
    kind: str
    text: str
    role: str
    seniority: str
    remote: str
    skills: tuple[GoldMention, ...]
    notes: str
    source: str  # the file it came from


def packaged_set_files() -> list[Traversable]:
    """Every `*.jsonl` file shipped in `jobtrends.pipeline.evaluation`, by name."""
    root = resources.files(PACKAGE)
    return sorted((e for e in root.iterdir() if e.name.endswith(".jsonl")), key=lambda e: e.name)


def load_eval_set(
    paths: Sequence[Path | Traversable] | None = None, taxonomy: Taxonomy | None = None
) -> list[GoldPosting]:
    """Load and validate the given files (default: the packaged ones); ids are unique overall."""
    files = list(paths) if paths else packaged_set_files()
    if not files:
        raise InputError(f"no evaluation files found in package {PACKAGE}; pass --set FILE")
    taxonomy = taxonomy if taxonomy is not None else load_taxonomy()
    postings: list[GoldPosting] = []
    seen: dict[str, str] = {}
    for entry in files:
        try:
            content = entry.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"{entry}: cannot read the evaluation file ({exc})") from exc
        for posting in parse_eval_lines(content.splitlines(), str(entry), taxonomy.by_id):
            if posting.id in seen:
                raise InputError(
                    f"{entry}: posting id {posting.id!r} is already used in {seen[posting.id]}"
                )
            seen[posting.id] = str(entry)
            postings.append(posting)
    return postings


def parse_eval_lines(
    lines: Iterable[str], where: str, skills: Mapping[str, object]
) -> list[GoldPosting]:
    """Parse JSONL lines (blank lines skipped); `skills` maps the valid taxonomy ids."""
    postings = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{where}:{number}: not valid JSON ({exc.msg})") from exc
        if not isinstance(record, dict):
            raise InputError(f"{where}:{number}: each line must be a JSON object")
        postings.append(_posting(record, f"{where}:{number}", skills))
    return postings


def _posting(record: dict[str, Any], where: str, skills: Mapping[str, object]) -> GoldPosting:
    posting_id = record.get("id")
    if isinstance(posting_id, str) and posting_id:
        where = f"{where}: posting {posting_id}"
    _check_fields(record, _POSTING_FIELDS, where)
    for name, choices in _CHOICES.items():
        if record[name] not in choices:
            raise InputError(
                f"{where}: unknown {name} {record[name]!r}; expected one of {', '.join(choices)}"
            )
    text: str = record["text"]
    mentions = tuple(
        _mention(label, text, f"{where}: skill label {index}", skills)
        for index, label in enumerate(record["skills"], start=1)
    )
    _check_overlaps(mentions, where)
    return GoldPosting(
        id=record["id"],
        title=record["title"],
        company=record["company"],
        kind=record["kind"],
        text=text,
        role=record["role"],
        seniority=record["seniority"],
        remote=record["remote"],
        skills=tuple(sorted(mentions, key=lambda m: m.start)),
        notes=record["notes"],
        source=where.split(":", 1)[0],
    )


def _mention(label: object, text: str, where: str, skills: Mapping[str, object]) -> GoldMention:
    if not isinstance(label, dict):
        raise InputError(f"{where}: a skill label must be an object")
    _check_fields(label, _LABEL_FIELDS, where)
    if label["id"] not in skills:
        raise InputError(f"{where}: unknown skill id {label['id']!r} (not in the taxonomy)")
    words, occurrence = label["text"], label["occurrence"]
    if not words or occurrence < 1:
        raise InputError(f"{where}: text must be non-empty and occurrence at least 1")
    start = _nth_find(text, words, occurrence)
    if start < 0:
        raise InputError(
            f"{where}: {words!r} occurs fewer than {occurrence} time(s) in the posting text"
        )
    return GoldMention(label["id"], words, occurrence, label["negated"], start, start + len(words))


def _nth_find(text: str, words: str, occurrence: int) -> int:
    at = -1
    for _ in range(occurrence):
        at = text.find(words, at + 1)
        if at < 0:
            return -1
    return at


def _check_fields(record: Mapping[str, Any], fields: Mapping[str, type], where: str) -> None:
    missing = [name for name in fields if name not in record]
    if missing:
        raise InputError(f"{where}: missing field(s) {', '.join(missing)}")
    unknown = sorted(set(record) - set(fields))
    if unknown:
        raise InputError(f"{where}: unknown field(s) {', '.join(unknown)}")
    for name, kind in fields.items():
        value = record[name]
        # bool is a subclass of int: an occurrence of `true` is still a mistake.
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise InputError(f"{where}: field {name!r} must be of type {kind.__name__}")


def _check_overlaps(mentions: Sequence[GoldMention], where: str) -> None:
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    for previous, current in itertools.pairwise(ordered):
        if current.start < previous.end:
            raise InputError(
                f"{where}: skill labels {previous.text!r} (occurrence {previous.occurrence}) and "
                f"{current.text!r} (occurrence {current.occurrence}) overlap"
            )
