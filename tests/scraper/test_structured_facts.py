"""Every source keeps the structured facts its payload states: country, region, city, remote,
seniority, employment type and secondary locations. Payloads are written for the project in each
source's real wire format; the real recorded responses are checked too when present."""

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from jobtrends.scraper.facts import (
    country_code,
    employment_type,
    names_remote,
    seniority_level,
    unique_places,
)
from jobtrends.scraper.sources.ashby import parse_ashby
from jobtrends.scraper.sources.greenhouse import parse_greenhouse
from jobtrends.scraper.sources.himalayas import parse_himalayas
from jobtrends.scraper.sources.jsonld.parse import parse_jsonld_page
from jobtrends.scraper.sources.lever import parse_lever
from jobtrends.scraper.sources.remotive import parse_remotive
from jobtrends.scraper.sources.smartrecruiters import parse_posting
from jobtrends.scraper.sources.workable import parse_workable

NOW = datetime(2026, 3, 1, tzinfo=UTC)


def _load(root: Path, name: str) -> Any:
    return json.loads((root / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("given", "code"),
    [("us", "US"), ("DE", "DE"), ("UK", "GB"), ("United States", "US"), ("Peru", "PE"),
     ("United States of America", "US"), ("Worldwide", None), ("", None), (None, None)],
)  # fmt: skip
def test_country_codes(given: str | None, code: str | None) -> None:
    assert country_code(given) == code


@pytest.mark.parametrize(
    ("given", "level"),
    [("Entry-level", "junior"), ("entry_level", "junior"), ("Mid-level", "mid"),
     ("Senior", "senior"), ("internship", "intern"), ("director", "lead_manager"),
     ("Staff", "staff_plus"), ("mid_senior_level", None), ("not_applicable", None),
     (["Senior", "Senior"], "senior"), (["Mid-level", "Senior"], None), ([], None),
     ("Wizard", None)],
)  # fmt: skip
def test_seniority_levels(given: str | list[str], level: str | None) -> None:
    assert seniority_level(given) == level


@pytest.mark.parametrize(
    ("given", "kind"),
    [("Full-time", "full_time"), ("FullTime", "full_time"), ("full_time", "full_time"),
     ("permanent", "full_time"), ("Part Time", "part_time"), ("Contractor", "contract"),
     ("freelance", "contract"), ("Intern", "internship"), ("Temporary", "temporary"),
     ("other", None), (None, None)],
)  # fmt: skip
def test_employment_types(given: str | None, kind: str | None) -> None:
    assert employment_type(given) == kind


@pytest.mark.parametrize(
    ("place", "remote"),
    [("Remote (United States)", True), ("Remote, Italy", True), ("Canada - Remote", True),
     ("Berlin (Remote)", True), ("Remote", True), ("Remoteville", False), ("Berlin", False),
     ("", False)],
)  # fmt: skip
def test_places_named_remote(place: str, remote: bool) -> None:
    assert names_remote(place) is remote


def test_unique_places_drop_the_main_location_blanks_and_repeats() -> None:
    places = ["Berlin", " ", None, "Munich", "munich", "Paris"]
    assert unique_places(places, leave_out="berlin") == ("Munich", "Paris")


def test_greenhouse_remote_office_and_single_country() -> None:
    job = {
        "id": 11, "title": "ML Engineer", "location": {"name": "Toronto"},
        "absolute_url": "https://job-boards.greenhouse.io/acme/jobs/11", "content": "",
        "offices": [{"id": 1, "name": "Remote (Canada)", "location": None},
                    {"id": 2, "name": "Canada", "location": "Canada"}],
    }  # fmt: skip
    offices = [{"id": 3, "name": "Germany", "location": None}, {"id": 4, "name": "France"}]
    onsite = {**job, "id": 12, "offices": offices}
    first, second = parse_greenhouse({"jobs": [job, onsite], "meta": {"total": 2}}, board="acme")
    assert (first.remote, first.country) == ("remote", "CA")
    assert (second.remote, second.country) == (None, None)  # two countries: none stated


def test_lever_country_commitment_and_other_locations() -> None:
    posting = {
        "id": "abc", "text": "LLM Engineer", "hostedUrl": "https://jobs.lever.co/acme/abc",
        "createdAt": 1767225600000, "description": "<p>Build agents.</p>", "lists": [],
        "additional": "", "country": "DE", "workplaceType": "remote",
        "categories": {"commitment": "Full-time", "location": "Berlin", "team": "AI",
                       "allLocations": ["Berlin", "Munich", "Hamburg"]},
    }  # fmt: skip
    (parsed,) = parse_lever([posting], board="acme")
    assert (parsed.country, parsed.remote, parsed.employment_type) == ("DE", "remote", "full_time")
    assert parsed.secondary_locations == ("Munich", "Hamburg")


def test_ashby_address_type_and_a_remote_secondary_location() -> None:
    job = {
        "id": "j1", "title": "AI Engineer", "location": "New York", "isListed": True,
        "isRemote": False, "workplaceType": "OnSite", "employmentType": "Contract",
        "secondaryLocations": [
            {"location": "Remote - US", "address": {"postalAddress": {"addressCountry": "USA"}}},
            {"location": "New York"},
        ],
        "address": {"postalAddress": {"addressLocality": "New York", "addressRegion": "NY",
                                      "addressCountry": "United States"}},
        "jobUrl": "https://jobs.ashbyhq.com/acme/j1", "descriptionHtml": "<p>RAG.</p>",
        "publishedAt": "2026-01-05T10:00:00.000+00:00",
    }  # fmt: skip
    plain = {**job, "id": "j2", "secondaryLocations": [], "workplaceType": "Hybrid"}
    first, second = parse_ashby({"jobs": [job, plain], "apiVersion": "1"}, board="acme")
    assert (first.country, first.region, first.city) == ("US", "NY", "New York")
    assert first.employment_type == "contract"
    assert first.secondary_locations == ("Remote - US",)
    assert first.remote == "remote"  # the secondary location holds the only remote place
    assert (second.remote, second.secondary_locations) == ("hybrid", ())


def test_smartrecruiters_location_type_and_level() -> None:
    ad = {
        "id": "744", "name": "Senior Data Scientist", "releasedDate": "2026-02-01T09:00:00.000Z",
        "company": {"identifier": "Acme1", "name": "Acme"},
        "location": {"city": "Lyon", "region": "ARA", "country": "fr", "remote": False,
                     "hybrid": True, "fullLocation": "Lyon, ARA, France"},
        "typeOfEmployment": {"id": "permanent", "label": "Full-time"},
        "experienceLevel": {"id": "entry_level", "label": "Entry Level"},
        "jobAd": {"sections": {}},
    }  # fmt: skip
    parsed = parse_posting(ad, board="Acme1")
    assert parsed is not None
    assert (parsed.country, parsed.region, parsed.city) == ("FR", "ARA", "Lyon")
    assert (parsed.remote, parsed.employment_type, parsed.seniority) == (
        "hybrid",
        "full_time",
        "junior",
    )


def test_himalayas_seniority_type_and_single_country() -> None:
    job = {
        "title": "ML Engineer", "companyName": "Acme", "employmentType": "Part Time",
        "seniority": ["Senior"], "locationRestrictions": ["Germany"], "description": "<p>x</p>",
        "pubDate": 1767225600, "applicationLink": "https://himalayas.app/companies/acme/jobs/ml",
        "guid": "https://himalayas.app/companies/acme/jobs/ml",
    }  # fmt: skip
    two = {**job, "guid": "g2", "seniority": ["Mid-level", "Senior"],
           "locationRestrictions": ["Germany", "France"]}  # fmt: skip
    page = parse_himalayas({"jobs": [job, two], "totalCount": 2, "offset": 0, "limit": 20})
    first, second = page.postings
    assert (first.country, first.seniority, first.employment_type) == ("DE", "senior", "part_time")
    assert (second.country, second.seniority) == (None, None)


def test_remotive_job_type_and_single_country() -> None:
    job = {
        "id": 7, "url": "https://remotive.com/remote-jobs/software-dev/ml-7", "title": "ML Eng",
        "company_name": "Acme", "job_type": "freelance", "publication_date": "2026-02-03T10:00:00",
        "candidate_required_location": "Canada", "salary": "", "description": "<p>x</p>",
    }  # fmt: skip
    (parsed,) = parse_remotive({"jobs": [job]})
    assert (parsed.country, parsed.employment_type, parsed.remote) == ("CA", "contract", "remote")


def test_workable_facts_from_the_fixture() -> None:
    path = Path(__file__).parents[1] / "fixtures" / "workable" / "widget_account_details.json"
    first, second, *_ = parse_workable(_load(path.parent, path.name), board="acme")
    assert (first.country, first.region, first.city) == ("NL", "North Holland", "Amsterdam")
    assert (first.employment_type, first.seniority) == ("full_time", None)  # Mid-Senior level
    assert first.secondary_locations == ("Ghent, East Flanders, Belgium",)  # hidden one left out
    assert (second.country, second.employment_type, second.remote) == ("PT", "contract", "remote")


def test_real_greenhouse_remote_offices(shared_fixtures: Path) -> None:
    gitlab = parse_greenhouse(
        _load(shared_fixtures, "greenhouse/gitlab_jobs_content_true.json"), board="gitlab"
    )
    assert [(p.remote, p.country) for p in gitlab] == [("remote", "IT"), ("remote", "US")]
    smarterdx = parse_greenhouse(
        _load(shared_fixtures, "greenhouse/smarterdx_jobs_content_true.json"), board="smarterdx"
    )
    assert [p.remote for p in smarterdx] == ["remote", "remote"]  # "Remote (United States)"


def test_real_lever_country_and_commitment(shared_fixtures: Path) -> None:
    postings = parse_lever(
        _load(shared_fixtures, "lever/matchgroup_postings_mode_json.json"), board="matchgroup"
    )
    assert [(p.country, p.employment_type, p.remote) for p in postings] == [
        ("US", "full_time", "hybrid"),
        ("KR", "full_time", "hybrid"),
    ]


def test_real_ashby_address_and_secondary_locations(shared_fixtures: Path) -> None:
    postings = parse_ashby(
        _load(shared_fixtures, "ashby/openevidence_job_board.json"), board="openevidence"
    )
    assert {(p.country, p.region, p.city, p.employment_type) for p in postings} == {
        ("US", "California", "San Francisco", "full_time")
    }
    assert all(p.secondary_locations == ("Miami",) and p.remote == "onsite" for p in postings)


def test_real_smartrecruiters_location_and_type(shared_fixtures: Path) -> None:
    content = _load(shared_fixtures, "smartrecruiters/ubisoft_postings_list_trimmed.json")
    parsed = [parse_posting(item, board="Ubisoft2") for item in content["content"]]
    assert [(p.country, p.region, p.city, p.employment_type, p.seniority) for p in parsed if p] == [
        ("CA", "QC", "Montreal", "full_time", None),  # "Mid-Senior Level" states none of ours
        ("FR", "IDF", "Paris", "internship", None),
    ]


def test_real_himalayas_seniority_and_type(shared_fixtures: Path) -> None:
    page = parse_himalayas(_load(shared_fixtures, "himalayas/himalayas_jobs_api_trimmed.json"))
    assert [(p.country, p.seniority, p.employment_type) for p in page.postings] == [
        ("US", "junior", "contract"),
        ("US", "mid", "full_time"),
    ]


def test_real_remotive_type_and_country(shared_fixtures: Path) -> None:
    postings = parse_remotive(_load(shared_fixtures, "remotive/remotive_remote_jobs_trimmed.json"))
    assert [(p.country, p.employment_type) for p in postings] == [
        ("US", "part_time"),
        (None, "full_time"),  # "USA, Canada, Argentina, Mexico, Peru"
    ]


def _jsonld_page(node: dict[str, Any]) -> str:
    script = json.dumps({"@context": "https://schema.org", "@type": "JobPosting", **node})
    return f'<html><head><script type="application/ld+json">{script}</script></head></html>'


def test_jsonld_address_employment_type_and_other_places() -> None:
    node = {
        "title": "ML Engineer", "description": "<p>PyTorch.</p>", "datePosted": "2026-01-10",
        "employmentType": ["FULL_TIME"],
        "jobLocation": [
            {"@type": "Place", "address": {"addressLocality": "Munich", "addressRegion": "BY",
                                           "addressCountry": {"@type": "Country", "name": "DE"}}},
            {"@type": "Place", "address": {"addressLocality": "Vienna", "addressCountry": "AT"}},
        ],
    }  # fmt: skip
    (parsed,) = parse_jsonld_page(
        _jsonld_page(node), board="acme", url="https://careers.acme.test/jobs/1", now=NOW
    )
    assert (parsed.country, parsed.region, parsed.city) == ("DE", "BY", "Munich")
    assert (parsed.employment_type, parsed.secondary_locations) == ("full_time", ("Vienna, AT",))


def test_jsonld_remote_job_country_from_its_single_applicant_location() -> None:
    node = {
        "title": "LLM Engineer", "description": "<p>RAG.</p>", "jobLocationType": "TELECOMMUTE",
        "employmentType": ["FULL_TIME", "CONTRACTOR"],
        "applicantLocationRequirements": {"@type": "Country", "name": "Canada"},
    }  # fmt: skip
    (parsed,) = parse_jsonld_page(
        _jsonld_page(node), board="acme", url="https://careers.acme.test/jobs/2", now=NOW
    )
    assert (parsed.remote, parsed.country, parsed.employment_type) == ("remote", "CA", None)
