"""The postings read like real ones: long sectioned ATS ads, short HN posts, varied wording,
exact skill ground truth and the hard cases an extractor meets."""

from __future__ import annotations

import html
import re
from collections import Counter

from jobtrends.scraper.demo import DemoCorpus
from jobtrends.scraper.demo.markup import render_plain
from tests.demo.support import body_text, skills_written

WORD = re.compile(r"[A-Za-z][A-Za-z'+-]*")


def test_ats_descriptions_are_2_5_to_4_kb(corpus: DemoCorpus) -> None:
    for posting in corpus.postings:
        if posting.source != "hn":
            assert 2500 <= len(posting.html.encode()) <= 4000, posting.external_id


def test_hn_posts_are_short_with_the_conventional_first_line(corpus: DemoCorpus) -> None:
    for posting in corpus.by_source("hn"):
        assert 200 <= len(posting.html.encode()) < 2500
        first = posting.sections[0].paragraphs[0]
        fields = first.split(" | ")
        assert fields[:2] == [posting.company, posting.title]
        assert posting.location in fields
        assert "<p>" in posting.html and "</p>" not in posting.html


def test_ats_descriptions_have_the_usual_sections(corpus: DemoCorpus) -> None:
    for posting in corpus.postings:
        if posting.source == "hn":
            continue
        kinds = [s.kind for s in posting.sections]
        for kind in ("about_company", "responsibilities", "requirements", "benefits", "eeo"):
            assert kind in kinds, (posting.external_id, kind)
        headings = {s.heading for s in posting.sections if s.heading}
        assert all(html.escape(h, quote=False) in posting.html for h in headings)


def test_no_description_is_duplicated(corpus: DemoCorpus) -> None:
    htmls = [p.html for p in corpus.postings]
    assert len(set(htmls)) == len(htmls)


def test_wording_varies(corpus: DemoCorpus) -> None:
    bullets: Counter[str] = Counter()
    for posting in corpus.postings:
        for section in posting.sections:
            if section.kind in ("responsibilities", "requirements", "nice_to_have"):
                bullets.update(section.bullets)
    assert len(bullets) / sum(bullets.values()) > 0.5  # most bullets are unique in the corpus
    assert bullets.most_common(1)[0][1] < 0.1 * len(corpus.postings)
    texts = [render_plain(p.sections) for p in corpus.postings if p.source != "hn"]
    ratios = []
    for text in texts:
        words = [w.lower() for w in WORD.findall(text)]
        ratios.append(len(set(words)) / len(words))
    assert sum(ratios) / len(ratios) > 0.5  # distinct word types / tokens, per description
    vocabulary = {w.lower() for text in texts for w in WORD.findall(text)}
    assert len(vocabulary) > 1500


def test_recorded_skills_are_exactly_the_skills_written(corpus: DemoCorpus) -> None:
    for posting in corpus.postings:
        written = skills_written(body_text(posting))
        assert set(posting.skills) <= written, posting.external_id
        allowed = {*posting.skills, *posting.company_skills, *posting.negated_skills}
        assert written - allowed <= set(posting.decoys), posting.external_id


def test_real_skill_names_appear(corpus: DemoCorpus) -> None:
    named = Counter(s for p in corpus.postings for s in p.skills)
    for skill in (
        "PyTorch",
        "Hugging Face Transformers",
        "LangChain",
        "Weights & Biases",
        "Kubernetes",
        "Amazon SageMaker",
        "Amazon Web Services",
        "pgvector",
        "C++",
        "CUDA",
        "Node.js",
        "CI/CD",
    ):
        assert named[skill] >= 10, skill
    html = "".join(p.html for p in corpus.postings)
    assert "AWS SageMaker" in html and "Weights &amp; Biases" in html


def test_company_blurbs_name_tools_the_role_does_not_ask_for(corpus: DemoCorpus) -> None:
    with_stack = [p for p in corpus.postings if p.company_skills]
    assert len(with_stack) > 300
    for posting in with_stack:
        assert not set(posting.company_skills) & set(posting.skills)
        about = next(s for s in posting.sections if s.kind == "about_company")
        assert skills_written(" ".join(about.paragraphs)) >= set(posting.company_skills)


def test_negated_skills(corpus: DemoCorpus) -> None:
    negated = [p for p in corpus.postings if p.negated_skills]
    assert len(negated) > 50
    assert any("Kubernetes" in p.negated_skills for p in negated)
    text = " ".join(render_plain(p.sections) for p in negated)
    assert "No prior Kubernetes experience required" in text
    for posting in negated:
        assert not set(posting.negated_skills) & set(posting.skills)
        assert "negated_skill" in posting.hard_cases


def test_ordinary_words_that_look_like_skills(corpus: DemoCorpus) -> None:
    text = " ".join(render_plain(p.sections) for p in corpus.postings if p.decoys)
    for phrase in ("go to market", "a ray of", "trust and safety", "spark your curiosity"):
        assert phrase in text, phrase
    for posting in corpus.postings:
        assert not set(posting.decoys) & set(posting.skills)


def test_misleading_titles(corpus: DemoCorpus) -> None:
    misled = [p for p in corpus.postings if "misleading_title" in p.hard_cases]
    rag_scientists = [p for p in misled if "Data Scientist" in p.title]
    assert rag_scientists and all(p.role == "llm_engineer" for p in rag_scientists)
    assert all("Retrieval-augmented generation" in p.skills for p in rag_scientists)
    cluster_builders = [p for p in misled if p.role == "ai_infrastructure_engineer"]
    assert cluster_builders and all(
        "Machine Learning Engineer" in p.title for p in cluster_builders
    )


def test_other_roles_cover_non_ai_jobs(corpus: DemoCorpus) -> None:
    titles = " ".join(p.title for p in corpus.postings if p.role == "other")
    for word in ("Backend Engineer", "DevOps Engineer", "Sales Engineer", "Annotation"):
        assert word in titles, word


def test_titles_carry_seniority_words(corpus: DemoCorpus) -> None:
    titles = [p.title for p in corpus.postings]
    for pattern in (r"^Senior ", r"^Staff ", r"^Lead ", r"Intern", r" II\b", r"^Principal "):
        assert any(re.search(pattern, t) for t in titles), pattern
    levels = Counter(p.seniority for p in corpus.postings)
    assert set(levels) == {
        "intern",
        "junior",
        "mid",
        "senior",
        "staff_plus",
        "lead_manager",
        "unknown",
    }


def test_locations_and_remote_modes(corpus: DemoCorpus) -> None:
    locations = {p.location for p in corpus.postings}
    assert {"Remote (US)", "Remote - Europe"} <= locations
    assert any("Hybrid" in loc for loc in locations)
    assert any(loc.endswith(", CA") for loc in locations)
    assert {p.remote for p in corpus.postings} == {"remote", "hybrid", "onsite", None}
    assert all(p.remote is not None for p in corpus.by_source("ashby"))


def test_salaries_are_sometimes_structured_sometimes_text_often_absent(corpus: DemoCorpus) -> None:
    structured = [p for p in corpus.postings if p.salary_structured]
    texts = [p.salary_text for p in corpus.postings if p.salary_text]
    assert {p.source for p in structured} == {"lever", "ashby"}
    assert 0.2 < (len(structured) + len(texts)) / len(corpus.postings) < 0.7
    patterns = (
        r"^\$\d+k-\$\d+k$",
        r"^USD \d{3},\d{3} - \d{3},\d{3}$",
        r"^EUR \d{2,3}\.\d{3} - \d{2,3}\.\d{3}$",
        r"^\$\d+/hr$",
        r"^£\d{2,3},\d{3} - £\d{2,3},\d{3}$",
    )
    for pattern in patterns:
        assert any(re.match(pattern, t) for t in texts), pattern
    for posting in corpus.postings:
        if posting.salary_text:
            assert posting.salary_text in render_plain(posting.sections)
        salary = posting.salary_structured
        if salary:
            assert salary.min is not None and salary.max is not None
            assert 0 < salary.min <= salary.max
            assert salary.period in ("year", "hour")
