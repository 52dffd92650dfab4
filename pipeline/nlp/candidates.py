"""Skill candidates (matches of taxonomy forms) and the doc context the gate judges them in."""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Doc

from jobtrends.pipeline.nlp.sections import Line
from jobtrends.pipeline.nlp.taxonomy import Skill


class Candidate(NamedTuple):
    """A match of a taxonomy form: tokens `start:end`, the skill, and whether it must pass the
    gate. A tuple: candidates are hashed and compared often."""

    start: int
    end: int
    skill_id: str
    gated: bool


@dataclass(frozen=True, slots=True)
class GateContext:
    """What the gate reads about one doc: its text, labelled lines and the taxonomy."""

    doc: Doc
    text: str
    lines: tuple[Line, ...]
    line_starts: list[int]
    skills: Mapping[str, Skill]
    window: int

    def line_at(self, char: int) -> Line | None:
        index = bisect.bisect_right(self.line_starts, char) - 1
        if index >= 0 and char < self.lines[index].end:
            return self.lines[index]
        return None
