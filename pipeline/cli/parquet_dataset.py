"""The Parquet dataset of a store's extractions: `export --format parquet` writes it,
`report --from-parquet` builds the same site from it.

Layout of the folder (Hive-style partitions by posting month, readable by pandas, pyarrow,
DuckDB, Spark or Dask):

    dataset.json                        format, extractor version, categories, export time
    postings/month=YYYY-MM/*.parquet    the postings frame (see `jobtrends.pipeline.frames`)
    mentions/month=YYYY-MM/*.parquet    the mentions frame plus `context`, the line it stands on
    candidates/month=YYYY-MM/*.parquet  the term candidates plus `context`
    runs.parquet                        every run's target results

The store is read SLICE postings at a time (by id), so writing takes memory for one slice, not for
the whole store. Every file of a table has the table's schema (TABLE_SCHEMAS), whatever values a
slice holds, so the partitions always read back as one table. pyarrow is needed (the `parquet`
extra); it is imported when a dataset is written or read.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from jobtrends.pipeline.errors import InputError, PipelineError
from jobtrends.pipeline.frames import FrameFilter, Frames, apply_filter, build_frames, mention_spans
from jobtrends.pipeline.store import Store, extracted_id_range

FORMAT = 1
SLICE = 20_000
TABLES = ("postings", "mentions", "candidates")
_TEXT, _INT, _FLOAT, _BOOL, _TIME = "string", "int64", "float64", "bool", "timestamp"
TABLE_SCHEMAS: dict[str, dict[str, str]] = {
    "postings": {
        "posting_id": _INT, "source": _TEXT, "board": _TEXT, "company": _TEXT, "title": _TEXT,
        "location": _TEXT, "url": _TEXT, "country": _TEXT, "posted_at": _TIME, "month": _TEXT,
        "first_seen": _TIME, "last_seen": _TIME, "closed_at": _TIME, "role": _TEXT,
        "role_confidence": _FLOAT, "seniority": _TEXT, "remote": _TEXT, "salary_min": _FLOAT,
        "salary_max": _FLOAT, "salary_currency": _TEXT, "salary_period": _TEXT,
        "salary_annual_min": _FLOAT, "salary_annual_max": _FLOAT, "language": _TEXT,
        "dup_group": _INT, "attribution": _TEXT, "region": _TEXT, "city": _TEXT,
        "employment_type": _TEXT, "remote_from": _TEXT, "salary_from": _TEXT,
        "seniority_from": _TEXT, "country_from": _TEXT,
    },
    "mentions": {
        "posting_id": _INT, "skill_id": _TEXT, "skill_name": _TEXT, "category": _TEXT,
        "section": _TEXT, "negated": _BOOL, "nice_to_have": _BOOL, "text": _TEXT, "start": _INT,
        "end": _INT, "context": _TEXT, "month": _TEXT,
    },
    "candidates": {
        "posting_id": _INT, "term_key": _TEXT, "term": _TEXT, "section": _TEXT, "start": _INT,
        "end": _INT, "score": _FLOAT, "context": _TEXT, "month": _TEXT,
    },
}  # fmt: skip


@dataclass(frozen=True)
class Dataset:
    """A dataset read back: the frames and what `dataset.json` says."""

    frames: Frames
    extractor_version: str
    categories: dict[str, str]


def write_dataset(
    store: Store, out_dir: Path, extractor_version: str, categories: dict[str, str]
) -> list[Path]:
    """Write the dataset of `extractor_version`'s extractions into `out_dir` (its tables are
    replaced); the paths of what was written, `dataset.json` first."""
    pa, pq = load_pyarrow(out_dir)
    for table in TABLES:
        shutil.rmtree(out_dir / table, ignore_errors=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    span = extracted_id_range(store, extractor_version)
    runs = None
    for number, ids in enumerate(_slices(span)):
        frames = build_frames(store, extractor_version, ids=ids)
        runs = frames.runs
        months = frames.postings.set_index("posting_id")["month"]
        tables = {
            "postings": frames.postings,
            "mentions": _with_context(frames, frames.mentions, months),
            "candidates": _with_context(frames, frames.candidates, months),
        }
        for name, frame in tables.items():
            if frame.empty:
                continue
            pq.write_to_dataset(
                _arrow_table(pa, frame, TABLE_SCHEMAS[name]),
                root_path=str(out_dir / name),
                partition_cols=["month"],
                basename_template=f"part-{number:05d}-{{i}}.parquet",
            )
    if runs is None:
        runs = build_frames(store, extractor_version, ids=(0, -1)).runs
    pq.write_table(pa.Table.from_pandas(runs, preserve_index=False), out_dir / "runs.parquet")
    meta = {"format": FORMAT, "extractor_version": extractor_version, "categories": categories}
    (out_dir / "dataset.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return [out_dir / "dataset.json", *(out_dir / t for t in TABLES), out_dir / "runs.parquet"]


def read_dataset(folder: Path, frame_filter: FrameFilter | None = None) -> Dataset:
    """The frames of a dataset `write_dataset` wrote (an InputError names what is wrong), every
    mention row in memory; a report reads the mentions partition by partition instead
    (`parquet_aggregates`)."""
    extractor_version, categories = read_meta(folder)
    postings = read_postings(folder, frame_filter)
    kept = postings["posting_id"]
    return Dataset(
        frames=Frames(
            postings=postings,
            mentions=read_rows(folder, "mentions", kept),
            runs=read_runs(folder),
            lines=_no_store_lines,
            candidates=read_rows(folder, "candidates", kept),
        ),
        extractor_version=extractor_version,
        categories=categories,
    )


def read_meta(folder: Path) -> tuple[str, dict[str, str]]:
    """The extractor version and the categories `dataset.json` names (an InputError when the
    folder holds no dataset of this format)."""
    meta_path = folder / "dataset.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(
            f"{meta_path}: not a jobtrends Parquet dataset ({exc}); write one with "
            "`jobtrends export --format parquet --out DIR`"
        ) from exc
    if meta.get("format") != FORMAT:
        raise InputError(f"{meta_path}: dataset format {meta.get('format')!r}, expected {FORMAT}")
    categories = {str(k): str(v) for k, v in dict(meta.get("categories", {})).items()}
    return str(meta.get("extractor_version", "")), categories


def read_postings(folder: Path, frame_filter: FrameFilter | None = None) -> pd.DataFrame:
    """The postings `frame_filter` keeps, in posting order."""
    _pa, pq = load_pyarrow(folder)
    postings = _read_table(pq, folder / "postings", TABLE_SCHEMAS["postings"])
    return apply_filter(postings, frame_filter or FrameFilter()).reset_index(drop=True)


def read_rows(folder: Path, table: str, kept: pd.Series) -> pd.DataFrame:
    """The rows of `table` (mentions or candidates) of the postings in `kept`, whole."""
    _pa, pq = load_pyarrow(folder)
    rows = _read_table(pq, folder / table, TABLE_SCHEMAS[table])
    return rows[rows["posting_id"].isin(kept)].drop(columns="month").reset_index(drop=True)


def read_runs(folder: Path) -> pd.DataFrame:
    _pa, pq = load_pyarrow(folder)
    runs: pd.DataFrame = pq.read_table(folder / "runs.parquet").to_pandas()
    return runs


def _slices(span: tuple[int, int] | None) -> list[tuple[int, int]]:
    if span is None:
        return []
    first, last = span
    return [(start, min(start + SLICE - 1, last)) for start in range(first, last + 1, SLICE)]


def _with_context(frames: Frames, rows: pd.DataFrame, months: pd.Series) -> pd.DataFrame:
    """`rows` with the line each stands on and its posting's month."""
    return rows.assign(
        context=frames.lines(mention_spans(rows)),
        month=rows["posting_id"].map(months).to_numpy() if len(rows) else [],
    )


def _arrow_table(pa: Any, frame: pd.DataFrame, schema: dict[str, str]) -> Any:
    types = {
        _TEXT: pa.string(),
        _INT: pa.int64(),
        _FLOAT: pa.float64(),
        _BOOL: pa.bool_(),
        _TIME: pa.timestamp("us", tz="UTC"),
    }
    columns = {}
    for name, kind in schema.items():
        values = frame[name]
        if kind == _TEXT:
            values = values.astype(object).where(values.notna(), None)
        columns[name] = pa.array(values, type=types[kind], from_pandas=True)
    return pa.table(columns)


def _read_table(pq: Any, folder: Path, schema: dict[str, str]) -> pd.DataFrame:
    """The table's partitions in posting order, typed the way `build_frames` types its frames:
    text as Python strings (None for missing), numbers as int64 or float64 (NaN for missing),
    flags as bool, times as UTC."""
    if not folder.is_dir():
        return pd.DataFrame({name: pd.Series(dtype=object) for name in schema})
    frame = pq.read_table(folder).to_pandas()
    frame = frame.sort_values(["posting_id", *(["start"] if "start" in frame else [])])
    out = {}
    for name, kind in schema.items():
        values = frame[name]
        if kind == _TIME:
            out[name] = pd.to_datetime(values, utc=True)
        elif kind == _BOOL:
            out[name] = values.astype(bool)
        elif kind in (_INT, _FLOAT):
            out[name] = values.astype(kind)
        else:
            out[name] = values.astype(object).where(values.notna(), None)
    return pd.DataFrame(out).reset_index(drop=True)


def _no_store_lines(spans: object) -> list[str]:
    raise PipelineError("a Parquet dataset carries its lines in the `context` columns")


def load_pyarrow(where: Path) -> tuple[Any, Any]:
    try:
        # Deferred for start-up time, and optional: pyarrow is the `parquet` extra.
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise PipelineError(
            f"{where}: Parquet datasets need pyarrow: pip install 'jobtrends[parquet]'"
        ) from exc
    return pa, pq
