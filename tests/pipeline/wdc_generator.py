"""A generated Web Data Commons JobPosting N-Quads file in the real format, for the bounded-memory
test (tests/pipeline/test_wdc_memory.py) and the benchmark (bench/wdc.py).

Deterministic for a seed. Each page is one graph (its URL) of blank-node subjects: a JobPosting
with title, an HTML description with N-Triples escapes, datePosted and validThrough with
datatypes, employmentType, a hiringOrganization, a jobLocation Place with a PostalAddress and a
baseSalary MonetaryAmount with a QuantitativeValue, plus a breadcrumb in another vocabulary. The
predicates vary as in WDC (http, https and Microdata's type-prefixed IRIs), blank-node labels
repeat across pages, about 1 page in 20 repeats an earlier page and about 1 line in 2,000 is cut
short.
"""

from __future__ import annotations

import gzip
import random
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SKILLS = (
    "Python", "PyTorch", "LangChain", "Kubernetes", "AWS", "Ray", "vLLM", "SQL", "Spark",
    "TensorFlow", "Docker", "scikit-learn", "Airflow", "Terraform", "Rust", "Go",
)  # fmt: skip
TITLES = (
    "LLM Engineer",
    "Machine Learning Engineer",
    "AI Infrastructure Engineer",
    "Data Scientist",
)
LEVELS = ("", "Senior ", "Staff ", "Junior ", "Lead ")
PLACES = (
    ("Berlin", "BE", "DE"), ("München", "BY", "Germany"), ("San Francisco", "CA", "US"),
    ("Toronto", "ON", "CA"), ("Paris", "IDF", "France"), ("London", "", "GB"),
)  # fmt: skip
UNITS = ("YEAR", "MONTH", "HOUR")
TYPES = ("FULL_TIME", "PART_TIME", "CONTRACTOR", "INTERN")


@dataclass(slots=True)
class Written:
    quads: int = 0
    pages: int = 0
    repeats: int = 0
    malformed: int = 0


def write_nquads(path: Path, quads: int, *, seed: int = 7) -> Written:
    """Write pages until at least `quads` quads are written (gzip when `path` ends in .gz)."""
    rng = random.Random(seed)
    written = Written()
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "wt", encoding="utf-8", newline="\n") as out:
        while written.quads < quads:
            number = written.pages
            if number > 20 and rng.random() < 0.05:
                number = rng.randrange(number)  # the same page crawled again
                written.repeats += 1
            _page(out, number, random.Random(seed * 1_000_003 + number), written)
            written.pages += 1
            if rng.random() < 0.02:
                out.write('_:b0 <http://schema.org/title> "cut short\n')
                written.malformed += 1
    return written


def _page(out: TextIO, number: int, rng: random.Random, written: Written) -> None:
    url = f"<https://jobs{number % 97}.example.com/careers/{number}/posting?ref=cc>"
    style = number % 3  # 0: http://schema.org/, 1: https://schema.org/, 2: Microdata
    base = "https://schema.org/" if style == 1 else "http://schema.org/"

    def prop(kind: str, name: str) -> str:
        return f"<{base}{kind}/{name}>" if style == 2 else f"<{base}{name}>"

    def emit(subject: str, predicate: str, obj: str) -> None:
        out.write(f"{subject} {predicate} {obj} {url} .\n")
        written.quads += 1

    node = [f"_:node{index}" for index in range(1, 8)]  # the same labels on every page
    title = f"{rng.choice(LEVELS)}{rng.choice(TITLES)} {number}"
    emit(node[0], RDF_TYPE, f"<{base}JobPosting>")
    emit(node[0], prop("JobPosting", "title"), _literal(title) + "@en")
    emit(node[0], prop("JobPosting", "description"), _literal(_description(rng)))
    day = f"2024-{1 + number % 12:02d}-{1 + number % 28:02d}"
    xsd = "<http://www.w3.org/2001/XMLSchema#date>"
    emit(node[0], prop("JobPosting", "datePosted"), f'"{day}"^^{xsd}')
    emit(node[0], prop("JobPosting", "validThrough"), f'"{day}T23:59:00Z"')
    emit(node[0], prop("JobPosting", "employmentType"), _literal(rng.choice(TYPES)))
    emit(node[0], prop("JobPosting", "hiringOrganization"), node[1])
    emit(node[1], RDF_TYPE, f"<{base}Organization>")
    emit(node[1], prop("Organization", "name"), _literal(f"Company {number % 311} \u201cAI\u201d"))
    emit(node[0], prop("JobPosting", "jobLocation"), node[2])
    emit(node[2], RDF_TYPE, f"<{base}Place>")
    emit(node[2], prop("Place", "address"), node[3])
    city, region, country = rng.choice(PLACES)
    emit(node[3], RDF_TYPE, f"<{base}PostalAddress>")
    emit(node[3], prop("PostalAddress", "addressLocality"), _literal(city))
    emit(node[3], prop("PostalAddress", "addressRegion"), _literal(region))
    emit(node[3], prop("PostalAddress", "addressCountry"), _literal(country))
    emit(node[0], prop("JobPosting", "baseSalary"), node[4])
    emit(node[4], RDF_TYPE, f"<{base}MonetaryAmount>")
    emit(node[4], prop("MonetaryAmount", "currency"), _literal("EUR"))
    emit(node[4], prop("MonetaryAmount", "value"), node[5])
    emit(node[5], RDF_TYPE, f"<{base}QuantitativeValue>")
    low = rng.randrange(40, 200) * 1000
    emit(node[5], prop("QuantitativeValue", "minValue"), f'"{low}"')
    emit(node[5], prop("QuantitativeValue", "maxValue"), f'"{low + 20000}"')
    emit(node[5], prop("QuantitativeValue", "unitText"), _literal(rng.choice(UNITS)))
    emit(node[6], RDF_TYPE, f"<{base}BreadcrumbList>")
    emit(node[6], "<http://ogp.me/ns#title>", _literal(f"Careers {number}"))


def _description(rng: random.Random) -> str:
    skills = rng.sample(SKILLS, 6)
    items = "".join(f"<li>{skill} in production</li>\n" for skill in skills)
    filler = " ".join(
        rng.choice(("We", "build", "models", "for", "caf\u00e9", "teams")) for _ in range(120)
    )
    return f'<h2>About "us"</h2>\n<p>{filler}</p>\n<h2>Requirements</h2>\n<ul>\n{items}</ul>\t'


def _literal(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    escaped = escaped.replace("\t", "\\t")
    return '"' + "".join(c if ord(c) < 128 else f"\\u{ord(c):04X}" for c in escaped) + '"'
