"""Turn a demo description (sections of plain text) into the HTML dialects the real boards emit.

Greenhouse wraps the company blurb in `<div class="content-intro">` and uses `<h2><strong>`,
`<p><strong>` or `<h3>` headings; Ashby writes every block as `<p style="min-height:1.5em">`;
Lever splits a posting into opening, body, `lists` of `<li>` items and `additional`; Hacker News
comments are HN HTML (`<p>` separators without closing tags, `&#x2F;`, `&#x27;`, nofollow links).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

LIST_KINDS = ("responsibilities", "requirements", "nice_to_have")
_ASHBY_P = '<p style="min-height:1.5em">'
_URL = re.compile(r"https?://[^\s<>\"']+")


@dataclass(frozen=True, slots=True)
class Section:
    """One part of a description: `kind` is a section id of `pipeline.results.SECTIONS` or
    "eeo" / "compensation"; text is plain (escaped when rendered)."""

    kind: str
    heading: str | None
    paragraphs: tuple[str, ...] = ()
    bullets: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class LeverParts:
    opening: str
    opening_plain: str
    body: str
    body_plain: str
    lists: tuple[tuple[str, str], ...]  # (heading, "<li>..</li>" content)
    additional: str
    additional_plain: str


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _greenhouse_heading(style: str, text: str) -> str:
    if style == "gh_h2":
        return f"<h2><strong>{_e(text)}</strong></h2>"
    if style == "gh_h3":
        return f"<h3>{_e(text)}</h3>"
    return f"<p><strong>{_e(text)}</strong></p>"


def _greenhouse(sections: tuple[Section, ...], style: str) -> str:
    out = []
    for section in sections:
        blocks = []
        if section.heading:
            blocks.append(_greenhouse_heading(style, section.heading))
        blocks.extend(f"<p>{_e(p)}</p>" for p in section.paragraphs)
        if section.bullets:
            items = "\n".join(f"<li>{_e(b)}</li>" for b in section.bullets)
            blocks.append(f"<ul>\n{items}\n</ul>")
        body = "\n".join(blocks)
        if section.kind == "about_company":
            body = f'<div class="content-intro">{body}</div>'
        elif section.kind == "eeo":
            body = f'<div class="content-conclusion">{body}</div>'
        out.append(body)
    return "\n".join(out)


def _ashby(sections: tuple[Section, ...]) -> str:
    out = []
    for section in sections:
        if section.heading:
            out.append(f"{_ASHBY_P}<strong>{_e(section.heading)}</strong></p>")
        out.extend(f"{_ASHBY_P}{_e(p)}</p>" for p in section.paragraphs)
        if section.bullets:
            items = "".join(f"<li>{_ASHBY_P}{_e(b)}</p></li>" for b in section.bullets)
            out.append(f'<ul style="min-height:1.5em">{items}</ul>')
    return "".join(out)


def _lever_blocks(sections: list[Section]) -> tuple[str, str]:
    parts, plain = [], []
    for section in sections:
        if section.heading:
            parts.append(f"<div><b>{_e(section.heading)}</b></div>")
            plain.append(section.heading)
        for paragraph in section.paragraphs:
            parts.append(f"<div>{_e(paragraph)}</div>")
            plain.append(paragraph)
        if section.bullets:
            parts.append("<ul>" + "".join(f"<li>{_e(b)}</li>" for b in section.bullets) + "</ul>")
            plain.extend(f"- {b}" for b in section.bullets)
        parts.append("<div><br></div>")
        plain.append("")
    return "".join(parts), "\n".join(plain)


def lever_parts(sections: tuple[Section, ...]) -> LeverParts:
    """Lever's split: the blurb opens, other prose is the body, bullet sections become `lists`,
    and compensation, benefits and EEO text go to `additional`."""
    opening = [s for s in sections if s.kind == "about_company"]
    lists = [s for s in sections if s.kind in LIST_KINDS]
    tail = [s for s in sections if s.kind in ("compensation", "benefits", "eeo")]
    body = [s for s in sections if s not in opening and s not in lists and s not in tail]
    opening_html, opening_plain = _lever_blocks(opening)
    body_html, body_plain = _lever_blocks(body)
    additional_html, additional_plain = _lever_blocks(tail)
    return LeverParts(
        opening=opening_html,
        opening_plain=opening_plain,
        body=body_html,
        body_plain=body_plain,
        lists=tuple(
            (s.heading or "", "\n" + "".join(f"<li>{_e(b)}</li>\n" for b in s.bullets))
            for s in lists
        ),
        additional=additional_html,
        additional_plain=additional_plain,
    )


def render_lever(parts: LeverParts) -> str:
    """The whole Lever posting as one HTML document, as a scraper would join it."""
    lists = "".join(f"<h3>{_e(heading)}</h3><ul>{items}</ul>" for heading, items in parts.lists)
    return parts.opening + parts.body + lists + parts.additional


def render_html(sections: tuple[Section, ...], style: str) -> str:
    if style == "ashby":
        return _ashby(sections)
    if style == "lever":
        return render_lever(lever_parts(sections))
    return _greenhouse(sections, style)


def render_plain(sections: tuple[Section, ...]) -> str:
    blocks = []
    for section in sections:
        lines = [section.heading] if section.heading else []
        lines.extend(section.paragraphs)
        lines.extend(f"- {b}" for b in section.bullets)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def hn_escape(text: str) -> str:
    """HN's escaping: the HTML specials plus `'` as `&#x27;` and `/` as `&#x2F;`."""
    return html.escape(text, quote=True).replace("/", "&#x2F;")


def _hn_paragraph(text: str) -> str:
    out, last = [], 0
    for match in _URL.finditer(text):
        url = hn_escape(match.group(0))
        out.append(hn_escape(text[last : match.start()]))
        out.append(f'<a href="{url}" rel="nofollow">{url}</a>')
        last = match.end()
    out.append(hn_escape(text[last:]))
    return "".join(out)


def render_hn(paragraphs: tuple[str, ...]) -> str:
    return "<p>".join(_hn_paragraph(p) for p in paragraphs)
