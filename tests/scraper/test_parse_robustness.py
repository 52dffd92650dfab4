"""Text assembly, fallbacks, locations, company names and body shapes the sources must survive.

Inputs are project fixtures in each source's wire format (tests/fixtures/<source>/), written for
jobtrends; the real recordings are only read where they show a shape (skipped when absent).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobtrends.scraper.sources.ashby import parse_ashby
from jobtrends.scraper.sources.greenhouse import parse_greenhouse
from jobtrends.scraper.sources.lever import parse_lever
from jobtrends.scraper.sources.remotive import parse_remotive
from jobtrends.scraper.sources.shared.payload import (
    clean_place,
    company_from_board,
    place_from_parts,
)
from jobtrends.scraper.sources.smartrecruiters import parse_posting
from jobtrends.scraper.sources.workable import parse_workable
from jobtrends.scraper.text import html_to_text, join_html, plain_to_html
from tests.scraper.support import load

# --- fragments are made self-contained before they are joined ---------------------------------


def test_a_fragment_cut_inside_an_attribute_does_not_swallow_the_next() -> None:
    cut = '<p>Read more on <a href="https://example.test/blog'
    assert html_to_text(cut + "<p>Salary: $90k</p>") == "Read more on"  # the old join lost it
    joined = join_html([cut, "<p>Salary: $90k</p>", "<p>[…]</p>"])
    assert html_to_text(joined) == "Read more on\n\nSalary: $90k\n\n[…]"  # trim marker kept


def test_a_fragment_cut_inside_a_tag_or_a_list_is_closed() -> None:
    joined = join_html(["<ul><li>Python", "<h3>Benefits</h3>", "<p>Tea <b class='x", "", "  "])
    assert html_to_text(joined) == "- Python\n\nBenefits\n\nTea"
    assert join_html(["", " "]) == ""


def test_plain_text_becomes_escaped_html_with_its_line_breaks() -> None:
    markup = plain_to_html("Pay & perks <great>\n\n• Tea")
    assert html_to_text(markup) == "Pay & perks <great>\n\n- Tea"


def test_remotive_salary_line_survives_a_cut_description() -> None:
    (job,) = parse_remotive(load("remotive", "remote_jobs_cut_description.json"))
    assert job.description_text.splitlines()[-1] == "Salary: €85k - €100k"
    assert job.description_text == html_to_text(job.description_html)


def test_smartrecruiters_next_heading_survives_a_cut_section() -> None:
    payload = load("smartrecruiters", "posting_detail_cut_section.json")
    posting = parse_posting(payload, board="NorthwindAI")
    assert posting is not None
    lines = posting.description_text.splitlines()
    assert "Qualifications" in lines and "- Spark or dbt" in lines
    assert lines[-1] == "Hybrid, two days a week in Lyon."
    assert posting.description_text == html_to_text(posting.description_html)


def test_workable_parts_are_joined_one_by_one() -> None:
    payload = {
        "name": "Tidewater",
        "jobs": [
            {
                "shortcode": "AB12",
                "title": "ML Engineer",
                "description": "<p>Forecast tides with <a href='https://t.example",
                "requirements": "<ul><li>Python</li></ul>",
                "benefits": "<p>Boat days</p>",
            }
        ],
    }
    (job,) = parse_workable(payload, board="tidewater")
    assert "Forecast tides with\n\nRequirements\n\n- Python" in job.description_text
    assert job.description_text.endswith("Benefits\n\nBoat days")


# --- typed bullets inside paragraphs become list lines -----------------------------------------


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<p>You bring:<br>• Python<br>• SQL</p>", "You bring:\n- Python\n- SQL"),
        ("<p>You bring:\n· Python\n· SQL</p>", "You bring:\n- Python\n- SQL"),
        ("<p>▪ Kubernetes<br>▪Terraform</p>", "- Kubernetes\n- Terraform"),
        ("<div>– on call<br>– an offsite</div>", "- on call\n- an offsite"),
        ("<ul><li>• Already a list item</li></ul>", "- Already a list item"),
        ("<p>Growth –5% last year; pay · equity</p>", "Growth –5% last year; pay · equity"),
        ("<p>Python • SQL • Go</p>", "Python • SQL • Go"),  # not at a line start: kept as typed
    ],
)  # fmt: skip
def test_typed_bullets_at_a_line_start_become_list_lines(markup: str, expected: str) -> None:
    assert html_to_text(markup) == expected


# --- Lever falls back to its *Plain fields -----------------------------------------------------


def test_lever_plain_fields_stand_in_for_empty_html() -> None:
    (posting,) = parse_lever(load("lever", "postings_plain_only.json"), board="umberfield")
    lines = posting.description_text.splitlines()
    assert lines[0] == "Umberfield routes freight across Europe."
    assert "What you will do" in lines and "- Run A/B tests" in lines
    assert "Nice to have" in lines  # a list without content keeps its title
    assert lines[-1] == "We offer a learning budget & 30 days off."
    assert posting.description_text == html_to_text(posting.description_html)


def test_lever_opening_and_body_stand_in_for_an_empty_description() -> None:
    payload = [
        {
            "id": "x1",
            "text": "Engineer",
            "description": "",
            "opening": "<p>We build maps.</p>",
            "descriptionBody": "",
            "descriptionBodyPlain": "You will draw them.",
        }
    ]
    (posting,) = parse_lever(payload, board="atlas")
    assert posting.description_text == "We build maps.\n\nYou will draw them."


def test_lever_real_recording_keeps_html_over_plain(shared_fixtures: Path) -> None:
    raw = json.loads((shared_fixtures / "lever/matchgroup_postings_mode_json.json").read_text())
    stripped = [{**item, "description": "", "additional": None} for item in raw]
    for full, fallback in zip(
        parse_lever(raw, board="matchgroup"), parse_lever(stripped, board="matchgroup"), strict=True
    ):
        assert full.description_text.startswith(fallback.description_text.splitlines()[0][:20])
        assert fallback.description_text.splitlines()[-1][:20] in full.description_text
        assert fallback.description_text == html_to_text(fallback.description_html)


# --- locations from parts ----------------------------------------------------------------------


def test_smartrecruiters_location_drops_empty_parts() -> None:
    payload = load("smartrecruiters", "posting_detail_cut_section.json")
    posting = parse_posting(payload, board="NorthwindAI")
    assert posting is not None and posting.location == "Lyon, France"
    payload["location"] = {"city": "Lyon", "region": " ", "country": "fr", "fullLocation": ""}
    posting = parse_posting(payload, board="NorthwindAI")
    assert posting is not None and posting.location == "Lyon, fr"


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("Paris", "", "France"), "Paris, France"),
        ((None, " ", "Germany"), "Germany"),
        (("New York", "New York", "US"), "New York, New York, US"),
        ((" São  Paulo ,", None), "São Paulo"),
        ((), ""),
    ],
)
def test_place_from_parts(parts: tuple[str | None, ...], expected: str) -> None:
    assert place_from_parts(parts) == expected


def test_clean_place() -> None:
    assert clean_place("Lyon, , France") == "Lyon, France"
    assert clean_place(" , ,") == "" and clean_place(None) == ""


# --- company display names ---------------------------------------------------------------------


def test_company_is_the_payload_name_else_the_option_else_the_token_as_written() -> None:
    assert company_from_board("openai") == "openai"  # never "Openai"
    single = load("greenhouse", "job_single.json")
    assert parse_greenhouse(single, board="northwindlabs")[0].company == "Northwind Labs"
    unnamed = {**single, "company_name": None}
    assert parse_greenhouse(unnamed, board="northwindlabs")[0].company == "northwindlabs"
    named = parse_greenhouse(unnamed, board="northwindlabs", company="Northwind Labs Inc.")
    assert named[0].company == "Northwind Labs Inc."
    assert parse_lever(load("lever", "postings_plain_only.json"), board="umberfield")[
        0
    ].company == ("umberfield")
    board = load("ashby", "job_board_bare_array.json")
    assert parse_ashby(board, board="lanternfish", company="Lanternfish AI")[0].company == (
        "Lanternfish AI"
    )


# --- body shapes -------------------------------------------------------------------------------


def test_ashby_bare_array_body() -> None:
    (posting,) = parse_ashby(load("ashby", "job_board_bare_array.json"), board="lanternfish")
    assert posting.title == "Evaluation Engineer" and posting.remote == "remote"
    assert posting.description_text == "Design evaluations for our clinical assistant."


def test_greenhouse_single_job_body() -> None:
    (posting,) = parse_greenhouse(load("greenhouse", "job_single.json"), board="northwindlabs")
    assert posting.external_id == "7100009" and posting.title == "LLM Engineer"
    assert posting.location == "New York, NY"
    assert posting.description_text == "Ship retrieval features for developer tools."
