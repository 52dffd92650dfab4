"""The spaCy extraction takes any title and text: arbitrary input yields a valid extraction.

Input comes in through the `analyze` reader, as a user's file would (JSON escapes included).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jobtrends.pipeline.ingest.analyze import read_postings
from jobtrends.pipeline.nlp import build_nlp, extract_batch
from jobtrends.pipeline.vocab import REMOTES, ROLES, SECTIONS, SENIORITIES
from jobtrends.scraper.text import html_to_text
from tests.fuzz.strategies import HTML, PROSE, SALARY_TEXT

TEXTS = PROSE | SALARY_TEXT | HTML.map(html_to_text) | st.lists(PROSE, max_size=4).map("\n".join)


@pytest.fixture(scope="module")
def nlp() -> Any:
    return build_nlp()


@settings(max_examples=40, deadline=None)
@given(title=PROSE, text=TEXTS, company=PROSE)
def test_any_posting_gets_a_valid_extraction(nlp: Any, title: str, text: str, company: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "postings.jsonl"
        record = {"id": 1, "title": title, "text": text or "-", "company": company}
        path.write_text(json.dumps(record), "utf-8")
        [posting] = read_postings(path)
    [extraction] = extract_batch([posting], nlp)
    assert extraction.role in ROLES and 0.0 <= extraction.role_confidence <= 1.0
    assert extraction.seniority in SENIORITIES and extraction.remote in REMOTES
    for mention in extraction.skills:
        assert posting.text[mention.start : mention.end] == mention.text
        assert mention.section in SECTIONS
