"""Salary: the source's structured figure wins; otherwise a stated amount or range in the text.

Recognised: "$150k-$200k", "$150,000 - $200,000", "USD 160,000-210,000", "EUR 70.000 - 90.000",
"€70k", "£60,000", "$85/hr", "$85 per hour", "CHF 120'000", "150k-200k USD", "$45,000 CAD" (the
code names the dollar), "€3,041 gross per month", "at least £31,265 and up to £44,256". An amount
labelled as pay ("Compensation: $20 per hour") wins over one a pay word only follows. A currency is
required (so "401k" is never a salary), the period is read next to the amount (year when none is
stated and the figure is annual-sized), and implausible figures are rejected: funding rounds,
valuations, revenue ("$5M seed round", "a $12B company"). "Competitive" is no salary.
"""

from __future__ import annotations

import re

from jobtrends.pipeline.results import Salary
from jobtrends.scraper.records import StructuredSalary

ANNUAL_FACTOR = {"year": 1, "month": 12, "week": 52, "day": 260, "hour": 2080}
_SYMBOLS = {
    "$": "USD", "us$": "USD", "c$": "CAD", "ca$": "CAD", "a$": "AUD", "au$": "AUD",
    "€": "EUR", "£": "GBP", "₹": "INR",
}  # fmt: skip
_CODES = "USD|EUR|GBP|CHF|CAD|AUD|INR|SEK|NOK|DKK|PLN|SGD|NZD|JPY"
_CURRENCY = rf"(?:US\$|CA?\$|AU?\$|\$|€|£|₹|\b(?:{_CODES})\b)"
_NUMBER = r"\d{1,3}(?:[,.'’\u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?|\d+(?:\.\d+)?"
_SUFFIX = r"(?:[kK]|[mM](?![a-z])|bn|[bB](?![a-z]))"
_RANGE = r"\s*(?:-|–|—|to|and(?: up to)?)\s*"
# A match starts with a currency, a space or a digit; the lookahead turns every other position
# down at once, instead of after trying each currency in turn.
_MATCH_START = r"(?=[\d\s$€£₹" + "".join(sorted({code[0] for code in _CODES.split("|")})) + "])"
SALARY = re.compile(
    rf"{_MATCH_START}(?P<cur1>{_CURRENCY})?\s?(?P<low>{_NUMBER})\s?(?P<sfx1>{_SUFFIX})?(?![\d%])"
    rf"(?:{_RANGE}(?P<cur2>{_CURRENCY})?\s?(?P<high>{_NUMBER})\s?(?P<sfx2>{_SUFFIX})?(?![\d%]))?"
    rf"(?:\s?(?P<cur3>{_CURRENCY}))?",
)
_PERIOD_AFTER = re.compile(
    r"^\s*(?:(?:gross|net|brutto)\s+)?"
    r"(?:(?:/|per|an?|each)\s*(?P<unit>hour|hr|h|year|yr|annum|month|mo|week|wk|day)\b"
    r"|(?P<adverb>hourly|annually|yearly|monthly|weekly|daily|p\.?a\.?(?!\w)))",
    re.IGNORECASE,
)
_PERIOD_BEFORE = re.compile(
    r"(?P<adverb>hourly|annual|yearly|monthly|weekly|daily|day rate)\b[^.\n$€£]{0,30}$",
    re.IGNORECASE,
)
_UNITS = {
    "hour": "hour", "hr": "hour", "h": "hour", "hourly": "hour",
    "year": "year", "yr": "year", "annum": "year", "annually": "year", "yearly": "year",
    "annual": "year", "pa": "year", "p.a.": "year", "p.a": "year", "pa.": "year",
    "month": "month", "mo": "month", "monthly": "month",
    "week": "week", "wk": "week", "weekly": "week",
    "day": "day", "daily": "day", "day rate": "day",
}  # fmt: skip
_NOT_PAY_BEFORE = re.compile(
    r"(?:raised?|funding(?: of)?|revenue(?: of)?|valuation(?: of)?|valued at|investment of"
    r"|backed by|budget of|grants? of|arr of)\s*(?:over |more than |about |nearly |almost )?$",
    re.IGNORECASE,
)
_NOT_PAY_AFTER = re.compile(
    r"^\s*(?:in\s+)?(?:[a-z-]+\s+)?(?:bonus|stipend|allowance|budget|fund(?:ing|s)?|seed|round"
    r"|series|revenue|arr|valuation|credits|grant|investment|raise)\b|^\+?\s*overruns?\b",
    re.IGNORECASE,
)
# An amount right after these is a benefit (401(k) match cap, stipend), not pay.
_BENEFIT_AMOUNT = re.compile(
    r"401\(?k|contribution|stipend|reimburs|allowance|budget|\bmatch|equity|bonus|relocation",
    re.IGNORECASE,
)
_PAY_WORDS = re.compile(
    r"salary|compensation|\bpay\b|base|\bote\b|\brate\b|range|per hour|/hr|\bwage", re.IGNORECASE
)
_UP_TO = re.compile(r"up to\s*$", re.IGNORECASE)
_GROUP_SEPARATOR = re.compile(r"[,.'’\u00a0\u202f](?=\d{3}(?:\D|$))")
# The cues that must end right before an amount (_PERIOD_BEFORE, _NOT_PAY_BEFORE, _UP_TO) start
# within this many characters of it: searching only there spares the regex engine the rest.
CUE_REACH = 40
PLAUSIBLE_ANNUAL = (10_000.0, 2_000_000.0)
PLAUSIBLE_ANNUAL_LARGE_UNITS = (100_000.0, 300_000_000.0)  # JPY, INR


def from_hint(hint: StructuredSalary) -> Salary:
    factor = ANNUAL_FACTOR[hint.period]
    return Salary(
        min=hint.min,
        max=hint.max,
        currency=hint.currency,
        period=hint.period,
        annual_min=None if hint.min is None else round(hint.min * factor, 2),
        annual_max=None if hint.max is None else round(hint.max * factor, 2),
    )


def parse_salary(
    text: str,
    hint: StructuredSalary | None = None,
    marks: list[tuple[int, int]] | None = None,
) -> Salary | None:
    """The structured hint if there is one, else the best stated salary in `text`, else None.
    `marks` are the text's `currency_marks`, found here when not given."""
    if hint is not None and (hint.min is not None or hint.max is not None):
        return from_hint(hint)
    matches = _amount_matches(text, currency_marks(text) if marks is None else marks)
    found = [s for s in (_salary_at(text, m) for m in matches) if s is not None]
    if not found:
        return None
    return max(found, key=lambda pair: pair[0])[1]


_CURRENCY_SYMBOLS = ("$", "€", "£", "₹")
CURRENCY_CODES = tuple(_CODES.split("|"))
# A stated amount or range stands within this many characters of its currency mark on either
# side ("150,000.00 - 200,000.00 USD" starts 27 characters before "USD").
WINDOW = 45


def currency_marks(text: str) -> list[tuple[int, int]]:
    """(start, end) of every currency symbol and of every currency code standing as a word
    ("USD", not "USDC"), in text order. Plain substring searches: a regex over the whole text
    would try its alternatives at every character."""
    marks = symbol_marks(text)
    for code in CURRENCY_CODES:
        at = text.find(code)
        while at >= 0:
            end = at + len(code)
            if not (_word_char_at(text, at - 1) or _word_char_at(text, end)):
                marks.append((at, end))
            at = text.find(code, end)
    return sorted(marks)


def symbol_marks(text: str) -> list[tuple[int, int]]:
    """(start, end) of every currency symbol, symbol by symbol."""
    marks = []
    for symbol in _CURRENCY_SYMBOLS:
        at = text.find(symbol)
        while at >= 0:
            marks.append((at, at + 1))
            at = text.find(symbol, at + 1)
    return marks


def _word_char_at(text: str, index: int) -> bool:
    """Whether `text[index]` exists and is a word character (as regex `\\w` means it)."""
    if not 0 <= index < len(text):
        return False
    char = text[index]
    return char.isalnum() or char == "_"


def _amount_matches(text: str, marks: list[tuple[int, int]]) -> list[re.Match[str]]:
    """Amount matches near a currency mark only: scanning the whole text with SALARY is slow."""
    windows: list[list[int]] = []
    for mark_start, mark_end in marks:
        start, end = max(0, mark_start - WINDOW), min(len(text), mark_end + WINDOW)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    return [
        match
        for start, end in windows
        for match in SALARY.finditer(text, start, end)
        if match.group(0).strip()
    ]


def _salary_at(text: str, match: re.Match[str]) -> tuple[int, Salary] | None:
    """(preference, salary) for one amount match, or None when it is not a plausible salary."""
    symbol = match["cur1"] or match["cur2"] or match["cur3"]
    if symbol is None:
        return None
    if symbol == "$" and match["cur3"] and match["cur3"].isalpha():
        symbol = match["cur3"]  # "$45,000 CAD": many currencies write "$"; the code says which
    currency = _SYMBOLS.get(symbol.lower(), symbol.upper())
    # "$150-200k": the second amount's suffix applies to both.
    low = _amount(match["low"], match["sfx1"] or (match["sfx2"] if match["high"] else None))
    high = _amount(match["high"], match["sfx2"]) if match["high"] else None
    if low is None or (match["high"] and high is None):
        return None
    before = text[max(0, match.start() - 60) : match.start()]
    after = text[match.end() : match.end() + 40]
    period = _period(before, after, low)
    if period is None or (high is not None and high < low):
        return None
    if _NOT_PAY_BEFORE.search(before[-CUE_REACH:]) or _NOT_PAY_AFTER.match(after):
        return None
    if _BENEFIT_AMOUNT.search(before[-80:]) and not _PAY_WORDS.search(before[-40:]):
        return None
    factor = ANNUAL_FACTOR[period]
    bounds = PLAUSIBLE_ANNUAL_LARGE_UNITS if currency in ("JPY", "INR") else PLAUSIBLE_ANNUAL
    annual_low = round(low * factor, 2)
    annual_high = round((high if high is not None else low) * factor, 2)
    if not (bounds[0] <= annual_low and annual_high <= bounds[1]):
        return None
    up_to = high is None and _UP_TO.search(before[-CUE_REACH:]) is not None
    salary = Salary(
        min=None if up_to else low,
        max=high if high is not None else low,
        currency=currency,
        period=period,
        annual_min=None if up_to else annual_low,
        annual_max=annual_high,
    )
    # A pay word as the amount's label ("Compensation: $20 per hour") beats one after it only
    # ("$15/hr" in a headline); a range beats a single amount.
    labelled = _PAY_WORDS.search(before[-40:]) is not None
    preference = 3 * labelled + 2 * (not labelled and bool(_PAY_WORDS.search(after[:20])))
    preference += high is not None
    return preference, salary


def _amount(number: str | None, suffix: str | None) -> float | None:
    if number is None:
        return None
    digits = _GROUP_SEPARATOR.sub("", number).replace(",", ".")
    try:
        value = float(digits)
    except ValueError:
        return None
    if suffix is None:
        return value
    if suffix in ("k", "K"):
        return value * 1_000
    return None  # millions or billions are never a salary here


def _period(before: str, after: str, amount: float) -> str | None:
    stated = _PERIOD_AFTER.match(after)
    if stated:
        word = (stated["unit"] or stated["adverb"]).lower()
        return _UNITS.get(word, _UNITS.get(word.replace(".", ""), "year"))
    prior = _PERIOD_BEFORE.search(before[-CUE_REACH:])
    if prior:
        return _UNITS[prior["adverb"].lower()]
    return "year" if amount >= 10_000 else None
