"""One row of a dataset for `jobtrends import`, as a pydantic model: the posting fields it may
give (`FIELDS`: field -> default column) and the rules a row must keep.

A row needs an id, a title and a description (text or html); empty text counts as not given, and
a number where text is meant is written out. A salary needs its period, and its minimum may not be
above its maximum.
"""

from __future__ import annotations

from pydantic import BaseModel, ValidationInfo, field_validator

from jobtrends.pipeline.ingest.values import (
    ROWS_NUMBERS_AS_TEXT,
    Amount,
    FilledText,
    Moment,
    Period,
    Remote,
    StrippedText,
    Text,
    TrimmedId,
)

FIELDS: dict[str, str] = {
    "external_id": "id",
    "title": "title",
    "company": "company",
    "location": "location",
    "url": "url",
    "posted_at": "posted_at",
    "text": "text",
    "html": "html",
    "remote": "remote",
    "salary_min": "salary_min",
    "salary_max": "salary_max",
    "salary_currency": "salary_currency",
    "salary_period": "salary_period",
    "attribution": "attribution",
}
REQUIRED = ("external_id", "title")


class ImportRow(BaseModel):
    """Every field of `FIELDS`, in that order (a rule reads the fields above it); a field whose
    column the file lacks is None."""

    model_config = ROWS_NUMBERS_AS_TEXT

    external_id: TrimmedId
    title: FilledText
    company: StrippedText
    location: StrippedText
    url: StrippedText
    posted_at: Moment
    text: Text
    html: Text
    remote: Remote
    salary_min: Amount
    salary_max: Amount
    salary_currency: StrippedText
    salary_period: Period
    attribution: StrippedText

    @field_validator("html")
    @classmethod
    def _a_description(cls, html: str | None, info: ValidationInfo) -> str | None:
        if "text" in info.data and not (info.data["text"] or "").strip() and not _filled(html):
            raise ValueError("a description: the text or the html must not be empty (both are)")
        return html

    @field_validator("salary_max")
    @classmethod
    def _above_minimum(cls, high: float | None, info: ValidationInfo) -> float | None:
        low = info.data.get("salary_min")
        if low is not None and high is not None and low > high:
            raise ValueError(f"a maximum no lower than the minimum ({low:g})")
        return high

    @field_validator("salary_period")
    @classmethod
    def _salary_needs_period(cls, period: str | None, info: ValidationInfo) -> str | None:
        salary = (info.data.get("salary_min"), info.data.get("salary_max"))
        if period is None and any(amount is not None for amount in salary):
            raise ValueError("the salary's period (year, month, week, day or hour)")
        return period


def _filled(text: str | None) -> bool:
    return bool(text and text.strip())
