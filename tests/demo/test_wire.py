"""The payloads have the real sources' shapes: field names, nesting and value formats."""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jobtrends.scraper.demo import DemoCorpus, DemoPosting
from jobtrends.scraper.demo.wire import (
    ashby_board,
    end_instant,
    greenhouse_board,
    greenhouse_escape,
    lever_board,
)
from jobtrends.scraper.demo.wire_hn import hn_payloads, search_by_date


def board_of(corpus: DemoCorpus, source: str, board: str) -> list[DemoPosting]:
    return [p for p in corpus.by_source(source) if p.board == board]


def real_keys(path: Path) -> set[str]:
    payload: Any = json.loads(path.read_text(encoding="utf-8"))
    jobs = payload if isinstance(payload, list) else payload["jobs"]
    return set().union(*(set(job) for job in jobs))


def test_greenhouse_job_fields_and_escaped_content(corpus: DemoCorpus) -> None:
    posts = board_of(corpus, "greenhouse", "northwindlabs")
    payload = greenhouse_board(posts, end_instant(corpus.end), content=True)
    assert payload["meta"] == {"total": len(posts)}
    by_id = {str(p.external_id): p for p in posts}
    for job in payload["jobs"]:
        posting = by_id[str(job["id"])]
        assert isinstance(job["id"], int) and isinstance(job["internal_job_id"], int)
        assert html.unescape(job["content"]) == posting.html
        assert "<" not in job["content"] and "&lt;" in job["content"]
        assert datetime.fromisoformat(job["first_published"]) == posting.posted_at
        assert datetime.fromisoformat(job["updated_at"]) >= posting.posted_at
        assert job["location"] == {"name": posting.location}
        assert job["company_name"] == "Northwind Labs"
        assert job["absolute_url"].endswith(f"/northwindlabs/jobs/{job['id']}")
    listing = greenhouse_board(posts, end_instant(corpus.end), content=False)
    assert all("content" not in job and "offices" not in job for job in listing["jobs"])


def test_greenhouse_escaping_matches_the_real_api() -> None:
    assert greenhouse_escape('<p class="x">It\'s R&D</p>') == (
        "&lt;p class=&quot;x&quot;&gt;It&#39;s R&amp;D&lt;/p&gt;"
    )


def test_greenhouse_keys_match_a_real_recording(corpus: DemoCorpus, shared_fixtures: Path) -> None:
    real = real_keys(shared_fixtures / "greenhouse" / "gitlab_jobs_content_true.json")
    posts = board_of(corpus, "greenhouse", "northwindlabs")
    ours = greenhouse_board(posts, end_instant(corpus.end), content=True)["jobs"][0]
    assert set(ours) == real


def test_lever_postings(corpus: DemoCorpus) -> None:
    posts = board_of(corpus, "lever", "halcyon")
    items = lever_board(posts)
    assert len(items) == len(posts)
    by_id = {p.external_id: p for p in posts}
    for item in items:
        posting = by_id[item["id"]]
        assert item["text"] == posting.title
        assert item["createdAt"] == int(posting.posted_at.timestamp() * 1000)
        assert item["categories"]["location"] == posting.location
        assert item["categories"]["allLocations"] == [posting.location]
        assert item["workplaceType"] in ("on-site", "remote", "hybrid", "unspecified")
        assert item["description"] == item["opening"] + item["descriptionBody"]
        assert [entry["text"] for entry in item["lists"]]
        assert all(entry["content"].lstrip().startswith("<li>") for entry in item["lists"])
        assert item["hostedUrl"] == f"https://jobs.lever.co/halcyon/{item['id']}"
        salary = posting.salary_structured
        if salary is None:
            assert "salaryRange" not in item
        else:
            assert item["salaryRange"]["min"] == salary.min
            assert item["salaryRange"]["currency"] == salary.currency
            assert item["salaryRange"]["interval"] in ("per-year-salary", "per-hour-wage")


def test_lever_keys_match_a_real_recording(corpus: DemoCorpus, shared_fixtures: Path) -> None:
    real = real_keys(shared_fixtures / "lever" / "matchgroup_postings_mode_json.json")
    items = lever_board(corpus.by_source("lever"))
    assert set().union(*(set(item) for item in items)) == real


def test_ashby_jobs_and_compensation(corpus: DemoCorpus) -> None:
    posts = board_of(corpus, "ashby", "quillfeather")
    payload = ashby_board(posts, compensation=True)
    assert payload["apiVersion"] == "1"
    by_id = {p.external_id: p for p in posts}
    paid = 0
    for job in payload["jobs"]:
        posting = by_id[job["id"]]
        assert datetime.fromisoformat(job["publishedAt"]) == posting.posted_at.astimezone(UTC)
        assert job["workplaceType"] in ("OnSite", "Remote", "Hybrid")
        assert job["isRemote"] == (job["workplaceType"] == "Remote")
        assert job["descriptionHtml"] == posting.html
        assert job["address"]["postalAddress"]["addressLocality"] == posting.city
        compensation = job["compensation"]
        if posting.salary_structured is None:
            assert compensation["summaryComponents"] == []
            assert job["shouldDisplayCompensationOnJobPostings"] is False
            continue
        paid += 1
        salary = compensation["summaryComponents"][0]
        assert salary["compensationType"] == "Salary"
        assert salary["interval"] in ("1 YEAR", "1 HOUR")
        assert (salary["minValue"], salary["maxValue"]) == (
            posting.salary_structured.min,
            posting.salary_structured.max,
        )
        assert compensation["compensationTiers"][0]["components"][0] == salary
    assert paid > 0
    bare = ashby_board(posts, compensation=False)
    assert all("compensation" not in job for job in bare["jobs"])


def test_ashby_keys_match_a_real_recording(corpus: DemoCorpus, shared_fixtures: Path) -> None:
    real = real_keys(shared_fixtures / "ashby" / "openevidence_job_board.json")
    ours = ashby_board(board_of(corpus, "ashby", "quillfeather"), compensation=True)["jobs"][0]
    assert set(ours) == real


def test_hn_threads_stories_and_items(corpus: DemoCorpus) -> None:
    payloads = hn_payloads(corpus)
    titles = [h["title"] for h in payloads.hits]
    assert len(titles) == 3 * len(corpus.months)
    assert "Ask HN: Who is hiring? (October 2026)" in titles
    assert "Ask HN: Who wants to be hired? (October 2026)" in titles
    assert "Freelancer? Seeking freelancer? (October 2026)" in titles
    stamps = [h["created_at_i"] for h in payloads.hits]
    assert stamps == sorted(stamps, reverse=True)
    posted = {int(p.external_id): p for p in corpus.by_source("hn")}
    deleted = replies = 0
    for thread in corpus.threads:
        story = payloads.items[thread.story_id]
        assert story["type"] == "story" and story["author"] == "whoishiring"
        for child in story["children"]:
            assert child["parent_id"] == thread.story_id == child["story_id"]
            if child["author"] is None:
                assert child["text"] is None
                deleted += 1
                continue
            posting = posted.pop(child["id"])
            assert child["text"] == posting.html
            assert child["created_at"] == posting.posted_at.strftime("%Y-%m-%dT%H:%M:%S.000Z")
            replies += len(child["children"])
    assert posted == {}  # every HN posting is a top-level comment of its month's thread
    assert deleted > 5 and replies > 5


def test_hn_comment_text_is_hn_html(corpus: DemoCorpus) -> None:
    texts = [p.html for p in corpus.by_source("hn")]
    assert all("</p>" not in t for t in texts)
    assert any("&#x2F;" in t for t in texts) and any("&#x27;" in t for t in texts)
    assert any('rel="nofollow"' in t for t in texts)


def test_hn_search_pages_and_filters(corpus: DemoCorpus) -> None:
    hits = hn_payloads(corpus).hits
    params = {"tags": "story,author_whoishiring", "hitsPerPage": "50"}
    first = search_by_date(hits, {**params, "page": "0"})
    second = search_by_date(hits, {**params, "page": "1"})
    assert first["nbHits"] == len(hits) and first["nbPages"] == 2
    assert len(first["hits"]) == 50 and len(second["hits"]) == len(hits) - 50
    assert search_by_date(hits, {**params, "page": "2"})["hits"] == []
    assert search_by_date(hits, {"tags": "story,author_someoneelse"})["nbHits"] == 0
    cutoff = hits[10]["created_at_i"]
    newer = search_by_date(hits, {"numericFilters": f"created_at_i>{cutoff}", "hitsPerPage": "99"})
    assert [h["objectID"] for h in newer["hits"]] == [h["objectID"] for h in hits[:10]]
    hiring = search_by_date(hits, {"query": "who is hiring", "hitsPerPage": "1000"})
    assert hiring["nbHits"] == len(corpus.months)
