from jobtrends.pipeline.nlp import extract_batch
from jobtrends.pipeline.results import PostingText

TEXT = (
    "About us\n"
    "Databricks is the data and AI company. Databricks customers run Databricks daily.\n\n"
    "Requirements\n"
    "- Python and Apache Spark experience\n"
    "- Experience with Databricks notebooks\n"
)


def skills(company: str) -> list[tuple[str, str]]:
    (result,) = extract_batch([PostingText("1", "ML Engineer", TEXT, company=company)])
    return [(m.skill_id, m.section) for m in result.skills]


def test_the_employer_named_as_a_company_is_not_a_mention() -> None:
    found = skills("Databricks Inc.")
    databricks = [section for skill, section in found if "databricks" in skill]
    assert databricks == ["requirements"]


def test_without_the_company_every_naming_counts() -> None:
    found = skills("")
    assert sum("databricks" in skill for skill, _ in found) == 4


def test_a_short_skill_is_not_a_prefix_of_the_employer() -> None:
    (result,) = extract_batch(
        [PostingText("1", "Engineer", "Requirements\n- Go and Python services", company="Google")]
    )
    assert {m.skill_id for m in result.skills} >= {"go", "python"}
