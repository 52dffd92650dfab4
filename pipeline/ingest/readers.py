"""Reading a file of postings for `jobtrends import` and `jobtrends analyze`: CSV, JSON lines, a
JSON array (or one object) and Parquet, each into a `Table` of rows.

Every reader returns the column names and each row as a mapping, labelled the way a person finds it
in the file ("row 3" counting the CSV header as row 1, "line 3" in JSON lines, "item 3" in a JSON
array, "row 3" counting Parquet rows from 1). Both commands read through here, so they share the
limits: UTF-8 text (a byte-order mark is skipped), a CSV field up to `CSV_FIELD_LIMIT`, no repeated
CSV header, no CSV row longer than its header, no JSON nested too deeply to parse. A NaN (JSON's
`NaN`, a Parquet float) is read as no value, like null. An unreadable or mis-shaped file raises
`InputError` naming the file and the row. Parquet needs pyarrow (the `parquet` extra); without it
the error says so.
"""

from __future__ import annotations

import csv
import importlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jobtrends.pipeline.errors import InputError

FORMATS = ("csv", "jsonl", "json", "parquet")
SUFFIXES = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".parquet": "parquet",
    ".pq": "parquet",
}
CSV_FIELD_LIMIT = 16 * 1024 * 1024  # one description may be long HTML; csv's default is 128 KiB


@dataclass(frozen=True, slots=True)
class Table:
    columns: list[str]
    rows: list[tuple[str, dict[str, Any]]]


def detect_format(
    path: Path, fmt: str | None, formats: Sequence[str] = FORMATS, *, hint: str = ""
) -> str:
    """`fmt` when given, else the format the file's suffix names; one of `formats` either way.
    `hint` ends the message for a suffix that names none (e.g. how to name the format)."""
    if fmt is not None:
        if fmt not in formats:
            raise InputError(
                f"{path}: unknown format {fmt!r}; expected one of {', '.join(formats)}"
            )
        return fmt
    found = SUFFIXES.get(path.suffix.lower())
    if found is None or found not in formats:
        suffixes = [suffix for suffix, name in SUFFIXES.items() if name in formats]
        raise InputError(
            f"{path}: unsupported file type {path.suffix!r}; expected {', '.join(suffixes)}{hint}"
        )
    return found


def read_table(path: Path, fmt: str) -> Table:
    if fmt == "parquet":
        return _read_parquet(path)
    text = _read_text(path)
    if fmt == "csv":
        return _read_csv(path, text)
    if fmt == "json":
        return _read_json(path, text)
    return _read_jsonl(path, text)


def _read_text(path: Path) -> str:
    if not path.is_file():
        raise InputError(f"{path}: cannot read the file: no such file")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{path}: cannot read the file: not UTF-8 text ({exc.reason} at byte {exc.start})"
        ) from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file: {exc.strerror}") from exc


def _read_csv(path: Path, text: str) -> Table:
    csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))
    reader = csv.DictReader(text.splitlines(keepends=True))
    try:
        header = list(reader.fieldnames or [])
        records = list(reader)
    except csv.Error as exc:
        raise InputError(f"{path}: row {reader.line_num}: not valid CSV ({exc})") from exc
    if not header:
        raise InputError(f"{path}: row 1: no header; the first row must name the columns")
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise InputError(f"{path}: row 1 (header): column {repeated[0]!r} appears twice")
    rows: list[tuple[str, dict[str, Any]]] = []
    for index, record in enumerate(records):
        where = f"row {index + 2}"  # the header is row 1, like a spreadsheet
        if None in record:
            raise InputError(f"{path}: {where}: more fields than the header has columns")
        rows.append((where, dict(record)))
    return Table(header, rows)


def _read_jsonl(path: Path, text: str) -> Table:
    records: list[tuple[str, Any]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            records.append((f"line {number}", _json(path, line, f"line {number}: ")))
    return _objects(path, records, "line")


def _read_json(path: Path, text: str) -> Table:
    """A JSON array of objects, or one object; a file that is no one JSON document (unless it
    opens an array) is read as JSON lines, which many `.json` files are."""
    if text.lstrip().startswith("["):
        document = _json(path, text, "")
    else:
        try:
            document = _parsed(text)
        except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
            return _read_jsonl(path, text)
    if isinstance(document, dict):
        return _objects(path, [("item 1", document)], "item")
    if not isinstance(document, list):
        raise InputError(
            f"{path}: found {type(document).__name__}; expected an array of postings or one "
            "posting object"
        )
    return _objects(path, [(f"item {n}", item) for n, item in enumerate(document, 1)], "item")


def _json(path: Path, text: str, where: str) -> Any:
    """`text` parsed; `where` is "line 3: " for a line of JSON lines, "" for a whole file."""
    try:
        return _parsed(text)
    except (ValueError, RecursionError) as exc:
        if isinstance(exc, json.JSONDecodeError):
            reason = exc.msg
        else:  # too deep for the parser, or an integer over Python's 4300 digits
            reason = "nested too deeply" if isinstance(exc, RecursionError) else "number too long"
        shape = "an array of postings" if not where else "one object per line"
        raise InputError(f"{path}: {where}not valid JSON ({reason}); expected {shape}") from exc


def _constant(name: str) -> float | None:
    """JSON's non-standard `NaN` is no value; `Infinity` and `-Infinity` stay numbers."""
    return None if name == "NaN" else float(name)


# One decoder for every document: `json.loads` with an option builds a new one per call, which
# cost more than parsing a short line.
_DECODER = json.JSONDecoder(parse_constant=_constant)


def _parsed(text: str) -> Any:
    """`json.loads(text, parse_constant=_constant)`, with its BOM check."""
    if text.startswith("\ufeff"):
        raise json.JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", text, 0)
    return _DECODER.decode(text)


def _objects(path: Path, records: list[tuple[str, Any]], unit: str) -> Table:
    columns: dict[str, None] = {}
    for where, record in records:
        if not isinstance(record, dict):
            raise InputError(
                f"{path}: {where}: found {type(record).__name__}; expected one JSON object per "
                f"{unit}"
            )
        columns.update(dict.fromkeys(record))
    return Table(list(columns), records)


def _read_parquet(path: Path) -> Table:
    if not path.is_file():
        raise InputError(f"{path}: cannot read the file: no such file")
    try:
        parquet = importlib.import_module("pyarrow.parquet")
    except ImportError as exc:
        raise InputError(
            f"{path}: reading Parquet needs pyarrow: pip install 'jobtrends[parquet]'"
        ) from exc
    try:
        table = parquet.read_table(path)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
        raise InputError(f"{path}: not a readable Parquet file ({exc})") from exc
    columns = [str(name) for name in table.column_names]
    rows = [
        (f"row {index + 1}", {key: _no_nan(value) for key, value in record.items()})
        for index, record in enumerate(table.to_pylist())
    ]
    return Table(columns, rows)


def _no_nan(value: Any) -> Any:
    return None if isinstance(value, float) and math.isnan(value) else value
