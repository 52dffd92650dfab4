"""Rules for the shapes real postings take (written for the project, in the forms the real
dev split showed): numbered grades, run-together aggregator headers, evaluator and postdoc
titles, product-engineering titles whose product calls LLMs."""

from __future__ import annotations

import pytest

from jobtrends.pipeline.nlp import extract_batch
from jobtrends.pipeline.nlp.remote import detect_remote
from jobtrends.pipeline.nlp.salary import parse_salary
from jobtrends.pipeline.nlp.seniority import detect_seniority, title_seniority
from jobtrends.pipeline.results import PostingText


@pytest.mark.parametrize(
    ("title", "level"),
    [("Software Engineer 2 - Search", "mid"), ("SDE3 Backend", "mid"), ("Data Engineer IV", "mid"),
     ("Applied Scientist I - Ads", "junior"), ("Engineer I/II", "mid"),
     ("Sr Product Engineering Mgr", "lead_manager"), ("Senior Engineer 2", "senior"),
     ("Data Scientist", None)],
)  # fmt: skip
def test_numbered_grades_and_manager_abbreviations(title: str, level: str | None) -> None:
    assert title_seniority(title) == level


@pytest.mark.parametrize(
    ("title", "text", "level"),
    [("Platform Engineer", "As a Platform Engineer (IC2) you will own our build tooling.", "mid"),
     ("Engineer (IC4)", "You will own our build tooling.", "senior"),
     ("Data Engineer", "Location\nLisbon\nSenior\nExperience\nFull-time\nType", "senior"),
     ("Data Engineer", "Experience level: Entry level\nYou will learn from the team.", "junior"),
     ("Data Engineer", "Seven or more years of experience with data pipelines.", "senior"),
     ("Data Engineer", "You get 3 extra days of leave after 5 years of service.", "unknown"),
     ("Hardware Engineer", "IC design and layout for our sensors.", "unknown")],
)  # fmt: skip
def test_levels_stated_in_other_forms(title: str, text: str, level: str) -> None:
    """IC levels, a board's level field, years in words; years of service ask for nothing."""
    assert detect_seniority(title, text) == level


@pytest.mark.parametrize(
    ("text", "mode"),
    [("Fintech · Canada · Remote · Payments", "remote"),
     ("Duration: 6 monthsLocation: RemoteBudget: open", "remote"),
     ("Berlin Full-timeOn-siteExperienced AI/ML", "onsite"),
     ("Contractor, part-time, remote — pay by the hour", "remote"),
     ("Deep understanding of RDMA (Remote Direct Memory Access)", "unknown")],
)  # fmt: skip
def test_remote_cues_in_aggregator_headers(text: str, mode: str) -> None:
    assert detect_remote("Engineer", text) == mode


@pytest.mark.parametrize(
    ("text", "mode"),
    [("Location - Canada, Remote", "remote"),
     ("Remote United Kingdom | Full time", "remote"),
     ("Staff Data Engineer - Remote. You will own our ingestion pipelines.", "remote"),
     ("This role is open to remote work anywhere in Portugal.", "remote"),
     ("The internship can be either remote or on-site, as the candidate prefers.", "remote"),
     ("Office attendance required 3+ days per week in Austin.", "hybrid"),
     ("We expect you on-site two days a week.", "hybrid"),
     ("You have experience working remotely with a distributed team.", "unknown"),
     ("- Lunch in the office three days a week", "unknown"),
     ("You will design hybrid detection methods for payment fraud.", "unknown")],
)  # fmt: skip
def test_remote_stated_in_other_words(text: str, mode: str) -> None:
    """Region after "Remote", a "- Remote." title suffix, a location label, a role open to
    remote work, office days below five; experience of remote work is no arrangement."""
    assert detect_remote("Engineer", text) == mode


@pytest.mark.parametrize(
    ("text", "expected"),
    [("The starting salary is $45,000 CAD plus benefits.", (45000, 45000, "CAD", "year")),
     ("Remuneration: from €3,041 gross per month.", (3041, 3041, "EUR", "month")),
     ("Your salary will be at least £31,265 and up to £44,256.", (31265, 44256, "GBP", "year")),
     ("Data Labeler | $15/hr\nCompensation: $20 per hour", (20, 20, "USD", "hour")),
     ("Set quotas that prevent $100k+ overruns on GPU spend.", None),
     ("Base salary: $120k+ bonus and equity.", (120000, 120000, "USD", "year"))],
)  # fmt: skip
def test_salary_in_other_forms(text: str, expected: tuple[float, float, str, str] | None) -> None:
    """A currency code after "$", a gross monthly figure, "at least X and up to Y", a labelled
    amount over one in a headline; a cost is no pay."""
    salary = parse_salary(text)
    got = None if salary is None else (salary.min, salary.max, salary.currency, salary.period)
    assert got == expected


def _skill_words(text: str) -> set[tuple[str, str]]:
    (result,) = extract_batch([PostingText("1", "Engineer", text)])
    return {(m.skill_id, m.text) for m in result.skills}


def test_scale_and_precision_words_are_no_skills() -> None:
    """ "large-scale AI" is a size, not Scale AI; INT8 is a precision, quantization the skill."""
    found = _skill_words(
        "We train large-scale AI models. Quantization to INT8 and INT4; labels from Scale AI."
    )
    assert ("scale_ai", "scale AI") not in found and ("scale_ai", "Scale AI") in found
    assert {words for skill, words in found if skill == "quantization"} == {"Quantization"}


def test_agentic_coding_is_the_use_of_coding_assistants_not_ai_agents() -> None:
    found = _skill_words("Comfort with agentic coding tools. Build agentic workflows with LLMs.")
    assert [words for skill, words in found if skill == "ai_agents"] == ["agentic workflows"]


def _role(title: str, text: str) -> str:
    (result,) = extract_batch([PostingText("1", title, text)])
    return result.role


LLM_PRODUCT = (
    "You will build the backend of our assistant: Python services that call LLMs, retrieval "
    "over customer documents with embeddings, guardrails and prompt engineering, on PostgreSQL "
    "and Redis behind a REST API."
)


def test_a_classic_search_engine_is_no_evidence_of_an_ai_role() -> None:
    text = "Build our search services on Elasticsearch and OpenSearch, in Go with PostgreSQL."
    assert _role("Software Engineer, Search", text) == "other"


def test_a_backend_title_whose_product_calls_llms_is_an_application_developer() -> None:
    assert _role("Senior Backend Engineer", LLM_PRODUCT) == "ai_application_developer"
    assert _role("LLM Engineer", LLM_PRODUCT) == "llm_engineer"


@pytest.mark.parametrize(
    "title", ["AI Response Evaluator", "AI Coding Evaluator", "Physics Adjudicator"]
)
def test_rating_and_evaluation_jobs_are_other(title: str) -> None:
    text = "Review model answers to coding and physics prompts and grade them with a rubric."
    assert _role(title, text + " Experience with Python and LLMs.") == "other"


@pytest.mark.parametrize(
    "title", ["Postdoctoral Fellow in Machine Learning", "2-year PostDoc Position in Robust ML"]
)
def test_postdoc_titles_are_research(title: str) -> None:
    text = "Develop new methods for robust deep learning and publish at NeurIPS and ICML."
    assert _role(title, text) == "ml_researcher"
