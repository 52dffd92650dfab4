"""Where one posting's extraction time goes: CPU milliseconds per posting for each step.

Runs the same steps as `extract_batch` (language check, tokenizer, each pipeline component, the
plain mentions, then each posting attribute) one posting at a time inside one memory zone, after
the same cache warm-up, and adds up the process CPU time each step takes. CPU time rather than
wall time, so other processes on a shared machine do not inflate the figures.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import Any

from spacy.language import Language

from jobtrends.pipeline.nlp import extract_batch
from jobtrends.pipeline.nlp.language import detect_language
from jobtrends.pipeline.nlp.remote import detect_remote
from jobtrends.pipeline.nlp.role import classify_role
from jobtrends.pipeline.nlp.runner import posting_salary, skill_mentions, warm_up
from jobtrends.pipeline.nlp.sections import SOURCE_TEXT_KEY
from jobtrends.pipeline.nlp.seniority import detect_seniority
from jobtrends.pipeline.nlp.skills import SkillMatcher
from jobtrends.pipeline.nlp.terms import work_cues_of
from jobtrends.pipeline.results import PostingText

_clock = time.process_time_ns


class _Stopwatch:
    def __init__(self) -> None:
        self.total_ns: dict[str, int] = defaultdict(int)

    def run(self, step: str, call: Callable[..., Any], *args: Any) -> Any:
        start = _clock()
        result = call(*args)
        self.total_ns[step] += _clock() - start
        return result


def _role(title: str, mentions: Any, text: str, doc: Any) -> tuple[str, float]:
    return classify_role(title, mentions, text, work_cues_of(doc))


def component_ms(nlp: Language, postings: Sequence[PostingText]) -> dict[str, float]:
    """CPU ms per posting for each step (see the module doc), plus their `total`."""
    extract_batch(postings[:1], nlp)  # builds the taxonomy matcher if it was not yet
    warm_up(nlp, (p.text for p in postings))
    matcher = nlp.get_pipe("jobtrends_skills")
    assert isinstance(matcher, SkillMatcher) and matcher.taxonomy is not None
    taxonomy = matcher.taxonomy
    watch = _Stopwatch()
    with nlp.memory_zone():
        for posting in postings:
            text, title = posting.text, posting.title
            watch.run("language", detect_language, text)
            doc = watch.run("tokenizer", nlp.make_doc, text)
            doc.user_data[SOURCE_TEXT_KEY] = text
            for name, component in nlp.pipeline:
                doc = watch.run(name.removeprefix("jobtrends_"), component, doc)
            mentions = watch.run("mentions", skill_mentions, posting, doc, taxonomy)
            watch.run("role", _role, title, mentions, text, doc)
            watch.run("seniority", detect_seniority, title, text)
            watch.run("remote", detect_remote, title, text, posting.remote_hint, posting.location)
            watch.run("salary", posting_salary, posting, doc)
    figures = {step: ns / 1e6 / len(postings) for step, ns in watch.total_ns.items()}
    figures["total"] = sum(figures.values())
    return {step: round(ms, 4) for step, ms in figures.items()}
