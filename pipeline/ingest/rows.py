"""The rows of a `Table` as pydantic models: one model per command (`ImportRow`, `AnalyzeRow`)
whose fields each read one column, checked once for the whole file before anything is done.

`require_columns` checks the file's columns; `validated_rows` validates the rows with a model
class made once per file, whose field aliases are the columns as a person sees them ("column 'id'
(external_id)"). A problem raises `InputError` naming the file, the row, the column, the value
given and what was expected, e.g. ``jobs.csv: row 3: column 'remote': got "sometimes", expected
one of remote, hybrid, onsite, unknown (or empty)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar, cast

from pydantic import BaseModel, ConfigDict, ValidationError

from jobtrends.pipeline.errors import InputError
from jobtrends.pipeline.ingest.readers import Table
from jobtrends.pipeline.validation import describe

RowT = TypeVar("RowT", bound=BaseModel)


def column_label(field: str, column: str) -> str:
    """`column 'id' (external_id)`, or `column 'title'` when the column has the field's name."""
    return f"column {column!r}" if field == column else f"column {column!r} ({field})"


def require_columns(
    path: Path,
    table: Table,
    columns: Mapping[str, str],
    groups: Iterable[tuple[str, ...]],
    remedy: Callable[[tuple[str, ...]], str],
) -> None:
    """Each group of fields (e.g. `("title",)`, or `("text", "html")` for either) has a column in
    the file, else `InputError` ending with `remedy(group)`. A file without any column (an empty
    JSON lines file) has no rows to check."""
    if not table.columns:
        return
    present = set(table.columns)
    for group in groups:
        if any(columns[field] in present for field in group):
            continue
        if len(group) == 1:
            field, column = group[0], columns[group[0]]
            purpose = "" if field == column else f" (for {field})"
            problem = f"column {column!r}{purpose} is not in the file"
        else:
            names = " nor ".join(repr(columns[field]) for field in group)
            problem = f"neither column {names} is in the file"
        raise InputError(
            f"{path}: {problem}; its columns are {', '.join(table.columns)}; {remedy(group)}"
        )


def validated_rows(
    path: Path, table: Table, model: type[RowT], columns: Mapping[str, str]
) -> Iterator[tuple[str, RowT]]:
    """Each row of `table` as `model` (field `f` read from column `columns[f]`, None when the
    row lacks it), with its label ("row 3"), one at a time; a bad row raises `InputError`."""
    fields = list(model.model_fields)
    labels = {field: column_label(field, columns[field]) for field in fields}
    reader = _labelled(model, labels)
    pairs = [(columns[field], labels[field]) for field in fields]
    for where, record in table.rows:
        cells = {label: record.get(column) for column, label in pairs}
        try:
            row = reader.model_validate(cells)
        except ValidationError as failure:
            raise InputError(describe(failure, origin=f"{path}: {where}")) from None
        yield where, row


def _labelled(model: type[RowT], labels: Mapping[str, str]) -> type[RowT]:
    """A subclass of `model` that reads each field from its label, so errors name the column."""
    config = ConfigDict(alias_generator=labels.__getitem__)
    return cast(type[RowT], type(f"{model.__name__}InFile", (model,), {"model_config": config}))
