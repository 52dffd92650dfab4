"""The sources page counts a posting's link as `safe_url` does: the plain links matched over the
whole column at once, every other one parsed (same answer for every kind of link)."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobtrends.reports.analysis.posting_counts import has_link
from jobtrends.reports.attribution import safe_url

TRICKY = [
    "https://a.com", "http://ex.com:8080/x", "https://a.com?x#y", "https://a.com:99999",
    "HTTP://X.com", " https://a.com", "https://a.com\t", "https://a.com\n/x", "https://[::1",
    "https://a.com/path with space", "https://a.com/\u00a0", "https://a.com/[x", "https://a.com]/",
    "https://user@a.com/", "https://ünicode.com/x", "https://", "https:///path", "https://-/",
    "javascript:alert(1)", "ftp://a.com", "", None,
]  # fmt: skip


@pytest.mark.parametrize("dtype", ["str", object])
def test_links_are_counted_as_safe_url_counts_them(dtype: object) -> None:
    frame = pd.DataFrame({"url": pd.Series(TRICKY, dtype=dtype)})  # type: ignore[call-overload]
    assert has_link(frame).tolist() == [safe_url(url) is not None for url in TRICKY]


@given(st.lists(st.text(alphabet="htps:/[]@?#.-a9 \t\nÜ", max_size=30), max_size=20))
def test_any_text_is_counted_as_safe_url_counts_it(urls: list[str]) -> None:
    frame = pd.DataFrame({"url": pd.Series(["https://" + url for url in urls], dtype="str")})
    expected = [safe_url("https://" + url) is not None for url in urls]
    assert has_link(frame).tolist() == expected
