"""The country of a posting, from its free-text location ("San Francisco, CA", "Remote (US)").

Returns an ISO 3166-1 alpha-2 code, or "" when the location names no single country ("Remote",
"Europe", "Anywhere"). Deliberately conservative: a wrong country is worse than none.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jobtrends.scraper.facts import COUNTRY_NAMES

CITIES: dict[str, str] = {
    "san francisco": "US", "sf": "US", "bay area": "US", "new york": "US", "nyc": "US",
    "seattle": "US", "austin": "US", "boston": "US", "chicago": "US", "los angeles": "US",
    "denver": "US", "palo alto": "US", "mountain view": "US", "menlo park": "US",
    "sunnyvale": "US", "san jose": "US", "san mateo": "US", "redwood city": "US",
    "washington, dc": "US", "washington dc": "US", "atlanta": "US", "miami": "US",
    "toronto": "CA", "vancouver": "CA", "montreal": "CA", "london": "GB", "cambridge, uk": "GB",
    "edinburgh": "GB", "manchester": "GB", "berlin": "DE", "munich": "DE", "hamburg": "DE",
    "paris": "FR", "amsterdam": "NL", "madrid": "ES", "barcelona": "ES", "dublin": "IE",
    "bangalore": "IN", "bengaluru": "IN", "hyderabad": "IN", "pune": "IN", "zurich": "CH",
    "zürich": "CH", "geneva": "CH", "stockholm": "SE", "warsaw": "PL", "krakow": "PL",
    "tel aviv": "IL", "tokyo": "JP", "sydney": "AU", "melbourne": "AU", "são paulo": "BR",
    "sao paulo": "BR", "lisbon": "PT", "milan": "IT", "copenhagen": "DK", "helsinki": "FI",
    "oslo": "NO", "vienna": "AT", "prague": "CZ", "tallinn": "EE", "seoul": "KR",
    "dubai": "AE", "mexico city": "MX", "buenos aires": "AR",
}  # fmt: skip
_STATE_CODES = "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV"
US_STATES = frozenset(
    f"{_STATE_CODES} NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC".split()
)
_PARTS = re.compile(r"[,;/|()\[\]\-–—]+|\bor\b|\band\b")
_STATE_AFTER_COMMA = re.compile(r",\s*([A-Z]{2})\b")


@lru_cache(maxsize=65536)
def country_of(location: str) -> str:
    """The one country a location names, or "" when it names none or several."""
    if not location or not location.strip():
        return ""
    found: set[str] = set()
    for state in _STATE_AFTER_COMMA.findall(location):
        if state in US_STATES:
            found.add("US")
    lowered = location.lower()
    for city, code in CITIES.items():
        if re.search(rf"(?<!\w){re.escape(city)}(?!\w)", lowered):
            found.add(code)
    for part in _PARTS.split(lowered):
        name = part.strip().strip(".")
        named = COUNTRY_NAMES.get(name) or COUNTRY_NAMES.get(part.strip())
        if named:
            found.add(named)
    return found.pop() if len(found) == 1 else ""
