"""Small builders for store and frame tests."""

from __future__ import annotations

from datetime import UTC, datetime

from jobtrends.pipeline.results import Extraction, Salary, SkillMention
from jobtrends.scraper.records import Listing, RawPosting, Validators

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def posting(
    external_id: str, *, board: str = "acme", text: str = "Python and PyTorch.", **extra: object
) -> RawPosting:
    fields: dict[str, object] = {
        "source": "greenhouse",
        "external_id": external_id,
        "board": board,
        "company": "Acme AI",
        "title": f"ML Engineer {external_id}",
        "location": "Berlin",
        "url": f"https://example.test/{external_id}",
        "posted_at": datetime(2026, 2, 10, tzinfo=UTC),
        "description_html": f"<p>{text}</p>",
        "description_text": text,
    }
    fields.update(extra)
    return RawPosting(**fields)  # type: ignore[arg-type]


def listing(
    *postings: RawPosting, complete: bool = True, validators: dict[str, Validators] | None = None
) -> Listing:
    return Listing(
        postings=list(postings),
        complete=complete,
        requests=1,
        bytes=100,
        validators=validators or {},
    )


def mention(
    text: str,
    word: str,
    section: str,
    skill_id: str,
    *,
    negated: bool = False,
    nice_to_have: bool | None = None,
) -> SkillMention:
    """The mention of `word` at its first place in `text` (a plus when in nice_to_have)."""
    start = text.index(word)
    return SkillMention(
        skill_id=skill_id,
        name=word,
        category="ml_frameworks",
        text=word,
        start=start,
        end=start + len(word),
        section=section,
        negated=negated,
        nice_to_have=section == "nice_to_have" if nice_to_have is None else nice_to_have,
    )


def extraction(
    key: str, text: str, skills: list[tuple[str, str, str]], *, role: str = "ml_engineer"
) -> Extraction:
    mentions = [mention(text, word, section, skill_id) for skill_id, word, section in skills]
    return Extraction(
        key=key,
        role=role,
        role_confidence=0.9,
        seniority="senior",
        remote="remote",
        salary=Salary(150000, 200000, "USD", "year", 150000, 200000),
        language="en",
        skills=tuple(mentions),
    )
