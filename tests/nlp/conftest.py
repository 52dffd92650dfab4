"""Fixtures for the NLP tests: a small hand-written taxonomy, pipelines built on it and on the
package taxonomy, and a helper that runs text through a pipeline."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from jobtrends.pipeline.nlp import build_nlp
from jobtrends.pipeline.nlp.sections import SOURCE_TEXT_KEY

MINI_TAXONOMY = {
    "programming_languages": """
category = "programming_languages"
label = "Programming languages"

[[skill]]
id = "python"
name = "Python"

[[skill]]
id = "go"
name = "Go"
aliases = ["Golang"]
ambiguous = ["Go"]
context = ["golang", "language", "languages", "programming", "backend"]
veto_next = ["to", "ahead", "beyond", "through", "back"]
veto_prev = ["to", "will", "let", "on", "a"]

[[skill]]
id = "rust"
name = "Rust"
ambiguous = ["Rust"]
context = ["language", "languages", "programming", "systems"]

[[skill]]
id = "r"
name = "R"
aliases = ["R language"]
ambiguous = ["R"]
context = ["statistics", "statistical", "language", "languages", "python"]
veto_next = ["&", "-", "."]
veto_prev = ["&", "-"]

[[skill]]
id = "lua"
name = "Lua"

[[skill]]
id = "cpp"
name = "C++"

[[skill]]
id = "csharp"
name = "C#"

[[skill]]
id = "javascript"
name = "JavaScript"
aliases = ["JS"]
""",
    "data_engineering": """
category = "data_engineering"
label = "Data engineering"

[[skill]]
id = "apache_spark"
name = "Apache Spark"
aliases = ["PySpark", "Spark SQL"]
ambiguous = ["Spark"]
context = ["data", "pyspark", "hadoop", "scala", "etl", "pipelines"]
veto_next = ["joy"]
""",
    "training_serving": """
category = "training_serving"
label = "Training and serving"

[[skill]]
id = "cuda"
name = "CUDA"

[[skill]]
id = "ray"
name = "Ray"
aliases = ["Ray Serve"]
ambiguous = ["Ray"]
context = ["distributed", "cluster", "clusters", "anyscale", "training"]
veto_prev = ["a"]
veto_next = ["of"]

[[skill]]
id = "kubernetes"
name = "Kubernetes"
aliases = ["k8s"]

[[skill]]
id = "jax"
name = "JAX"
case_sensitive = true
""",
    "llm_models_apis": """
category = "llm_models_apis"
label = "LLM providers, models and APIs"

[[skill]]
id = "claude"
name = "Claude"
aliases = ["Anthropic Claude", "Claude API"]
ambiguous = ["Claude"]
context = ["anthropic", "llm", "llms", "api", "model", "models", "openai", "gpt-4"]

[[skill]]
id = "openai_api"
name = "OpenAI API"
aliases = ["OpenAI"]

[[skill]]
id = "scale_ai"
name = "Scale AI"
ambiguous = ["Scale"]
context = ["labeling", "annotation", "rlhf"]
veto_prev = ["at", "to"]
""",
    "ml_frameworks": """
category = "ml_frameworks"
label = "ML frameworks"

[[skill]]
id = "pytorch"
name = "PyTorch"

[[skill]]
id = "tensorflow"
name = "TensorFlow"

[[skill]]
id = "hf_transformers"
name = "Hugging Face Transformers"
aliases = ["HF Transformers"]
ambiguous = ["Transformers"]
context = ["hugging", "huggingface", "library", "pytorch", "datasets"]
""",
    "ai_techniques": """
category = "ai_techniques"
label = "AI techniques"

[[skill]]
id = "transformer_architecture"
name = "Transformers"
aliases = ["transformer architecture", "transformer models"]

[[skill]]
id = "rag"
name = "RAG"
aliases = ["retrieval-augmented generation"]
""",
}


def write_taxonomy(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for category, body in files.items():
        (directory / f"{category}.toml").write_text(body, encoding="utf-8")
    return directory


@pytest.fixture(scope="session")
def mini_taxonomy_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_taxonomy(tmp_path_factory.mktemp("taxonomy"), MINI_TAXONOMY)


@pytest.fixture(scope="session")
def mini_nlp(mini_taxonomy_dir: Path) -> Language:
    return build_nlp(mini_taxonomy_dir)


@pytest.fixture(scope="session")
def real_nlp() -> Language:
    return build_nlp()


Run = Callable[[str], Doc]


def run_text(nlp: Language, text: str) -> Doc:
    doc = nlp.make_doc(text)
    doc.user_data[SOURCE_TEXT_KEY] = text
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


@pytest.fixture
def mini(mini_nlp: Language) -> Run:
    return lambda text: run_text(mini_nlp, text)


def found(doc: Doc) -> list[tuple[str, str]]:
    """(skill id, matched text) of every skill span, in text order."""
    return [(span.label_, span.text) for span in doc._.skills]
