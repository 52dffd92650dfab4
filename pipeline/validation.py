"""One way to check user-written data (config, claims, evaluation sets, import rows): pydantic v2.

`validated(Model, data, origin=..., error=ConfigError)` returns the model or raises `error` with one
line per problem, each naming where it is (`file: sources[2].enabled`), the value given and what was
expected, e.g. ``jobtrends.toml: sources[2].enabled: got "no", expected a boolean (true or false)``.
Models declare their rules; nothing else in the product hand-checks the shape of such data.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from jobtrends.pipeline.errors import PipelineError

ModelT = TypeVar("ModelT", bound=BaseModel)
MAX_SHOWN = 5

# Strict models: no coercion ("no" is not a boolean, 5 is not a string), unknown keys are errors.
STRICT = ConfigDict(strict=True, extra="forbid", frozen=True, str_strip_whitespace=False)

_EXPECTED = {
    "bool_type": "a boolean (true or false)",
    "bool_parsing": "a boolean (true or false)",
    "string_type": "a string",
    "int_type": "an integer",
    "int_parsing": "an integer",
    "int_from_float": "an integer",
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a finite number",
    "list_type": "a list",
    "dict_type": "a table",
    "model_type": "a table",
    "missing": "a value (the key is required)",
    "extra_forbidden": "no such key",
    "literal_error": "one of the listed values",
    "greater_than": "a number above the limit",
}


def validated(
    model: type[ModelT],
    data: Any,
    *,
    origin: str,
    error: type[PipelineError],
    prefix: str = "",
) -> ModelT:
    """`model` built from `data`, or `error` naming `origin` (file, or file and row) and the key."""
    try:
        return model.model_validate(data)
    except ValidationError as failure:
        raise error(describe(failure, origin=origin, prefix=prefix)) from None


def describe(failure: ValidationError, *, origin: str, prefix: str = "") -> str:
    """One line per problem (at most `MAX_SHOWN`), each `origin: key: got X, expected Y`."""
    lines = [_line(problem, origin, prefix) for problem in failure.errors(include_url=False)]
    more = len(lines) - MAX_SHOWN
    shown = lines[:MAX_SHOWN] + ([f"... and {more} more"] if more > 0 else [])
    return "\n".join(shown)


def _line(problem: Mapping[str, Any], origin: str, prefix: str) -> str:
    where = location(problem["loc"], prefix)
    kind = problem["type"]
    if kind == "extra_forbidden":
        return f"{origin}: {where}: unknown key; check its spelling against the documentation"
    if kind == "missing":
        return f"{origin}: {where}: missing; it is required"
    expected = _expected(kind, problem)
    given = problem.get("input")
    return f"{origin}: {where}: got {_shown(given)}, expected {expected}"


def _expected(kind: str, problem: Mapping[str, Any]) -> str:
    if kind in ("value_error", "assertion_error"):
        message = str(problem.get("msg", ""))
        return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    context = problem.get("ctx") or {}
    if kind == "literal_error" and "expected" in context:
        return f"one of {context['expected']}"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        sign = {"greater_than": ">", "greater_than_equal": ">=", "less_than": "<"}.get(kind, "<=")
        bound = next(iter(context.values()), "")
        return f"a number {sign} {bound}"
    return _EXPECTED.get(kind, str(problem.get("msg", kind)).lower())


def location(loc: tuple[Any, ...] | list[Any], prefix: str = "") -> str:
    """`("sources", 2, "enabled")` -> `sources[2].enabled` (after `prefix`, if any)."""
    text = prefix
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text or "(top level)"


def _shown(value: Any) -> str:
    if isinstance(value, str):
        return f'"{value}"' if len(value) <= 60 else f'"{value[:57]}..."'
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return repr(value)
