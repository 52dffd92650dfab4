"""WDC JobPosting quads as postings: the fixture file (three pages in the real format: nested
salary and location, Microdata's type-prefixed predicates, https predicates and a remote job, a
malformed line and a page crawled twice), page grouping, the mapping and the store/Parquet paths."""

from __future__ import annotations

import gzip
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from jobtrends.pipeline.errors import InputError
from jobtrends.pipeline.ingest.nquads import QuadCounts, read_quads
from jobtrends.pipeline.ingest.wdc import WdcCounts, file_label, posting_key, read_wdc
from jobtrends.pipeline.ingest.wdc_import import import_wdc, write_wdc_parquet
from jobtrends.pipeline.ingest.wdc_pages import (
    MAX_STATEMENTS,
    job_postings,
    pages,
    property_name,
)
from jobtrends.pipeline.ingest.wdc_parquet import ParquetBatches, read_batches
from jobtrends.pipeline.store import Store
from jobtrends.scraper.records import StructuredSalary
from tests.pipeline.wdc_generator import write_nquads

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "wdc" / "jobs.nq"
ACME = "https://careers.acme-ai.example/jobs/llm-engineer"
BIRCH = "http://www.birch-labs.example/karriere/ml-engineer.html?id=42"
CEDAR = "https://jobs.cedar.example/postings/ai-platform"
NOW = datetime(2026, 5, 1, tzinfo=UTC)


def read(path: Path = FIXTURE) -> tuple[list, WdcCounts]:  # type: ignore[type-arg]
    counts = WdcCounts()
    return list(read_wdc(path, counts)), counts


def test_the_fixture_gives_its_postings_and_counts() -> None:
    found, counts = read()
    assert [item.page_url for item in found] == [ACME, BIRCH, CEDAR, ACME]
    assert (counts.quads.quads, counts.quads.malformed, counts.pages) == (62, 1, 4)
    assert counts.quads.examples[0].startswith("line 44: ")
    assert counts.postings == 4 and counts.skipped == {"no description": 1}


def test_nested_organization_location_salary_and_dates() -> None:
    acme = read()[0][0]
    posting = acme.posting
    assert posting.source == "wdc" and posting.board == "careers.acme-ai.example"
    assert posting.external_id == posting_key(ACME, "Senior LLM Engineer")
    assert (posting.title, posting.company) == ("Senior LLM Engineer", "Acme AI")
    assert posting.location == "San Francisco, CA, US"
    assert (posting.city, posting.region, posting.country) == ("San Francisco", "CA", "US")
    assert posting.salary == StructuredSalary(180000.0, 220000.0, "USD", "year")
    assert posting.employment_type == "full_time" and posting.remote is None
    assert posting.posted_at == datetime(2024, 1, 5, tzinfo=UTC)
    assert acme.valid_through == datetime(2024, 3, 1, tzinfo=UTC)
    assert 'RAG pipelines and "agents" for our café customers.' in posting.description_text
    assert "- LangChain and PyTorch" in posting.description_text.splitlines()
    assert posting.url == ACME


def test_microdata_predicates_a_country_node_and_plain_text_description() -> None:
    birch = read()[0][1].posting
    assert birch.title == "Machine Learning Engineer (m/w/d)"
    assert birch.company == "Birch Labs GmbH" and birch.board == "www.birch-labs.example"
    assert (birch.location, birch.city, birch.country) == ("München, Germany", "München", "DE")
    assert birch.description_text.splitlines()[:2] == ["Requirements", "- scikit-learn and XGBoost"]
    assert 'Erfahrung mit "MLOps" – gern' in birch.description_text
    assert birch.employment_type is None  # "Vollzeit" is no type jobtrends knows


def test_https_predicates_remote_hourly_salary_and_a_relative_url() -> None:
    cedar = read()[0][2].posting
    assert cedar.title == "AI Platform Engineer (Remote)"
    assert cedar.remote == "remote" and cedar.location == "Canada" and cedar.country == "CA"
    assert cedar.company == "jobs.cedar.example"  # no hiringOrganization: the page's host
    assert cedar.salary == StructuredSalary(95.5, 95.5, "CAD", "hour")
    assert cedar.employment_type == "contract"
    assert cedar.url == "https://jobs.cedar.example/postings/ai-platform?ref=wdc"
    assert cedar.description_text == "Remote-first team running Kubernetes, Ray and vLLM 🚀"
    assert cedar.posted_at == datetime(2024, 2, 20, 8, 30, tzinfo=UTC)


def test_blank_node_labels_belong_to_their_page() -> None:
    """`_:node1`..`_:node4` mean other things on the Birch and Cedar pages."""
    found = {item.page_url: item.posting for item in read()[0]}
    assert found[BIRCH].company == "Birch Labs GmbH" and found[CEDAR].salary is not None
    assert found[CEDAR].city is None and found[BIRCH].salary is None


def test_a_page_that_reappears_is_a_new_group_with_the_same_key() -> None:
    found, _ = read()
    first, again = found[0].posting, found[3].posting
    assert first.external_id == again.external_id
    assert again.description_text == "The same job, crawled again."


def test_property_names_of_every_spelling() -> None:
    for predicate in (
        "http://schema.org/title",
        "https://schema.org/title",
        "http://www.schema.org/title",
        "http://schema.org/JobPosting/title",
    ):
        assert property_name(predicate) == "title"
    assert property_name("http://www.w3.org/1999/02/22-rdf-syntax-ns#type") == "@type"
    assert property_name("http://ogp.me/ns#title") is None


TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def test_an_enormous_page_is_read_in_part() -> None:
    lines = [
        f"_:j {TYPE} <http://schema.org/JobPosting> <https://a.example/> .\n",
        '_:j <http://schema.org/title> "T" <https://a.example/> .\n',
    ] + [
        f'_:x <http://schema.org/keywords> "k{i}" <https://a.example/> .\n'
        for i in range(MAX_STATEMENTS)
    ]
    (page,) = pages(read_quads(lines, QuadCounts()))
    assert page.truncated and page.statements == MAX_STATEMENTS
    assert job_postings(page) == [{"@type": "JobPosting", "title": "T"}]


def test_a_loop_between_nodes_ends() -> None:
    lines = [
        f"_:j {TYPE} <http://schema.org/JobPosting> <https://a.example/> .\n",
        "_:j <http://schema.org/hiringOrganization> _:o <https://a.example/> .\n",
        "_:o <http://schema.org/subOrganization> _:j <https://a.example/> .\n",
    ]
    (page,) = pages(read_quads(lines, QuadCounts()))
    assert job_postings(page) == [{"@type": "JobPosting", "hiringOrganization": {}}]


def test_gzip_is_read_by_its_content_and_a_broken_one_is_an_input_error(tmp_path: Path) -> None:
    packed = tmp_path / "part-0.nq.gz"
    packed.write_bytes(gzip.compress(FIXTURE.read_bytes()))
    assert [i.posting for i in read(packed)[0]] == [i.posting for i in read()[0]]
    plain = tmp_path / "named-wrongly.nq.gz"
    shutil.copy(FIXTURE, plain)
    assert len(read(plain)[0]) == 4
    cut = tmp_path / "cut.nq.gz"
    cut.write_bytes(packed.read_bytes()[:900])
    with pytest.raises(InputError, match=r"cut\.nq\.gz: the gzip data is broken or cut short"):
        read(cut)
    with pytest.raises(InputError, match=r"missing\.nq: cannot read the file"):
        read(tmp_path / "missing.nq")
    assert file_label(packed) == "part-0" and file_label(plain) == "named-wrongly"


def test_import_stores_each_key_once_and_logs_one_target_per_file(tmp_path: Path) -> None:
    second = tmp_path / "again.nq.gz"
    second.write_bytes(gzip.compress(FIXTURE.read_bytes()))
    database = tmp_path / "jobs.db"
    run = import_wdc([FIXTURE, second], open_store=lambda: Store.open(database), now=NOW)
    first, repeat = run.files
    assert (first.saved.new, first.duplicates, repeat.saved.new, repeat.duplicates) == (3, 1, 0, 4)
    assert run.status == "ok"
    with Store.open(database) as store:
        rows = store.rows("SELECT source, board, title, first_seen FROM postings ORDER BY id")
        targets = store.rows("SELECT target, status, new FROM run_sources ORDER BY rowid")
    assert (rows[0]["source"], rows[0]["board"]) == ("wdc", "careers.acme-ai.example")
    assert len(rows) == 3 and rows[0]["first_seen"] == "2026-05-01T00:00:00+00:00"
    assert [tuple(t) for t in targets] == [("wdc:jobs", "ok", 3), ("wdc:again", "ok", 0)]
    rerun = import_wdc([FIXTURE], open_store=lambda: Store.open(database), now=NOW)
    assert (rerun.files[0].saved.new, rerun.files[0].saved.unchanged) == (0, 3)


def test_parquet_gets_the_same_postings_in_row_groups(tmp_path: Path) -> None:
    parquet = pytest.importorskip("pyarrow.parquet")
    run = write_wdc_parquet([FIXTURE], tmp_path / "out", batch_size=2)
    (result,) = run.files
    assert result.written == 3 and result.output == tmp_path / "out" / "jobs.parquet"
    handle = parquet.ParquetFile(result.output)
    assert handle.metadata.num_row_groups == 2
    table = handle.read().to_pylist()
    assert [row["page_url"] for row in table] == [ACME, BIRCH, CEDAR]
    assert table[0]["valid_through"] == datetime(2024, 3, 1, tzinfo=UTC)
    assert table[2]["salary_period"] == "hour" and table[2]["remote"] == "remote"


def test_a_written_parquet_file_reads_back_as_the_same_postings(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    write_nquads(tmp_path / "generated.nq", 3_000)
    found = read(FIXTURE)[0] + read(tmp_path / "generated.nq")[0]
    assert any(item.posting.salary for item in found) and any(item.valid_through for item in found)
    with ParquetBatches(tmp_path / "out.parquet") as sink:
        sink.write(found[:7])
        sink.write(found[7:])
    batches = list(read_batches(tmp_path / "out.parquet", 5))
    assert len(batches) > 2 and {len(batch) for batch in batches[:-1]} == {5}
    assert [item for batch in batches for item in batch] == found
