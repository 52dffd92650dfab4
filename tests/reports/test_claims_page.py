"""The claims page: verdicts as evaluated, a chart, table and CSV per claim, and `--claims FILE`."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from jobtrends.pipeline.cli import cli
from jobtrends.reports.analysis.claims import VERDICTS, Claim, evaluate_claims
from jobtrends.reports.data import ROLE_LABELS
from jobtrends.reports.pages.claims import DEFAULT_CLAIMS, ClaimSet, load_claim_set
from jobtrends.reports.site import build_site
from tests.reports.synthetic import make_report_data

HOSTILE = "<script>window.__claim_xss=1</script> TensorFlow <b>falls</b>"
CLAIMS = ClaimSet(
    (
        Claim("python-first", "Python is the top skill", "most_common", skills=("python",)),
        Claim("hostile", HOSTILE, "rising", skills=("tensorflow",), months=6),
        Claim(
            "rag-vs-langchain",
            "RAG beats LangChain for LLM engineers",
            "share_greater",
            role="llm_engineer",
            skills=("rag",),
            than=("langchain",),
        ),
        Claim("aws-half", "Half ask for AWS", "share_at_least", skills=("aws",), share=0.5),
        Claim(
            "ml-grows", "ML grows", "growth_greater", role="ml_engineer", than=("other",), months=3
        ),
        Claim("tiny", "Too few", "share_at_least", skills=("sql",), share=0.2, min_n=100_000),
    ),
    "mine.toml",
)


@pytest.fixture(scope="module")
def claims_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BeautifulSoup]:
    out = tmp_path_factory.mktemp("claims")
    build_site(make_report_data(), out, min_month_n=3, claims=CLAIMS)
    html = (out / "claims.html").read_text(encoding="utf-8")
    return out, BeautifulSoup(html, "lxml")


def read_csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def test_each_claim_shows_its_evaluated_verdict_reason_and_evidence(
    claims_page: tuple[Path, BeautifulSoup],
) -> None:
    out, doc = claims_page
    data = make_report_data()
    results = evaluate_claims(CLAIMS.claims, data.postings, data.mentions, role_names=ROLE_LABELS)
    articles = doc.select("article.claim")
    assert [a["id"] for a in articles] == [f"claim-{c.id}-section" for c in CLAIMS.claims]
    for article, result in zip(articles, results, strict=True):
        badge = article.select_one("span.verdict")
        assert badge is not None and badge.get_text() == result.verdict
        assert result.reason in article.get_text()
        section = article.select_one("section.chart")
        assert section is not None and section["id"] == f"claim-{result.claim.id}"
        rows = read_csv(out / "csv" / f"claim-{result.claim.id}.csv")
        assert len(rows) - 1 == len(result.table)
    verdicts = [r.verdict for r in results]
    assert verdicts[-1] == "not enough data"
    tally = {li.select_one("span").get_text(): li.get_text() for li in doc.select("ul.tally li")}
    assert set(tally) == set(VERDICTS)
    for verdict in VERDICTS:
        assert tally[verdict].strip().endswith(str(verdicts.count(verdict)))
    summary = read_csv(out / "csv" / "claims-summary.csv")
    assert [row[0] for row in summary[1:]] == [c.id for c in CLAIMS.claims]
    assert [row[2] for row in summary[1:]] == verdicts
    assert "mine.toml" in doc.select_one("p.lead").get_text()  # type: ignore[union-attr]


def test_a_claim_statement_is_text_never_markup(claims_page: tuple[Path, BeautifulSoup]) -> None:
    out, doc = claims_page
    heading = doc.select_one("#claim-hostile-section h2")
    assert heading is not None and heading.get_text() == HOSTILE
    assert not doc.select("article b") and "__claim_xss" not in str(doc.select("script"))
    assert "<script>window.__claim_xss" not in (out / "claims.html").read_text(encoding="utf-8")


def test_share_claims_draw_the_claimed_bar_and_the_threshold(
    claims_page: tuple[Path, BeautifulSoup],
) -> None:
    _, doc = claims_page
    script = doc.select_one('script[data-plot="fig-claim-aws-half"]')
    assert script is not None
    spec = json.loads(script.string or "")
    assert spec["data"][0]["y"] == ["AWS"]
    assert [shape["x0"] for shape in spec["layout"]["shapes"]] == [0.5]
    greater = doc.select_one('script[data-plot="fig-claim-rag-vs-langchain"]')
    assert greater is not None
    colors = json.loads(greater.string or "")["data"][0]["marker"]["color"]
    assert len(set(colors)) == 2  # the claimed skill stands out


def test_default_and_named_claim_sets(tmp_path: Path) -> None:
    default = load_claim_set()
    assert default.source == "the default claims file" and len(default.claims) >= 8
    assert DEFAULT_CLAIMS.is_file()
    mine = tmp_path / "mine.toml"
    mine.write_text(
        '[[claim]]\nid = "x"\nstatement = "s"\nkind = "most_common"\nskill = "python"\n',
        encoding="utf-8",
    )
    assert load_claim_set(mine).source == "mine.toml"


def test_report_claims_option_uses_the_file_and_names_mistakes(
    runner: CliRunner, tmp_path: Path
) -> None:
    good = tmp_path / "good.toml"
    good.write_text(
        '[[claim]]\nid = "py"\nstatement = "Python <rules>"\nkind = "most_common"\n'
        'skill = "python"\n',
        encoding="utf-8",
    )
    result = runner.invoke(
        cli, ["--database", "db.sqlite", "report", "--out", "site", "--claims", str(good)]
    )
    assert result.exit_code == 0, result.output
    page = (tmp_path / "site" / "claims.html").read_text(encoding="utf-8")
    assert "Python &lt;rules&gt;" in page and "not enough data" in page
    bad = tmp_path / "bad.toml"
    bad.write_text(good.read_text(encoding="utf-8").replace('"python"', '"pythn"'))
    result = runner.invoke(
        cli, ["--database", "db.sqlite", "report", "--out", "site", "--claims", str(bad)]
    )
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {bad}: claim 'py' (#1): skill")
    assert 'got "pythn", expected a skill id of the taxonomy' in lines[0]
