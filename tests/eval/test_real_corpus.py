"""The real-posting corpus: it loads, its split follows the URL rule, the test split is frozen,
no reserved posting is in it, and the cross-check and the intervals work as documented."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from jobtrends.pipeline.cli import cli
from jobtrends.pipeline.evaluation import bootstrap, evaluate, load_eval_set, set_files
from jobtrends.pipeline.evaluation.corpus import TEST_DIGEST, real_split, split_digest, split_for
from jobtrends.pipeline.evaluation.crosscheck import unlabeled_names
from jobtrends.pipeline.evaluation.sets import GoldPosting, parse_eval_lines
from jobtrends.pipeline.nlp.taxonomy import load_taxonomy
from jobtrends.pipeline.vocab import ROLES

RESERVED = Path(__file__).resolve().parents[2].parent / "shared" / "reserved" / "reserved.py"


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[GoldPosting]]:
    return {name: load_eval_set(set_files([name])) for name in ("dev", "test")}


def test_every_posting_sits_in_the_split_its_url_gives(
    corpus: dict[str, list[GoldPosting]],
) -> None:
    for name, postings in corpus.items():
        assert postings, name
        for posting in postings:
            assert posting.url.startswith(("http://", "https://")), posting.id
            assert split_for(posting.url) == name, posting.id
    urls = [p.url for postings in corpus.values() for p in postings]
    assert len(urls) == len(set(urls))  # no posting twice, none in both splits


def test_the_test_split_is_frozen() -> None:
    assert split_digest("test") == TEST_DIGEST, "the test split changed: it is frozen"


def test_corpus_covers_every_role_kind_and_states_salaries(
    corpus: dict[str, list[GoldPosting]],
) -> None:
    every = [p for postings in corpus.values() for p in postings]
    roles = Counter(p.role for p in every)
    assert set(roles) == set(ROLES)
    assert {p.kind for p in every} == {"ats", "hn", "aggregator", "truncated", "lab_gov"}
    assert sum(p.salary is not None for p in every) >= 25
    assert all(p.salary_labeled for p in every)
    assert sum(m.skill_id is None for p in every for m in p.skills) > 0  # outside the taxonomy
    assert len(corpus["test"]) >= 100


def test_no_posting_of_the_corpus_is_reserved(corpus: dict[str, list[GoldPosting]]) -> None:
    if not RESERVED.is_file():
        pytest.skip(f"the reserved-posting check is not present at {RESERVED}")
    spec = importlib.util.spec_from_file_location("reserved", RESERVED)
    assert spec is not None and spec.loader is not None
    reserved = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reserved)
    hits = [
        p.id
        for postings in corpus.values()
        for p in postings
        if reserved.is_reserved(url=p.url, title=p.title, company=p.company, text=p.text)
    ]
    assert hits == []


POSTING = {
    "id": "w1", "title": "Data Engineer", "company": "Acme", "kind": "ats",
    "text": "We use Python, Airflow and go fast.\nNice: dbt and Python.",
    "role": "other", "seniority": "unknown", "remote": "unknown",
    "skills": [{"id": "python", "text": "Python", "occurrence": 1, "negated": False},
               {"id": None, "name": "Quillmaker", "text": "dbt", "occurrence": 1,
                "negated": False}],
    "notes": "", "url": "https://example.test/w1", "salary": None,
}  # fmt: skip


def test_cross_check_flags_names_no_label_covers() -> None:
    (posting,) = parse_eval_lines([json.dumps(POSTING)], "w.jsonl", load_taxonomy().by_id)
    flags = [(f.skill_id, f.words) for f in unlabeled_names([posting], load_taxonomy())]
    # Airflow and the second Python are flagged; "go" (a verb here) is flagged for review too.
    assert ("apache_airflow", "Airflow") in flags and ("python", "Python") in flags
    assert all(words != "dbt" for _, words in flags)  # covered by a label


def test_an_outside_label_whose_name_the_taxonomy_has_takes_its_id() -> None:
    record = {**POSTING, "skills": [{"id": None, "name": "Apache Airflow", "text": "Airflow",
                                      "occurrence": 1, "negated": False}]}  # fmt: skip
    (posting,) = parse_eval_lines([json.dumps(record)], "w.jsonl", load_taxonomy().by_id)
    assert [(m.skill_id, m.name) for m in posting.skills] == [("apache_airflow", "")]


def test_a_skill_outside_the_taxonomy_counts_as_a_miss_and_salary_is_scored() -> None:
    record = {**POSTING, "salary": {"min": 100, "max": 120, "currency": "EUR", "period": "year"}}
    (posting,) = parse_eval_lines([json.dumps(record)], "w.jsonl", load_taxonomy().by_id)
    result = evaluate([posting])
    assert result.by_category["outside_taxonomy"].fn == 1
    assert result.salary == Counter({"missed": 1})
    again = bootstrap(result)
    assert again == bootstrap(result)  # a fixed seed: the same intervals every time
    assert again.headline["salary_exact"] == (0.0, 0.0, 0.0)


def test_eval_defaults_to_the_test_split(tmp_path: Path) -> None:
    assert set_files(()) == [real_split("test")]
    result = CliRunner().invoke(cli, ["eval", "--set", "dev", "--cross-check"])
    assert result.exit_code == 0, result.output
    dev = len(load_eval_set(set_files(["dev"])))
    assert result.output.strip().splitlines()[-1].endswith(f"in {dev} postings")
    missing = CliRunner().invoke(cli, ["eval", "--set", str(tmp_path / "nope.jsonl")])
    assert missing.exit_code == 1 and "no such evaluation file" in missing.stderr


def test_role_confidence_is_calibrated_monotone_and_reported() -> None:
    from jobtrends.pipeline.nlp.role import CALIBRATION, calibrated

    raw = [i / 100 for i in range(101)]
    mapped = [calibrated(x) for x in raw]
    assert mapped == sorted(mapped) and mapped[0] >= 0.0 and mapped[-1] <= 1.0
    assert [calibrated(x) for x, _ in CALIBRATION] == [y for _, y in CALIBRATION]
    result = CliRunner().invoke(cli, ["eval", "--set", "written", "--json", "--errors", "0"])
    assert result.exit_code == 0, result.output
    table = json.loads(result.stdout)["role_reliability"]
    assert sum(b["postings"] for b in table["bins"]) == json.loads(result.stdout)["postings"]
    assert 0.0 <= table["calibration_error"] <= 1.0
