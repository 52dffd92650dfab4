"""The taxonomy files as shipped in package data, read with plain `tomllib` (no loader involved)."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

PACKAGE = "jobtrends.pipeline.nlp.taxonomy"
CATEGORIES = (
    "programming_languages", "ml_frameworks", "llm_models_apis", "llm_frameworks",
    "vector_search", "mlops", "training_serving", "data_engineering", "databases",
    "cloud_devops", "web_backend", "software_practice", "ai_techniques",
)  # fmt: skip


@cache
def files() -> dict[str, dict[str, Any]]:
    """Category (file name without `.toml`) -> the parsed file."""
    root = resources.files(PACKAGE)
    return {
        entry.name.removesuffix(".toml"): tomllib.loads(entry.read_text(encoding="utf-8"))
        for entry in root.iterdir()
        if entry.name.endswith(".toml")
    }


def first_line(category: str) -> str:
    return (
        (resources.files(PACKAGE) / f"{category}.toml").read_text(encoding="utf-8").split("\n")[0]
    )


def skill_rows() -> Iterator[tuple[str, dict[str, Any]]]:
    for category, data in files().items():
        for skill in data["skill"]:
            yield category, skill


def forms(skill: dict[str, Any]) -> list[str]:
    """The name and the aliases: every spelling the skill is matched by."""
    return [skill["name"], *skill.get("aliases", [])]


@cache
def owners() -> dict[str, tuple[str, dict[str, Any]]]:
    """Lower-cased surface form -> (category, skill)."""
    return {form.lower(): (cat, skill) for cat, skill in skill_rows() for form in forms(skill)}
