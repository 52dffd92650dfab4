"""The extraction API: plain results, save/load round trip, parallel equals batch."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language

import jobtrends.pipeline.nlp as extract
from jobtrends.pipeline.nlp import extract_batch, extract_parallel
from jobtrends.pipeline.nlp.taxonomy import load_taxonomy
from jobtrends.pipeline.nlp.tokenizer import TOKENIZER_NAME
from jobtrends.pipeline.results import Extraction, PostingText
from jobtrends.scraper.records import StructuredSalary
from tests.nlp.conftest import found, run_text

POSTINGS = [
    PostingText(
        "1",
        "Senior ML Engineer",
        "About us\nWe build search.\n\nRequirements\n- Python, Go and Rust\n"
        "- No Kubernetes experience required\n- CUDA is a plus\n\nSalary: $150k-$200k\n",
    ),
    PostingText(
        "2",
        "Data Scientist (Remote)",
        "What you'll do\n- Statistical models in R and Python\n- Partner with R&D\n",
        remote_hint="hybrid",
        salary_hint=StructuredSalary(120_000, 140_000, "EUR", "year"),
    ),
    PostingText("3", "Python Developer", "Python Developer\n\nWe use Go, Rust and C++ daily.\n"),
    PostingText("4", "Empty", ""),
]


def test_extract_batch_gives_plain_records_in_order(mini_nlp: Language) -> None:
    results = extract_batch(POSTINGS, mini_nlp)
    assert [r.key for r in results] == ["1", "2", "3", "4"]
    first = results[0]
    assert isinstance(first, Extraction)
    assert [(m.skill_id, m.section, m.negated, m.nice_to_have) for m in first.skills] == [
        ("python", "requirements", False, False),
        ("go", "requirements", False, False),
        ("rust", "requirements", False, False),
        ("kubernetes", "requirements", True, False),
        ("cuda", "requirements", False, True),
    ]
    assert first.seniority == "senior"
    assert first.salary is not None and first.salary.min == 150_000
    second = results[1]
    assert second.remote == "hybrid"  # the source's field beats the title
    assert second.salary is not None and second.salary.currency == "EUR"
    assert [m.skill_id for m in second.skills] == ["r", "python"]
    assert results[3].skills == ()


def test_mentions_point_into_the_text_and_carry_names(
    mini_nlp: Language, mini_taxonomy_dir: Path
) -> None:
    taxonomy = load_taxonomy(mini_taxonomy_dir)
    results = extract_batch(POSTINGS, mini_nlp)
    assert sum(len(r.skills) for r in results) >= 8
    for posting, result in zip(POSTINGS, results, strict=True):
        for mention in result.skills:
            assert posting.text[mention.start : mention.end] == mention.text
            assert mention.name == taxonomy.by_id[mention.skill_id].name
            assert mention.category == taxonomy.by_id[mention.skill_id].category


def test_a_title_repeated_as_the_first_line_is_not_a_mention(mini_nlp: Language) -> None:
    (result,) = extract_batch([POSTINGS[2]], mini_nlp)
    assert [m.skill_id for m in result.skills] == ["go", "rust", "cpp"]
    assert all(m.start > len("Python Developer") for m in result.skills)


def test_the_title_inside_a_header_line_is_not_a_mention(mini_nlp: Language) -> None:
    text = "Acme | Senior Python Developer | Remote\n\nWe use Go and Python daily."
    (result,) = extract_batch([PostingText("h", "Senior Python Developer", text)], mini_nlp)
    assert [(m.skill_id, m.start) for m in result.skills] == [
        ("go", text.index("Go")),
        ("python", text.rindex("Python")),
    ]


def test_initialize_reads_the_taxonomy_dir_from_the_config(mini_taxonomy_dir: Path) -> None:
    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": TOKENIZER_NAME}}})
    for name in extract.PIPE_NAMES:
        nlp.add_pipe(name)
    nlp.config["initialize"]["components"]["jobtrends_skills"] = {
        "taxonomy_dir": str(mini_taxonomy_dir)
    }
    nlp.initialize()
    doc = nlp("Backend work in Go and Rust programming; Hugging Face Transformers.")
    assert found(doc) == [
        ("go", "Go"),
        ("rust", "Rust"),
        ("hf_transformers", "Hugging Face Transformers"),
    ]


@dataclass(frozen=True, slots=True)
class _PostingWithCompany(PostingText):
    company: str = ""
    location: str = ""


def test_company_and_location_are_used_when_the_record_carries_them(mini_nlp: Language) -> None:
    text = "Kubernetes Inc. is hiring.\n\nRequirements\n- Python and Kubernetes\n"
    posting = _PostingWithCompany("c", "Engineer", text, company="Kubernetes", location="Remote")
    (result,) = extract_batch([posting], mini_nlp)
    # The employer's name in the intro is not a mention; asked of the candidate, it is.
    assert [(m.skill_id, m.section) for m in result.skills] == [
        ("python", "requirements"),
        ("kubernetes", "requirements"),
    ]
    assert result.remote == "remote"


def test_results_do_not_depend_on_batching(mini_nlp: Language) -> None:
    whole = extract_batch(POSTINGS, mini_nlp, batch_size=64)
    one_by_one = [extract_batch([p], mini_nlp, batch_size=1)[0] for p in POSTINGS]
    assert whole == one_by_one


def test_saved_pipeline_loads_and_gives_the_same_results(
    mini_nlp: Language, tmp_path: Path
) -> None:
    mini_nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == list(extract.PIPE_NAMES)
    assert extract_batch(POSTINGS, loaded) == extract_batch(POSTINGS, mini_nlp)
    text = POSTINGS[0].text + "\nC++/CUDA kernels, C# and CI/CD."
    assert [t.text for t in loaded.make_doc(text)] == [t.text for t in mini_nlp.make_doc(text)]
    assert found(run_text(loaded, text)) == found(run_text(mini_nlp, text))


def test_bytes_round_trip(mini_nlp: Language) -> None:
    copy = spacy.blank("en", config=mini_nlp.config)
    copy.from_bytes(mini_nlp.to_bytes())
    assert extract_batch(POSTINGS, copy) == extract_batch(POSTINGS, mini_nlp)


def test_parallel_equals_batch(mini_taxonomy_dir: Path, mini_nlp: Language) -> None:
    postings = [
        PostingText(f"{i}-{p.key}", p.title, p.text, p.remote_hint, p.salary_hint)
        for i in range(5)
        for p in POSTINGS
    ]
    expected = extract_batch(postings, mini_nlp)
    # Chunks of three: several chunks in flight per worker, and the last one short.
    in_process = list(
        extract_parallel(iter(postings), workers=1, chunk_size=3, taxonomy_dir=mini_taxonomy_dir)
    )
    in_workers = list(
        extract_parallel(iter(postings), workers=2, chunk_size=3, taxonomy_dir=mini_taxonomy_dir)
    )
    assert in_process == expected
    assert in_workers == expected


def test_extractor_version_includes_the_taxonomy_hash() -> None:
    version = extract.extractor_version()
    assert version.startswith(extract.RULES_VERSION + "+")
    assert load_taxonomy().content_hash in version
