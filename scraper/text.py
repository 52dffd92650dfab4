"""HTML job descriptions to plain text that keeps the structure the skill pipeline relies on.

Headings (and paragraphs that are nothing but bold text) and list items each get a line of their
own, list items prefixed with "- "; paragraphs are separated by one blank line. The spaCy section
detector reads these lines, so a heading must never be glued to the text after it.
A line that starts with a typed bullet ("•", "·", "▪", "–" and the like, also after a line
break inside a paragraph) is a list line too, written "- ".

Sources that build one description from several HTML fragments join them with `join_html`, which
makes each fragment self-contained first: a fragment that ends inside a tag or an attribute (a
trimmed feed does that) can then no longer swallow the fragment after it.
"""

from __future__ import annotations

import enum
import html
import re
import warnings
from collections.abc import Iterable, Iterator

from bs4 import (
    BeautifulSoup,
    Comment,
    Declaration,
    Doctype,
    MarkupResemblesLocatorWarning,
    ProcessingInstruction,
    Tag,
    XMLParsedAsHTMLWarning,
)
from bs4.element import NavigableString

_DROPPED = frozenset({"script", "style", "template", "noscript", "head", "iframe", "svg", "object"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BLOCKS = frozenset(
    {
        "p", "div", "section", "article", "header", "footer", "main", "aside", "nav",
        "blockquote", "figure", "figcaption", "form", "fieldset", "address", "details",
        "summary", "ul", "ol", "dl", "table", "hr", "center",
    }
)  # fmt: skip
_LINES = frozenset({"li", "dt", "dd", "tr", "caption", "pre"})
_BOLD = frozenset({"strong", "b"})
_BOLD_WRAPPERS = frozenset({"span", "em", "i", "u", "font", "a"})
_SKIPPED_STRINGS = (Comment, Declaration, Doctype, ProcessingInstruction)


class _Break(enum.Enum):
    """A structural break between text pieces; `_assemble` turns it into newlines."""

    NONE = "none"
    SPACE = "space"
    LINE = "line"
    BR = "br"  # like LINE, but two in a row make a paragraph break
    BULLET = "bullet"  # a new line starting "- "; breaks before its first text are ignored
    ITEM_END = "item_end"  # closes a BULLET; inside an item, paragraphs are only line breaks
    PARAGRAPH = "paragraph"


_SPACES = re.compile(r"\s+")
# A bullet typed as a character at the start of a line: "•", "▪", "◦", "●", "‣", "∙" (the space
# after it is optional), or "·", "–", "*" followed by a space (so "–5%" or "*args" stay as typed).
_TYPED_BULLET = re.compile(r"^(?:- )?(?:[•▪◦●‣∙]\s*|[·–*]\s+)(?=\S)")
_BULLET_AFTER_BREAK = re.compile(r"\n(?=[^\S\n]*(?:[•▪◦●‣∙]|[·–*]\s))")


def normalize_whitespace(text: str) -> str:
    """Collapse every run of whitespace (including newlines and no-break spaces) to one space."""
    return _SPACES.sub(" ", text).strip()


def normalize_lines(text: str) -> str:
    """Collapse whitespace inside each line, strip lines, keep at most one blank line in a row."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = normalize_whitespace(raw)
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip()


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment or page, one heading or bullet per line (see module doc)."""
    if not markup or not markup.strip():
        return ""
    return _assemble(_pieces(_parse(markup)))


def join_html(fragments: Iterable[str]) -> str:
    """One HTML description from several fragments, each parsed on its own and written back
    well-formed inside a `<div>` of its own (empty fragments are left out). Whatever a fragment
    leaves open (a tag, an attribute, a list) is closed before the next one starts."""
    parts: list[str] = []
    for fragment in fragments:
        if not fragment or not fragment.strip():
            continue
        body = _parse(fragment).body
        inner = body.decode_contents() if body is not None else ""
        if inner.strip():
            parts.append(f"<div>{inner}</div>")
    return "\n".join(parts)


def plain_to_html(text: str) -> str:
    """HTML for plain text: escaped, each line break kept as `<br>`."""
    return "<br>".join(html.escape(line) for line in text.splitlines())


def _parse(markup: str) -> BeautifulSoup:
    # Lone surrogates (possible after json.loads) make the parser fail; they carry no text anyway.
    cleaned = markup.encode("utf-8", "replace").decode("utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(cleaned, "lxml")


def _pieces(root: Tag) -> Iterator[str | _Break]:
    """Walk the tree without recursion (inputs can nest deeply) and yield text and breaks."""
    stack: list[tuple[object, _Break | None]] = [(root, None)]
    while stack:
        node, closing = stack.pop()
        if closing is not None:
            yield closing
            continue
        if isinstance(node, NavigableString):
            if not isinstance(node, _SKIPPED_STRINGS):
                yield from _typed_bullet_lines(str(node))
            continue
        if not isinstance(node, Tag) or node.name in _DROPPED:
            continue
        opening, closing_break = _markers(node)
        yield opening
        if node.name == "pre":
            for line in node.get_text().splitlines():
                yield line
                yield _Break.LINE
            yield closing_break
        else:
            stack.append((node, closing_break))
            stack.extend((child, None) for child in reversed(node.contents))


def _typed_bullet_lines(text: str) -> Iterator[str | _Break]:
    """Text with a line break before each typed bullet turned into a real line break."""
    first, *rest = _BULLET_AFTER_BREAK.split(text)
    yield first
    for line in rest:
        yield _Break.LINE
        yield line


def _markers(tag: Tag) -> tuple[_Break, _Break]:
    """(break before, break after) for one element."""
    name = tag.name
    if name == "br":
        return _Break.BR, _Break.NONE
    if name in _HEADINGS or (name in ("p", "div") and _is_bold_only(tag)):
        return _Break.PARAGRAPH, _Break.PARAGRAPH
    if name == "li":
        return _Break.BULLET, _Break.ITEM_END
    if name in ("ul", "ol") and tag.find_parent("li") is not None:
        return _Break.LINE, _Break.LINE
    if name in ("td", "th"):
        return _Break.SPACE, _Break.SPACE
    if name in _LINES:
        return _Break.LINE, _Break.LINE
    if name in _BLOCKS:
        return _Break.PARAGRAPH, _Break.PARAGRAPH
    return _Break.NONE, _Break.NONE


def _is_bold_only(tag: Tag) -> bool:
    """True when the element's visible content is only bold text (a heading written as <b>)."""
    found_bold = False
    pending: list[Tag] = [tag]
    while pending:
        current = pending.pop()
        for child in current.children:
            if isinstance(child, NavigableString):
                if isinstance(child, _SKIPPED_STRINGS) or not child.strip():
                    continue
                return False
            if not isinstance(child, Tag) or child.name == "br":
                continue
            if child.name in _BOLD:
                found_bold = found_bold or bool(child.get_text(strip=True))
            elif child.name in _BOLD_WRAPPERS:
                pending.append(child)
            else:
                return False
    return found_bold


def _assemble(pieces: Iterator[str | _Break]) -> str:
    """Build lines from pieces: the strongest break between two texts decides newline or blank
    line; whitespace inside text (source formatting) is only a space."""
    lines: list[str] = []
    current: list[str] = []
    pending = _Break.NONE
    bullet = False
    depth = 0  # list items open around the current position
    for piece in pieces:
        if piece is _Break.BULLET:
            pending, bullet, depth = _combine(pending, _Break.LINE), True, depth + 1
        elif piece is _Break.ITEM_END:
            pending, bullet, depth = _combine(pending, _Break.LINE), False, max(0, depth - 1)
        elif piece is _Break.SPACE:
            current.append(" ")
        elif isinstance(piece, _Break):
            # Blocks inside a list item (<li><p>...) must not separate the bullet from its text,
            # nor items from each other.
            if not bullet:
                pending = _combine(pending, piece)
                if depth and pending is _Break.PARAGRAPH:
                    pending = _Break.LINE
        elif not piece.strip():
            current.append(" ")
        else:
            if pending is not _Break.NONE:
                _flush(lines, current, pending)
                current, pending = [], _Break.NONE
            if bullet:
                current.append("- ")
                bullet = False
            current.append(piece)
    _flush(lines, current, _Break.NONE)
    return normalize_lines("\n".join(lines))


def _flush(lines: list[str], current: list[str], pending: _Break) -> None:
    line = _TYPED_BULLET.sub("- ", normalize_whitespace("".join(current)))
    if line:
        lines.append(line)
        if pending is _Break.PARAGRAPH:
            lines.append("")


def _combine(pending: _Break, new: _Break) -> _Break:
    """The break that separates the next text from the previous one."""
    if new is _Break.SPACE or pending is _Break.PARAGRAPH:
        return pending
    if new is _Break.PARAGRAPH or (new is _Break.BR and pending is _Break.BR):
        return _Break.PARAGRAPH
    return new if pending is _Break.NONE else pending
