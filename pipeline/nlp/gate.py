"""Which skill candidates become mentions: the context gate for ambiguous forms, and overlaps.

A gated candidate ("Go", "Rust", "Spark", ...) is accepted when one of its skill's `context` cue
words is in the same sentence or within `window` tokens, when it stands in a skill frame
("experience with Go", "knowledge of R", "we use Snowflake"), or when it stands in a list with
accepted skills (`Python, Go and Rust`, `PyTorch/JAX`, or a bullet that is nothing but skills).
A word from `veto_prev`/`veto_next` right before/after rejects it outright, except a period that
ends the line ("... Python or R.") and a list separator with an accepted skill on its other side
("Docker or Go"). Then the longest candidate wins; mentions never overlap. A gated candidate
inside a longer accepted one ("Spark" in "Apache Spark") would lose that overlap, so it is
dropped before the gate looks at it. A field of AI named as a team or a job ("our ML team", "ML
engineers") is no skill mention.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence

from spacy.tokens import Doc

from jobtrends.pipeline.nlp.candidates import Candidate, GateContext
from jobtrends.pipeline.nlp.gate_lists import LIST_SEPARATORS, ListBounds, beside_accepted, in_list
from jobtrends.pipeline.nlp.sections import Line
from jobtrends.pipeline.nlp.taxonomy import Skill

# "<frame word> [with|in|of|...] <candidate>" says a technology follows.
FRAME_WORDS = frozenset(
    {"experience", "experienced", "familiarity", "familiar", "proficiency", "proficient",
     "knowledge", "exposure", "expertise", "fluency", "fluent", "use", "uses", "using", "used",
     "worked", "working"}
)  # fmt: skip
FRAME_LINKS = frozenset({"with", "in", "of", "using"})
# The fields of AI, and the nouns after which they name a team or a job rather than a skill.
FIELD_SKILLS = frozenset(
    {"machine_learning", "deep_learning", "natural_language_processing", "computer_vision",
     "reinforcement_learning", "generative_ai", "mlops", "llmops", "large_language_models",
     "speech_recognition", "recommender_systems"}
)  # fmt: skip
PEOPLE_NOUNS = frozenset(
    {"team", "teams", "engineer", "engineers", "researcher", "researchers", "scientist",
     "scientists", "developer", "developers", "org", "organization", "organisation", "division",
     "department", "function", "group", "architect", "architects", "specialist", "specialists",
     "practitioners", "lead", "leads", "manager", "managers", "squad", "guild", "expert",
     "experts"}
)  # fmt: skip
# Words that may stand between a field and its people noun ("ML Infrastructure team", "Machine
# Learning Research Engineers", "ML (Ops) Engineer").
TEAM_MODIFIERS = frozenset(
    {"research", "infrastructure", "infra", "platform", "platforms", "applications", "ops",
     "systems", "product", "software", "applied", "science", "(", ")", "ml", "ai", "and",
     "compiler", "solutions", "engineering"}
)  # fmt: skip


def select_mentions(
    doc: Doc,
    text: str,
    candidates: Sequence[Candidate],
    skills: Mapping[str, Skill],
    lines: tuple[Line, ...],
    window: int,
) -> list[Candidate]:
    """Gate the ambiguous candidates, then keep the longest of overlapping ones (in text order)."""
    unique = list(dict.fromkeys(candidates))
    accepted = [c for c in unique if not c.gated]
    containers = [c for c in accepted if c.end - c.start > 1]
    gated = [c for c in unique if c.gated and not _inside_any(c, containers)]
    if not gated:
        return _skills_only(doc, _without_overlaps(accepted))
    context = GateContext(doc, text, lines, [line.start for line in lines], skills, window)
    pending: list[Candidate] = []
    # Vetoed by a list separator ("Docker or Go"): only a list of accepted skills can save it.
    list_only: list[Candidate] = []
    for candidate in gated:
        skill = skills[candidate.skill_id]
        veto = _veto(context, candidate, skill)
        if veto == "hard":
            continue
        if veto == "separator":
            list_only.append(candidate)
        elif _in_frame(context.doc, candidate) or _has_context(context, candidate, skill):
            accepted.append(candidate)
        else:
            pending.append(candidate)
    while pending or list_only:
        bounds = ListBounds(accepted)
        line_others: dict[int, int] = {}
        confirmed = [c for c in pending if in_list(context, c, bounds, pending, line_others)]
        confirmed += [c for c in list_only if beside_accepted(context.doc, c, bounds)]
        if not confirmed:
            break
        accepted.extend(confirmed)
        pending = [c for c in pending if c not in confirmed]
        list_only = [c for c in list_only if c not in confirmed]
    return _skills_only(doc, _without_overlaps(accepted))


def _skills_only(doc: Doc, chosen: list[Candidate]) -> list[Candidate]:
    """`chosen` without the fields of AI named as a team or a job ("our ML team", "two senior ML
    engineers"): a field counts when it is written as a skill (DEFINITIONS.md)."""
    return [c for c in chosen if not (c.skill_id in FIELD_SKILLS and _names_people(doc, c.end))]


def _names_people(doc: Doc, end: int) -> bool:
    """A people noun follows on the same line, after at most three modifier words."""
    for token in doc[end : end + 4]:
        if token.is_space or "\n" in token.text:
            return False
        if token.lower_ in PEOPLE_NOUNS:
            return True
        if token.lower_ not in TEAM_MODIFIERS:
            return False
    return False


def _inside_any(candidate: Candidate, containers: list[Candidate]) -> bool:
    """Whether a longer accepted candidate (`containers`: those of more than one token) spans
    the candidate's tokens ("Spark" in "Apache Spark"): the longer one wins the overlap, so the
    gate need not look at it. (Of two of the same length the gated one wins: it passed the
    stricter test.)"""
    start, end = candidate.start, candidate.end
    for c in containers:
        if c.start <= start and end <= c.end and c.end - c.start > end - start:
            return True
    return False


def _without_overlaps(accepted: list[Candidate]) -> list[Candidate]:
    by_start = sorted(accepted)
    previous_end = -1
    for candidate in by_start:
        if candidate.start < previous_end:
            break
        previous_end = candidate.end
    else:
        return by_start  # nothing overlaps: every candidate is kept
    ordered = sorted(accepted, key=_overlap_rank)
    taken: set[int] = set()
    kept = []
    for candidate in ordered:
        span = range(candidate.start, candidate.end)
        if taken.isdisjoint(span):
            taken.update(span)
            kept.append(candidate)
    return sorted(kept)  # kept candidates do not overlap: their starts differ


def _overlap_rank(candidate: Candidate) -> tuple[int, bool, int, str]:
    """Longest first, then gated (it passed the stricter test), then by position and id."""
    return (
        candidate.start - candidate.end,
        not candidate.gated,
        candidate.start,
        candidate.skill_id,
    )


def _veto(context: GateContext, candidate: Candidate, skill: Skill) -> str | None:
    """Veto strength: "hard" when a veto word rejects the candidate, "separator" when the only
    veto words are list separators ("and", "or", ...), None when nothing vetoes it."""
    doc = context.doc
    words: list[str] = []
    before = doc[candidate.start - 1] if candidate.start > 0 else None
    if before is not None and not before.is_space and before.lower_ in skill.veto_prev:
        words.append(before.lower_)
    after = doc[candidate.end] if candidate.end < len(doc) else None
    if (
        after is not None
        and not after.is_space
        and after.lower_ in skill.veto_next
        and not (after.text == "." and _ends_line(context.text, after.idx + 1))
    ):
        words.append(after.lower_)
    if not words:
        return None
    return "separator" if all(word in LIST_SEPARATORS for word in words) else "hard"


def _ends_line(text: str, position: int) -> bool:
    rest = text[position : position + 80]
    return not rest.strip(" \t\r") or rest.lstrip(" \t\r").startswith("\n")


_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")


@functools.cache
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(cue) for cue in sorted(cues, key=len, reverse=True))
    return re.compile(rf"(?<![a-z0-9_])(?:{alternatives})(?![a-z0-9_])")


def _has_context(context: GateContext, candidate: Candidate, skill: Skill) -> bool:
    """A cue word in the candidate's sentence, or within `window` tokens (across lines)."""
    if not skill.context:
        return False
    doc = context.doc
    first, last = doc[candidate.start].idx, doc[candidate.end - 1]
    end_char = last.idx + len(last.text)
    lo = doc[max(0, candidate.start - context.window)].idx
    hi_token = doc[min(len(doc), candidate.end + context.window) - 1]
    hi = hi_token.idx + len(hi_token.text)
    line = context.line_at(first)
    if line is not None:
        sentence = line.sentence(context.text, first)
        lo, hi = min(lo, sentence[0]), max(hi, sentence[1])
    nearby = (context.text[lo:first] + " " + context.text[end_char:hi]).lower()
    return _has_cue(nearby, skill.context)


def _has_cue(text: str, cues: tuple[str, ...]) -> bool:
    """Whether a cue stands in `text` as a whole word (what `_cue_pattern` finds), by plain
    substring search: a regex that opens with a lookbehind is tried at every character."""
    if not all(cues):
        return _cue_pattern(cues).search(text) is not None
    for cue in cues:
        at = text.find(cue)
        while at >= 0:
            end = at + len(cue)
            if (at == 0 or text[at - 1] not in _WORD_CHARS) and (
                end == len(text) or text[end] not in _WORD_CHARS
            ):
                return True
            at = text.find(cue, at + 1)
    return False


def _in_frame(doc: Doc, candidate: Candidate) -> bool:
    if candidate.start == 0:
        return False
    before = doc[candidate.start - 1].lower_
    if before in FRAME_WORDS:
        return True
    return (
        before in FRAME_LINKS
        and candidate.start > 1
        and doc[candidate.start - 2].lower_ in FRAME_WORDS
    )
