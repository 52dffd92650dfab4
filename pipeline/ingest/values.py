"""The value types of a posting row, as pydantic types shared by `import` and `analyze`.

Values come as text (CSV), JSON values (JSON lines) or Python values (Parquet: numbers,
datetimes, dates); a missing column, null or NaN arrives as None. Each validator raises
`ValueError` saying what was expected, which `pipeline.validation` puts after the row, the column
and the value given.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, ConfigDict, StringConstraints
from pydantic_core import PydanticKnownError

from jobtrends.scraper.records import RemoteHint, SalaryPeriod

# A row model gets exactly its fields (`pipeline.ingest.rows` hands them over); text must be text.
ROWS = ConfigDict(extra="forbid", frozen=True)
# For datasets whose typed columns may hold numbers where text is meant (an id column, a CSV
# exported from a spreadsheet): a number is written out as text.
ROWS_NUMBERS_AS_TEXT = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)
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


def _present(value: Any) -> Any:
    if value is None:
        raise PydanticKnownError("missing")
    return value


def _filled(value: Any) -> Any:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise PydanticKnownError("missing")
    return value


def _posting_id(value: Any) -> Any:
    """Non-blank text or a whole number (a float like 12.0 reads as "12"); kept as given."""
    if isinstance(value, str):
        if not value.strip():
            raise PydanticKnownError("missing")
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if value is None:
        raise PydanticKnownError("missing")
    raise ValueError("an id (text or a whole number)")


def _moment(value: Any) -> datetime | None:
    """An ISO-8601 date or date-time, a Parquet timestamp or date, or Unix seconds/ms; aware UTC
    (a naive value is taken as UTC)."""
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError("an ISO-8601 date (YYYY-MM-DD[THH:MM[:SS]])") from None
    elif value is None:
        return None
    elif isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time())
    elif isinstance(value, int | float) and not isinstance(value, bool):
        moment = _epoch(value)
    else:
        raise ValueError("a date (ISO-8601 text, a timestamp or Unix seconds)")
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _epoch(number: float) -> datetime:
    try:
        seconds = number / 1000.0 if abs(number) >= MILLIS_THRESHOLD else float(number)
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        raise ValueError("a Unix timestamp in seconds or milliseconds") from None


def _remote(value: Any) -> RemoteHint | None:
    text = _choice(value)
    if not text or text == "unknown":
        return None
    if text not in REMOTE_VALUES:
        raise ValueError("one of remote, hybrid, onsite, unknown (or empty)")
    return REMOTE_VALUES[text]


def _amount(value: Any) -> float | None:
    """A non-negative finite number; text such as "120000" or "120000.50" is read as one."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float | Decimal):
        raise ValueError("a number")
    try:
        number = float(value)
    except (ValueError, OverflowError):
        raise ValueError("a number, e.g. 120000") from None
    if not math.isfinite(number) or number < 0:
        raise ValueError("a non-negative amount")
    return number


def _period(value: Any) -> SalaryPeriod | None:
    text = _choice(value)
    if not text:
        return None
    if text not in PERIODS:
        raise ValueError("one of year, month, week, day, hour")
    return PERIODS[text]


def _choice(value: Any) -> str:
    """A word from a list, in lower case ("" when not given); anything but text is no word."""
    if value is None:
        return ""
    return value.strip().lower() if isinstance(value, str) else "(not text)"


# A posting's id as given: non-blank text or a whole number, as text; or without surrounding space.
PostingId = Annotated[str, BeforeValidator(_posting_id)]
TrimmedId = Annotated[str, BeforeValidator(_posting_id), StringConstraints(strip_whitespace=True)]
# Text that must be given (None is missing); any text, even blank, counts.
GivenText = Annotated[str, BeforeValidator(_present)]
# Text that must be given and not blank, without surrounding whitespace.
FilledText = Annotated[str, BeforeValidator(_filled), StringConstraints(strip_whitespace=True)]
Text = str | None
StrippedText = Annotated[str, StringConstraints(strip_whitespace=True)] | None
Moment = Annotated[datetime | None, BeforeValidator(_moment)]
Remote = Annotated[RemoteHint | None, BeforeValidator(_remote)]
Amount = Annotated[float | None, BeforeValidator(_amount)]
Period = Annotated[SalaryPeriod | None, BeforeValidator(_period)]
