"""Role specialization (DEFINITIONS.md): the title gives a prior, the work described decides.

Every role collects a score: a prior from the title, evidence from the skills the posting asks for
(by category and for telling techniques such as RAG, agents, CUDA or NCCL), and evidence from
cues about the work (`work_cues`: "GPU clusters", "A/B tests", "publications"). A posting without AI
evidence is `other` whatever its title suggests, unless the title itself is an AI role. The
confidence grows with the evidence and with the margin over the runner-up, and is calibrated on
the real dev split (`CALIBRATION`): of postings given 0.8, about 80% had the right role there.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

from spacy.language import Language

from jobtrends.pipeline.nlp.build import build_nlp
from jobtrends.pipeline.nlp.terms import work_cues_of
from jobtrends.pipeline.nlp.work_cues import WORK_WORDS
from jobtrends.pipeline.results import SkillMention
from jobtrends.pipeline.vocab import AI_ROLES, DEMAND_SECTIONS

TITLE_CACHE_SIZE = 8192

# Only skills from these categories (and words about AI work) show that a job is an AI role at
# all; web, cloud or database skills then only help to decide which AI role it is.
AI_CATEGORIES = frozenset(
    {"llm_frameworks", "vector_search", "llm_models_apis", "ml_frameworks", "mlops",
     "training_serving", "ai_techniques"}
)  # fmt: skip
TITLE_WEIGHT = 3.0
# A title that names a job that is not engineering (sales, annotation, design, developer relations)
# decides `other` whatever the vocabulary; an engineering title outside AI (devops, SRE) needs the
# work to be clearly about AI to be overridden; an MLOps title leans to the model side but
# platform work can win; a product-engineering title (backend, mobile...) leans more towards
# building AI into products than a bare "engineer" does.
NON_AI_TITLE_WEIGHT = 4.0
NON_ENGINEERING_CONFIDENCE = 0.9
MLOPS_TITLE_WEIGHTS = {"ml_engineer": 2.0, "ai_infrastructure_engineer": 1.0}
# "ML Scientist", "Applied Scientist": on real postings as often applied modelling or analysis as
# research, so the title only says the job is on the model side; the work picks which.
SCIENTIST_TITLE_WEIGHTS = {"ml_engineer": 2.5, "data_scientist": 1.2, "ml_researcher": 1.2}
PRODUCT_TITLE_WEIGHT = 3.0
GENERIC_TITLE_WEIGHT = 0.8
# Under a product-engineering title (backend, full-stack, "AI software engineer") the LLM skills
# say what the product calls, not that the job's core is LLM work: they count this much.
PRODUCT_PRIORS = frozenset({"product", "ai_application_developer"})
PRODUCT_LLM_SHARE = 0.5
MIN_AI_EVIDENCE = 1.0
PHRASE_CAP = 4

# (role, pattern) in order; the first match is the title's role. "product" and "generic" are
# engineering titles: they lean towards building AI into products, but only when the work is about
# AI at all. "mlops" is shared between the model and the platform side.
_PRODUCT = r"full[- ]?stack|front[- ]?end|back[- ]?end|\bios\b|android|mobile"
_TITLES: tuple[tuple[str, str], ...] = (
    ("non_engineering", r"annotat|label(?:l)?er|\brater\b|ai (?:data )?(?:trainer|tutor)|evaluator"
                        r"|adjudicat|\b(?:response|output|model) (?:review|grad)"
                        r"|data trainer|data entry|designer|advocate|evangelist|developer relations"
                        r"|devrel"),
    ("ml_researcher", r"research|\bresearcher\b|\bresiden(?:cy|t)\b|post-?doc|fellowship"
                      r"|postdoctoral|\bphd (?:position|candidate|student)"),
    ("scientist", r"(?:machine learning|\bml|\bai) scientist|applied (?:\w+ )?scientist"),
    ("data_scientist", r"data scien|\bdata analyst|statistician|decision scien|analytics"
                       r"|quantitative analyst"),
    ("ai_infrastructure_engineer", r"ml platform|ai platform|(?:ml|ai) infra|\bgpu\b|inference"
                                   r"|training (?:infra|platform)|compiler"
                                   r"|kernel|\bhpc\b|model serving|ml ?ops platform"),
    ("mlops", r"ml ?ops"),
    ("llm_engineer", r"\bllms?\b|gen(?:erative)? ?ai|prompt engineer|\bnlp\b|conversational ai"
                     r"|\bagent(?:s|ic)?\b|applied ai|\bai engineer\b"),
    ("ml_engineer", r"machine learning|\bml\b|deep learning|computer vision|recommend"
                    r"|perception|\bmle\b|\bai/ml\b|\bml/ai\b|speech"),
    ("ai_application_developer", rf"\bai\b.*(?:{_PRODUCT}|product|software|application|developer"
                                 rf"|integration)|(?:{_PRODUCT}|software|product) .*\bai\b"
                                 r"|ai (?:application|product|feature)"),
    ("non_engineering", r"\bsales\b|account (?:executive|manager)|customer (?:success|support)"
                        r"|\brecruit|marketing|\blegal\b|counsel|accountant|solutions? (?:engineer"
                        r"|architect|consultant)|customer engineer|technical support"),
    ("other", r"\bfinance\b|devops|site reliability|\bsre\b|support|operations|\bit\b"),
    ("product", _PRODUCT),
    ("generic", r"software|developer|engineer|programmer"),
)  # fmt: skip
_TITLE_PATTERNS = tuple((role, re.compile(p, re.IGNORECASE)) for role, p in _TITLES)

CATEGORY_WEIGHTS: dict[str, dict[str, float]] = {
    "llm_frameworks": {"llm_engineer": 1.0, "ai_application_developer": 0.4},
    "vector_search": {"llm_engineer": 0.8, "ai_application_developer": 0.3},
    "llm_models_apis": {"llm_engineer": 0.5, "ai_application_developer": 0.6},
    "ml_frameworks": {"ml_engineer": 0.4, "ml_researcher": 0.3, "data_scientist": 0.3},
    "mlops": {"ml_engineer": 0.7, "ai_infrastructure_engineer": 0.3},
    "training_serving": {"ai_infrastructure_engineer": 1.0, "ml_researcher": 0.2},
    "ai_techniques": {"ml_engineer": 0.3, "llm_engineer": 0.3, "ml_researcher": 0.2},
    "web_backend": {"ai_application_developer": 0.5},
    "cloud_devops": {"ai_infrastructure_engineer": 0.3},
    "data_engineering": {"ml_engineer": 0.2, "data_scientist": 0.2},
}


def _same(ids: str, weights: dict[str, float]) -> dict[str, dict[str, float]]:
    return {skill_id: dict(weights) for skill_id in ids.split()}


# Skills that say more than their category (ids from the package taxonomy).
SKILL_WEIGHTS: dict[str, dict[str, float]] = {
    **_same("rag graphrag prompt_engineering context_engineering ai_agents tool_calling mcp"
            " llm_evaluation llm_as_judge guardrails large_language_models structured_outputs"
            " llmops a2a_protocol conversational_ai semantic_search hybrid_search",
            {"llm_engineer": 1.2}),
    **_same("fine_tuning lora qlora peft supervised_fine_tuning instruction_tuning embeddings"
            " reranking", {"llm_engineer": 0.8, "ml_researcher": 0.2}),
    **_same("pretraining post_training rlhf dpo grpo ppo rlvr reward_modeling synthetic_data"
            " mechanistic_interpretability state_space_models mixture_of_experts"
            " representation_learning self_supervised_learning", {"ml_researcher": 0.8,
                                                                  "llm_engineer": 0.2}),
    **_same("distributed_training model_parallelism tensor_parallelism pipeline_parallelism"
            " data_parallelism inference_optimization continuous_batching paged_attention"
            " kv_cache speculative_decoding quantization", {"ai_infrastructure_engineer": 0.8,
                                                            "ml_researcher": 0.2}),
    **_same("deepspeed fsdp megatron_lm pytorch_ddp jax", {"ai_infrastructure_engineer": 0.5,
                                                          "ml_researcher": 0.5}),
    **_same("kubernetes", {"ai_infrastructure_engineer": 0.5}),
    **_same("machine_learning deep_learning computer_vision recommender_systems"
            " natural_language_processing reinforcement_learning speech_recognition"
            " neural_networks object_detection", {"ml_engineer": 0.4, "ml_researcher": 0.2}),
    **_same("mlops feature_engineering feature_stores mlflow kubeflow amazon_sagemaker"
            " vertex_ai_pipelines feast tecton", {"ml_engineer": 0.8}),
    **_same("pytorch tensorflow keras", {"ml_engineer": 0.5, "ml_researcher": 0.4}),
    **_same("scikit_learn xgboost lightgbm catboost statsmodels pandas numpy prophet pymc"
            " ab_testing causal_inference bayesian_methods time_series_forecasting"
            " multi_armed_bandits survival_analysis", {"data_scientist": 0.6, "ml_engineer": 0.2}),
    **_same("r sql tableau looker power_bi jupyter stata spss", {"data_scientist": 0.5}),
    **_same("openai_api claude gemini chatgpt gpt_4 gpt_4o gpt_5 azure_openai amazon_bedrock",
            {"ai_application_developer": 0.6, "llm_engineer": 0.5}),
    **_same("react next_js node_js typescript fastapi django ruby_on_rails vue_js",
            {"ai_application_developer": 0.5}),
    **_same("github_copilot cursor claude_code windsurf amazon_q_developer", {}),
    # Classic search engines: search, not AI, unless other skills say so.
    **_same("elasticsearch opensearch apache_solr apache_lucene algolia meilisearch typesense", {}),
}  # fmt: skip

PHRASE_WEIGHT = 0.5
_DEMAND = frozenset(DEMAND_SECTIONS)
CUE_ROLES = tuple(WORK_WORDS)
# How much each role's work words show that a posting is an AI role at all: less than skills do,
# and product words ("user experience", "frontend") not at all.
PHRASE_EVIDENCE_SHARE = {
    "llm_engineer": 0.5,
    "ml_engineer": 0.5,
    "data_scientist": 0.5,
    "ml_researcher": 0.5,
    "ai_infrastructure_engineer": 0.25,
}


@functools.lru_cache(maxsize=TITLE_CACHE_SIZE)
def title_role(title: str) -> str | None:
    """The role a title names (its first matching pattern), if any; cached, as titles repeat."""
    for role, pattern in _TITLE_PATTERNS:
        if pattern.search(title):
            return role
    return None


def role_scores(
    mentions: Iterable[SkillMention], work_cues: Mapping[str, int]
) -> tuple[dict[str, float], float]:
    """(score per role id, AI evidence) from the skills and the cues about the work."""
    scores: dict[str, float] = defaultdict(float)
    evidence = 0.0
    seen: set[str] = set()
    for mention in mentions:
        if mention.negated or mention.section not in _DEMAND or mention.skill_id in seen:
            continue
        seen.add(mention.skill_id)
        specific = SKILL_WEIGHTS.get(mention.skill_id)
        weights = specific if specific is not None else CATEGORY_WEIGHTS.get(mention.category, {})
        for role, weight in weights.items():
            scores[role] += weight
            if mention.category in AI_CATEGORIES:
                evidence += weight
    for role in CUE_ROLES:
        score = PHRASE_WEIGHT * min(work_cues.get(role, 0), PHRASE_CAP)
        scores[role] += score
        evidence += PHRASE_EVIDENCE_SHARE.get(role, 0.0) * score
    return dict(scores), evidence


def _title_weights(prior: str | None) -> dict[str, float]:
    if prior is None:
        return {}
    if prior == "mlops":
        return MLOPS_TITLE_WEIGHTS
    if prior == "scientist":
        return SCIENTIST_TITLE_WEIGHTS
    if prior == "product":
        return {"ai_application_developer": PRODUCT_TITLE_WEIGHT}
    if prior == "generic":
        return {"ai_application_developer": GENERIC_TITLE_WEIGHT}
    return {prior: NON_AI_TITLE_WEIGHT if prior == "other" else TITLE_WEIGHT}


def classify_role(
    title: str,
    mentions: Iterable[SkillMention],
    text: str,
    work_cues: Mapping[str, int] | None = None,
) -> tuple[str, float]:
    """(role id, confidence) for one posting; see the module doc. `work_cues` are the text's
    cues per role (`terms.work_cues_of`), found in `text` when not given."""
    cues = work_cues if work_cues is not None else work_cues_in_text(text)
    scores, evidence = role_scores(mentions, cues)
    prior = title_role(title)
    if prior == "non_engineering":
        return "other", calibrated(NON_ENGINEERING_CONFIDENCE)
    if prior in PRODUCT_PRIORS:
        scores["llm_engineer"] = scores.get("llm_engineer", 0.0) * PRODUCT_LLM_SHARE
    for role, weight in _title_weights(prior).items():
        scores[role] = scores.get(role, 0.0) + weight
    if evidence < MIN_AI_EVIDENCE and prior not in AI_ROLES and prior not in ("mlops", "scientist"):
        return "other", calibrated(0.5 + 0.5 * (1.0 - evidence / MIN_AI_EVIDENCE))
    ranked = sorted(((score, role) for role, score in scores.items()), reverse=True)
    best_score, best = ranked[0]
    runner_up = ranked[1][0] if len(ranked) > 1 else 0.0
    margin = (best_score - runner_up) / best_score if best_score > 0 else 0.0
    strength = min(1.0, evidence / 6.0)
    return best, calibrated(min(1.0, 0.25 + 0.4 * margin + 0.35 * strength))


# The raw score (margin and evidence) mapped to the share of postings with that score whose role
# was right on the real dev split: isotonic regression over the reliability bins of
# `jobtrends eval --set dev` (pipeline/evaluation/calibration.py), linear in between.
CALIBRATION = ((0.0, 0.0), (0.446, 0.333), (0.564, 0.5), (0.651, 0.75), (0.749, 0.86),
               (0.918, 0.932), (1.0, 0.932))  # fmt: skip


def calibrated(raw: float) -> float:
    """The confidence for a raw score (CALIBRATION, interpolated)."""
    for (x0, y0), (x1, y1) in itertools.pairwise(CALIBRATION):
        if raw <= x1:
            share = (raw - x0) / (x1 - x0) if x1 > x0 else 1.0
            return round(y0 + max(0.0, share) * (y1 - y0), 3)
    return CALIBRATION[-1][1]


def work_cues_in_text(text: str) -> Mapping[str, int]:
    """`work_cues_of` for a text alone, through the same tokenizer and matcher as extraction."""
    return work_cues_of(_cue_pipeline()(text))


@functools.cache
def _cue_pipeline() -> Language:
    return build_nlp()
