"""Render the demo's Hacker News "Who is hiring?" threads as the Algolia HN Search API does.

Each month the `whoishiring` account posts three stories: "Ask HN: Who is hiring?", "Ask HN: Who
wants to be hired?" and "Freelancer? Seeking freelancer?". Only top-level comments of the first
are job posts; the thread also holds a few deleted comments (author and text null) and replies
under posts. `search_by_date` lists the stories newest first; `items/{id}` returns a nested tree.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from random import Random
from typing import Any

from jobtrends.scraper.demo.markup import render_hn
from jobtrends.scraper.demo.model import DemoCorpus, DemoPosting, HnThread

Json = dict[str, Any]

HIRING_TEXT = (
    "Share a job opening at your company. Say where the job is and add REMOTE if people can work remotely, REMOTE (US) or similar if only some countries qualify, and ONSITE if they cannot.",  # noqa: E501
    "Only the hiring company may post: no agencies, recruiters or job boards, and one post per company. If few people know your company, say what it does.",  # noqa: E501
    "Post only if you are hiring now and will answer the people who apply. Commenters: please keep replies on topic. Readers: email only about jobs you personally want.",  # noqa: E501
)
WANTS_TEXT = (
    "Share where you are and what you do, in this format:",
    "Location:\nRemote:\nWilling to relocate:\nTechnologies:\nRésumé/CV:\nEmail:",
    "Please post only if you are looking for work yourself. Readers: if you reach out, be kind.",
)
FREELANCER_TEXT = (
    "Looking for freelance work, or for a freelancer? Start with SEEKING WORK or SEEKING FREELANCER, say where you are and whether remote work is fine.",  # noqa: E501
)
QUESTIONS = (
    (
        "Is this open to candidates outside the US?",
        "Yes, we can hire in most countries through an employer of record.",
    ),
    ("Do you sponsor visas for this role?", "Not at the moment, sorry."),
    (
        "Is the salary range the same for every location?",
        "The range is for our main office; it is adjusted a little elsewhere.",
    ),
    (
        "What does the interview process look like?",
        "Two technical conversations and a short take-home, about two weeks in total.",
    ),
    ("Applied last week. Is the role still open?", "It is! We reply to everyone within two weeks."),
)
SEEKER_SKILLS = (
    "Python, PyTorch, AWS",
    "TypeScript, React, Node.js",
    "Go, Kubernetes, Terraform",
    "SQL, dbt, Airflow",
    "Rust, C++",
)
_HANDLE_A = ("quiet", "amber", "north", "tiny", "brisk", "mellow", "salty", "late", "odd", "plain")
_HANDLE_B = ("fox", "owl", "otter", "heron", "kite", "moth", "newt", "lark", "vole", "pike")
_NUMERIC = re.compile(r"^(created_at_i|points|num_comments)(<=|>=|<|>|=)(\d+)$")


@dataclass(frozen=True, slots=True)
class HnPayloads:
    hits: list[Json]  # every story, newest first
    items: dict[int, Json]  # story and comment trees by id


def _times(at: datetime) -> Json:
    return {
        "created_at": at.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
        "created_at_i": int(at.timestamp()),
    }


def _handle(rng: Random) -> str:
    digits = str(rng.randint(1, 999)) if rng.random() < 0.5 else ""
    return f"{rng.choice(_HANDLE_A)}{rng.choice(_HANDLE_B)}{digits}"


def _comment(
    item_id: int, at: datetime, author: str | None, text: str | None, parent: int, story: int
) -> Json:
    return {
        "id": item_id,
        **_times(at),
        "type": "comment",
        "author": author,
        "title": None,
        "url": None,
        "text": text,
        "points": None,
        "parent_id": parent,
        "story_id": story,
        "options": [],
        "children": [],
    }


def _story(story_id: int, at: datetime, title: str, text: str, children: list[Json]) -> Json:
    return {
        "id": story_id,
        **_times(at),
        "type": "story",
        "author": "whoishiring",
        "title": title,
        "url": None,
        "text": text,
        "points": None,
        "parent_id": None,
        "story_id": story_id,
        "options": [],
        "children": children,
    }


def _hiring_children(thread: HnThread, posts: list[DemoPosting], rng: Random) -> list[Json]:
    children = []
    for post in posts:
        pid, at = int(post.external_id), post.posted_at
        author = f"{post.company.split()[0].lower()}_jobs" if rng.random() < 0.4 else _handle(rng)
        node = _comment(pid, at, author, post.html, thread.story_id, thread.story_id)
        if rng.random() < 0.1:
            question, answer = rng.choice(QUESTIONS)
            asked = at + timedelta(minutes=rng.randint(5, 600))
            reply = _comment(
                pid + 1, asked, _handle(rng), render_hn((question,)), pid, thread.story_id
            )
            if rng.random() < 0.6:
                answered = asked + timedelta(minutes=rng.randint(10, 300))
                reply["children"] = [
                    _comment(
                        pid + 2, answered, author, render_hn((answer,)), pid + 1, thread.story_id
                    )
                ]
            node["children"] = [reply]
        children.append(node)
        if rng.random() < 0.06:  # a deleted top-level comment
            gone = at + timedelta(seconds=rng.randint(5, 50))
            children.append(_comment(pid + 3, gone, None, None, thread.story_id, thread.story_id))
    return children


def _side_children(story_id: int, posts: list[DemoPosting], offset: int, rng: Random) -> list[Json]:
    """Comments of the "wants to be hired" (offset 4) and "freelancer" (offset 5) stories."""
    out = []
    for post in posts[: rng.randint(3, 6)]:
        at = post.posted_at + timedelta(seconds=rng.randint(1, 40))
        handle = _handle(rng)
        skills = rng.choice(SEEKER_SKILLS)
        lines: tuple[str, ...]
        if offset == 4:
            lines = (
                f"Location: {post.city}",
                "Remote: Yes",
                f"Willing to relocate: {rng.choice(('No', 'Yes'))}",
                f"Technologies: {skills}",
                f"Résumé/CV: https://{handle}.example/cv",
                f"Email: {handle}@mail.example",
            )
        else:
            lines = (
                f"SEEKING WORK | {post.city} | Remote",
                f"I build things with {skills}. Happy to take short projects.",
                f"https://{handle}.example",
            )
        out.append(
            _comment(
                int(post.external_id) + offset, at, handle, render_hn(lines), story_id, story_id
            )
        )
    return out


def _count(nodes: list[Json]) -> int:
    return sum(1 + _count(n["children"]) for n in nodes if n["author"] is not None)


def _index(node: Json, items: dict[int, Json]) -> None:
    items[node["id"]] = node
    for child in node["children"]:
        _index(child, items)


def hn_payloads(corpus: DemoCorpus) -> HnPayloads:
    rng = Random(f"{corpus.seed}:hn")
    by_month: dict[str, list[DemoPosting]] = {t.month: [] for t in corpus.threads}
    for post in corpus.by_source("hn"):
        by_month[post.posted_at.strftime("%Y-%m")].append(post)
    hits: list[Json] = []
    items: dict[int, Json] = {}
    for thread in corpus.threads:
        posts = sorted(by_month[thread.month], key=lambda p: int(p.external_id))
        label = datetime.strptime(thread.month, "%Y-%m").strftime("%B %Y")
        stories = (
            (
                thread.story_id,
                f"Ask HN: Who is hiring? ({label})",
                HIRING_TEXT,
                _hiring_children(thread, posts, rng),
            ),
            (
                thread.story_id + 1,
                f"Ask HN: Who wants to be hired? ({label})",
                WANTS_TEXT,
                _side_children(thread.story_id + 1, posts, 4, rng),
            ),
            (
                thread.story_id + 2,
                f"Freelancer? Seeking freelancer? ({label})",
                FREELANCER_TEXT,
                _side_children(thread.story_id + 2, posts, 5, rng),
            ),
        )
        for offset, (story_id, title, text, children) in enumerate(stories):
            at = thread.created_at + timedelta(seconds=offset)
            html = render_hn(text)
            story = _story(story_id, at, title, html, children)
            _index(story, items)
            hits.append(
                {
                    "_tags": ["story", "author_whoishiring", f"story_{story_id}", "ask_hn"],
                    "author": "whoishiring",
                    "children": [c["id"] for c in children],
                    "created_at": at.strftime("%Y-%m-%dT%H:%M:%SZ"),
                    "created_at_i": int(at.timestamp()),
                    "num_comments": _count(children),
                    "objectID": str(story_id),
                    "points": rng.randint(60, 600),
                    "story_id": story_id,
                    "story_text": html,
                    "title": title,
                    "updated_at": (at + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                }
            )
    hits.sort(key=lambda h: (h["created_at_i"], h["story_id"]), reverse=True)
    return HnPayloads(hits=hits, items=items)


def _numeric_ok(hit: Json, filters: str) -> bool:
    for clause in filter(None, (c.strip() for c in filters.split(","))):
        match = _NUMERIC.match(clause)
        if match is None:
            continue
        field, op, value = match.group(1), match.group(2), int(match.group(3))
        have = hit[field]
        ok = {
            "<": have < value,
            "<=": have <= value,
            ">": have > value,
            ">=": have >= value,
            "=": have == value,
        }
        if not ok[op]:
            return False
    return True


def search_by_date(hits: list[Json], params: dict[str, str]) -> Json:
    """Algolia `search_by_date` over the stories: `tags` (AND), `query`, `numericFilters`,
    `page` and `hitsPerPage`."""
    tags = [t for t in params.get("tags", "").split(",") if t]
    words = params.get("query", "").lower().split()
    numeric = params.get("numericFilters", "")
    chosen = [
        h
        for h in hits
        if all(t in h["_tags"] for t in tags)
        and all(w in h["title"].lower() for w in words)
        and _numeric_ok(h, numeric)
    ]
    per_page = max(1, min(1000, int(params.get("hitsPerPage", "20"))))
    page = max(0, int(params.get("page", "0")))
    return {
        "hits": chosen[page * per_page : (page + 1) * per_page],
        "nbHits": len(chosen),
        "page": page,
        "nbPages": math.ceil(len(chosen) / per_page),
        "hitsPerPage": per_page,
        "exhaustiveNbHits": True,
        "query": params.get("query", ""),
        "params": "&".join(f"{k}={v}" for k, v in sorted(params.items())),
    }
