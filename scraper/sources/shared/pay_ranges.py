"""Greenhouse pay-transparency ranges: `pay_input_ranges` of a single-job response.

`GET .../boards/{board}/jobs/{id}?pay_transparency=true` adds
`"pay_input_ranges": [{"min_cents", "max_cents", "currency_type", "title", "blurb"}]` (amounts in
cents; `blurb` is HTML). The ranges state no period field: it is read from the words of `title`
and `blurb` ("Hourly Pay Range", "per year", "monthly"); without such a word, an amount under
`HOURLY_BELOW` is hourly and anything else yearly, as salaried ranges are written per year.
Several ranges (pay zones, locations) in one currency and period give one range from the lowest
minimum to the highest maximum; ranges in other currencies or periods than the first are left
out rather than mixed.
"""

from __future__ import annotations

import re
from typing import Any

from jobtrends.scraper.records import SalaryPeriod, StructuredSalary
from jobtrends.scraper.sources.shared.payload import PayloadReader
from jobtrends.scraper.text import html_to_text

HOURLY_BELOW = 500.0
_PERIOD_WORDS: tuple[tuple[re.Pattern[str], SalaryPeriod], ...] = (
    (re.compile(r"\b(?:hour|hourly|hr)\b", re.IGNORECASE), "hour"),
    (re.compile(r"\b(?:day|daily)\b", re.IGNORECASE), "day"),
    (re.compile(r"\b(?:week|weekly)\b", re.IGNORECASE), "week"),
    (re.compile(r"\b(?:month|monthly)\b", re.IGNORECASE), "month"),
    (
        re.compile(r"\b(?:year|yearly|annual|annually|annum|salary|salaried)\b", re.IGNORECASE),
        "year",
    ),
)


def pay_range_salary(reader: PayloadReader, job: dict[str, Any]) -> StructuredSalary | None:
    """The job's stated pay as one structured salary, or None when it states no amount."""
    ranges = []
    for position, item in enumerate(reader.opt_items(job, "pay_input_ranges")):
        entry = reader.obj(item, f"pay range #{position}")
        low, high = _amount(reader, entry, "min_cents"), _amount(reader, entry, "max_cents")
        if low is None and high is None:
            continue
        currency = (reader.text(entry, "currency_type") or "").strip().upper() or None
        blurb = html_to_text(reader.text(entry, "blurb") or "")
        words = f"{reader.text(entry, 'title') or ''}\n{blurb}"
        ranges.append((low, high, currency, _period(words, high if high is not None else low)))
    if not ranges:
        return None
    _, _, currency, period = ranges[0]
    alike = [(low, high) for low, high, cur, per in ranges if (cur, per) == (currency, period)]
    lows = [low for low, _ in alike if low is not None]
    highs = [high for _, high in alike if high is not None]
    return StructuredSalary(
        min(lows) if lows else None, max(highs) if highs else None, currency, period
    )


def _amount(reader: PayloadReader, entry: dict[str, Any], key: str) -> float | None:
    cents = reader.number(entry, key)
    if cents is None or cents <= 0:
        return None
    return cents / 100.0


def _period(words: str, amount: float | None) -> SalaryPeriod:
    for pattern, period in _PERIOD_WORDS:
        if pattern.search(words):
            return period
    return "hour" if amount is not None and amount < HOURLY_BELOW else "year"
