"""The shipped taxonomy files honour the format contract the loader and the skill matcher rely on.

Each file is read straight from package data with `tomllib`, so a broken file is reported here by
file and skill even if the loader's own checks change.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from typing import Any

import pytest
import spacy

from jobtrends.pipeline.nlp.taxonomy import load_taxonomy
from jobtrends.pipeline.nlp.tokenizer import customize_tokenizer
from tests.taxonomy_data.shipped import CATEGORIES, files, first_line, forms, owners, skill_rows

FILE_KEYS = {"category", "label", "skill"}
SKILL_KEYS = {
    "id", "name", "aliases", "ambiguous", "context", "veto_next", "veto_prev", "case_sensitive",
}  # fmt: skip
LIST_KEYS = ("aliases", "ambiguous", "context", "veto_next", "veto_prev")
CUE_KEYS = ("context", "veto_next", "veto_prev")
SNAKE_ID = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)*$")
MIN_SKILLS = 800

# Skills the brief names per category, "|"-separated: each surface form must exist and belong
# to that category.
REQUIRED = {
    "programming_languages": "Python|TypeScript|Go|R|C|D|Rust|Swift|Julia|Java|SQL",
    "ml_frameworks": (
        "PyTorch|TensorFlow|JAX|scikit-learn|sklearn|XGBoost|LightGBM|CatBoost|Keras|"
        "Hugging Face Transformers|Transformers|Diffusers|PEFT library|spaCy|NLTK|OpenCV|"
        "NumPy|pandas|Polars|SciPy|statsmodels"
    ),
    "llm_models_apis": (
        "OpenAI API|OpenAI|Claude|Anthropic API|Anthropic Claude|Claude API|Gemini|Mistral|"
        "Llama|Cohere|Amazon Bedrock|Bedrock|Azure OpenAI|Vertex AI|GPT-4|GPT-4o"
    ),
    "llm_frameworks": (
        "LangChain|LlamaIndex|LangGraph|DSPy|Haystack|Semantic Kernel|CrewAI|AutoGen|Vercel AI SDK"
    ),
    "vector_search": (
        "Pinecone|Weaviate|Chroma|pgvector|Milvus|Qdrant|FAISS|Elasticsearch|OpenSearch"
    ),
    "mlops": (
        "MLflow|Weights & Biases|Weights and Biases|W&B|wandb|Kubeflow|Amazon SageMaker|"
        "SageMaker|Vertex AI Pipelines"
    ),
    "training_serving": (
        "CUDA|Triton|TensorRT|vLLM|TGI|DeepSpeed|FSDP|Megatron-LM|Ray|NCCL|Slurm|TPUs"
    ),
    "data_engineering": (
        "Apache Spark|Spark|Kafka|Airflow|dbt|Flink|Beam|Dagster|Prefect|Snowflake|"
        "Databricks|BigQuery|Redshift|Delta Lake|Iceberg|Hudi|Trino|Presto"
    ),
    "databases": "PostgreSQL|Postgres|MySQL|MongoDB|Redis|SQLite|Neo4j|DynamoDB",
    "cloud_devops": (
        "AWS|GCP|Azure|Amazon S3|S3|AWS Lambda|Amazon EKS|EKS|Docker|Kubernetes|K8s|"
        "Terraform|Helm|Argo CD"
    ),
    "web_backend": (
        "React|Next.js|Node.js|NodeJS|Node|FastAPI|Django|Flask|Spring Boot|REST|gRPC|"
        "GraphQL|WebSocket|Express"
    ),
    "software_practice": (
        "Git|GitHub Actions|CI/CD|Jenkins|pytest|Jest|Datadog|Prometheus|Grafana|"
        "OpenTelemetry|Sentry"
    ),
    "ai_techniques": (
        "RAG|retrieval-augmented generation|retrieval augmented generation|fine-tuning|"
        "fine tuning|finetuning|fine-tune|fine-tuned|LoRA|QLoRA|PEFT|RLHF|DPO|"
        "prompt engineering|context engineering|AI agents|agents|agentic|tool calling|"
        "function calling|MCP|LLM evaluation|guardrails|embeddings|quantization|distillation|"
        "distributed training|Transformer|NLP|computer vision|speech recognition|"
        "recommender systems|reinforcement learning|MLOps|machine learning|deep learning|"
        "generative AI|LLM|LLMs|retrieval|semantic search|knowledge graphs|"
        "time series forecasting|anomaly detection|causal inference|Bayesian methods|GANs|"
        "diffusion models|multimodal|OCR|named entity recognition|sentiment analysis|"
        "A/B testing"
    ),
}


@cache
def _tokenizer() -> Any:
    nlp = spacy.blank("en")
    customize_tokenizer(nlp, nlp.tokenizer)
    return nlp.tokenizer


def _is_one_token(tokenizer: Any, cue: str) -> bool:
    """True when some casing of `cue` is one token ("u.s." is one token written "U.S.")."""
    for spelling in {cue, cue.title(), cue.upper()}:
        tokens = tokenizer(spelling)
        if len(tokens) == 1 and tokens[0].lower_ == cue:
            return True
    return False


def test_every_category_file_exists_and_no_other() -> None:
    assert sorted(files()) == sorted(CATEGORIES)


@pytest.mark.parametrize("category", CATEGORIES)
def test_file_header_matches_file_name(category: str) -> None:
    data = files()[category]
    assert set(data) == FILE_KEYS
    assert data["category"] == category
    assert isinstance(data["label"], str) and data["label"].strip() == data["label"] != ""
    assert isinstance(data["skill"], list) and data["skill"]


@pytest.mark.parametrize("category", CATEGORIES)
def test_skills_are_sorted_by_id(category: str) -> None:
    ids = [skill["id"] for skill in files()[category]["skill"]]
    assert ids == sorted(ids)


def test_skill_entries_are_well_formed() -> None:
    problems = []
    for category, skill in skill_rows():
        where = f"{category}.toml:{skill.get('id')}"
        if set(skill) - SKILL_KEYS:
            problems.append(f"{where}: unknown keys {sorted(set(skill) - SKILL_KEYS)}")
        if not isinstance(skill.get("id"), str) or not SNAKE_ID.match(skill["id"]):
            problems.append(f"{where}: id is not snake_case")
        name = skill.get("name")
        if not isinstance(name, str) or not name.strip() or name != " ".join(name.split()):
            problems.append(f"{where}: name is empty or has stray whitespace")
        if not isinstance(skill.get("case_sensitive", False), bool):
            problems.append(f"{where}: case_sensitive is not a boolean")
        for key in LIST_KEYS:
            values = skill.get(key, [])
            if not isinstance(values, list) or (not values and key in skill):
                problems.append(f"{where}: {key} must be a non-empty list when present")
                continue
            for value in values:
                if not isinstance(value, str) or value != " ".join(value.split()) or not value:
                    problems.append(f"{where}: {key} entry {value!r} is empty or badly spaced")
            if len(values) != len(set(values)):
                problems.append(f"{where}: {key} repeats {Counter(values).most_common(1)[0][0]!r}")
    assert problems == []


def test_ids_are_unique_acrossfiles() -> None:
    counts = Counter(skill["id"] for _, skill in skill_rows())
    assert [skill_id for skill_id, n in counts.items() if n > 1] == []


def test_surface_forms_are_unique_case_insensitively() -> None:
    """Across skills a form may never repeat in any case; inside one skill a case variant is only
    useful when every spelling involved is matched in exact case (ambiguous or case_sensitive)."""
    owner: dict[str, str] = {}
    problems = []
    for category, skill in skill_rows():
        exact = set(skill.get("ambiguous", []))
        seen: dict[str, str] = {}
        for form in forms(skill):
            key = form.lower()
            if key in seen and not skill.get("case_sensitive") and not {form, seen[key]} <= exact:
                problems.append(f"{skill['id']}: {form!r} repeats {seen[key]!r}")
            seen.setdefault(key, form)
            other = owner.setdefault(key, skill["id"])
            if other != skill["id"]:
                problems.append(f"{category}.toml:{skill['id']}: {form!r} already in {other}")
    assert problems == []


def test_ambiguous_forms_are_gated() -> None:
    """An ambiguous form is one of the skill's spellings, and the gate has cues to confirm it."""
    problems = []
    for category, skill in skill_rows():
        where = f"{category}.toml:{skill['id']}"
        ambiguous = skill.get("ambiguous", [])
        if not ambiguous and any(key in skill for key in CUE_KEYS):
            problems.append(f"{where}: context/vetoes without an ambiguous form")
        if ambiguous and not skill.get("context"):
            problems.append(f"{where}: ambiguous forms but no context cues")
        own = {form.lower() for form in ambiguous} & set(skill.get("context", []))
        if own:
            problems.append(f"{where}: cues {sorted(own)} would let one mention confirm another")
        missing = [form for form in ambiguous if form not in forms(skill)]
        if missing:
            problems.append(f"{where}: ambiguous {missing} are not the name or an alias")
        for form in ambiguous:
            variants = [f for f in forms(skill) if f.lower() == form.lower()]
            ungated = [f for f in variants if f not in ambiguous]
            if ungated:
                problems.append(f"{where}: {ungated} would bypass the gate on {form!r}")
    assert problems == []


def test_cues_are_lowercase_and_veto_words_are_single_tokens() -> None:
    """Context cues are searched in lower-cased text (phrases allowed); veto words are compared
    with the one token right before/after a candidate, so each must be a single token."""
    tokenizer = _tokenizer()
    problems = []
    for category, skill in skill_rows():
        where = f"{category}.toml:{skill['id']}"
        for key in CUE_KEYS:
            for cue in skill.get(key, []):
                if cue != cue.lower():
                    problems.append(f"{where}: {key} {cue!r} is not lowercase")
                if key != "context" and not _is_one_token(tokenizer, cue):
                    problems.append(f"{where}: {key} {cue!r} is not a single token")
    assert problems == []


@pytest.mark.parametrize(
    ("category", "form"), [(c, f) for c, forms in REQUIRED.items() for f in forms.split("|")]
)
def test_required_skill_is_present_in_its_category(category: str, form: str) -> None:
    assert form.lower() in owners(), f"{form!r} missing"
    assert owners()[form.lower()][0] == category


def test_at_least_800_skills_and_every_category_substantial() -> None:
    per_category = Counter(category for category, _ in skill_rows())
    assert sum(per_category.values()) >= MIN_SKILLS
    assert min(per_category.values()) >= 25, per_category


def test_model_file_states_its_naming_rule_on_line_one() -> None:
    assert first_line("llm_models_apis").startswith("# Rule:")


def test_package_loader_accepts_the_shippedfiles() -> None:
    taxonomy = load_taxonomy()
    assert len(taxonomy.skills) == sum(1 for _ in skill_rows())
    assert set(taxonomy.categories) == set(CATEGORIES)
