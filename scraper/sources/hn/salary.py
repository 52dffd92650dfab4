"""Pay stated in a Hacker News post's first line ("$150k-$200k", "€75k–110k", "£60,000 - £80,000",
"120-150k EUR", "$90/hr", "up to $180k", "$200k+") as a structured salary.

Only amounts with a currency (a symbol or an ISO code) are read; "k" after the last number of a
range applies to the first one too ("$150 - 210K"). The period is a year unless the text says
hour, day, week or month. Yearly figures under 1,000 and hourly ones over 2,000 are not pay as
written (a typo or a thousands figure without "k"), so nothing is returned for them.
"""

from __future__ import annotations

import re

from jobtrends.scraper.records import SalaryPeriod, StructuredSalary

_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
_PREFIXED = {"CA$": "CAD", "C$": "CAD", "A$": "AUD", "AU$": "AUD", "US$": "USD", "S$": "SGD"}
_CODES = (
    "USD", "EUR", "GBP", "CAD", "AUD", "CHF", "SEK", "NOK", "DKK", "PLN", "INR", "JPY", "SGD",
    "NZD",
)  # fmt: skip
_CODE = re.compile(r"\b(" + "|".join(_CODES) + r")\b", re.I)
_AMOUNT = re.compile(
    r"(?P<cur>CA\$|C\$|AU\$|A\$|US\$|S\$|[$€£¥₹])?\s*"
    r"(?P<num>\d{1,3}(?:[,.\u202f ]\d{3})+|\d+(?:\.\d+)?)\s*(?P<mult>[kKmM](?![a-zA-Z]))?"
    r"(?:\s?(?P<after>[€£]))?"  # "70-90k€", "45.000 €"
)
_RANGE_JOIN = re.compile(r"^\s*(?:-|–|—|to|and)\s*$", re.I)
_PERIODS: tuple[tuple[re.Pattern[str], SalaryPeriod], ...] = (
    (re.compile(r"/\s*h(?:ou)?r\b|/\s*h\b|\bper hour\b|\bhourly\b|\ban hour\b", re.I), "hour"),
    (re.compile(r"/\s*day\b|\bper day\b|\bdaily\b|\ba day\b", re.I), "day"),
    (re.compile(r"/\s*w(?:ee)?k\b|\bper week\b|\bweekly\b", re.I), "week"),
    (re.compile(r"/\s*mo(?:nth)?\b|\bper month\b|\bmonthly\b|\ba month\b", re.I), "month"),
)
_UP_TO = re.compile(r"\b(?:up to|max(?:imum)?)\s*$", re.I)


def parse_salary(text: str) -> StructuredSalary | None:
    """The pay range of one header segment (see module doc); None when it states none."""
    found = [m for m in _AMOUNT.finditer(text) if m.group("num")]
    code = _CODE.search(text)
    if not found or (code is None and not any(_symbol(m) for m in found)):
        return None
    currency = code.group(1).upper() if code else _currency(found)
    first = found[0]
    if code is None and not (_symbol(first) or (len(found) > 1 and found[1].group("after"))):
        return None
    values = [_value(first)]
    if len(found) > 1 and _RANGE_JOIN.match(text[first.end() : found[1].start()]):
        values.append(_value(found[1]))
        if not first.group("mult") and found[1].group("mult") and values[0] < 1000:
            values[0] *= _multiplier(found[1].group("mult"))
    period: SalaryPeriod = next((p for pattern, p in _PERIODS if pattern.search(text)), "year")
    if not _plausible(values, period):
        return None
    if len(values) == 2:
        low, high = min(values), max(values)
        return StructuredSalary(min=low, max=high, currency=currency, period=period)
    if _UP_TO.search(text[: first.start()]):
        return StructuredSalary(min=None, max=values[0], currency=currency, period=period)
    return StructuredSalary(min=values[0], max=None, currency=currency, period=period)


def _symbol(match: re.Match[str]) -> str | None:
    return match.group("cur") or match.group("after")


def _currency(found: list[re.Match[str]]) -> str:
    symbol = next(s for s in map(_symbol, found) if s)
    return _PREFIXED.get(symbol.upper(), _SYMBOLS.get(symbol, "USD"))


def _value(match: re.Match[str]) -> float:
    digits = re.sub(r"[,\u202f ]", "", match.group("num"))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits):  # "60.000" written the European way
        digits = digits.replace(".", "")
    return float(digits) * _multiplier(match.group("mult"))


def _multiplier(mult: str | None) -> float:
    if not mult:
        return 1.0
    return 1000.0 if mult.lower() == "k" else 1_000_000.0


def _plausible(values: list[float], period: SalaryPeriod) -> bool:
    if period == "year":
        return all(1000 <= v <= 10_000_000 for v in values)
    if period == "hour":
        return all(1 <= v <= 2000 for v in values)
    return all(1 <= v <= 1_000_000 for v in values)
