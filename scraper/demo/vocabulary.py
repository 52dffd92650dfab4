"""The demo corpus's skill vocabulary: names as job ads write them, and how demand moves over time.

Every role has a pool of skills, each with a trend: piecewise-linear knots `(t, weight)` over the
corpus timeline, t = 0 for the first month and t = 1 for the last. A weight of 0 means the skill
is not written into any posting of that role at that time, so a "late" skill is truly absent early.
`skills` on a demo posting always holds the canonical names used as keys here; `SURFACES` lists
the other spellings the generator writes (an extractor's aliases must cover them).
"""

from __future__ import annotations

from random import Random

Trend = tuple[tuple[float, float], ...]


def flat(weight: float) -> Trend:
    return ((0.0, weight), (1.0, weight))


def ramp(start: float, end: float) -> Trend:
    return ((0.0, start), (1.0, end))


def late(begin: float, full: float, top: float) -> Trend:
    """Absent until `begin`, then rising to `top` at `full`, then holding."""
    return ((0.0, 0.0), (begin, 0.0), (full, top), (1.0, top))


def level(trend: Trend, t: float) -> float:
    if t <= trend[0][0]:
        return trend[0][1]
    for (t0, w0), (t1, w1) in zip(trend, trend[1:], strict=False):
        if t <= t1:
            return w0 + (w1 - w0) * (t - t0) / (t1 - t0)
    return trend[-1][1]


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


# Share of a role's postings that name Python (kept out of the weighted draw so it dominates).
PYTHON_SHARE: dict[str, float] = {
    "ml_engineer": 0.93,
    "llm_engineer": 0.9,
    "ai_application_developer": 0.62,
    "ai_infrastructure_engineer": 0.78,
    "data_scientist": 0.92,
    "ml_researcher": 0.9,
}

POOLS: dict[str, dict[str, Trend]] = {
    "ml_engineer": {
        "PyTorch": flat(0.95),
        "TensorFlow": ramp(0.85, 0.2),
        "JAX": ramp(0.06, 0.26),
        "scikit-learn": ramp(0.5, 0.38),
        "XGBoost": flat(0.28),
        "Apache Spark": ramp(0.5, 0.4),
        "Apache Airflow": flat(0.3),
        "Kubernetes": flat(0.42),
        "Docker": flat(0.45),
        "AWS": flat(0.45),
        "Google Cloud": flat(0.22),
        "Amazon SageMaker": flat(0.28),
        "Vertex AI": ramp(0.1, 0.18),
        "MLflow": flat(0.3),
        "Weights & Biases": ramp(0.18, 0.3),
        "Kubeflow": ramp(0.22, 0.1),
        "Ray": ramp(0.1, 0.26),
        "Hugging Face Transformers": ramp(0.28, 0.5),
        "ONNX": flat(0.12),
        "SQL": flat(0.45),
        "Databricks": ramp(0.18, 0.3),
        "Apache Kafka": flat(0.14),
        "C++": flat(0.14),
        "fine-tuning": ramp(0.08, 0.3),
        "MLOps": flat(0.28),
        "deep learning": flat(0.35),
        "machine learning": flat(0.5),
        "computer vision": flat(0.16),
        "NLP": ramp(0.22, 0.14),
        "pgvector": ramp(0.0, 0.1),
        "Feast": flat(0.08),
    },
    "llm_engineer": {
        "LangChain": ((0.0, 0.35), (0.42, 0.95), (1.0, 0.9)),
        "LlamaIndex": ((0.0, 0.14), (0.5, 0.36), (1.0, 0.3)),
        "LangGraph": late(0.42, 0.75, 0.8),
        "DSPy": late(0.5, 0.85, 0.35),
        "Model Context Protocol": late(0.55, 0.85, 0.75),
        "AI agents": ((0.0, 0.04), (0.5, 0.22), (1.0, 0.9)),
        "RAG": ((0.0, 0.5), (0.4, 0.9), (1.0, 0.9)),
        "OpenAI API": flat(0.55),
        "Anthropic API": ramp(0.08, 0.45),
        "GPT-4": ramp(0.4, 0.16),
        "Claude": ramp(0.06, 0.3),
        "Llama": flat(0.28),
        "Mistral": ramp(0.04, 0.14),
        "Hugging Face Transformers": flat(0.45),
        "PyTorch": ramp(0.5, 0.65),
        "fine-tuning": flat(0.45),
        "LoRA": ramp(0.15, 0.28),
        "RLHF": flat(0.14),
        "prompt engineering": ramp(0.5, 0.32),
        "Pinecone": ramp(0.14, 0.45),
        "pgvector": ramp(0.05, 0.45),
        "Qdrant": ramp(0.02, 0.32),
        "Weaviate": ramp(0.1, 0.2),
        "Chroma": flat(0.1),
        "Elasticsearch": flat(0.18),
        "vLLM": ramp(0.04, 0.25),
        "LangSmith": late(0.25, 0.7, 0.3),
        "Ragas": late(0.35, 0.8, 0.2),
        "Weights & Biases": flat(0.14),
        "FastAPI": flat(0.3),
        "Docker": flat(0.28),
        "Kubernetes": ramp(0.25, 0.42),
        "AWS": flat(0.3),
        "Apache Spark": ramp(0.04, 0.14),
        "NLP": ramp(0.3, 0.12),
        "TypeScript": ramp(0.08, 0.2),
        "generative AI": flat(0.2),
        "TensorFlow": ramp(0.1, 0.02),
    },
    "ai_application_developer": {
        "TypeScript": flat(0.75),
        "Node.js": flat(0.5),
        "React": flat(0.55),
        "Next.js": ramp(0.2, 0.42),
        "FastAPI": flat(0.35),
        "Django": flat(0.15),
        "PostgreSQL": flat(0.5),
        "Redis": flat(0.25),
        "GraphQL": flat(0.2),
        "REST": flat(0.4),
        "OpenAI API": flat(0.7),
        "Anthropic API": ramp(0.15, 0.5),
        "LangChain": ((0.0, 0.2), (0.45, 0.5), (1.0, 0.45)),
        "Vercel AI SDK": late(0.4, 0.8, 0.3),
        "LangGraph": late(0.45, 0.8, 0.3),
        "Model Context Protocol": late(0.55, 0.85, 0.45),
        "AI agents": ((0.0, 0.02), (0.5, 0.15), (1.0, 0.55)),
        "RAG": flat(0.38),
        "pgvector": ramp(0.1, 0.4),
        "Pinecone": ramp(0.15, 0.3),
        "AWS": flat(0.4),
        "Docker": flat(0.32),
        "Kubernetes": ramp(0.1, 0.3),
        "CI/CD": flat(0.3),
        "WebSocket": flat(0.15),
        "generative AI": flat(0.28),
        "prompt engineering": flat(0.32),
        "Go": flat(0.1),
        "Swift": flat(0.05),
        "Kotlin": flat(0.05),
    },
    "ai_infrastructure_engineer": {
        "Kubernetes": flat(0.85),
        "Docker": flat(0.45),
        "Go": flat(0.35),
        "Rust": ramp(0.1, 0.2),
        "C++": flat(0.4),
        "CUDA": flat(0.45),
        "Triton Inference Server": flat(0.2),
        "TensorRT": flat(0.2),
        "vLLM": ((0.0, 0.04), (0.4, 0.3), (1.0, 0.7)),
        "SGLang": late(0.6, 0.9, 0.18),
        "Ray": ramp(0.2, 0.4),
        "Slurm": flat(0.25),
        "NCCL": flat(0.15),
        "DeepSpeed": ramp(0.14, 0.24),
        "PyTorch": ramp(0.55, 0.7),
        "JAX": ramp(0.1, 0.2),
        "TensorFlow": ramp(0.28, 0.06),
        "Terraform": flat(0.4),
        "AWS": flat(0.42),
        "Google Cloud": flat(0.3),
        "Azure": flat(0.15),
        "Prometheus": flat(0.3),
        "Grafana": flat(0.24),
        "Helm": flat(0.2),
        "Kubeflow": ramp(0.25, 0.08),
        "MLflow": flat(0.18),
        "gRPC": flat(0.25),
        "Linux": flat(0.4),
        "quantization": ramp(0.05, 0.3),
        "ONNX": flat(0.14),
        "Argo Workflows": flat(0.14),
        "KServe": ramp(0.05, 0.15),
    },
    "data_scientist": {
        "SQL": flat(0.9),
        "R": ramp(0.48, 0.34),
        "pandas": flat(0.6),
        "NumPy": flat(0.3),
        "scikit-learn": flat(0.55),
        "XGBoost": flat(0.3),
        "statsmodels": flat(0.2),
        "Tableau": flat(0.3),
        "Looker": flat(0.2),
        "dbt": ramp(0.14, 0.26),
        "Snowflake": flat(0.3),
        "BigQuery": flat(0.2),
        "Apache Spark": ramp(0.46, 0.36),
        "Databricks": ramp(0.2, 0.3),
        "Jupyter": flat(0.28),
        "TensorFlow": ramp(0.25, 0.06),
        "PyTorch": ramp(0.2, 0.25),
        "machine learning": flat(0.55),
        "A/B testing": flat(0.45),
        "LLMs": ramp(0.02, 0.22),
        "generative AI": late(0.3, 0.8, 0.15),
        "Apache Airflow": flat(0.15),
        "Polars": ramp(0.02, 0.12),
    },
    "ml_researcher": {
        "PyTorch": flat(0.9),
        "JAX": ramp(0.2, 0.45),
        "TensorFlow": ramp(0.32, 0.06),
        "CUDA": flat(0.25),
        "C++": flat(0.15),
        "deep learning": flat(0.55),
        "reinforcement learning": flat(0.3),
        "RLHF": ramp(0.14, 0.3),
        "NLP": flat(0.28),
        "computer vision": flat(0.28),
        "Hugging Face Transformers": flat(0.35),
        "DeepSpeed": flat(0.15),
        "LLMs": ramp(0.3, 0.5),
        "diffusion models": ramp(0.1, 0.2),
        "Slurm": flat(0.15),
        "LoRA": flat(0.1),
        "Weights & Biases": flat(0.25),
        "NumPy": flat(0.2),
    },
}

# Pools of the `other` role, one per kind of job (see `roles.OTHER_KINDS`).
OTHER_POOLS: dict[str, dict[str, Trend]] = {
    "backend": {
        "Go": flat(0.5),
        "Java": flat(0.4),
        "Kotlin": flat(0.15),
        "Python": flat(0.45),
        "PostgreSQL": flat(0.55),
        "Redis": flat(0.3),
        "Apache Kafka": flat(0.3),
        "gRPC": flat(0.25),
        "REST": flat(0.35),
        "AWS": flat(0.4),
        "Docker": flat(0.35),
        "Kubernetes": flat(0.4),
        "GraphQL": flat(0.15),
    },
    "devops": {
        "Kubernetes": flat(0.9),
        "Terraform": flat(0.7),
        "AWS": flat(0.6),
        "Google Cloud": flat(0.25),
        "Prometheus": flat(0.4),
        "Grafana": flat(0.35),
        "Helm": flat(0.35),
        "Linux": flat(0.5),
        "Bash": flat(0.35),
        "GitHub Actions": flat(0.3),
        "CI/CD": flat(0.45),
        "Docker": flat(0.4),
        "Ansible": ramp(0.25, 0.15),
        "Argo CD": ramp(0.1, 0.25),
    },
    "sales_engineering": {
        "Python": flat(0.6),
        "REST": flat(0.5),
        "SQL": flat(0.4),
        "Docker": flat(0.2),
        "OpenAI API": ramp(0.1, 0.3),
        "JavaScript": flat(0.25),
    },
    "annotation": {
        "Python": flat(0.15),
        "SQL": flat(0.05),
    },
    "frontend": {
        "React": flat(0.8),
        "TypeScript": flat(0.8),
        "Next.js": ramp(0.2, 0.4),
        "GraphQL": flat(0.25),
        "GitHub Copilot": ramp(0.15, 0.45),
        "Cursor": late(0.2, 0.7, 0.4),
        "Node.js": flat(0.3),
        "CI/CD": flat(0.2),
    },
}

# Tools companies name in their "about us" blurb; a posting names some the role does not ask for.
COMPANY_STACK: tuple[str, ...] = (
    "Snowflake", "dbt", "Apache Kafka", "PostgreSQL", "Redis", "Go", "Java", "Scala", "React",
    "TypeScript", "Terraform", "Elasticsearch", "BigQuery", "Datadog", "GitHub Actions", "Rust",
    "Kubernetes", "Google Cloud", "AWS", "Azure", "Ruby on Rails", "Elixir", "ClickHouse",
)  # fmt: skip


def pool_for(role: str, other_kind: str) -> dict[str, Trend]:
    return OTHER_POOLS[other_kind] if role == "other" else POOLS[role]


def draw_skills(
    pool: dict[str, Trend], t: float, count: int, rng: Random, exclude: frozenset[str] = frozenset()
) -> list[str]:
    """Weighted draw without replacement (Efraimidis-Spirakis keys); the pool's order is fixed."""
    keyed: list[tuple[float, str]] = []
    for name, trend in pool.items():
        weight = level(trend, t)
        if weight <= 0.0 or name in exclude:
            continue
        keyed.append((rng.random() ** (1.0 / weight), name))
    keyed.sort(reverse=True)
    return [name for _, name in keyed[:count]]


def all_skill_names() -> list[str]:
    names: dict[str, None] = {"Python": None}
    for pool in (*POOLS.values(), *OTHER_POOLS.values()):
        names.update(dict.fromkeys(pool))
    names.update(dict.fromkeys(COMPANY_STACK))
    return list(names)
