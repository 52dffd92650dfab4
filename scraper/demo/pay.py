"""Salaries and location labels of demo postings, written the ways real postings write them.

Pay depends on the kind of job, the seniority, the currency of the place and a small yearly
drift. The text forms cover "$150k-$200k", "USD 160,000 - 210,000", "EUR 70.000 - 90.000",
"£85,000 - £105,000" and hourly rates such as "$85/hr".
"""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from jobtrends.scraper.demo.companies import City

BASE_USD: dict[str, int] = {
    "ml_engineer": 165_000,
    "llm_engineer": 180_000,
    "ai_application_developer": 160_000,
    "ai_infrastructure_engineer": 185_000,
    "data_scientist": 145_000,
    "ml_researcher": 200_000,
    "backend": 150_000,
    "devops": 150_000,
    "sales_engineering": 140_000,
    "frontend": 145_000,
    "annotation": 60_000,
}
LEVEL = {"junior": 0.75, "mid": 1.0, "senior": 1.25, "staff_plus": 1.55, "lead_manager": 1.45}
CURRENCY_FACTOR = {"USD": 1.0, "CAD": 1.0, "GBP": 0.58, "EUR": 0.55}
SYMBOL = {"USD": "$", "CAD": "CA$", "GBP": "£", "EUR": "€"}


@dataclass(frozen=True, slots=True)
class Pay:
    min: int
    max: int
    currency: str
    period: str  # "year" or "hour"


def make_pay(family: str, seniority: str, currency: str, t: float, rng: Random) -> Pay | None:
    """A pay range, or None where the demo never states pay (India)."""
    factor = CURRENCY_FACTOR.get(currency)
    if factor is None:
        return None
    if seniority == "intern" or family == "annotation":
        base = 48 if seniority == "intern" else 32
        low = max(15, round(base * factor * 1.4 * rng.uniform(0.8, 1.15)))
        if rng.random() < 0.5:
            return Pay(low, low, currency, "hour")
        return Pay(low, low + rng.choice((5, 10, 15)), currency, "hour")
    annual = BASE_USD[family] * LEVEL.get(seniority, 1.0) * factor * (1 + 0.035 * t * 2)
    low = round(annual * rng.uniform(0.82, 0.95) / 5000) * 5000
    high = round(low * rng.uniform(1.15, 1.35) / 5000) * 5000
    return Pay(low, high, currency, "year")


def _thousands(value: int, sep: str) -> str:
    return f"{value:,}".replace(",", sep)


def pay_text(pay: Pay, rng: Random) -> str:
    sym, cur = SYMBOL[pay.currency], pay.currency
    lo, hi = pay.min, pay.max
    if pay.period == "hour":
        if lo == hi:
            return rng.choice((f"{sym}{lo}/hr", f"{sym}{lo}/hour", f"{sym}{lo} per hour"))
        return rng.choice((f"{sym}{lo}-{sym}{hi} per hour", f"{sym}{lo}-{hi}/hr"))
    k_lo, k_hi = lo // 1000, hi // 1000
    forms = {
        "USD": (
            f"${k_lo}k-${k_hi}k",
            f"${lo:,} - ${hi:,}",
            f"USD {lo:,} - {hi:,}",
            f"${k_lo}K – ${k_hi}K",
        ),
        "CAD": (f"CA${lo:,} - CA${hi:,}", f"CAD {k_lo}k-{k_hi}k"),
        "GBP": (f"£{lo:,} - £{hi:,}", f"GBP {k_lo}k-{k_hi}k", f"£{k_lo}k–£{k_hi}k"),
        "EUR": (
            f"EUR {_thousands(lo, '.')} - {_thousands(hi, '.')}",
            f"€{k_lo}k–{k_hi}k",
            f"€{lo:,} – €{hi:,}",
        ),
    }
    return rng.choice(forms[cur])


def ashby_summary(pay: Pay) -> str:
    """Ashby's short form: "$150K – $200K" or "$45 – $55 / hr"."""
    sym = SYMBOL[pay.currency]
    if pay.period == "hour":
        return (
            f"{sym}{pay.min} – {sym}{pay.max} / hr"
            if pay.max != pay.min
            else f"{sym}{pay.min} / hr"
        )
    return f"{sym}{pay.min // 1000}K – {sym}{pay.max // 1000}K"


REMOTE_LABELS = {
    "US": (
        "Remote (US)",
        "Remote - US",
        "United States (Remote)",
        "Remote",
        "{place} or Remote (US)",
    ),
    "Canada": ("Remote (Canada)", "Remote - Canada"),
    "Europe": ("Remote - Europe", "Remote (EU)", "Remote, {country}"),
    "UK": ("Remote (UK)", "Remote - United Kingdom"),
    "India": ("Remote (India)",),
}
HYBRID_LABELS = ("{place} (Hybrid)", "Hybrid - {place}", "{place} - Hybrid")


def place(city: City, rng: Random) -> str:
    if rng.random() < 0.15:
        return city.name
    return f"{city.name}, {city.short_region}"


def location_label(city: City, remote: str | None, rng: Random) -> str:
    """What a board shows as the location: "Berlin, Germany", "Remote (US)", "Hybrid - Paris"."""
    here = place(city, rng)
    if remote == "remote":
        form = rng.choice(REMOTE_LABELS[city.area])
    elif remote == "hybrid":
        form = rng.choice(HYBRID_LABELS)
    else:
        form = "{place}"
    return form.format(place=here, country=city.country)
