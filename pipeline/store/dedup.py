"""Duplicate postings: one job seen on several sources, or reposted, linked into one group.

Two postings of the same normalized company are duplicates when
- their normalized title and location are equal and they are dated within `WINDOW` of the first
  posting of their run of copies (an ATS job copied to an aggregator, or a repost), or
- they come from different sources, are dated within `WINDOW` of each other, their titles name the
  same seniority words (a template shared by a Senior and a Staff opening is two jobs) and their
  description texts are near-duplicates (word 5-gram shingle Jaccard >= `TEXT_SIMILARITY`).
A posting is dated by `posted_at`, else `first_seen`. Groups are the connected components;
`postings.dup_group` is the smallest posting id of a group of two or more and NULL for a posting
on its own (`extracted_posting_columns` reads NULL as the posting's own id), so reports count
each job once.

The work is done per company block, read one after another in the order of `company_key` (each
posting's normalized company, filled in by the pass), so memory holds one block, not the store.
`dedup_blocks` keeps a signature of what each block looked like (ids, sources, content hashes,
dates); a block that has not changed since is skipped without reading its texts, so a rerun with
nothing new writes nothing.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from jobtrends.pipeline.store.core import Store
from jobtrends.pipeline.store.report_queries import row_batches

WINDOW = timedelta(days=60)
TEXT_SIMILARITY = 0.85
SHINGLE_WORDS = 5
MIN_TEXT_WORDS = 25  # shorter texts are too generic to prove two postings are one job
TEXT_CHUNK = 500  # ids per query, well under SQLite's limit on bound parameters
KEY_BATCH = 1_000  # postings given their company key per transaction
BLOCK_BATCH = 1_000  # rows read at a time while blocks are formed
_UNKEYED = "SELECT id, company FROM postings WHERE company_key IS NULL ORDER BY id LIMIT ?"
_BLOCK_ROWS = (
    "SELECT company_key, id, source, title, location, posted_at, first_seen, content_hash, "
    "dup_group FROM postings WHERE company_key IS NOT NULL ORDER BY company_key, id"
)

COMPANY_SUFFIXES = frozenset(
    {"inc", "incorporated", "ltd", "limited", "llc", "gmbh", "corp", "corporation", "co", "plc"}
    | {"pbc", "sa", "sas", "ag", "bv", "ai", "labs", "lab"}
)
_WORD = re.compile(r"[^\W_]+")
_TITLE_WORDS = {"sr": "senior", "jr": "junior"}
SENIORITY_WORDS = frozenset(
    {"intern", "junior", "associate", "mid", "senior", "staff", "principal", "distinguished"}
    | {"lead", "head", "director", "manager", "ii", "iii", "iv", "vp", "chief", "fellow"}
)


def normalize_company(name: str) -> str:
    """Lowercase words without punctuation or trailing legal-form/AI/Labs suffixes, joined:
    "Acme AI, Inc." -> "acme", "Hugging Face" -> "huggingface". A name made only of suffixes
    keeps them ("AI Labs" -> "ailabs")."""
    words = _WORD.findall(name.lower())
    core = list(words)
    while core and core[-1] in COMPANY_SUFFIXES:
        core.pop()
    return "".join(core or words)


def normalize_title(title: str) -> str:
    """Lowercase words without punctuation; seniority words kept ("Sr." -> "senior")."""
    return " ".join(_TITLE_WORDS.get(word, word) for word in _WORD.findall(title.lower()))


def normalize_location(location: str) -> str:
    return " ".join(_WORD.findall(location.lower()))


def shingles(text: str) -> frozenset[int]:
    """Hashed word 5-grams of `text` (empty when it has fewer than `MIN_TEXT_WORDS` words)."""
    words = _WORD.findall(text.lower())
    if len(words) < MIN_TEXT_WORDS:
        return frozenset()
    grams = zip(*(words[start:] for start in range(SHINGLE_WORDS)), strict=False)
    return frozenset(hash(gram) for gram in grams)


def jaccard(first: frozenset[int], second: frozenset[int]) -> float:
    if not first or not second:
        return 0.0
    return len(first & second) / len(first | second)


@dataclass(frozen=True, slots=True)
class _Posting:
    id: int
    source: str
    title_key: str
    location_key: str
    levels: frozenset[str]
    dated: datetime
    fingerprint: str  # what the block signature covers
    dup_group: int | None  # as stored now


def assign_duplicate_groups(store: Store) -> int:
    """Recompute `postings.dup_group` for every company block that changed since the last call;
    return how many postings' group changed. The store is read one block after another
    (`_blocks`): memory holds the largest block, not every posting."""
    _fill_company_keys(store)
    known = {
        row["company_key"]: row["signature"]
        for row in store.rows("SELECT company_key, signature FROM dedup_blocks")
    }
    group_updates: list[tuple[int | None, int]] = []
    signatures: list[tuple[str, str]] = []
    present: set[str] = set()
    for key, signature, members in _blocks(store):
        present.add(key)
        if known.get(key) == signature:
            continue
        # Postings with no company name are never linked: nothing says they are one employer.
        groups = _groups(store, members) if key else {member.id: None for member in members}
        group_updates.extend(
            (groups[member.id], member.id)
            for member in members
            if member.dup_group != groups[member.id]
        )
        signatures.append((key, signature))
    gone = [(key,) for key in known if key not in present]
    if group_updates or signatures or gone:
        with store.transaction() as write:
            write.executemany("UPDATE postings SET dup_group = ? WHERE id = ?", group_updates)
            write.executemany(
                "INSERT INTO dedup_blocks (company_key, signature) VALUES (?, ?) "
                "ON CONFLICT (company_key) DO UPDATE SET signature = excluded.signature",
                signatures,
            )
            write.executemany("DELETE FROM dedup_blocks WHERE company_key = ?", gone)
    return len(group_updates)


def _fill_company_keys(store: Store) -> None:
    """Give every posting saved or updated since the last pass its `company_key`, KEY_BATCH
    postings per transaction."""
    while rows := store.rows(_UNKEYED, (KEY_BATCH,)):
        keyed = [(normalize_company(row["company"]), row["id"]) for row in rows]
        with store.transaction() as write:
            write.executemany("UPDATE postings SET company_key = ? WHERE id = ?", keyed)


def _blocks(store: Store) -> Iterator[tuple[str, str, list[_Posting]]]:
    """Each company block's key, signature and members (by id), read in batches of
    BLOCK_BATCH rows. The block of postings without a company lists only those still in a
    group (to be taken out of it): it can hold a large share of the store."""
    key: str | None = None
    digest = hashlib.sha256()
    members: list[_Posting] = []
    for batch in row_batches(store, _BLOCK_ROWS, (), BLOCK_BATCH):
        for row in batch:
            if row[0] != key:
                if key is not None:
                    yield key, _signature(digest), members
                key, digest, members = row[0], hashlib.sha256(), []
            posting = _posting(row)
            digest.update(posting.fingerprint.encode() + b"\n")
            if key or posting.dup_group is not None:
                members.append(posting)
    if key is not None:
        yield key, _signature(digest), members


def _posting(row: Sequence[Any]) -> _Posting:
    """A `_BLOCK_ROWS` row as a block member."""
    _, posting_id, source, title, location, posted_at, first_seen, content_hash, dup_group = row
    dated = datetime.fromisoformat(posted_at or first_seen)
    title_key = normalize_title(title)
    return _Posting(
        posting_id,
        source,
        title_key,
        normalize_location(location),
        SENIORITY_WORDS.intersection(title_key.split()),
        dated,
        f"{posting_id}:{source}:{content_hash}:{dated.isoformat()}",
        dup_group,
    )


def _signature(digest: Any) -> str:
    """What a block looked like (its members' fingerprints in id order), as stored in
    `dedup_blocks`."""
    return str(digest.hexdigest()[:32])


def _groups(store: Store, members: Sequence[_Posting]) -> dict[int, int | None]:
    """Each member's group id (None when alone)."""
    links = _UnionFind(member.id for member in members)
    by_key: dict[tuple[str, str], list[_Posting]] = defaultdict(list)
    for member in members:
        by_key[(member.title_key, member.location_key)].append(member)
    for copies in by_key.values():
        for first, second in _within_window_of_anchor(copies):
            links.union(first, second)
    if len({member.source for member in members}) > 1:
        for first, second in _near_duplicate_texts(store, members):
            links.union(first, second)
    sizes: dict[int, int] = defaultdict(int)
    for member in members:
        sizes[links.find(member.id)] += 1
    return {
        member.id: links.find(member.id) if sizes[links.find(member.id)] > 1 else None
        for member in members
    }


def _within_window_of_anchor(copies: Sequence[_Posting]) -> Iterable[tuple[int, int]]:
    """Pairs linking each copy to the earliest copy of its run; a copy dated more than `WINDOW`
    after that anchor starts a new run, so a job reposted for years is not one job."""
    anchor: _Posting | None = None
    for copy in sorted(copies, key=lambda posting: (posting.dated, posting.id)):
        if anchor is None or copy.dated - anchor.dated > WINDOW:
            anchor = copy
            continue
        yield anchor.id, copy.id


def _near_duplicate_texts(store: Store, members: Sequence[_Posting]) -> Iterable[tuple[int, int]]:
    texts = _shingled_texts(store, [member.id for member in members])
    for first, second in _candidate_pairs(members, texts):
        if first.source == second.source or first.levels != second.levels:
            continue
        if abs(first.dated - second.dated) > WINDOW:
            continue
        a, b = texts[first.id], texts[second.id]
        # Jaccard >= t needs the smaller set to hold at least t of the larger: a cheap filter.
        comparable = min(len(a), len(b)) >= TEXT_SIMILARITY * max(len(a), len(b))
        if comparable and jaccard(a, b) >= TEXT_SIMILARITY:
            yield first.id, second.id


def _candidate_pairs(
    members: Sequence[_Posting], texts: dict[int, frozenset[int]]
) -> Iterator[tuple[_Posting, _Posting]]:
    """Every pair of members whose texts can be TEXT_SIMILARITY alike, found by prefix
    filtering instead of comparing each pair of a block (a block of 4,000 postings took 10 s,
    and the time grew with its square). With the shingles ordered rarest first, two sets of
    Jaccard >= t share a shingle among the first |x| - ceil(t |x|) + 1 of each."""
    frequency = Counter(shingle for member in members for shingle in texts[member.id])
    holders: dict[int, list[int]] = defaultdict(list)
    candidates: set[tuple[int, int]] = set()
    for position, member in enumerate(members):
        shingled = texts[member.id]
        # Never fewer shared shingles than this (rounded down against float error: safe).
        overlap = math.ceil(TEXT_SIMILARITY * len(shingled) - 1e-9)
        for shingle in sorted(shingled, key=lambda s: (frequency[s], s))[
            : len(shingled) - overlap + 1
        ]:
            candidates.update((earlier, position) for earlier in holders[shingle])
            holders[shingle].append(position)
    for earlier, later in sorted(candidates):
        yield members[earlier], members[later]


def _shingled_texts(store: Store, ids: Sequence[int]) -> dict[int, frozenset[int]]:
    texts: dict[int, frozenset[int]] = {}
    for start in range(0, len(ids), TEXT_CHUNK):
        chunk = ids[start : start + TEXT_CHUNK]
        marks = ",".join("?" * len(chunk))
        rows = store.rows(
            f"SELECT id, description_text FROM postings WHERE id IN ({marks})", tuple(chunk)
        )
        texts.update((row["id"], shingles(row["description_text"])) for row in rows)
    return texts


class _UnionFind:
    """Connected components whose representative is the smallest id."""

    def __init__(self, ids: Iterable[int]) -> None:
        self._parent = {posting_id: posting_id for posting_id in ids}

    def find(self, posting_id: int) -> int:
        root = posting_id
        while self._parent[root] != root:
            root = self._parent[root]
        while self._parent[posting_id] != root:
            self._parent[posting_id], posting_id = root, self._parent[posting_id]
        return root

    def union(self, first: int, second: int) -> None:
        a, b = self.find(first), self.find(second)
        if a != b:
            self._parent[max(a, b)] = min(a, b)
