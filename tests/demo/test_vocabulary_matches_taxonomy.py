"""The demo writes skills under the taxonomy's canonical names and spellings it knows, so the
demo's recorded `skills` are directly comparable with what the extractor finds."""

from __future__ import annotations

import importlib
from typing import Any

import pytest

from jobtrends.scraper.demo.companies import COMPANY_STACK
from jobtrends.scraper.demo.phrasing import DECOYS
from jobtrends.scraper.demo.spellings import SURFACES
from jobtrends.scraper.demo.vocabulary import all_skill_names


def taxonomy() -> Any:
    try:
        module = importlib.import_module("jobtrends.pipeline.nlp.taxonomy")
    except ImportError as error:
        pytest.skip(f"jobtrends.pipeline.nlp.taxonomy is not importable yet: {error}")
    return module.load_taxonomy()


def test_every_demo_skill_is_a_taxonomy_skill_name() -> None:
    names = {skill.name for skill in taxonomy().skills}
    demo = {*all_skill_names(), *COMPANY_STACK}
    assert sorted(demo - names) == []


def test_every_demo_spelling_is_a_form_of_that_skill() -> None:
    forms = {
        skill.name: {form.lower() for form in skill.surface_forms} for skill in taxonomy().skills
    }
    unknown = [
        (name, spelling)
        for name, spellings in SURFACES.items()
        for spelling in spellings
        if spelling.lower() not in forms.get(name, set())
    ]
    assert unknown == []


def test_decoy_words_name_real_skills() -> None:
    names = {skill.name for skill in taxonomy().skills}
    assert {skill for skill, _ in DECOYS} <= names
