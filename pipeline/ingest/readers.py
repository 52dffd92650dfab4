"""Reading a dataset of postings for `jobtrends import`: CSV, JSON lines or Parquet into rows.

Every reader returns a `Table`: the column names and each row as a mapping, labelled the way a
person finds it in the file ("row 3" counting the CSV header as row 1, "line 3" in JSON lines,
"row 3" counting Parquet rows from 1). Unreadable or mis-shaped files raise `InputError` naming the
file and the row. Parquet needs pyarrow (the `parquet` extra); without it the error says so.
"""

from __future__ import annotations

import csv
import importlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jobtrends.pipeline.errors import InputError

FORMATS = ("csv", "jsonl", "parquet")
SUFFIXES = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
CSV_FIELD_LIMIT = 16 * 1024 * 1024  # one description may be long HTML; csv's default is 128 KiB


@dataclass(frozen=True, slots=True)
class Table:
    columns: list[str]
    rows: list[tuple[str, dict[str, Any]]]


def detect_format(path: Path, fmt: str | None) -> str:
    """`fmt` when given, else the format the file's suffix names."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise InputError(
                f"{path}: unknown format {fmt!r}; expected one of {', '.join(FORMATS)}"
            )
        return fmt
    found = SUFFIXES.get(path.suffix.lower())
    if found is None:
        raise InputError(
            f"{path}: cannot tell the format from the suffix {path.suffix!r}; name it with "
            f"--format ({'|'.join(FORMATS)}) or use .csv, .jsonl or .parquet"
        )
    return found


def read_table(path: Path, fmt: str) -> Table:
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    if fmt == "csv":
        return _read_csv(path)
    if fmt == "jsonl":
        return _read_jsonl(path)
    return _read_parquet(path)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot read the file ({exc.strerror})") from exc


def _read_csv(path: Path) -> Table:
    raw = _read_text(path)
    csv.field_size_limit(max(csv.field_size_limit(), CSV_FIELD_LIMIT))
    reader = csv.DictReader(raw.splitlines(keepends=True))
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


def _read_jsonl(path: Path) -> Table:
    columns: dict[str, None] = {}
    rows: list[tuple[str, dict[str, Any]]] = []
    for number, line in enumerate(_read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            message = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            raise InputError(
                f"{path}: line {number}: not valid JSON ({message}); expected one object per line"
            ) from exc
        if not isinstance(record, dict):
            raise InputError(
                f"{path}: line {number}: found {type(record).__name__}; expected one JSON object "
                "per line"
            )
        columns.update(dict.fromkeys(record))
        rows.append((f"line {number}", record))
    return Table(list(columns), rows)


def _read_parquet(path: Path) -> Table:
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
    records = table.to_pylist()
    return Table(columns, [(f"row {index + 1}", record) for index, record in enumerate(records)])
