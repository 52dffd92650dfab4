"""Term candidates in the store: saved beside the mentions, replaced on re-extraction, carried
between worker processes, and read once per posting and term for the report."""

from dataclasses import replace

from jobtrends.pipeline.database import Database
from jobtrends.pipeline.frames import build_frames
from jobtrends.pipeline.nlp.pool import from_wire, to_wire
from jobtrends.pipeline.results import Extraction, TermCandidate, term_key
from jobtrends.pipeline.store import (
    CANDIDATE_FIELDS,
    Store,
    candidate_term_columns,
    load_posting_texts,
    pending_ids,
    save_extractions,
)
from tests.pipeline.factories import T0, listing, posting

VERSION = "v1"


def _extraction(key: str, *candidates: TermCandidate) -> Extraction:
    return Extraction(
        key=key,
        role="llm_engineer",
        role_confidence=0.9,
        seniority="senior",
        remote="remote",
        salary=None,
        language="en",
        skills=(),
        candidates=candidates,
    )


def _stored(database: Database, *extractions: Extraction) -> Store:
    store = Store.open(database)
    records = [posting(str(n)) for n in range(1, 4)]
    store.save_listing(listing(*records), source="greenhouse", board="acme", now=T0)
    hashes = {text.key: digest for text, digest in load_posting_texts(store, [1, 2, 3])}
    save_extractions(store, list(extractions), hashes, VERSION, T0)
    return store


def test_term_key_ignores_case_and_spacing() -> None:
    assert term_key("Quill  Stream") == term_key("quill stream") == "quill stream"


def test_candidates_travel_between_processes_unchanged() -> None:
    result = _extraction("1", TermCandidate("QuillStream", 10, 21, "requirements", 0.83))
    assert from_wire(to_wire([result])) == [result]


def test_each_posting_counts_a_term_once_at_its_first_description_occurrence(
    database: Database,
) -> None:
    first = _extraction(
        "1",
        TermCandidate("QuillStream", 40, 51, "requirements", 0.6),
        TermCandidate("quillstream", 5, 16, "tags", 0.9),
        TermCandidate("QuillStream", 12, 23, "nice_to_have", 0.7),
    )
    second = _extraction("2", TermCandidate("TensorLane", 3, 13, "tags", 0.5))
    with _stored(database, first, second) as store:
        columns = candidate_term_columns(store, VERSION)
        rows = list(zip(*(columns[name] for name in CANDIDATE_FIELDS), strict=True))
        assert rows == [
            (1, "quillstream", "QuillStream", "nice_to_have", 12, 23, 0.9),
            (2, "tensorlane", "TensorLane", "tags", 3, 13, 0.5),
        ]
        assert candidate_term_columns(store, "another version")["term"] == []


def test_a_new_extraction_replaces_the_candidates_and_no_posting_becomes_pending(
    database: Database,
) -> None:
    with _stored(database, _extraction("1", TermCandidate("Old", 0, 3, "general", 0.5))) as store:
        hashes = {text.key: digest for text, digest in load_posting_texts(store, [1])}
        save_extractions(store, [_extraction("1")], hashes, VERSION, T0)
        assert store.count("term_candidates") == 0
        assert 1 not in pending_ids(store, VERSION)


def test_frames_carry_the_candidates_of_the_postings_they_keep(database: Database) -> None:
    found = TermCandidate("GlintBench", 0, 10, "requirements", 0.75)
    extractions = [_extraction("1", found), replace(_extraction("2"), role="other")]
    with _stored(database, *extractions) as store:
        frames = build_frames(store, VERSION)
        assert list(frames.candidates.columns) == list(CANDIDATE_FIELDS)
        assert frames.candidates[["posting_id", "term", "score"]].values.tolist() == [
            [1, "GlintBench", 0.75]
        ]
        assert frames.lines([(1, "requirements", 0, 10)])[0]  # its line can be shown
