"""Names that are also ordinary words are gated in the data, and the gate built from the shipped
files keeps them apart in real sentences: the skill counts, the ordinary word does not."""

from __future__ import annotations

from functools import cache

import pytest
from spacy.language import Language

from jobtrends.pipeline.nlp import build_nlp
from tests.taxonomy_data.shipped import forms, owners, skill_rows

# Ordinary words and names the brief says may only count behind a context gate.
MUST_BE_GATED = [
    "Go", "R", "C", "D", "Rust", "Swift", "Julia", "Spark", "Ray", "Chroma", "Transformers",
    "Gemini", "Claude", "Llama", "Mistral", "Falcon", "Phoenix", "Dash", "Express", "Spring",
    "Rails", "Ember", "Elm", "Dart", "Crystal", "Pig", "Hive", "Beam", "Prefect", "Luigi",
    "Snowflake", "Delta", "Iceberg", "Arrow", "Modal", "Replicate", "Weave", "Outlines",
    "Instructor", "Haystack", "Marvin", "Triton", "Helm", "Puppet", "Chef", "Salt", "Vault",
    "Consul", "Nomad", "Bedrock", "Copilot", "Cursor", "agents", "agentic", "Storm", "Node",
    "React", "Flask", "Kafka", "Redshift", "Parquet", "Airflow", "Lambda", "Oracle", "OpenAI",
    "Anthropic", "retrieval", "guardrails", "embedding", "prompts", "transformer",
    "transcription", "CV", "continuous learning", "multimodality", "CI",
]  # fmt: skip
# Words that cannot be told from ordinary English even with context: never a surface form.
NEVER_SURFACE_FORMS = ["Scale", "Together", "Guidance", "Assistant", "Accelerate", "Black", "AI"]
# Short forms that are unambiguous in any case, so they need no gate.
SHORT_SAFE = {"JS", "ML", "RL", "C#", "F#", "S3", "o1", "o3", "🤗"}

# Sentences where a gated name is an ordinary word, a person, a place, a grade or a company.
FALSE_FRIENDS = [
    "We are a Series C startup; our C-suite leads R&D and R & D tax credits.",
    "A PhD or Ph.D is required; vitamin D; grade D or above.",
    "You'll go above and beyond, spark new ideas and express yourself.",
    "Go-to-market experience is a plus. Ready to go live?",
    "React quickly to incidents and take the helm of the roadmap.",
    "You will work closely with sales agents, support agents and insurance agents.",
    "Benefits: PPO and HMO medical plans. Our DPO handles GDPR requests.",
    "Our offices are in Phoenix, AZ and Salt Lake City; Delta Air Lines discounts.",
    "Spring 2027 graduates are encouraged to apply for the spring semester.",
    "Each node in the cluster; graph nodes; Node affinity must be set.",
    "Budget guardrails for spending; data retrieval of archived records.",
    "We embrace embedding engineers within product teams.",
    "Claude Monet prints hang in the office. Contact Claude Dubois with questions.",
    "Our investors include Anthropic. O-1 visa sponsorship is available.",
    "Move the mouse cursor; Outlines the roadmap; Instructor-led training.",
    "Bank vault doors, a perfect storm and the tip of the iceberg.",
    "Our models predict which transformer, breaker or pole will fail next winter.",
    "A missed payment prompts a reminder; the form prompts for a reason.",
    "Please send your CV and a cover letter; we value a culture of continuous learning.",
    "Our medical transcription team types up doctors' dictations.",
    "The uplift was 3% with a 95% CI of 1% to 5%.",
]
# (sentence, skill ids that must be found)
REAL_MENTIONS = [
    ("Requirements: Python, Go and Rust; experience with C/C++ and CUDA.", {"go", "rust", "c"}),
    ("Experience with R, SAS or Stata for statistical analysis.", {"r", "sas", "stata"}),
    ("We use React, Node and PostgreSQL.", {"react", "node_js", "postgresql"}),
    ("Pipelines in Spark and Kafka, orchestrated by Airflow.", {"apache_spark", "apache_kafka"}),
    ("Build AI agents that call tools via MCP; evaluate agents with evals.", {"ai_agents", "mcp"}),
    ("Deploy with Helm charts on Kubernetes; secrets in Vault.", {"helm", "hashicorp_vault"}),
    ("Experience with OpenAI, Anthropic and Gemini APIs.", {"openai_api", "claude", "gemini"}),
    ("Serve models with Triton and vLLM; write CUDA/Triton kernels.", {"openai_triton"}),
    ("Fine-tuning Llama and Mistral models with LoRA and DPO.", {"llama", "mistral", "dpo"}),
    ("Improve retrieval quality and embedding models for RAG.", {"information_retrieval"}),
    ("Add LLM guardrails against prompt injection; use Cursor and Copilot.", {"cursor"}),
    ("Java, Spring Boot and Hibernate; Elixir with Phoenix LiveView.", {"phoenix_framework"}),
    ("Tune the prompts and the retrieval behind our LLM features.", {"prompt_engineering"}),
    ("Profile transformer training with tensor parallelism.", {"transformer_architecture"}),
    ("Build the backend for agentic and conversational experiences.", {"ai_agents"}),
    ("Build real-time CV pipelines for object detection.", {"computer_vision"}),
    ("Audio transcription with Whisper and speaker diarization.", {"speech_recognition"}),
    ("Deploy continuous learning strategies with DPO and RLHF.", {"continual_learning"}),
    ("Vector-based retrieval augmentation over our documents.", {"rag"}),
    ("Evaluations run in CI and block merges on regressions.", {"ci_cd"}),
]


@cache
def _nlp() -> Language:
    return build_nlp()


def _skill_ids(text: str) -> set[str]:
    doc = _nlp()(text)
    return {span.label_ for span in doc._.skills}


@pytest.mark.parametrize("form", MUST_BE_GATED)
def test_word_like_names_are_ambiguous(form: str) -> None:
    category, skill = owners()[form.lower()]
    assert form in skill.get("ambiguous", []), f"{category}.toml:{skill['id']} must gate {form!r}"


@pytest.mark.parametrize("form", NEVER_SURFACE_FORMS)
def test_indistinguishable_words_are_not_surface_forms(form: str) -> None:
    assert form.lower() not in owners()


def test_short_forms_are_gated_or_exact() -> None:
    """One- and two-letter forms need the gate and vetoes on both sides, unless the skill matches
    only in exact case; otherwise they would fire on stray letters."""
    problems = []
    for category, skill in skill_rows():
        for form in forms(skill):
            if len(form) > 2 or form in SHORT_SAFE or skill.get("case_sensitive"):
                continue
            gated = form in skill.get("ambiguous", [])
            if not (gated and skill.get("veto_prev") and skill.get("veto_next")):
                problems.append(f"{category}.toml:{skill['id']}: short form {form!r}")
    assert problems == []


@pytest.mark.parametrize("text", FALSE_FRIENDS)
def test_ordinary_words_are_not_skills(text: str) -> None:
    gated_ids = {skill["id"] for _, skill in skill_rows() if skill.get("ambiguous")}
    assert _skill_ids(text) & gated_ids == set()


@pytest.mark.parametrize(("text", "expected"), REAL_MENTIONS)
def test_gated_names_count_in_technical_context(text: str, expected: set[str]) -> None:
    assert expected <= _skill_ids(text)
