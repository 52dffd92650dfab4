"""Reading a WDC file holds one page at a time: the peak of traced memory while 200,000 quads in
the real format stream through the parser and the assembler stays under a fixed bound, the same
as for 50,000 quads.

The scaling comparison swaps `html_to_text` (BeautifulSoup, most of the time under tracemalloc)
for the identity, to stay fast; the real conversion is measured once, on a file of 15,000 quads.
"""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from jobtrends.pipeline.ingest.wdc import WdcCounts, read_wdc
from jobtrends.scraper import text as scraper_text
from tests.pipeline.wdc_generator import write_nquads

BOUND = 3 * 1024 * 1024  # bytes: a few pages and the parser's state, nothing per quad
SMALL, LARGE, REAL = 50_000, 200_000, 15_000
FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "wdc" / "jobs.nq"


def peak_while_reading(path: Path) -> tuple[int, WdcCounts]:
    counts = WdcCounts()
    tracemalloc.start()
    try:
        for _ in read_wdc(path, counts):
            pass
        return tracemalloc.get_traced_memory()[1], counts
    finally:
        tracemalloc.stop()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("wdc")
    made = {}
    for quads in (SMALL, LARGE, REAL):
        path = folder / f"part-{quads}.nq.gz"
        written = write_nquads(path, quads)
        assert written.quads >= quads and written.repeats and written.malformed
        made[quads] = path
    for _ in read_wdc(FIXTURE, WdcCounts()):  # imports and first-use caches, outside the count
        pass
    return made


def test_peak_memory_does_not_grow_with_the_file(
    files: dict[int, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scraper_text, "html_to_text", lambda markup: markup)
    small_peak, small = peak_while_reading(files[SMALL])
    large_peak, large = peak_while_reading(files[LARGE])
    assert large.quads.quads >= LARGE and large.postings >= 4 * small.postings - 10
    assert large.quads.malformed > 0 and not large.skipped
    assert small_peak < BOUND and large_peak < BOUND
    assert large_peak < small_peak * 1.25 + 256 * 1024, (small_peak, large_peak)


def test_peak_memory_with_the_real_html_conversion(files: dict[int, Path]) -> None:
    peak, counts = peak_while_reading(files[REAL])
    assert counts.postings > 500
    assert peak < BOUND, peak
