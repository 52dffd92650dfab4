"""The product's shared vocabulary, defined once: role, seniority, remote and section ids.

Extraction, storage, evaluation and reports all use these tuples (their order is the order
reports show them in); see ../shared/DEFINITIONS.md for what each id means.
"""

from __future__ import annotations

ROLES = (
    "ml_engineer",
    "llm_engineer",
    "ai_application_developer",
    "ai_infrastructure_engineer",
    "data_scientist",
    "ml_researcher",
    "other",
)
# The AI-engineering specializations and their neighbours: every role but "other".
AI_ROLES = tuple(role for role in ROLES if role != "other")
SENIORITIES = ("intern", "junior", "mid", "senior", "staff_plus", "lead_manager", "unknown")
REMOTES = ("remote", "hybrid", "onsite", "unknown")
SECTIONS = (
    "responsibilities",
    "requirements",
    "nice_to_have",
    "about_company",
    "benefits",
    "general",
    "tags",
)
# A board's tag list (labels a poster picks, not job text) is read as a section of its own.
TAGS_SECTION = "tags"
# Sections whose skill mentions count as demand (about-company, benefits and tags do not).
DEMAND_SECTIONS = ("responsibilities", "requirements", "nice_to_have", "general")
