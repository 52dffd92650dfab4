"""A small synthetic `ReportData` made with a seeded RNG, shaped like the lead's frames.

It has duplicates, undated-source postings, salaries in two currencies, failed runs, attribution,
a skill whose share rises over time and one whose share falls, and hostile strings: a posting
whose title, company, URL and context try to inject HTML, and a skill name that tries to close
the script element holding the figure JSON.
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pandas as pd

from jobtrends.pipeline.vocab import REMOTES, ROLES, SECTIONS, SENIORITIES
from jobtrends.reports.data import ReportData

MONTHS = [f"2024-{m:02d}" for m in range(1, 13)] + ["2025-01", "2025-02"]
SOURCES = ("greenhouse", "lever", "hn")
XSS_TITLE = "<script>alert('title')</script> Senior ML Engineer"
XSS_COMPANY = '<img src=x onerror="alert(1)">'
XSS_URL = "javascript:alert(2)"
XSS_CONTEXT = "Use </script><script>alert(3)</script> python daily"
XSS_SKILL_NAME = "</script><img src=x onerror=alert(4)>"
GENERATED_AT = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
# Candidate terms (in no taxonomy): one that rises from nothing, one that stays, one hostile.
RISING_TERM, STEADY_TERM = "Zorblet", "FlumeKit"
XSS_TERM = "<b onmouseover=alert(5)>Bad</b>"
XSS_TERM_CONTEXT = f"Experience with {XSS_TERM} and <script>alert(6)</script> pipelines"

# skill_id: (name, category, base probability)
SKILLS = {
    "python": ("Python", "language", 0.7),
    "pytorch": ("PyTorch", "framework", 0.4),
    "tensorflow": ("TensorFlow", "framework", 0.3),
    "rag": ("RAG", "technique", 0.2),
    "langchain": ("LangChain", "framework", 0.15),
    "aws": ("AWS", "cloud", 0.35),
    "kubernetes": ("Kubernetes", "platform", 0.25),
    "sql": ("SQL", "language", 0.3),
    "spark": ("Apache Spark", "platform", 0.12),
    "evil": (XSS_SKILL_NAME, "technique", 0.12),
}
CATEGORIES = {
    "language": "Programming languages",
    "framework": "Frameworks & libraries",
    "technique": "Techniques",
    "cloud": "Cloud",
    "platform": "Platforms",
}


def _skill_probability(skill_id: str, base: float, month_index: int) -> float:
    progress = month_index / (len(MONTHS) - 1)
    if skill_id == "rag":
        return 0.05 + 0.6 * progress
    if skill_id == "tensorflow":
        return 0.55 - 0.45 * progress
    return base


def make_postings(rng: np.random.Generator, count: int) -> pd.DataFrame:
    rows = []
    for i in range(count):
        month_index = int(rng.integers(0, len(MONTHS)))
        month = MONTHS[month_index]
        day = int(rng.integers(1, 28))
        posted = pd.Timestamp(f"{month}-{day:02d}T09:00:00Z")
        source = SOURCES[int(rng.integers(0, len(SOURCES)))]
        seniority = SENIORITIES[int(rng.integers(0, len(SENIORITIES)))]
        has_salary = rng.random() < 0.6
        currency = "USD" if rng.random() < 0.8 else "EUR"
        low = float(rng.integers(80, 200)) * 1000
        duplicate_of = i - 1 if i > 0 and rng.random() < 0.08 else None
        rows.append(
            {
                "posting_id": i + 1,
                "source": source,
                "board": f"{source}-board-{i % 4}",
                "company": f"Company {i % 37}",
                "title": f"Engineer {i}",
                "location": "Remote",
                "url": f"https://jobs.example.org/{source}/{i + 1}",
                "posted_at": posted if source != "hn" else pd.NaT,
                "month": month,
                "first_seen": posted,
                "last_seen": posted + pd.Timedelta(days=20),
                "closed_at": posted + pd.Timedelta(days=30) if rng.random() < 0.3 else pd.NaT,
                "role": ROLES[
                    int(rng.choice(len(ROLES), p=[0.22, 0.22, 0.15, 0.1, 0.12, 0.09, 0.1]))
                ],
                "role_confidence": float(rng.random()),
                "seniority": seniority,
                "remote": REMOTES[int(rng.integers(0, len(REMOTES)))],
                "salary_min": low if has_salary else np.nan,
                "salary_max": low + 30000 if has_salary else np.nan,
                "salary_currency": currency if has_salary else None,
                "salary_period": "year" if has_salary else None,
                "salary_annual_min": low if has_salary else np.nan,
                "salary_annual_max": low + 30000 if has_salary else np.nan,
                "language": "en",
                "dup_group": (duplicate_of + 1) if duplicate_of is not None else i + 1,
                "attribution": "Hacker News: Ask HN: Who is hiring?" if source == "hn" else None,
                "_month_index": month_index,
            }
        )
    frame = pd.DataFrame(rows)
    # A duplicate keeps its own month; its group's first posting decides where it counts.
    for column in ("posted_at", "first_seen", "last_seen", "closed_at"):
        frame[column] = pd.to_datetime(frame[column], utc=True)
    return frame


def make_mentions(rng: np.random.Generator, postings: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for posting_id, month_index in zip(
        postings["posting_id"], postings["_month_index"], strict=True
    ):
        for skill_id, (name, category, base) in SKILLS.items():
            if rng.random() >= _skill_probability(skill_id, base, int(month_index)):
                continue
            section = (
                "requirements"
                if rng.random() < 0.6
                else SECTIONS[int(rng.integers(0, len(SECTIONS)))]
            )
            text = name.lower() if rng.random() < 0.5 else name
            context = f"Experience with {text} in production systems"
            rows.append(
                {
                    "posting_id": int(posting_id),
                    "skill_id": skill_id,
                    "skill_name": name,
                    "category": category,
                    "section": section,
                    "negated": bool(rng.random() < 0.05),
                    "nice_to_have": bool(section == "nice_to_have" or rng.random() < 0.1),
                    "text": text,
                    "start": 100,
                    "end": 100 + len(text),
                    "context": context,
                }
            )
    return pd.DataFrame(rows)


def make_candidates(rng: np.random.Generator, postings: pd.DataFrame) -> pd.DataFrame:
    """Term candidates: RISING_TERM absent in the first half and in ~40% of the last months'
    postings, STEADY_TERM in ~15% throughout, and the hostile term in a few postings."""
    rows = []
    for posting_id, month_index in zip(
        postings["posting_id"], postings["_month_index"], strict=True
    ):
        progress = int(month_index) / (len(MONTHS) - 1)
        chances = {
            RISING_TERM: max(0.0, progress - 0.5) * 0.8,
            STEADY_TERM: 0.15,
            XSS_TERM: 0.03,
        }
        for term, chance in chances.items():
            if rng.random() >= chance:
                continue
            context = XSS_TERM_CONTEXT if term == XSS_TERM else f"Experience with {term} at scale"
            rows.append(
                {
                    "posting_id": int(posting_id),
                    "term_key": " ".join(term.lower().split()),
                    "term": term,
                    "section": "requirements",
                    "start": 16,
                    "end": 16 + len(term),
                    "score": 0.8,
                    "context": context,
                }
            )
    return pd.DataFrame(rows)


def make_runs(rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for run_id in range(1, 13):
        started = pd.Timestamp("2025-01-01T06:00:00Z") + pd.Timedelta(days=5 * run_id)
        for source in SOURCES:
            failed = source == "lever" and run_id % 5 == 0
            rows.append(
                {
                    "run_id": run_id,
                    "started_at": started,
                    "finished_at": started + pd.Timedelta(minutes=3),
                    "source": source,
                    "target": f"{source}:main",
                    "requests": int(rng.integers(1, 30)),
                    "bytes": int(rng.integers(1000, 90000)),
                    "new": 0 if failed else int(rng.integers(0, 12)),
                    "updated": int(rng.integers(0, 4)),
                    "closed": int(rng.integers(0, 3)),
                    "unchanged": int(rng.integers(0, 40)),
                    "status": "failed" if failed else "ok",
                    "error": "HTTP 503 <html>Service Unavailable</html>" if failed else None,
                }
            )
    return pd.DataFrame(rows)


def make_report_data(seed: int = 7, count: int = 480) -> ReportData:
    rng = np.random.default_rng(seed)
    postings = make_postings(rng, count)
    mentions = make_mentions(rng, postings)
    candidates = make_candidates(np.random.default_rng(seed + 1), postings)
    postings = postings.drop(columns="_month_index")
    # The hostile posting: the newest, an AI role, asks for Python in its requirements.
    hostile = postings.index[-1]
    hostile_values: dict[str, str | int] = {
        "title": XSS_TITLE,
        "company": XSS_COMPANY,
        "url": XSS_URL,
        "month": MONTHS[-1],
        "source": "greenhouse",
        "role": "ml_engineer",
        "dup_group": int(postings.loc[hostile, "posting_id"]),
    }
    for column, value in hostile_values.items():
        postings.loc[hostile, column] = value
    postings.loc[hostile, "posted_at"] = pd.Timestamp(f"{MONTHS[-1]}-28T23:00:00Z")
    hostile_id = int(postings.loc[hostile, "posting_id"])
    mentions = mentions[mentions["posting_id"] != hostile_id]
    extra = {
        "posting_id": hostile_id,
        "skill_id": "python",
        "skill_name": "Python",
        "category": "language",
        "section": "requirements",
        "negated": False,
        "nice_to_have": False,
        "text": "python",
        "start": 10,
        "end": 16,
        "context": XSS_CONTEXT,
    }
    mentions = pd.concat([mentions, pd.DataFrame([extra])], ignore_index=True)
    return ReportData.from_mentions(
        postings,
        mentions,
        make_runs(rng),
        dict(CATEGORIES),
        GENERATED_AT,
        candidates=candidates,
    )
