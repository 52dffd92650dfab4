"""Reading schema.org values leniently: the shapes JobPosting markup uses on the open web.

Each reader accepts every documented shape (a string or a named object, a single value or a list,
a number or numeric text) and returns "not given" for anything else; none of them raises.
"""

from __future__ import annotations

import html
import math
from datetime import UTC, datetime, time
from typing import Any
from urllib.parse import urljoin

from jobtrends.scraper.facts import Facts, country_code, employment_type, unique_places
from jobtrends.scraper.records import SalaryPeriod, StructuredSalary

UNITS: dict[str, SalaryPeriod] = {
    "YEAR": "year",
    "ANNUAL": "year",
    "MONTH": "month",
    "WEEK": "week",
    "DAY": "day",
    "HOUR": "hour",
}


def text_of(value: Any) -> str:
    """A string from a string, a number, a named thing (`{"name": ...}`) or the first of a list."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict):
        return text_of(value.get("name")) or text_of(value.get("@value"))
    if isinstance(value, list) and value:
        return text_of(value[0])
    return ""


def identifier_of(value: Any) -> str:
    """`identifier` as text: a PropertyValue's `value`, a plain string or number."""
    if isinstance(value, dict):
        return text_of(value.get("value")).strip() or text_of(value.get("@id")).strip()
    if isinstance(value, list) and value:
        return identifier_of(value[0])
    return text_of(value).strip()


def locations_of(value: Any) -> str:
    """`jobLocation` (one Place or a list) as "City, Region, Country" entries joined by "; "."""
    places = value if isinstance(value, list) else [value]
    found: list[str] = []
    for place in places:
        text = _place(place)
        if text and text not in found:
            found.append(text)
    return "; ".join(found)


def _place(place: Any) -> str:
    if isinstance(place, str):
        return place.strip()
    if not isinstance(place, dict):
        return ""
    address = place.get("address")
    if isinstance(address, str):
        return address.strip()
    if not isinstance(address, dict):
        return text_of(place.get("name")).strip()
    keys = ("addressLocality", "addressRegion", "addressCountry")
    parts = [text_of(address.get(key)).strip() for key in keys]
    return ", ".join(part for part in parts if part)


def facts_of(node: dict[str, Any]) -> Facts:
    """What a JobPosting states in its structured fields: `employmentType` (one type, else none),
    the first `jobLocation` address's country, region and city, the other places, and the country
    of a remote job's single `applicantLocationRequirements`."""
    kinds = node.get("employmentType")
    types = {
        employment_type(text_of(kind)) for kind in (kinds if isinstance(kinds, list) else [kinds])
    }
    places = node.get("jobLocation")
    places = places if isinstance(places, list) else [places]
    first = places[0] if places and isinstance(places[0], dict) else {}
    address = first.get("address")
    address = address if isinstance(address, dict) else {}
    country = country_code(text_of(address.get("addressCountry")))
    if country is None and not address:
        required = node.get("applicantLocationRequirements")
        required = required if isinstance(required, list) else [required]
        codes = {country_code(text_of(item)) for item in required if item}
        country = codes.pop() if len(codes) == 1 else None
    return {
        "country": country,
        "region": text_of(address.get("addressRegion")).strip() or None,
        "city": text_of(address.get("addressLocality")).strip() or None,
        "employment_type": types.pop() if len(types) == 1 else None,
        "secondary_locations": unique_places(
            (_place(place) for place in places[1:]), leave_out=_place(first)
        ),
    }


def names_of(value: Any) -> str:
    """Named things (e.g. `applicantLocationRequirements` countries) joined by ", "."""
    items = value if isinstance(value, list) else [value]
    names = [text_of(item).strip() for item in items]
    return ", ".join(name for name in names if name)


def moment_of(value: Any, *, end_of_day: bool) -> datetime | None:
    """An ISO-8601 date or date-time as aware UTC; a bare date is its start (or end) in UTC."""
    text = text_of(value).strip()
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if len(text) <= 10 and end_of_day:
        parsed = datetime.combine(parsed.date(), time.max)
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def salary_of(value: Any) -> StructuredSalary | None:
    """`baseSalary` (a MonetaryAmount, its value a number or a QuantitativeValue); None unless
    an amount and its unit (`unitText`) are stated."""
    amount = value[0] if isinstance(value, list) and value else value
    if not isinstance(amount, dict):
        return None
    quantity = amount.get("value")
    currency = text_of(amount.get("currency")).strip().upper() or None
    if isinstance(quantity, dict):
        unit = text_of(quantity.get("unitText")) or text_of(amount.get("unitText"))
        single = _number(quantity.get("value"))
        low = _number(quantity.get("minValue"))
        high = _number(quantity.get("maxValue"))
        low, high = (single, single) if low is None and high is None else (low, high)
    else:
        unit = text_of(amount.get("unitText"))
        low = high = _number(quantity)
    period = UNITS.get(unit.strip().upper())
    if period is None or (low is None and high is None):
        return None
    return StructuredSalary(min=low, max=high, currency=currency, period=period)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        value = value.replace(",", "").strip()
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return number if math.isfinite(number) and number > 0 else None


def description_html(description: str) -> str:
    """A schema.org description as HTML: escaped HTML is unescaped, and plain text keeps its line
    breaks as <br>."""
    if "<" not in description and "&lt;" in description:
        description = html.unescape(description)
    if "<" not in description:
        return html.escape(description, quote=False).replace("\n", "<br>")
    return description


def telecommute(node: dict[str, Any]) -> bool:
    """Whether a JobPosting's `jobLocationType` says TELECOMMUTE (remote)."""
    kinds = node.get("jobLocationType")
    values = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(v, str) and v.strip().upper() == "TELECOMMUTE" for v in values)


def absolute_url(base: str, link: str) -> str:
    """`link` made absolute against `base`; "" when it is empty, malformed or not http(s)."""
    link = link.strip()
    if not link:
        return ""
    try:
        found = urljoin(base, link)
    except ValueError:
        return ""
    return found if found.startswith(("http://", "https://")) else ""
