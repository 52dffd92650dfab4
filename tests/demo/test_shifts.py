"""Every trend chart of the demo report has something real to show: roles and tools move."""

from __future__ import annotations

from collections.abc import Callable

from jobtrends.pipeline.vocab import AI_ROLES
from jobtrends.scraper.demo import DemoCorpus, DemoPosting
from tests.demo.support import share, window


def asks(skill: str) -> Callable[[DemoPosting], bool]:
    return lambda posting: skill in posting.skills


def first_and_last(corpus: DemoCorpus) -> tuple[list[DemoPosting], list[DemoPosting]]:
    return window(corpus, 0, 6), window(corpus, -6, 0)


def test_llm_engineers_more_than_double(corpus: DemoCorpus) -> None:
    early, late = first_and_last(corpus)
    before = share(early, lambda p: p.role == "llm_engineer")
    after = share(late, lambda p: p.role == "llm_engineer")
    assert after > 2 * before


def test_ai_application_developer_grows_from_almost_nothing(corpus: DemoCorpus) -> None:
    early, late = first_and_last(corpus)
    assert share(early, lambda p: p.role == "ai_application_developer") < 0.04
    assert share(late, lambda p: p.role == "ai_application_developer") > 0.1


def test_data_scientist_share_declines_a_little(corpus: DemoCorpus) -> None:
    early, late = first_and_last(corpus)
    before = share(early, lambda p: p.role == "data_scientist")
    after = share(late, lambda p: p.role == "data_scientist")
    assert 0.5 * before < after < 0.95 * before


def test_tensorflow_falls_while_pytorch_holds(corpus: DemoCorpus) -> None:
    early, late = first_and_last(corpus)
    assert share(late, asks("TensorFlow")) < 0.5 * share(early, asks("TensorFlow"))
    pytorch_before = share(early, asks("PyTorch"))
    pytorch_after = share(late, asks("PyTorch"))
    assert 0.7 * pytorch_before < pytorch_after < 1.3 * pytorch_before


def test_late_tools_are_absent_early_and_present_late(corpus: DemoCorpus) -> None:
    early, late = first_and_last(corpus)
    for skill in ("LangGraph", "DSPy", "Model Context Protocol"):
        named = [p for p in early if skill in (*p.skills, *p.company_skills, *p.negated_skills)]
        assert named == [], skill
        assert share(late, asks(skill)) > 0.02, skill
    assert not any("LangGraph" in p.html or "DSPy" in p.html for p in early)


def test_langchain_rises_then_flattens(corpus: DemoCorpus) -> None:
    start = share(window(corpus, 0, 6), asks("LangChain"))
    middle = share(window(corpus, 14, 20), asks("LangChain"))
    end = share(window(corpus, -6, 0), asks("LangChain"))
    assert middle > 2 * start
    assert 0.7 * middle < end < 1.35 * middle


def test_agents_rise_late(corpus: DemoCorpus) -> None:
    early, late = first_and_last(corpus)
    assert share(late, asks("AI agents")) > 5 * max(0.005, share(early, asks("AI agents")))


def test_vector_databases_rise(corpus: DemoCorpus) -> None:
    early, late = first_and_last(corpus)
    for skill in ("Pinecone", "pgvector", "Qdrant"):
        before = share(early, asks(skill))
        after = share(late, asks(skill))
        assert after > 2 * before, skill


def test_vllm_rises_in_infrastructure_roles(corpus: DemoCorpus) -> None:
    early, late = first_and_last(corpus)
    infra_early = [p for p in early if p.role == "ai_infrastructure_engineer"]
    infra_late = [p for p in late if p.role == "ai_infrastructure_engineer"]
    assert share(infra_late, asks("vLLM")) > 2 * share(infra_early, asks("vLLM"))


def test_jax_rises_slowly_kubernetes_steady_spark_declines_slightly(corpus: DemoCorpus) -> None:
    early, late = first_and_last(corpus)

    def ratio(skill: str) -> float:
        return share(late, asks(skill)) / share(early, asks(skill))

    assert 1.0 < ratio("JAX") < 4.0
    assert 0.75 < ratio("Kubernetes") < 1.3
    assert 0.4 < ratio("Apache Spark") < 0.95


def test_python_dominates_every_window(corpus: DemoCorpus) -> None:
    for first in range(0, 24, 6):
        postings = [p for p in window(corpus, first, first + 6) if p.role in AI_ROLES]
        counts: dict[str, int] = {}
        for posting in postings:
            for skill in posting.skills:
                counts[skill] = counts.get(skill, 0) + 1
        assert max(counts, key=lambda s: counts[s]) == "Python"
        assert counts["Python"] / len(postings) > 0.7


def test_invented_tools_enter_mid_series_in_requirement_bullets(corpus: DemoCorpus) -> None:
    """The "New tools to watch" page has something to find: tools no taxonomy names, absent in
    the first months, then written into requirement or nice-to-have bullets of ATS postings."""
    from jobtrends.pipeline.nlp import load_taxonomy
    from jobtrends.scraper.demo.new_tools import NEW_TOOLS

    forms = {f.lower() for skill in load_taxonomy().skills for f in skill.surface_forms}
    early, late = first_and_last(corpus)
    for tool in NEW_TOOLS:
        assert tool.name.lower() not in forms
        assert not any(tool.name in p.new_tools for p in early)
        named = [p for p in late if tool.name in p.new_tools]
        assert len(named) >= 10, tool.name
        for posting in named:
            assert posting.source != "hn" and posting.role in tool.roles
            bullets = [
                b for s in posting.sections if s.kind in ("requirements", "nice_to_have")
                for b in s.bullets if tool.name in b
            ]  # fmt: skip
            assert len(bullets) == 1 and tool.name in posting.html
