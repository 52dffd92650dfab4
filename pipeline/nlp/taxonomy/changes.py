"""Which postings a change of the user taxonomy can affect, found from their text alone.

Every way the pipeline turns a skill into a mention starts from one of its surface forms in the
text: the phrase matcher (whole tokens, case-insensitive or exact case), the context gate and the
overlap rule (which only judge matches), run-together words ("PythonQuuxDB"), vendor prefixes
("AWS Quux"), elided heads ("data, tensor and pipeline parallelism" names "tensor parallelism"
without writing it), and the term candidates, which leave out spans that are taxonomy forms. So
a posting can only extract differently under the new skills if its title, description or tags
hold a form of a user skill that was added, removed or changed, and `FormFinder` says yes to a
superset of those: the text and the forms are both lower-cased, with Unicode hyphens read as "-"
(as extraction reads them) and every space taken out, and a form is found when each of its words
is (so "tensor parallelism" is found in "data, tensor and pipeline parallelism", "GPT-4" in
"gpt - 4" and "Hugging Face" across a line break). A superset costs a few extractions that did
not need running; a miss would leave a stale extraction, so it errs on the side of finding.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})


def changed_forms(before: str, after: str) -> tuple[str, ...]:
    """The surface forms (name, aliases, ambiguous forms, on either side) of every user skill
    added, removed or changed between two `skills_json` documents."""
    old = _by_id(before)
    new = _by_id(after)
    forms: dict[str, None] = {}
    for skill_id in sorted(old.keys() | new.keys()):
        if old.get(skill_id) == new.get(skill_id):
            continue
        for skill in (old.get(skill_id), new.get(skill_id)):
            if skill is not None:
                forms.update(dict.fromkeys(_forms_of(skill)))
    return tuple(forms)


def _by_id(document: str) -> dict[str, dict[str, Any]]:
    return {str(skill["id"]): skill for skill in json.loads(document)}


def _forms_of(skill: dict[str, Any]) -> list[str]:
    return [skill["name"], *skill.get("aliases", ()), *skill.get("ambiguous", ())]


def squeezed(text: str) -> str:
    """`text` lower-cased, Unicode hyphens read as "-", without any whitespace."""
    return "".join(text.translate(_HYPHENS).lower().split())


class FormFinder:
    """Says whether a text may hold any of `forms` (see the module doc)."""

    def __init__(self, forms: Iterable[str]) -> None:
        words = {tuple(form.translate(_HYPHENS).lower().split()) for form in forms}
        self.forms = tuple(sorted(w for w in words if w))

    def __bool__(self) -> bool:
        return bool(self.forms)

    def finds(self, text: str) -> bool:
        plain = squeezed(text)
        return any(all(word in plain for word in words) for words in self.forms)
