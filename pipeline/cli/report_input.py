"""What a report or a review reads: the store's frames as `ReportData`, with the merged taxonomy."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from jobtrends.pipeline.config import Settings
from jobtrends.pipeline.frames import FrameFilter, build_report_frames
from jobtrends.pipeline.store import Store

if TYPE_CHECKING:
    from jobtrends.pipeline.nlp.taxonomy import Taxonomy
    from jobtrends.reports import ReportData


def report_input(
    settings: Settings,
    store: Store,
    version: str,
    generated_at: datetime,
    *,
    frame_filter: FrameFilter | None = None,
    hide_taxonomy_forms: bool = False,
) -> tuple[ReportData, Taxonomy]:
    """The report data of `version`'s extractions and the taxonomy (built-in plus the user file).
    Terms the user rejected are hidden from the candidates, and with `hide_taxonomy_forms` also
    the terms that are taxonomy spellings now (accepted since `version` was extracted)."""
    # Deferred for start-up time: spaCy, Plotly and the pages take ~0.6 s to import; commands
    # that read no report data start without them.
    from jobtrends.pipeline.nlp import load_user_taxonomy, merged_taxonomy
    from jobtrends.pipeline.results import term_key
    from jobtrends.reports import ReportData

    user = load_user_taxonomy(settings.user_taxonomy)
    taxonomy = merged_taxonomy(user)
    hidden = set(user.rejected_keys)
    if hide_taxonomy_forms:
        hidden |= {term_key(form) for skill in taxonomy.skills for form in skill.surface_forms}
    frames = build_report_frames(store, version, frame_filter)
    data = ReportData(
        postings=None,
        demand=None,
        skills=frames.skills,
        mention_count=frames.mention_count,
        runs=frames.runs,
        categories=dict(taxonomy.categories),
        generated_at=generated_at,
        demand_mentions=frames.demand_mentions,
        lines=frames.lines,
        hidden_terms=frozenset(hidden),
        source=frames.batches,
    )
    return data, taxonomy
