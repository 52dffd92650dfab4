"""Normalizing the structured facts a source states: country codes, seniority levels, employment
types and remote locations, into the values `RawPosting` carries.

Each normalizer returns None for a value it does not recognize: a fact the record cannot state
exactly is left out rather than guessed (text extraction is the fallback downstream).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TypedDict

from jobtrends.scraper.records import EmploymentType, SeniorityHint


class Facts(TypedDict, total=False):
    """The structured facts of one posting (remote and salary aside) as `RawPosting` keyword
    arguments: a parser builds them in one helper and passes `RawPosting(..., **facts)`."""

    country: str | None
    region: str | None
    city: str | None
    seniority: SeniorityHint | None
    employment_type: EmploymentType | None
    secondary_locations: tuple[str, ...]


# Country names (lower case) to ISO 3166-1 alpha-2 codes; `jobtrends.pipeline.geo` reads free-text
# locations with the same table.
COUNTRY_NAMES: dict[str, str] = {
    "united states": "US", "usa": "US", "u.s.": "US", "u.s.a.": "US", "us": "US",
    "america": "US", "canada": "CA", "united kingdom": "GB", "uk": "GB", "u.k.": "GB",
    "england": "GB", "scotland": "GB", "wales": "GB", "great britain": "GB", "germany": "DE",
    "deutschland": "DE", "france": "FR", "netherlands": "NL", "the netherlands": "NL",
    "spain": "ES", "ireland": "IE", "india": "IN", "singapore": "SG", "switzerland": "CH",
    "sweden": "SE", "poland": "PL", "israel": "IL", "japan": "JP", "australia": "AU",
    "brazil": "BR", "portugal": "PT", "italy": "IT", "denmark": "DK", "finland": "FI",
    "norway": "NO", "austria": "AT", "belgium": "BE", "czech republic": "CZ", "czechia": "CZ",
    "estonia": "EE", "mexico": "MX", "argentina": "AR", "south korea": "KR", "korea": "KR",
    "china": "CN", "hong kong": "HK", "taiwan": "TW", "united arab emirates": "AE", "uae": "AE",
    "new zealand": "NZ", "romania": "RO", "ukraine": "UA", "greece": "GR", "hungary": "HU",
    "colombia": "CO", "chile": "CL", "south africa": "ZA", "nigeria": "NG", "kenya": "KE",
    "luxembourg": "LU", "lithuania": "LT", "latvia": "LV", "croatia": "HR", "serbia": "RS",
    "bulgaria": "BG", "turkey": "TR", "egypt": "EG", "vietnam": "VN", "philippines": "PH",
    "indonesia": "ID", "malaysia": "MY", "thailand": "TH", "pakistan": "PK",
}  # fmt: skip
# Names only structured country fields use (too ambiguous inside free text).
_FIELD_NAMES = {"united states of america": "US", "peru": "PE", "uruguay": "UY", "russia": "RU"}
_NOT_ISO = {"UK": "GB", "EL": "GR"}

_SENIORITY_WORDS: dict[str, SeniorityHint | None] = {
    "intern": "intern", "internship": "intern", "student": "intern",
    "entry": "junior", "entrylevel": "junior", "junior": "junior", "associate": "junior",
    "graduate": "junior", "newgrad": "junior",
    "mid": "mid", "midlevel": "mid", "intermediate": "mid",
    "senior": "senior", "seniorlevel": "senior",
    "staff": "staff_plus", "principal": "staff_plus",
    "lead": "lead_manager", "manager": "lead_manager", "director": "lead_manager",
    "executive": "lead_manager", "head": "lead_manager",
    # "Mid-Senior level" spans two of our levels; "not applicable" states none.
    "midseniorlevel": None, "midsenior": None, "notapplicable": None,
}  # fmt: skip
_EMPLOYMENT_WORDS: dict[str, EmploymentType] = {
    "fulltime": "full_time", "permanent": "full_time",
    "parttime": "part_time",
    "contract": "contract", "contractor": "contract", "freelance": "contract",
    "freelancer": "contract", "contracttohire": "contract",
    "temporary": "temporary", "temp": "temporary", "seasonal": "temporary",
    "intern": "internship", "internship": "internship",
}  # fmt: skip
_NOT_A_WORD = re.compile(r"[\s_\-./]+")
_REMOTE_PLACE = re.compile(r"^\s*remote\b|[(\-–—,|/]\s*remote\s*\)?\s*$", re.IGNORECASE)


def _key(value: str) -> str:
    return _NOT_A_WORD.sub("", value.strip().lower())


def country_code(value: str | None) -> str | None:
    """The ISO 3166-1 alpha-2 code of a stated country: a code ("us", "DE") or a name."""
    if not value or not value.strip():
        return None
    text = value.strip()
    if len(text) == 2 and text.isascii() and text.isalpha():
        return _NOT_ISO.get(text.upper(), text.upper())
    name = " ".join(text.lower().split())
    return COUNTRY_NAMES.get(name) or _FIELD_NAMES.get(name)


def seniority_level(values: str | Iterable[str] | None) -> SeniorityHint | None:
    """The one seniority id the stated level(s) name ("Entry-level" -> junior); None when none is
    recognized or several different ones are stated."""
    if values is None:
        return None
    stated = [values] if isinstance(values, str) else list(values)
    levels = {_SENIORITY_WORDS.get(_key(value)) for value in stated if value.strip()}
    if len(levels) != 1:
        return None
    return levels.pop()


def employment_type(value: str | None) -> EmploymentType | None:
    """A stated employment type ("Full-time", "FullTime", "full_time") as one of our ids."""
    return _EMPLOYMENT_WORDS.get(_key(value)) if value else None


def names_remote(place: str | None) -> bool:
    """Whether a location or office name says the job is remote ("Remote (US)", "Canada -
    Remote", "Remote, Italy")."""
    return bool(place) and _REMOTE_PLACE.search(place or "") is not None


def unique_places(places: Iterable[str | None], *, leave_out: str = "") -> tuple[str, ...]:
    """The non-empty place names in order, each once, without `leave_out` (the main location)."""
    seen = {leave_out.strip().lower()} if leave_out.strip() else set()
    kept = []
    for place in places:
        name = " ".join((place or "").split())
        if name and name.lower() not in seen:
            seen.add(name.lower())
            kept.append(name)
    return tuple(kept)
