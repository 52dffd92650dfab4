"""Typed values from one row of an imported dataset, each problem an `InputError` naming the row,
the column and the field it was read for.

Values come as text (CSV), JSON values (JSON lines) or Python values (Parquet: numbers,
datetimes, dates); a missing column, null or empty text counts as "not given".
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any, NoReturn

from jobtrends.pipeline.errors import InputError
from jobtrends.scraper.records import RemoteHint, SalaryPeriod

# Epoch numbers above this are milliseconds: as seconds they would lie after the year 5000.
MILLIS_THRESHOLD = 100_000_000_000
REMOTE_VALUES: dict[str, RemoteHint] = {
    "remote": "remote",
    "hybrid": "hybrid",
    "onsite": "onsite",
    "on-site": "onsite",
    "on_site": "onsite",
    "on site": "onsite",
}
PERIODS: dict[str, SalaryPeriod] = {
    "year": "year", "yearly": "year", "annual": "year", "annually": "year",
    "month": "month", "monthly": "month",
    "week": "week", "weekly": "week",
    "day": "day", "daily": "day",
    "hour": "hour", "hourly": "hour",
}  # fmt: skip


class RowReader:
    """`where` is "<file>: row N"; `columns` maps each field to the column it is read from."""

    def __init__(self, where: str, record: Mapping[str, Any], columns: Mapping[str, str]) -> None:
        self.where = where
        self.record = record
        self.columns = columns

    def fail(self, field: str, problem: str) -> NoReturn:
        column = self.columns.get(field, field)
        raise InputError(f"{self.where}: column {column!r} ({field}): {problem}")

    def raw(self, field: str) -> Any:
        column = self.columns.get(field)
        value = None if column is None else self.record.get(column)
        if isinstance(value, str) and not value.strip():
            return None
        if isinstance(value, float) and math.isnan(value):
            return None
        return value

    def text(self, field: str) -> str:
        """Text ("" when not given); a number is written out, anything else is an error."""
        value = self.raw(field)
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
            return str(value)
        self.fail(field, f"expected text, found {type(value).__name__}")

    def required_text(self, field: str) -> str:
        text = self.text(field).strip()
        if not text:
            self.fail(field, "missing; every posting needs one")
        return text

    def identifier(self, field: str) -> str:
        """A posting id: non-empty text or a whole number (a float like 12.0 reads as "12")."""
        value = self.raw(field)
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, bool) or not isinstance(value, str | int | type(None)):
            self.fail(field, f"expected an id (text or a whole number), found {value!r}")
        return self.required_text(field)

    def moment(self, field: str) -> datetime | None:
        """An ISO-8601 date or date-time, a Parquet timestamp or date, or Unix seconds/ms; aware
        UTC (a naive value is taken as UTC)."""
        value = self.raw(field)
        if value is None:
            return None
        if isinstance(value, datetime):
            moment = value
        elif isinstance(value, date):
            moment = datetime.combine(value, time())
        elif isinstance(value, int | float) and not isinstance(value, bool):
            moment = self._epoch(field, float(value))
        elif isinstance(value, str):
            try:
                moment = datetime.fromisoformat(value.strip())
            except ValueError:
                self.fail(field, f"{value!r} is not an ISO-8601 date (YYYY-MM-DD[THH:MM[:SS]])")
        else:
            self.fail(field, f"expected a date, found {type(value).__name__}")
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)

    def _epoch(self, field: str, number: float) -> datetime:
        seconds = number / 1000.0 if abs(number) >= MILLIS_THRESHOLD else number
        try:
            return datetime.fromtimestamp(seconds, tz=UTC)
        except (OverflowError, OSError, ValueError):
            self.fail(field, f"{number!r} is not a Unix timestamp")

    def remote(self, field: str) -> RemoteHint | None:
        text = self.text(field).strip().lower()
        if not text or text == "unknown":
            return None
        hint = REMOTE_VALUES.get(text)
        if hint is None:
            self.fail(field, f"{text!r} is not one of remote, hybrid, onsite (or empty)")
        return hint

    def amount(self, field: str) -> float | None:
        """A non-negative finite number; text such as "120000" or "120000.50" is read as one."""
        value = self.raw(field)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
            self.fail(field, f"expected a number, found {type(value).__name__}")
        try:
            number = float(value)
        except ValueError:
            self.fail(field, f"{value!r} is not a number")
        if not math.isfinite(number) or number < 0:
            self.fail(field, f"{value!r} is not a non-negative amount")
        return number

    def period(self, field: str) -> SalaryPeriod | None:
        text = self.text(field).strip().lower()
        if not text:
            return None
        period = PERIODS.get(text)
        if period is None:
            self.fail(field, f"{text!r} is not one of year, month, week, day, hour")
        return period
