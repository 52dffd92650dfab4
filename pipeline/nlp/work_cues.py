"""Words and phrases about the work: the evidence role classification reads besides skills
("prompts", "GPU clusters", "A/B tests", "publications").

Cues match whole words in any case (found on tokens by the skills component's matcher, see
`terms`), so "evals" is a cue and "evaluation" is not, nor "agent" in the identifier "svc-agent";
a phrase matches with its plural ("GPU cluster", "GPU clusters"). Every cue belongs to one role;
`count_work_cues` gives how many distinct cues of each role a posting holds.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

_JOINERS = frozenset({"-", "/", "'"})

# Single words, each a cue of its own ("agent" and "agents" are two).
WORK_WORDS: dict[str, str] = {
    "llm_engineer": "prompt prompts prompting agent agents agentic llm llms evals rag chatbot"
    " chatbots retrieval-augmented",
    "ai_application_developer": "ui ux frontend front-end full-stack fullstack user-facing"
    " customer-facing",
    "ai_infrastructure_engineer": "kernel kernels compiler compilers hpc interconnect"
    " interconnects accelerator accelerators infiniband throughput",
    "ml_engineer": "drift",
    "data_scientist": "statistics statistical statistician experimentation causal hypothesis"
    " hypotheses forecasting econometrics a/b",
    "ml_researcher": "publication publications publish published paper papers neurips icml iclr"
    " cvpr emnlp phd novel state-of-the-art sota",
    "other": "annotation annotators labeling labelling quota",
}
# Phrases, each one cue whichever of its forms occurs: the phrase, its plural (an "s" added),
# and the variants after "|".
WORK_PHRASES: dict[str, tuple[str, ...]] = {
    "llm_engineer": (
        "large language model",
        "evaluation harness|evaluation harnesses",
        "evaluation framework",
        "context window",
        "tool use",
        "function calling",
        "retrieval augmented",
        "vector database",
        "semantic search",
    ),
    "ai_application_developer": (
        "product feature",
        "end user",
        "end-user",
        "ship features",
        "shipping features",
        "into our product",
        "into the product",
        "user experience",
        "web app|web application|web applications",
        "mobile app|mobile application|mobile applications",
        "ai-powered feature",
        "ai features",
        "integrate llm|integrate llms",
        "integrating llm|integrating llms",
    ),
    "ai_infrastructure_engineer": (
        "gpu cluster",
        "gpu fleet",
        "gpu scheduling",
        "training cluster",
        "training infrastructure",
        "inference serving",
        "inference server",
        "inference platform",
        "inference runtime",
        "model registry|model registries",
        "ml platform",
        "model serving",
        "serving infrastructure",
    ),
    "ml_engineer": (
        "train models",
        "training models",
        "train and deploy",
        "model deployment",
        "model training",
        "model quality",
        "feature store",
        "feature pipeline",
        "feature engineering",
        "production model",
        "ranking model",
        "training pipeline",
        "model monitoring",
        "predictive model|predictive modeling|predictive modelling",
        "into production",
        "deploy models",
        "deploy the models",
        "ship models",
    ),
    "data_scientist": (
        "a/b test|a/b testing",
        "statistical model|statistical modeling|statistical modelling",
        "business questions",
    ),
    "ml_researcher": (
        "research agenda",
        "novel architecture",
        "research paper",
        "state of the art",
        "top-tier conference",
        "top conference",
    ),
    "other": (
        "rate model outputs",
        "rating model",
        "ai coding",
        "coding assistant",
        "model responses",
        "data annotation",
    ),
}


def cue_forms() -> dict[str, tuple[str, ...]]:
    """Cue key ("role:cue") -> the lower-case forms that count as that cue."""
    forms: dict[str, tuple[str, ...]] = {}
    for role, words in WORK_WORDS.items():
        for word in words.split():
            forms[f"{role}:{word}"] = (word,)
    for role, phrases in WORK_PHRASES.items():
        for phrase in phrases:
            first, *variants = phrase.split("|")
            forms[f"{role}:{first}"] = (first, first + "s", *variants)
    return forms


def count_work_cues(doc: Doc, text: str, matches: Iterable[tuple[str, int, int]]) -> dict[str, int]:
    """Distinct cues per role among `matches`, (cue key "role:cue", start, end) token ranges of
    `doc` (whose text is `text`), leaving out those inside a longer joined word."""
    found = {key for key, start, end in matches if not _joined_on(doc, text, start, end)}
    counts: dict[str, int] = {}
    for key in found:
        role = key.partition(":")[0]
        counts[role] = counts.get(role, 0) + 1
    return counts


def _joined_on(doc: Doc, text: str, start: int, end: int) -> bool:
    """Whether the tokens `start:end` are part of a longer word joined by "-", "/" or "'", such
    as the identifier "svc-agent" or "UI/UX", which spaCy splits into tokens."""
    first, last = doc[start].idx, doc[end - 1]
    after = last.idx + len(last)
    return (first >= 2 and text[first - 1] in _JOINERS and text[first - 2].isalnum()) or (
        after + 1 < len(text) and text[after] in _JOINERS and text[after + 1].isalnum()
    )
