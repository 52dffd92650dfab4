"""What a report reads of a Parquet dataset's mentions, computed file by file: the whole mentions
table (several rows per posting, with their text) is never in memory.

Every posting's mentions lie in one file of `mentions/` (its month's partition of the slice that
wrote it), so each file is aggregated on its own (`partition_totals`, also the task a Dask worker
runs): its demand rows (`stats.posting_demand`), its mention count per posting, and the first row
of each skill it names. `combine` concatenates the files' totals, in the order of the files, and
keeps the postings the report covers. Files of months without a kept posting are not read.
`FirstDemandMentions` reads back only the mention rows of the postings a page shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from jobtrends.pipeline.cli.parquet_dataset import load_pyarrow
from jobtrends.pipeline.vocab import DEMAND_SECTIONS

DEMAND_COLUMNS = ["posting_id", "skill_id", "required"]
COUNT_COLUMNS = ["posting_id", "mentions"]
SKILL_COLUMNS = ["skill_id", "skill_name", "category", "posting_id", "start"]
TOTALS_COLUMNS = [
    "posting_id", "skill_id", "skill_name", "category", "section", "negated", "nice_to_have",
    "start",
]  # fmt: skip
SHOWN_COLUMNS = ["posting_id", "skill_id", "section", "text", "start", "end", "context"]


@dataclass(frozen=True)
class PartitionTotals:
    """What one mentions file adds up to (small beside its rows: no text)."""

    demand: pd.DataFrame  # DEMAND_COLUMNS: one row per posting and skill it asks for
    counts: pd.DataFrame  # COUNT_COLUMNS: mention rows per posting
    skills: pd.DataFrame  # SKILL_COLUMNS: each skill's first row, by (posting_id, start)


@dataclass(frozen=True)
class MentionTotals:
    """The report's view of the mentions (see `ReportData`): demand rows, skill names, count."""

    demand: pd.DataFrame
    skills: dict[str, tuple[str, str]]
    mention_count: int


def mention_files(folder: Path, months: Iterable[str]) -> list[Path]:
    """The files of the dataset's mentions table in path order, but those of month partitions
    outside `months`."""
    wanted = {f"month={month}" for month in months}
    files = sorted((folder / "mentions").rglob("*.parquet"))
    return [f for f in files if not f.parent.name.startswith("month=") or f.parent.name in wanted]


def partition_totals(path: Path) -> PartitionTotals:
    """The totals of the mentions file at `path`, reading only the columns they need."""
    # Deferred for start-up time: the reports package imports Plotly and the pages.
    from jobtrends.reports.analysis import stats

    _pa, pq = load_pyarrow(path)
    rows = pq.read_table(path, columns=TOTALS_COLUMNS).to_pandas()
    rows = rows.sort_values(["posting_id", "start"], kind="mergesort")
    counts = rows["posting_id"].value_counts(sort=False).sort_index()
    return PartitionTotals(
        demand=stats.posting_demand(rows),
        counts=pd.DataFrame({"posting_id": counts.index, "mentions": counts.to_numpy()}),
        skills=_plain(rows.drop_duplicates("skill_id"), SKILL_COLUMNS),
    )


def combine(totals: Sequence[PartitionTotals], kept: pd.Series) -> MentionTotals:
    """The files' totals as one, for the postings in `kept`: demand rows in (posting_id,
    skill_id) order, as `stats.posting_demand` gives them; skills (of every file read) in the
    order of their first mention."""
    demand = _concat([t.demand for t in totals], DEMAND_COLUMNS)
    demand = demand[demand["posting_id"].isin(kept)]
    demand = demand.sort_values(["posting_id", "skill_id"], kind="mergesort")
    counts = _concat([t.counts for t in totals], COUNT_COLUMNS)
    named = _concat([t.skills for t in totals], SKILL_COLUMNS)
    named = named.sort_values(["posting_id", "start"], kind="mergesort").drop_duplicates("skill_id")
    return MentionTotals(
        demand=demand.astype({"posting_id": "int64", "required": bool}).reset_index(drop=True),
        skills={
            str(skill_id): (str(name), str(category))
            for skill_id, name, category in zip(
                named["skill_id"], named["skill_name"], named["category"], strict=True
            )
        },
        mention_count=int(counts.loc[counts["posting_id"].isin(kept), "mentions"].sum()),
    )


@dataclass(frozen=True)
class FirstDemandMentions:
    """`ReportData.demand_mentions` over a dataset: for (posting_id, skill_id) pairs, the skill's
    first demand mention (by `start`) in each posting, with its `context`, in the order of the
    pairs, pairs without one left out. Reads only the requested postings' rows of the files of
    their months (`months`: posting_id -> month)."""

    folder: Path
    months: pd.Series

    def __call__(self, pairs: Sequence[tuple[int, str]]) -> pd.DataFrame:
        # Deferred for start-up time, and optional: pyarrow is the `parquet` extra.
        import pyarrow.compute as pc
        import pyarrow.dataset as ds

        ids = sorted({posting_id for posting_id, _ in pairs})
        files = mention_files(self.folder, set(self.months[self.months.index.isin(ids)]))
        if not files:
            return pd.DataFrame({name: pd.Series(dtype=object) for name in SHOWN_COLUMNS})
        rows = (
            ds.dataset([str(f) for f in files], format="parquet")
            .to_table(
                columns=[*SHOWN_COLUMNS, "negated"],
                filter=pc.field("posting_id").isin(ids)
                & pc.field("section").isin(list(DEMAND_SECTIONS))
                & ~pc.field("negated"),
            )
            .to_pandas()
        )
        # Deferred for start-up time: the reports package imports Plotly and the pages.
        from jobtrends.reports import first_demand_mentions

        return first_demand_mentions(_plain(rows, [*SHOWN_COLUMNS, "negated"]), pairs)


def _concat(frames: list[pd.DataFrame], columns: list[str]) -> pd.DataFrame:
    frames = [frame for frame in frames if len(frame)]
    if not frames:
        return pd.DataFrame({name: pd.Series(dtype=object) for name in columns})
    return pd.concat(frames, ignore_index=True)


def _plain(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The columns of `frame`, text as Python strings (None for missing) as the store gives it."""
    out = frame[columns].reset_index(drop=True)
    for name in columns:
        if not (pd.api.types.is_numeric_dtype(out[name]) or pd.api.types.is_bool_dtype(out[name])):
            out[name] = out[name].astype(object).where(out[name].notna(), None)
    return out
