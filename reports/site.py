"""Build the static report site: `build_site(data, out_dir)` writes every page and returns index."""

from __future__ import annotations

from pathlib import Path

from jobtrends.pipeline.vocab import DEMAND_SECTIONS
from jobtrends.reports.analysis.posting_counts import PostingCounts
from jobtrends.reports.analysis.significance import ALPHA
from jobtrends.reports.data import ROLE_LABELS, ReportData, SiteData
from jobtrends.reports.page import Page
from jobtrends.reports.pages import overview, role_extras, skills
from jobtrends.reports.pages.claims import ClaimSet, build_claims_page, load_claim_set
from jobtrends.reports.pages.new_tools import build_new_tools_page
from jobtrends.reports.pages.overview import build_overview
from jobtrends.reports.pages.roles import build_role_page, role_filename, roles_present
from jobtrends.reports.pages.salary import SKILLS_SHOWN, build_salary_page
from jobtrends.reports.pages.skills import build_skill_pages, build_skills_index, skill_filenames
from jobtrends.reports.pages.sources import build_sources
from jobtrends.reports.render import Navigation, NavLink, SiteWriter


def build_methodology(site: SiteData) -> Page:
    context = {
        "min_month_n": site.min_month_n,
        "demand_sections": DEMAND_SECTIONS,
        "window": overview.WINDOW,
        "rising_min_count": overview.RISING_MIN_COUNT,
        "significance": ALPHA,
        "min_salaries": role_extras.MIN_SALARIES,
        "min_skill_page": skills.MIN_SKILL_PAGE,
        "salary_skills": SKILLS_SHOWN,
        "alpha": ALPHA,
        "postings": site.stored.n,
        "jobs": site.all_jobs.n,
        "mentions": site.mention_count,
        "provenance": provenance_counts(site.stored),
    }
    return Page("methodology.html", "Methodology", "methodology.html.j2", {}, context)


PROVENANCE_VALUES = (
    ("remote_from", "Remote mode"),
    ("salary_from", "Salary"),
    ("seniority_from", "Seniority"),
    ("country_from", "Country"),
)


def provenance_counts(stored: PostingCounts) -> list[dict[str, object]]:
    """Per value (remote, salary, seniority, country): how many postings took it from the
    source's structured field, how many from the text, and how many have none."""
    counts: list[dict[str, object]] = []
    for column, label in PROVENANCE_VALUES:
        source = stored.provenance[column]["source"]
        text = stored.provenance[column]["text"]
        none = stored.n - source - text
        counts.append({"label": label, "source": source, "text": text, "none": none})
    return counts


def navigation(roles: list[str]) -> Navigation:
    main = (
        NavLink("index.html", "Overview"),
        NavLink("skills.html", "Skills"),
        NavLink("salary.html", "Salaries"),
        NavLink("new-tools.html", "New tools"),
        NavLink("claims.html", "Claims check"),
        NavLink("sources.html", "Sources"),
        NavLink("methodology.html", "Methodology"),
    )
    role_links = tuple(NavLink(role_filename(r), ROLE_LABELS.get(r, r)) for r in roles)
    return Navigation(main=main, roles=role_links)


def _check_unique_names(pages: list[Page]) -> None:
    seen: dict[str, str] = {}
    for page in pages:
        for chart in page.charts.values():
            if chart.name in seen:
                raise ValueError(
                    f"chart {chart.name!r} on {page.filename} also on {seen[chart.name]}"
                )
            seen[chart.name] = page.filename


def build_site(
    data: ReportData,
    out_dir: Path,
    *,
    min_month_n: int = 30,
    claims: ClaimSet | None = None,
) -> Path:
    """Write the site into `out_dir` and return the path of its index.html.

    `claims` are checked on the claims page (default: the claims file shipped with the package;
    see `jobtrends.reports.pages.claims.load_claim_set`).

    The output depends only on `data` (its `generated_at` is the only clock read): the same input
    gives byte-identical files. Pages and CSV files left by an earlier build that this one did not
    write (a role or skill that dropped out) are removed; nothing else in `out_dir` is touched.
    """
    claims = claims or load_claim_set()
    site = SiteData.build(data, min_month_n, claims.claims)
    roles = roles_present(site)
    skill_files = skill_filenames(site)
    pages = [
        build_overview(site),
        *(build_role_page(site, role) for role in roles),
        build_skills_index(site, skill_files),
        *build_skill_pages(site, skill_files),
        build_salary_page(site),
        build_new_tools_page(site),
        build_claims_page(site, claims),
        build_sources(site),
        build_methodology(site),
    ]
    _check_unique_names(pages)
    writer = SiteWriter(out_dir, navigation(roles), data.generated_at)
    writer.write_assets()
    paths = [writer.write_page(page) for page in pages]
    writer.remove_stale()
    return paths[0]
