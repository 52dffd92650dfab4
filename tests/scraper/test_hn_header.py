"""The HN first-line grammar (scraper/sources/hn/header.py) on header variants written for
jobtrends in the shapes real "Who is hiring?" threads use: every separator, asides in brackets and
parentheses, salaries and URLs in any position, headers without a role word, and prose."""

# ruff: noqa: E501 (one header per line reads better than a wrapped one)

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobtrends.scraper.records import StructuredSalary
from jobtrends.scraper.sources.hn.header import MAX_TITLE, PostHeader, parse_header
from jobtrends.scraper.text import html_to_text


def pay(low: float | None, high: float | None, currency: str, period: str = "year") -> object:
    return StructuredSalary(low, high, currency, period)  # type: ignore[arg-type]


N = None
# (line, company, title, location, remote, salary)
VARIANTS: list[tuple[str, str, str, str, str | None, object]] = [
    # --- pipes, the conventional order -------------------------------------------------------
    ("Acme Robotics | Senior ML Engineer | Boston, MA | ONSITE | Full-time | $180k-$220k | https://acme.example",
     "Acme Robotics", "Senior ML Engineer", "Boston, MA", "onsite", pay(180000, 220000, "USD")),
    ("Peppermill | Remote (EU) | Data Scientist | Full-time | €70k",
     "Peppermill", "Data Scientist", "Remote (EU)", "remote", pay(70000, N, "EUR")),
    ("Kiln.dev | Backend Engineer | Frontend Developer | NYC | HYBRID",
     "Kiln.dev", "Backend Engineer, Frontend Developer", "NYC", "hybrid", N),
    ("Birchbox Health | SWE, MLE | REMOTE | VISA",
     "Birchbox Health", "SWE, MLE", "", "remote", N),
    ("Loom & Lathe | Embedded Engineer | Munich | ONSITE, no remote",
     "Loom & Lathe", "Embedded Engineer", "Munich", "onsite", N),
    ("Sprocket | Full Stack | Remote, but no remote outside the US | quill.example/jobs",
     "Sprocket", "Full Stack", "Remote, but no remote outside the US", "remote", N),
    ("Tallowbyte | Founding Engineer | San Francisco | $160k - $210k + 1% equity",
     "Tallowbyte", "Founding Engineer", "San Francisco", N, pay(160000, 210000, "USD")),
    ("Quarry Lane AI | Applied AI Engineer | Full-time | Remote, US time zones | $150 - 190K USD + equity | https://quarrylane.example/careers",
     "Quarry Lane AI", "Applied AI Engineer", "Remote, US time zones", "remote", pay(150000, 190000, "USD")),
    ("Fernhill Climate | Senior/Lead Platform Engineer, Data Engineer | Berlin, Germany | HYBRID | GERMAN NICE TO HAVE",
     "Fernhill Climate", "Senior/Lead Platform Engineer, Data Engineer", "Berlin, Germany", "hybrid", N),
    ("Open Atlas / Mapwise | Frontend Engineer | Utrecht, The Netherlands | Hybrid",
     "Open Atlas / Mapwise", "Frontend Engineer", "Utrecht, The Netherlands", "hybrid", N),
    ("Ironbark Data | Staff Software Engineer | London, UK | £95,000 - £120,000 | Full-time",
     "Ironbark Data", "Staff Software Engineer", "London, UK", N, pay(95000, 120000, "GBP")),
    ("Marigold Learning | ML Engineer | Toronto | CA$140k–170k | REMOTE (Canada)",
     "Marigold Learning", "ML Engineer", "Toronto; REMOTE (Canada)", "remote", pay(140000, 170000, "CAD")),
    ("Driftwood Security | Security Engineer | Remote | $90/hr | Contract",
     "Driftwood Security", "Security Engineer", "", "remote", pay(90, N, "USD", "hour")),
    ("Wrenfield Bio | Computational Biologist | Boston or remote | up to $200k",
     "Wrenfield Bio", "Computational Biologist", "Boston or remote", "remote", pay(N, 200000, "USD")),
    ("Cobalt Meadow | Senior Engineer | Denver, CO | $200k+ | cobaltmeadow.example",
     "Cobalt Meadow", "Senior Engineer", "Denver, CO", N, pay(200000, N, "USD")),
    ("Glasswing Labs | Support Engineer | Remote (US/Canada) | 120-150k EUR",
     "Glasswing Labs", "Support Engineer", "Remote (US/Canada)", "remote", pay(120000, 150000, "EUR")),
    ("Halcyon | Engineering Manager | Paris | €60.000 - €75.000",
     "Halcyon", "Engineering Manager", "Paris", N, pay(60000, 75000, "EUR")),
    ("Umberfield | Data Engineer | Amsterdam | 5,500 - 7,000 EUR per month",
     "Umberfield", "Data Engineer", "Amsterdam", N, pay(5500, 7000, "EUR", "month")),
    ("Vellum Works|Senior Rust Developer|Seattle|ONSITE",
     "Vellum Works", "Senior Rust Developer", "Seattle", "onsite", N),
    ("Yarrow Robotics | Robotics Engineer | Bangalore, India | In-office | ₹30L",
     "Yarrow Robotics", "Robotics Engineer", "Bangalore, India", "onsite", N),
    # --- other separators ----------------------------------------------------------------------
    ("Acme (Remote US) — Senior ML Engineer — $180k – $220k — acme.example/jobs",
     "Acme", "Senior ML Engineer", "Remote US", "remote", pay(180000, 220000, "USD")),
    ("Northwind Labs — LLM Engineer — New York, NY — Hybrid",
     "Northwind Labs", "LLM Engineer", "New York, NY", "hybrid", N),
    ("Paperkite—Backend Engineer—London—REMOTE OK",
     "Paperkite", "Backend Engineer", "London", "remote", N),
    ("Lanternfish AI – Applied Scientist – San Francisco – $190k – $240k",
     "Lanternfish AI", "Applied Scientist", "San Francisco", N, pay(190000, 240000, "USD")),
    ("Orchard Labs - Research Scientist (LLMs) - London, UK - REMOTE OK",
     "Orchard Labs", "Research Scientist (LLMs)", "London, UK", "remote", N),
    ("Thistledown Media - Data Analyst - Berlin - €55k - €70k",
     "Thistledown Media", "Data Analyst", "Berlin", N, pay(55000, 70000, "EUR")),
    ("Nimbus Reach · Platform Engineer · Remote (Europe) · Full-time",
     "Nimbus Reach", "Platform Engineer", "Remote (Europe)", "remote", N),
    ("Saltmarsh Systems · iOS Developer · Amsterdam · Onsite",
     "Saltmarsh Systems", "iOS Developer", "Amsterdam", "onsite", N),
    ("Tallow / Founding Engineer / San Francisco",
     "Tallow", "Founding Engineer", "San Francisco", N, N),
    ("Bramblecone Health / Senior Data Scientist / Remote (US) / $170k-$200k",
     "Bramblecone Health", "Senior Data Scientist", "Remote (US)", "remote", pay(170000, 200000, "USD")),
    ("Copperleaf Analytics | ML Ops Engineer — Chicago | Hybrid",
     "Copperleaf Analytics", "ML Ops Engineer", "Chicago", "hybrid", N),
    # --- asides in parentheses and brackets ------------------------------------------------------
    ("Acme (Remote US) | Senior ML Engineer | $180k",
     "Acme", "Senior ML Engineer", "Remote US", "remote", pay(180000, N, "USD")),
    ("Kestrel Freight (YC W21) | Backend Engineer | Chicago, IL | ONSITE",
     "Kestrel Freight (YC W21)", "Backend Engineer", "Chicago, IL", "onsite", N),
    ("Foxglove Legal (London) | Legal Engineer | Hybrid",
     "Foxglove Legal", "Legal Engineer", "London", "hybrid", N),
    ("Larkspur Insurance [Full-time] | Actuarial Data Scientist | Boston, MA",
     "Larkspur Insurance", "Actuarial Data Scientist", "Boston, MA", N, N),
    ("Tidewater Robotics | Controls Engineer [Full-time] | Austin, TX | Onsite",
     "Tidewater Robotics", "Controls Engineer", "Austin, TX", "onsite", N),
    ("Glasswing Labs | Senior Engineer (Remote) | Toronto",
     "Glasswing Labs", "Senior Engineer", "Toronto", "remote", N),
    ("Fernhill Climate | Climate Data Engineer (Hybrid, Berlin) | €80k–€95k",
     "Fernhill Climate", "Climate Data Engineer", "Hybrid, Berlin", "hybrid", pay(80000, 95000, "EUR")),
    ("Quillfeather AI | Support Engineer ($120k - $140k) | Remote",
     "Quillfeather AI", "Support Engineer", "", "remote", pay(120000, 140000, "USD")),
    ("Orchard Stack | Staff Engineer | San Francisco [Onsite] | [Contract]",
     "Orchard Stack", "Staff Engineer", "San Francisco", "onsite", N),
    ("Paperkite (Remote, EU) | Product Designer | €65k",
     "Paperkite", "Product Designer", "Remote, EU", "remote", pay(65000, N, "EUR")),
    ("Nimbus Reach (Paris, France) | Travel Data Scientist | Full-time",
     "Nimbus Reach", "Travel Data Scientist", "Paris, France", N, N),
    ("Ironbark Data (Series B) | Quant Developer | NYC | $250k-$300k",
     "Ironbark Data (Series B)", "Quant Developer", "NYC", N, pay(250000, 300000, "USD")),
    # --- headers without a role word -------------------------------------------------------------
    ("Sprocket | Fullstack | Remote | $140k",
     "Sprocket", "Fullstack", "", "remote", pay(140000, N, "USD")),
    ("Lumen Labs | Rustaceans wanted | Berlin | lumen.example",
     "Lumen Labs", "Rustaceans wanted", "Berlin", N, N),
    ("Wharfside | Compilers | Remote (US) | $190k-$230k | https://wharfside.example/jobs",
     "Wharfside", "Compilers", "Remote (US)", "remote", pay(190000, 230000, "USD")),
    ("Brightwater | Python + Postgres wizards | Onsite in Austin, TX | $150k",
     "Brightwater", "Python + Postgres wizards", "Onsite in Austin, TX", "onsite", pay(150000, N, "USD")),
    ("Hollowtree | $120k-$160k | Remote | hollowtree.example",
     "Hollowtree", "", "", "remote", pay(120000, 160000, "USD")),
    ("Moss & Fern | Seattle, WA | Hybrid | https://mossfern.example",
     "Moss & Fern", "", "Seattle, WA", "hybrid", N),
    # --- URLs, employment and salary anywhere ----------------------------------------------------
    ("https://ledgerline.example | Ledgerline | Backend Engineer | Remote",
     "Ledgerline", "Backend Engineer", "", "remote", N),
    ("Ashgrove | Senior Backend Engineer | Part-time | Remote | €50/hour",
     "Ashgrove", "Senior Backend Engineer", "", "remote", pay(50, N, "EUR", "hour")),
    ("Beacon Point | ML Engineer, Data Scientist | NYC or SF | Full-time | Visa sponsorship | $175k–$225k | beaconpoint.example/careers",
     "Beacon Point", "ML Engineer, Data Scientist", "NYC or SF", N, pay(175000, 225000, "USD")),
    ("Cinderwick | Interns | Boston | Summer 2027 | $45/hr",
     "Cinderwick", "Interns", "Boston", N, pay(45, N, "USD", "hour")),
    ("Duneglass | AI Engineer | Remote-first (UTC±3) | Competitive salary + equity",
     "Duneglass", "AI Engineer", "Remote-first (UTC±3)", "remote", N),
    ("Elmstead | Senior SRE | Dublin, Ireland | ONSITE | €110k - €130k | Apply: https://elmstead.example/jobs",
     "Elmstead", "Senior SRE", "Dublin, Ireland", "onsite", pay(110000, 130000, "EUR")),
    ("Fallowfield | Developer Advocate | Remote (worldwide) | $140k-$170k USD",
     "Fallowfield", "Developer Advocate", "", "remote", pay(140000, 170000, "USD")),
    ("Gorsebrook | Head of Engineering | London | £150k + equity | Full time",
     "Gorsebrook", "Head of Engineering", "London", N, pay(150000, N, "GBP")),
    ("Heathmoor | Multiple roles | Remote (US) | https://heathmoor.example/careers",
     "Heathmoor", "Multiple roles", "Remote (US)", "remote", N),
    ("Inglenook | Product Manager, AI | NYC | In person | $200k",
     "Inglenook", "Product Manager, AI", "NYC", "onsite", pay(200000, N, "USD")),
    ("Juniper Row | Senior Frontend Engineer | Stockholm | Hybrid | 70 000 SEK per month",
     "Juniper Row", "Senior Frontend Engineer", "Stockholm", "hybrid", pay(70000, N, "SEK", "month")),
    ("Kelpie Systems | Go Developer | Munich | 70-90k€ | Hybrid",
     "Kelpie Systems", "Go Developer", "Munich", "hybrid", pay(70000, 90000, "EUR")),
    ("Larchmont (larchmont.example) | Backend Engineer | Vienna | 55.000 € - 70.000 €",
     "Larchmont", "Backend Engineer", "Vienna", N, pay(55000, 70000, "EUR")),
    # --- prose posts ---------------------------------------------------------------------------
    ("Northwind Labs is hiring senior Rust engineers in Berlin (remote ok, €90k-€120k). Apply at https://x.example",
     "Northwind Labs", "senior Rust engineers", "Berlin", "remote", pay(90000, 120000, "EUR")),
    ("Kestrel Freight (YC W21) is looking for a backend engineer to join our team in Chicago.",
     "Kestrel Freight", "backend engineer", "Chicago", N, N),
    ("We are hiring engineers who like compilers, remote is fine",
     "", "engineers", "", "remote", N),
    ("Hiring: ML engineers for our fraud team, onsite in London, £90k",
     "", "Hiring: ML engineers for our fraud team, onsite in London, £90k", "", "onsite", pay(90000, N, "GBP")),
    ("Looking for a data engineer who loves Postgres",
     "", "Looking for a data engineer who loves Postgres", "", N, N),
]  # fmt: skip


@pytest.mark.parametrize(
    ("line", "company", "title", "location", "remote", "salary"),
    VARIANTS,
    ids=[f"v{n:02d}" for n in range(len(VARIANTS))],
)
def test_header_variants(
    line: str, company: str, title: str, location: str, remote: str | None, salary: object
) -> None:
    header = parse_header(line)
    got = (header.company, header.title, header.location, header.remote, header.salary)
    assert got == (company, title, location, remote, salary)


def test_there_are_at_least_sixty_variants() -> None:
    assert len(VARIANTS) >= 60


def test_employment_and_url_are_kept_apart_from_title_and_location() -> None:
    header = parse_header("Acme [Full-time] | Senior Engineer | Remote | https://acme.example/jobs")
    assert header.employment == "Full-time" and header.url == "https://acme.example/jobs"
    assert "Full-time" not in header.title + header.location
    header = parse_header("Acme | Engineer | Contract | Berlin | VISA")
    assert header.employment == "Contract, VISA" and header.location == "Berlin"


def test_a_salary_range_split_by_the_separator_is_one_salary() -> None:
    header = parse_header("Acme – Engineer – $150k – $200k")
    assert header.salary == pay(150000, 200000, "USD") and header.title == "Engineer"


def test_no_separator_and_no_hiring_phrase_means_the_line_is_the_title() -> None:
    header = parse_header("We build compilers for robots, come talk to us")
    assert header == PostHeader("", "We build compilers for robots, come talk to us", "", None)


def test_long_titles_are_shortened_on_a_word_boundary() -> None:
    header = parse_header("word " * 100)
    assert len(header.title) <= MAX_TITLE + 1 and header.title.endswith("word…")


def test_empty_line() -> None:
    assert parse_header("   ") == PostHeader("", "", "", None)


def test_real_recorded_first_lines(shared_fixtures: Path) -> None:
    raw = json.loads(
        (shared_fixtures / "hn/algolia_items_whoishiring_2026-09_trimmed.json").read_text()
    )
    headers = [parse_header(html_to_text(c["text"]).split("\n", 1)[0]) for c in raw["children"]]
    assert [(h.company, h.title, h.location, h.remote) for h in headers] == [
        ("Modash.io", "Senior Product Engineer", "Remote (Europe)", "remote"),
        ("Quill", "Fullstack SWE", "Remote, PT/ET hours preferred", "remote"),
        (
            "Open Education Applications / Neon",
            "Senior/Lead Platform & DevOps Engineer, Senior Frontend Engineer, "
            "Senior Full-Stack Engineer",
            "Utrecht, The Netherlands",
            "hybrid",
        ),
    ]
    assert [h.salary for h in headers] == [
        pay(75000, 110000, "EUR"), pay(150000, 210000, "USD"), None,
    ]  # fmt: skip
    assert [h.employment for h in headers] == ["Full-time", "Full-time", ""]
    assert [h.url for h in headers] == ["https://modash.io", "https://quill.co/", ""]
