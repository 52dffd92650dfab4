"""Roles in the demo corpus: how the mix shifts over time, and the titles each role is posted under.

Role ids are those of /work/shared/DEFINITIONS.md. The work decides the role, so a few postings
carry a misleading title (a "Data Scientist" who builds a RAG platform is an `llm_engineer`).
"""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from jobtrends.scraper.demo.trends import Trend, level, ramp

ROLE_MIX: dict[str, Trend] = {
    "ml_engineer": ramp(0.24, 0.17),
    "llm_engineer": ((0.0, 0.04), (0.3, 0.08), (1.0, 0.22)),
    "ai_application_developer": ((0.0, 0.008), (0.25, 0.03), (1.0, 0.17)),
    "ai_infrastructure_engineer": ramp(0.1, 0.12),
    "data_scientist": ramp(0.23, 0.175),
    "ml_researcher": ramp(0.09, 0.07),
    "other": ramp(0.22, 0.15),
}

OTHER_KINDS: dict[str, float] = {
    "backend": 0.3,
    "devops": 0.22,
    "sales_engineering": 0.16,
    "annotation": 0.14,
    "frontend": 0.18,
}

SENIORITY_WEIGHTS: dict[str, float] = {
    "intern": 4,
    "junior": 9,
    "mid": 29,
    "senior": 34,
    "staff_plus": 11,
    "lead_manager": 8,
    "unknown": 5,
}

# (core title, areas that may follow after a comma; "" means none)
Core = tuple[str, tuple[str, ...]]

TITLE_CORES: dict[str, tuple[Core, ...]] = {
    "ml_engineer": (
        ("Machine Learning Engineer", ("", "Ranking", "Recommendations", "Search", "Fraud")),
        ("ML Engineer", ("", "Personalization", "Forecasting", "Risk", "Ads")),
        ("Software Engineer", ("Machine Learning", "ML Systems")),
        ("Applied ML Engineer", ("", "Vision")),
        ("MLOps Engineer", ("",)),
    ),
    "llm_engineer": (
        ("LLM Engineer", ("", "Retrieval", "Evaluation")),
        ("AI Engineer", ("LLM Applications", "Agents", "Retrieval", "")),
        ("Applied AI Engineer", ("", "Knowledge Systems")),
        ("Generative AI Engineer", ("",)),
        ("Prompt Engineer", ("",)),
        ("Agent Engineer", ("", "Tool Use")),
        ("NLP Engineer", ("LLMs", "")),
    ),
    "ai_application_developer": (
        ("AI Application Developer", ("",)),
        ("Full-Stack Engineer", ("AI Products", "AI Features")),
        ("Software Engineer", ("AI Features", "AI Product")),
        ("AI Product Engineer", ("",)),
        ("Frontend Engineer", ("AI Experiences",)),
        ("Backend Engineer", ("AI Integrations",)),
    ),
    "ai_infrastructure_engineer": (
        ("ML Infrastructure Engineer", ("",)),
        ("AI Infrastructure Engineer", ("", "Inference")),
        ("ML Platform Engineer", ("",)),
        ("Inference Engineer", ("",)),
        ("Software Engineer", ("Model Serving", "GPU Infrastructure", "Training Infrastructure")),
        ("Distributed Training Engineer", ("",)),
        ("ML Compiler Engineer", ("",)),
    ),
    "data_scientist": (
        ("Data Scientist", ("", "Product Analytics", "Experimentation", "Marketing", "Pricing")),
        ("Product Data Scientist", ("",)),
        ("Decision Scientist", ("",)),
        ("Data Scientist", ("Growth", "Risk", "Operations")),
    ),
    "ml_researcher": (
        (
            "Research Scientist",
            ("", "Reasoning", "Pretraining", "Multimodal", "Alignment", "Speech"),
        ),
        ("Machine Learning Researcher", ("",)),
        ("Research Engineer", ("Pretraining", "Post-Training", "Evaluation")),
        ("Member of Technical Staff", ("Research",)),
        ("Applied Research Scientist", ("",)),
    ),
    "backend": (
        ("Backend Engineer", ("", "Payments", "Core Platform")),
        ("Software Engineer", ("Backend", "Billing", "Integrations Platform")),
    ),
    "devops": (
        ("DevOps Engineer", ("",)),
        ("Site Reliability Engineer", ("",)),
        ("Platform Engineer", ("Cloud", "Developer Experience")),
    ),
    "sales_engineering": (
        ("Sales Engineer", ("",)),
        ("Solutions Engineer", ("", "Enterprise")),
        ("Solutions Architect", ("",)),
        ("Customer Engineer", ("",)),
    ),
    "annotation": (
        ("Data Annotation Specialist", ("",)),
        ("AI Trainer", ("Writing", "Coding", "Mathematics")),
        ("AI Data Labeler", ("",)),
        ("Model Output Rater", ("",)),
    ),
    "frontend": (
        ("Frontend Engineer", ("", "Design Systems")),
        ("Full-Stack Engineer", ("", "Growth")),
    ),
}

# Titles that mislead: the work is the posting's role, the title is another role's.
MISLEADING_CORES: dict[str, tuple[Core, ...]] = {
    "llm_engineer": (
        ("Data Scientist", ("Knowledge Platform", "")),
        ("Senior Data Scientist", ("",)),
    ),
    "ai_infrastructure_engineer": (("Machine Learning Engineer", ("", "Platform")),),
}

FIELD_NAMES: dict[str, str] = {
    "ml_engineer": "Machine Learning",
    "llm_engineer": "Applied AI",
    "ai_application_developer": "AI Products",
    "ai_infrastructure_engineer": "ML Infrastructure",
    "data_scientist": "Data Science",
    "ml_researcher": "Research",
    "backend": "Backend Engineering",
    "devops": "Infrastructure",
    "sales_engineering": "Solutions Engineering",
    "annotation": "Data Operations",
    "frontend": "Frontend Engineering",
}

# (department, team) per role or kind of `other` job.
DEPARTMENTS: dict[str, tuple[str, str]] = {
    "ml_engineer": ("Engineering", "Machine Learning"),
    "llm_engineer": ("Engineering", "Applied AI"),
    "ai_application_developer": ("Engineering", "Product Engineering"),
    "ai_infrastructure_engineer": ("Engineering", "Infrastructure"),
    "data_scientist": ("Data", "Data Science"),
    "ml_researcher": ("Research", "Research"),
    "backend": ("Engineering", "Backend"),
    "devops": ("Engineering", "Platform"),
    "sales_engineering": ("Sales", "Solutions Engineering"),
    "annotation": ("Operations", "Data Operations"),
    "frontend": ("Engineering", "Frontend"),
}

YEARS_ASKED: dict[str, tuple[str, ...]] = {
    "junior": ("0-2", "1+"),
    "mid": ("2+", "3+", "3-5", "2-4"),
    "senior": ("5+", "6+", "5-8"),
    "staff_plus": ("8+", "10+"),
    "lead_manager": ("7+", "8+", "6+"),
}


@dataclass(frozen=True, slots=True)
class Title:
    text: str
    seniority: str
    misleading: bool


def role_weights(t: float) -> dict[str, float]:
    return {role: level(trend, t) for role, trend in ROLE_MIX.items()}


def pick(weights: dict[str, float], rng: Random) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def make_title(
    family: str, seniority: str, rng: Random, *, year: int, misleading_role: str | None = None
) -> Title:
    """A title for a role (or an `other` kind) at a seniority; `family` keys TITLE_CORES."""
    cores = MISLEADING_CORES[misleading_role] if misleading_role else TITLE_CORES[family]
    core, areas = rng.choice(cores)
    area = rng.choice(areas)
    field = FIELD_NAMES.get(family, "Engineering")
    if misleading_role:
        seniority = "senior" if core.startswith("Senior") else "mid"
        forms: tuple[str, ...] = ("{core}",)
    elif seniority == "intern":
        forms = ("{core} Intern", "Intern, {core}", "{core} Intern (Summer {year})")
    elif seniority == "junior":
        forms = ("Junior {core}", "Associate {core}", "{core}, New Grad", "Entry-Level {core}")
        if family == "ml_researcher":
            forms = ("Postdoctoral Researcher", "AI Resident", "PhD Researcher")
    elif seniority == "mid":
        forms = ("{core}", "{core} II", "{core} III")
    elif seniority == "senior":
        forms = ("Senior {core}", "Sr. {core}", "Senior {core}")
    elif seniority == "staff_plus":
        forms = ("Staff {core}", "Principal {core}", "Senior Staff {core}")
    elif seniority == "lead_manager":
        forms = ("Lead {core}", "{core} Lead", "Manager, {field}", "Head of {field}")
    else:
        forms = ("{core}",)
    form = rng.choice(forms)
    text = form.format(core=core, field=field, year=year)
    if area and "{core}" in form and not form.endswith(")") and ", " not in form:
        text = f"{text}, {area}"
    return Title(text=text, seniority=seniority, misleading=misleading_role is not None)
