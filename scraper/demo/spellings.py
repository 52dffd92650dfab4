"""How job ads spell the demo's skills: canonical names and the variants written in postings.

An extractor's alias list must cover every spelling here for the demo's skill counts to be exact.
"""

from __future__ import annotations

from random import Random

# Spellings other than the canonical name; the first entry is the one written most often.
SURFACES: dict[str, tuple[str, ...]] = {
    "Apache Spark": ("Spark", "Apache Spark"),
    "Apache Airflow": ("Airflow", "Apache Airflow"),
    "Apache Kafka": ("Kafka", "Apache Kafka"),
    "Amazon SageMaker": ("SageMaker", "AWS SageMaker", "Amazon SageMaker"),
    "Hugging Face Transformers": ("Hugging Face Transformers", "Hugging Face", "HF Transformers"),
    "Kubernetes": ("Kubernetes", "K8s"),
    "Model Context Protocol": ("MCP", "Model Context Protocol (MCP)", "Model Context Protocol"),
    "PostgreSQL": ("PostgreSQL", "Postgres"),
    "Google Cloud": ("GCP", "Google Cloud"),
    "Weights & Biases": ("Weights & Biases", "W&B"),
    "Node.js": ("Node.js", "NodeJS"),
    "scikit-learn": ("scikit-learn", "sklearn"),
    "fine-tuning": ("fine-tuning", "fine tuning"),
    "RAG": ("RAG", "retrieval-augmented generation"),
    "LLMs": ("LLMs", "large language models"),
    "NLP": ("NLP", "natural language processing"),
    "OpenAI API": ("OpenAI API",),
    "AI agents": ("AI agents", "agentic systems", "autonomous agents"),
    "A/B testing": ("A/B testing", "A/B tests"),
    "GitHub Copilot": ("GitHub Copilot", "Copilot"),
}


def surface(name: str, rng: Random) -> str:
    """How one posting writes the skill: usually the first spelling, sometimes a variant."""
    forms = SURFACES.get(name)
    if not forms:
        return name
    if len(forms) == 1 or rng.random() < 0.72:
        return forms[0]
    return rng.choice(forms[1:])
