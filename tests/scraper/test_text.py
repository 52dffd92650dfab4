from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jobtrends.scraper.text import html_to_text, normalize_lines, normalize_whitespace


def test_headings_and_bullets_get_their_own_lines() -> None:
    html = (
        "<h2>About the team</h2><p>We build   search\n for shops.</p>"
        "<h3>Requirements</h3><ul>\n<li>Python</li>\n<li>SQL and <b>dbt</b></li></ul>"
    )
    assert html_to_text(html) == (
        "About the team\n\nWe build search for shops.\n\nRequirements\n\n- Python\n- SQL and dbt"
    )


def test_paragraph_of_only_bold_text_is_a_heading_line() -> None:
    html = (
        '<div><b style="font-size: 24px">What you bring</b></div><div>Go and Rust.</div>'
        "<p><span><strong>Nice to have</strong></span></p><p>Kafka</p>"
    )
    assert html_to_text(html).splitlines() == [
        "What you bring", "", "Go and Rust.", "", "Nice to have", "", "Kafka",
    ]  # fmt: skip


def test_bold_lead_in_inside_a_paragraph_stays_on_the_same_line() -> None:
    assert html_to_text("<p><strong>Kotlin:</strong> build the app</p>") == "Kotlin: build the app"


def test_br_is_a_newline_and_two_br_a_blank_line() -> None:
    assert html_to_text("one<br>two<br><br><br>three") == "one\ntwo\n\nthree"


def test_entities_are_decoded_and_no_break_spaces_collapse() -> None:
    assert (
        html_to_text("<p>R&amp;D&nbsp;&nbsp;team &#x2F; C&#x27;s &lt;3</p>") == "R&D team / C's <3"
    )


def test_script_style_and_comments_are_dropped() -> None:
    html = "<style>p{color:red}</style><p>kept<!-- hidden --></p><script>alert(1)</script>"
    assert html_to_text(html) == "kept"


def test_hn_style_unclosed_paragraphs_become_paragraphs() -> None:
    text = html_to_text("Acme | Engineer | Remote<p>We build things.<p>- Python<p>- Go")
    assert text == "Acme | Engineer | Remote\n\nWe build things.\n\n- Python\n\n- Go"


def test_nested_lists_do_not_leave_blank_lines_inside_the_list() -> None:
    html = "<ul><li>Cloud<ul><li>AWS</li><li>GCP</li></ul></li><li>Docker</li></ul>"
    assert html_to_text(html) == "- Cloud\n- AWS\n- GCP\n- Docker"


def test_block_inside_list_item_stays_on_the_bullet_line() -> None:
    html = "<ul><li><p>LangChain</p></li><li><div><p>Evals</p></div><p>more</p></li><li></li></ul>"
    assert html_to_text(html) == "- LangChain\n- Evals\nmore"


def test_never_more_than_one_blank_line() -> None:
    html = "<div><p>a</p><div><br></div><div><br></div><p></p><p>b</p></div>"
    assert html_to_text(html) == "a\n\nb"


def test_table_cells_are_separated_and_rows_are_lines() -> None:
    html = (
        "<table><tr><td>Skill</td><td>Level</td></tr>"
        "<tr><td>Python</td><td>expert</td></tr></table>"
    )
    assert html_to_text(html) == "Skill Level\nPython expert"


def test_plain_text_url_like_and_empty_inputs() -> None:
    assert html_to_text("") == ""
    assert html_to_text("   \n ") == ""
    assert html_to_text("just words") == "just words"
    assert html_to_text("https://example.com/jobs") == "https://example.com/jobs"


def test_deeply_nested_markup_does_not_recurse() -> None:
    html = "<div>" * 3000 + "deep" + "</div>" * 3000
    assert html_to_text(html) == "deep"


def test_lone_surrogates_and_control_characters_do_not_break_parsing() -> None:
    assert html_to_text("\ud800abc<p>x\x00y</p>").endswith("y")


def test_normalizers() -> None:
    assert normalize_whitespace("  a \t b\n\u00a0c ") == "a b c"
    assert normalize_lines(" a  b \n\n\n\n c \n") == "a b\n\nc"


_TAGS = st.sampled_from(
    ["p", "div", "li", "ul", "h2", "b", "strong", "br", "span", "script", "pre"]
)
_FRAGMENT = st.recursive(
    st.text(max_size=20),
    lambda inner: st.builds(
        lambda tag, body, closed: f"<{tag}>{''.join(body)}" + (f"</{tag}>" if closed else ""),
        _TAGS,
        st.lists(inner, max_size=4),
        st.booleans(),
    ),
    max_leaves=20,
)


@given(st.text())
def test_arbitrary_text_never_raises_and_is_normalized(text: str) -> None:
    result = html_to_text(text)
    assert result == result.strip()
    assert "\n\n\n" not in result


@given(_FRAGMENT)
def test_arbitrary_html_never_raises_and_is_normalized(html: str) -> None:
    result = html_to_text(html)
    assert result == result.strip()
    assert "\n\n\n" not in result
    assert all(line == normalize_whitespace(line) for line in result.splitlines())
