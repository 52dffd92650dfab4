"""Posting attributes as tables of examples: seniority, remote, salary, language, role."""

from __future__ import annotations

import pytest
from spacy.language import Language

from jobtrends.pipeline.nlp import extract_batch
from jobtrends.pipeline.nlp.language import detect_language
from jobtrends.pipeline.nlp.remote import detect_remote
from jobtrends.pipeline.nlp.role import classify_role
from jobtrends.pipeline.nlp.salary import parse_salary
from jobtrends.pipeline.nlp.seniority import detect_seniority
from jobtrends.pipeline.results import PostingText, Salary
from jobtrends.pipeline.vocab import ROLES
from jobtrends.scraper.records import StructuredSalary


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("Machine Learning Intern", "", "intern"),
        ("Junior Data Scientist", "", "junior"),
        ("Associate ML Engineer", "", "junior"),
        ("New Grad Software Engineer", "", "junior"),
        ("Entry-Level Data Analyst", "", "junior"),
        ("Postdoctoral Researcher, NLP", "", "junior"),
        ("Software Engineer II", "", "mid"),
        ("ML Engineer III", "", "mid"),
        ("Senior ML Engineer", "", "senior"),
        ("Sr. Data Engineer", "", "senior"),
        ("Staff Machine Learning Engineer", "", "staff_plus"),
        ("Principal Scientist", "", "staff_plus"),
        ("Distinguished Engineer", "", "staff_plus"),
        ("Member of Technical Staff", "", "unknown"),
        ("ML Team Lead", "", "lead_manager"),
        ("Engineering Manager, ML Platform", "", "lead_manager"),
        ("Head of AI", "", "lead_manager"),
        ("Director of Data Science", "", "lead_manager"),
        ("Senior Engineering Manager", "", "lead_manager"),
        ("ML Engineer", "You have 5+ years of experience with Python.", "senior"),
        ("ML Engineer", "2-4 years of professional experience.", "mid"),
        ("ML Engineer", "0-1 years of experience; new to the field is fine.", "junior"),
        ("ML Engineer", "3 to 5 years in a backend role.", "mid"),
        ("ML Engineer", "- 3+ years shipping training experiments", "mid"),
        ("ML Engineer", "We were founded 10 years ago.", "unknown"),
        ("ML Engineer", "Build models. Ship them.", "unknown"),
        ("Senior ML Engineer", "2+ years of experience", "senior"),
    ],
)
def test_seniority(title: str, text: str, expected: str) -> None:
    assert detect_seniority(title, text) == expected


@pytest.mark.parametrize(
    ("title", "text", "hint", "expected"),
    [
        ("ML Engineer", "This role is fully remote.", "onsite", "onsite"),
        ("ML Engineer", "This role is fully remote.", None, "remote"),
        ("ML Engineer (Remote)", "", None, "remote"),
        ("ML Engineer", "Location: Remote (US)", None, "remote"),
        ("ML Engineer", "We work hybrid from our Berlin office.", None, "hybrid"),
        ("ML Engineer", "3 days in office per week, the rest from home.", None, "hybrid"),
        ("ML Engineer", "This position is on-site in Austin.", None, "onsite"),
        ("ML Engineer", "Work onsite with the team.", None, "onsite"),
        ("ML Engineer", "All roles are in-person 5 days a week in SF.", None, "onsite"),
        ("ML Engineer", "This is not a remote position.", None, "onsite"),
        ("ML Engineer", "We build tools for remote sensing satellites.", None, "unknown"),
        ("ML Engineer", "Build models.", None, "unknown"),
        ("ML Engineer", "Acme | ML Engineer | REMOTE | $150k", None, "remote"),
        ("ML Engineer", "Acme | ML Engineer | Remote - United Kingdom", None, "remote"),
        ("ML Engineer", "It is a remote position open to candidates in the US.", None, "remote"),
        ("ML Engineer", "We are remote-first.\nThis position is on-site in Paris.", None, "onsite"),
        ("ML Engineer", "We work in person; this is not a remote role.", None, "onsite"),
        (
            "ML Engineer",
            "This role is based in our London office, five days a week.",
            None,
            "onsite",
        ),
        (
            "ML Engineer",
            "We are a remote-friendly company with an office in Boston.",
            None,
            "unknown",
        ),
        ("ML Engineer", "Perks: an annual team offsite, lunch in the office.", None, "unknown"),
    ],
)
def test_remote(title: str, text: str, hint: str | None, expected: str) -> None:
    assert detect_remote(title, text, hint) == expected


def test_remote_reads_the_location_too() -> None:
    assert detect_remote("ML Engineer", "", None, location="Remote - Europe") == "remote"
    assert detect_remote("ML Engineer", "", None, location="Hybrid - London") == "hybrid"


def _salary(low: float | None, high: float | None, currency: str, period: str) -> Salary:
    factor = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080}[period]
    return Salary(
        low,
        high,
        currency,
        period,
        None if low is None else round(low * factor, 2),
        None if high is None else round(high * factor, 2),
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Salary: $150k-$200k", _salary(150_000, 200_000, "USD", "year")),
        ("$150,000 - $200,000 per year", _salary(150_000, 200_000, "USD", "year")),
        ("USD 160,000-210,000", _salary(160_000, 210_000, "USD", "year")),
        ("EUR 70.000 - 90.000", _salary(70_000, 90_000, "EUR", "year")),
        ("€70k", _salary(70_000, 70_000, "EUR", "year")),
        ("£60,000", _salary(60_000, 60_000, "GBP", "year")),
        ("$85/hr", _salary(85, 85, "USD", "hour")),
        ("$85 per hour", _salary(85, 85, "USD", "hour")),
        ("$34.62/hour", _salary(34.62, 34.62, "USD", "hour")),
        ("CHF 120'000", _salary(120_000, 120_000, "CHF", "year")),
        ("150k-200k USD", _salary(150_000, 200_000, "USD", "year")),
        ("between $150k and $200k", _salary(150_000, 200_000, "USD", "year")),
        ("€4,000/month", _salary(4_000, 4_000, "EUR", "month")),
        ("$600 per day", _salary(600, 600, "USD", "day")),
        ("$3,000 a week", _salary(3_000, 3_000, "USD", "week")),
        ("Hourly rate: $85", _salary(85, 85, "USD", "hour")),
        ("up to $200k", _salary(None, 200_000, "USD", "year")),
        ("$150-200k", _salary(150_000, 200_000, "USD", "year")),
        ("70.000–90.000 € per year", _salary(70_000, 90_000, "EUR", "year")),
        ("We raised a $5M seed round", None),
        ("401k matching", None),
        ("401(k) with 4% match", None),
        ("competitive salary and equity", None),
        ("a $12B company", None),
        ("$100k in funding from investors", None),
        ("$10,000 signing bonus", None),
        ("a $1,500 learning stipend", None),
        ("50% of the Fortune 100", None),
        ("We match 401(k) contributions up to a maximum of $10,000 per year.", None),
        ("A $5,000 per year education budget", None),
    ],
)
def test_salary_from_text(text: str, expected: Salary | None) -> None:
    assert parse_salary(text) == expected


def test_salary_prefers_the_stated_pay_over_other_amounts() -> None:
    text = "Join a $2B company. $500 home office budget. Base salary: $140,000 - $180,000."
    assert parse_salary(text) == _salary(140_000, 180_000, "USD", "year")


def test_structured_salary_hint_wins() -> None:
    hint = StructuredSalary(50.0, 70.0, "USD", "hour")
    assert parse_salary("Salary: $150k-$200k", hint) == _salary(50, 70, "USD", "hour")


SAMPLES = {
    "de": "Wir suchen einen erfahrenen Entwickler für unser Team in Berlin. Du arbeitest mit "
    "Python und Kubernetes und bist für die Weiterentwicklung unserer Plattform verantwortlich. "
    "Wir bieten dir ein modernes Arbeitsumfeld und flexible Arbeitszeiten.",
    "fr": "Nous recherchons un ingénieur en apprentissage automatique pour rejoindre notre équipe "
    "à Paris. Vous travaillerez sur des modèles de langage avec Python et PyTorch. Nous offrons "
    "un environnement stimulant et des avantages sociaux.",
    "es": "Buscamos un ingeniero de datos para unirse a nuestro equipo en Madrid. Trabajarás con "
    "Python y Spark en la construcción de pipelines de datos. Ofrecemos un salario competitivo y "
    "un ambiente de trabajo flexible.",
    "pt": "Estamos procurando um engenheiro de software para fazer parte da nossa equipe em São "
    "Paulo. Você vai trabalhar com Python e AWS no desenvolvimento de novos produtos. Oferecemos "
    "plano de saúde e vale refeição.",
    "it": "Cerchiamo un ingegnere di machine learning per il nostro team di Milano. Lavorerai con "
    "Python e PyTorch nella creazione di modelli per i nostri clienti. Offriamo un ambiente "
    "dinamico e la possibilità di crescita.",
    "nl": "Wij zoeken een ervaren data engineer voor ons team in Amsterdam. Je werkt met Python "
    "en Spark aan de ontwikkeling van ons dataplatform. Wij bieden een goed salaris en flexibele "
    "werktijden voor jou.",
    "en": "We are looking for an experienced machine learning engineer to join our team. You "
    "will work with Python and PyTorch to build models for our customers. We offer a competitive "
    "salary and great benefits.",
}


@pytest.mark.parametrize(("code", "text"), sorted(SAMPLES.items()))
def test_language(code: str, text: str) -> None:
    assert detect_language(text) == code


def test_other_scripts_are_not_english() -> None:
    assert (
        detect_language("안드로이드 개발 경력 9년 이상, Kotlin 및 Java 환경에 숙련되어 있으신 분")
        == "ko"
    )
    assert detect_language("Разработка сервисов на Python и Go, опыт с Kubernetes") == "ru"


def test_short_or_tech_only_text_is_english() -> None:
    assert detect_language("Python, PyTorch, Kubernetes, CUDA") == "en"
    assert detect_language("") == "en"


def test_non_english_posting_is_left_out_of_extraction(mini_nlp: Language) -> None:
    posting = PostingText("de-1", "Senior Data Engineer (m/w/d)", SAMPLES["de"])
    (extraction,) = extract_batch([posting], mini_nlp)
    assert extraction.language == "de"
    assert extraction.skills == ()
    assert (extraction.role, extraction.role_confidence) == ("other", 0.0)
    assert extraction.seniority == "senior"


ROLE_CASES = [
    (
        "Data Scientist",
        "Requirements\n- Build RAG pipelines with LangChain and LlamaIndex\n"
        "- Vector databases such as Pinecone or pgvector\n"
        "- Prompt engineering and evaluation of LLM outputs\n",
        "llm_engineer",
    ),
    (
        "Machine Learning Engineer",
        "What you'll do\n- Build and operate our GPU clusters for training\n"
        "- Schedule jobs with Slurm and Kubernetes\n- Tune NCCL and InfiniBand interconnects\n",
        "ai_infrastructure_engineer",
    ),
    (
        "Software Engineer",
        "What you'll do\n- Build REST APIs in Java and Spring Boot\n- Maintain PostgreSQL\n",
        "other",
    ),
    (
        "Backend Engineer",
        "What you'll do\n- Integrate the OpenAI API into product features our users love\n"
        "- Build services in Node.js and React, with PostgreSQL\n",
        "ai_application_developer",
    ),
    (
        "Data Scientist",
        "Requirements\n- Statistics, causal inference and A/B testing\n"
        "- SQL and Python (pandas), dashboards in Tableau\n",
        "data_scientist",
    ),
    (
        "Research Scientist",
        "Requirements\n- Publications at NeurIPS, ICML or ICLR\n- PyTorch and JAX\n",
        "ml_researcher",
    ),
    (
        "Machine Learning Engineer",
        "What you'll do\n- Train models with PyTorch and XGBoost\n- Feature engineering, MLflow\n",
        "ml_engineer",
    ),
    ("Account Executive", "Sell our AI platform to enterprises and exceed quota.", "other"),
    (
        "Android Engineer III",
        "Responsibilities\n- Build product features for our mobile app in Kotlin\n"
        "- Care about the user experience of every frontend screen\n",
        "other",
    ),
    (
        "Solutions Engineer",
        "Requirements\n- Demo our product to customers, REST APIs and the OpenAI API\n",
        "other",
    ),
]


@pytest.mark.parametrize(("title", "text", "expected"), ROLE_CASES)
def test_role_from_the_work_described(
    real_nlp: Language, title: str, text: str, expected: str
) -> None:
    (extraction,) = extract_batch([PostingText("r", title, text)], real_nlp)
    assert extraction.role == expected
    assert 0.0 <= extraction.role_confidence <= 1.0


def test_role_confidence_grows_with_evidence() -> None:
    weak, weak_confidence = classify_role("Machine Learning Engineer", [], "Join us.")
    strong, strong_confidence = classify_role(
        "Machine Learning Engineer",
        [],
        "Train models, model deployment, feature engineering, model monitoring, drift.",
    )
    assert weak == strong == "ml_engineer"
    assert 0.0 <= weak_confidence < strong_confidence <= 1.0
    assert all(role in ROLES for role in (weak, strong))
