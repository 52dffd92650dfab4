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
    "Amazon Web Services": ("AWS", "Amazon Web Services"),
    "Microsoft Azure": ("Azure", "Microsoft Azure"),
    "Google BigQuery": ("BigQuery",),
    "Google Cloud Platform": ("GCP", "Google Cloud", "Google Cloud Platform"),
    "Hugging Face Transformers": ("Hugging Face Transformers", "HF Transformers"),
    "Kubernetes": ("Kubernetes", "K8s"),
    "Model Context Protocol": ("MCP", "Model Context Protocol"),
    "PostgreSQL": ("PostgreSQL", "Postgres"),
    "Weights & Biases": ("Weights & Biases", "W&B"),
    "Node.js": ("Node.js", "NodeJS"),
    "scikit-learn": ("scikit-learn", "sklearn"),
    "NVIDIA Triton Inference Server": ("Triton Inference Server", "NVIDIA Triton Inference Server"),
    "Claude": ("Claude", "Anthropic API", "Claude API"),
    "AI agents": ("AI agents", "agentic systems", "autonomous agents"),
    "A/B testing": ("A/B testing", "A/B tests"),
    "GitHub Copilot": ("GitHub Copilot", "Copilot"),
    # fields and techniques: the name is capitalised, the text writes them mid-sentence
    "Retrieval-augmented generation": ("RAG", "retrieval-augmented generation"),
    "Large language models": ("LLMs", "large language models"),
    "Natural language processing": ("NLP", "natural language processing"),
    "Machine learning": ("machine learning",),
    "Deep learning": ("deep learning",),
    "Computer vision": ("computer vision",),
    "Reinforcement learning": ("reinforcement learning",),
    "Generative AI": ("generative AI",),
    "Fine-tuning": ("fine-tuning", "fine tuning"),
    "Prompt engineering": ("prompt engineering",),
    "Quantization": ("quantization",),
    "Diffusion models": ("diffusion models",),
}


def surface(name: str, rng: Random) -> str:
    """How one posting writes the skill: usually the first spelling, sometimes a variant."""
    forms = SURFACES.get(name)
    if not forms:
        return name
    if len(forms) == 1 or rng.random() < 0.72:
        return forms[0]
    return rng.choice(forms[1:])
