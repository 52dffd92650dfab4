"""The `[[claim]]` tables of a claims file as pydantic models: one model per kind (`KIND_MODELS`),
each declaring the keys that kind takes and the rules they keep.

Every claim has `id`, `statement` and `kind` and may set `min_n`; a kind's own keys are in its
model (e.g. `share_greater`: `skills`, `than`, optional `role`, `months`, `label`, `than_label`).
Validate a table with `context={"skills": ids}` to check skill ids against a taxonomy (None or no
context: any id). `ClaimTable.claim()` turns a valid table into the `Claim` the check runs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
)

from jobtrends.pipeline.validation import STRICT
from jobtrends.pipeline.vocab import ROLES
from jobtrends.reports.analysis.claims import KINDS, Claim

DEFAULT_MONTHS = {"rising": 6, "growth_greater": 12, "fastest_growing_role": 12}
DEFAULT_MIN_N = 30
MAX_MONTHS = 120
MAX_MIN_N = 1_000_000
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def _text(value: str) -> str:
    if not value.strip():
        raise ValueError("a non-empty string")
    return value.strip()


def _slug(value: str) -> str:
    if not _SLUG.match(value.strip()):
        raise ValueError("a lowercase slug (letters, digits, '-' and '_')")
    return value.strip()


def _one_of(choices: tuple[str, ...]) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value not in choices:
            raise ValueError(f"one of {', '.join(choices)}")
        return value

    return check


def _whole(low: int, high: int) -> Callable[[int], int]:
    def check(value: int) -> int:
        if not low <= value <= high:
            raise ValueError(f"a whole number from {low} to {high}")
        return value

    return check


def _share(value: float) -> float:
    if not 0 < value < 1:
        raise ValueError("a number between 0 and 1 (0.5 means half the postings)")
    return value


def _known_skill(value: str, info: ValidationInfo) -> str:
    known = (info.context or {}).get("skills")
    if known is not None and value not in known:
        raise ValueError("a skill id of the taxonomy (`jobtrends taxonomy` lists the ids)")
    return value


def _listed(value: Any) -> Any:
    """One id or a list of ids, as a tuple (strict validation takes no list for a tuple)."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(value)
    raise ValueError("a non-empty string or list of non-empty strings")


def _some(values: tuple[str, ...]) -> tuple[str, ...]:
    if not values:
        raise ValueError("a non-empty string or list of non-empty strings")
    return tuple(dict.fromkeys(values))


def _single(values: tuple[str, ...]) -> tuple[str, ...]:
    if len(values) != 1:
        raise ValueError("exactly one skill id")
    return values


Text = Annotated[str, AfterValidator(_text)]
Role = Annotated[str, AfterValidator(_text), AfterValidator(_one_of(ROLES))]
Months = Annotated[int, AfterValidator(_whole(1, MAX_MONTHS))]
SkillId = Annotated[str, AfterValidator(_text), AfterValidator(_known_skill)]
SkillIds = Annotated[tuple[SkillId, ...], BeforeValidator(_listed), AfterValidator(_some)]
RoleIds = Annotated[tuple[Role, ...], BeforeValidator(_listed), AfterValidator(_some)]


class ClaimKind(BaseModel):
    """Only the kind, read first to choose the model for the rest of the table."""

    model_config = ConfigDict(strict=True, extra="ignore", frozen=True)

    kind: Annotated[str, AfterValidator(_one_of(KINDS))]


class ClaimTable(BaseModel):
    """The keys every claim has; a kind's model adds its own."""

    model_config = STRICT

    id: Annotated[str, AfterValidator(_slug)]
    statement: Text
    kind: str
    min_n: Annotated[int, AfterValidator(_whole(1, MAX_MIN_N))] = DEFAULT_MIN_N

    def claim(self) -> Claim:
        return Claim(**self.model_dump()).with_default_months(DEFAULT_MONTHS.get(self.kind))


class ShareGreater(ClaimTable):
    skills: SkillIds
    than: SkillIds
    role: Role | None = None
    months: Months | None = None
    label: Text | None = None
    than_label: Text | None = None

    @field_validator("than")
    @classmethod
    def _other_skills(cls, than: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        repeated = [skill for skill in than if skill in info.data.get("skills", ())]
        if repeated:
            raise ValueError(f"skill ids that 'skills' does not name ({repeated[0]!r} is in both)")
        return than


class ShareAtLeast(ClaimTable):
    skills: SkillIds
    share: Annotated[float, AfterValidator(_share)]
    role: Role | None = None
    months: Months | None = None
    label: Text | None = None


class MostCommon(ClaimTable):
    skills: Annotated[SkillIds, AfterValidator(_single)] = Field(alias="skill")
    role: Role | None = None
    months: Months | None = None


class Rising(ClaimTable):
    skills: SkillIds
    role: Role | None = None
    months: Months | None = None
    label: Text | None = None


class GrowthGreater(ClaimTable):
    role: Role
    than: Role
    months: Months | None = None

    @field_validator("than")
    @classmethod
    def _other_role(cls, than: str, info: ValidationInfo) -> str:
        if than == info.data.get("role"):
            raise ValueError("a role other than 'role'")
        return than

    def claim(self) -> Claim:
        values = {**self.model_dump(), "than": (self.than,)}
        return Claim(**values).with_default_months(DEFAULT_MONTHS.get(self.kind))


class FastestGrowingRole(ClaimTable):
    role: Role
    among: RoleIds = ()
    months: Months | None = None

    @field_validator("among")
    @classmethod
    def _includes_role(cls, among: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        role = info.data.get("role")
        if among and role is not None and role not in among:
            raise ValueError(f"roles that include the claimed role {role!r}")
        return among


KIND_MODELS: dict[str, type[ClaimTable]] = {
    "share_greater": ShareGreater,
    "share_at_least": ShareAtLeast,
    "most_common": MostCommon,
    "rising": Rising,
    "growth_greater": GrowthGreater,
    "fastest_growing_role": FastestGrowingRole,
}

assert set(KIND_MODELS) == set(KINDS)
